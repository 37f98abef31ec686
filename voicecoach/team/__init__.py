"""A trainer's batch: a folder of a team's recordings becomes one table and one page.

:func:`voicecoach.team.run.run_folder` finds the recordings (:mod:`.folder`), skips
those already analyzed with the same content, targets and model (:mod:`.state`),
analyzes the rest on a local process pool (:mod:`.pool`, :mod:`.worker`) or a Dask
cluster (:mod:`.dask_backend`), and writes the per-recording JSON, ``results.csv``,
``failures.csv`` (:mod:`.table`) and ``team.html`` (:mod:`voicecoach.report.team`).

Nothing here is imported by ``import voicecoach``; the modules import numpy and the
pipeline only where they run an analysis.
"""
