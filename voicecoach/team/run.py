"""A folder batch from start to end: find, skip what is done, analyze the rest, write the
tables and the team page. The ``voicecoach batch`` command is a thin client of
:func:`run_folder`."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voicecoach.team.folder import Recording, content_sha256, find_recordings
from voicecoach.team.state import (
    Record,
    load_record,
    recording_key,
    save_record,
    settings_fingerprint,
)

__all__ = ["FolderSummary", "run_folder", "REPORTS_DIR", "DEFAULT_TIME_LIMIT_S"]

REPORTS_DIR = "reports"
DEFAULT_TIME_LIMIT_S = 1800.0
"""A recording still being analyzed after this long is stopped and recorded as failed (a
60 min call takes about 3 min with two threads)."""
_TABLES_EVERY_S = 2.0

Progress = Callable[[int, int, int], None]
"""Called with (recordings done, recordings in all, of them skipped as done before)."""


@dataclass(frozen=True)
class FolderSummary:
    """What a folder batch did.

    Attributes
    ----------
    out : Path
        The output folder: ``results.csv``, ``failures.csv``, ``team.html``, ``reports/``.
    n_found, n_skipped, n_analyzed, n_failed : int
        Recordings found; skipped as already done (analyzed or failed before); analyzed in
        this run; failed (in this run or before).
    wall_s : float
        Seconds the run took.
    peak_mb_per_worker : tuple of float
        Each local worker's peak resident memory, MB (empty on Dask or with nothing to do).
    """

    out: Path
    n_found: int
    n_skipped: int
    n_analyzed: int
    n_failed: int
    wall_s: float
    peak_mb_per_worker: tuple[float, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when no recording failed."""
        return self.n_failed == 0


@dataclass
class _Tables:
    out: Path
    results: dict[str, dict[str, object]] = field(default_factory=dict)  # by file: one row
    failures: dict[str, dict[str, object]] = field(default_factory=dict)
    written_at: float = 0.0

    def add(self, rec: Recording, record: Record) -> None:
        who = {"agent": rec.agent, "file": rec.rel, "date": rec.date}
        if record.ok:
            self.failures.pop(rec.rel, None)
            self.results[rec.rel] = {**who, **record.fields}
        else:
            self.results.pop(rec.rel, None)
            self.failures[rec.rel] = {**who, "reason": record.reason}

    def write(self, *, force: bool = False) -> None:
        from voicecoach.team.table import write_tables

        now = time.monotonic()
        if force or now - self.written_at >= _TABLES_EVERY_S:
            write_tables(self.out, list(self.results.values()), list(self.failures.values()))
            self.written_at = now


def run_folder(
    root: str | os.PathLike,
    out: str | os.PathLike,
    *,
    workers: int | None = None,
    threads_per_worker: int | None = None,
    targets=None,
    model: str | None = None,
    options: dict[str, Any] | None = None,
    agent_pattern=None,
    time_limit_s: float | None = DEFAULT_TIME_LIMIT_S,
    retry_failed: bool = False,
    dask_scheduler: str | None = None,
    progress: Progress | None = None,
    transcriber_factory: Callable[..., Any] | None = None,
    page: bool = True,
) -> FolderSummary:
    """Analyze every recording under ``root`` into ``out``; resumable.

    Parameters
    ----------
    root : path-like
        The team's folder: ``root/<agent>/...`` (or any layout with ``agent_pattern``).
    out : path-like
        The output folder (created if needed); may lie inside ``root`` (it is skipped).
    workers : int > 0, optional
        Local worker processes; default one per core. Each loads the model once.
    threads_per_worker : int > 0, optional
        The cores each worker may keep busy; default the cores shared out among the
        workers (:func:`~voicecoach.team.worker.settings_for_cores`).
    targets : Targets, optional
        Default: the guidance's (``load_targets()``).
    model : str, optional
        The Whisper model (default tiny.en).
    options : dict, optional
        More :func:`voicecoach.pipeline.analyze` options (consonants, channel, language,
        two_party, agent_channel, customer_name).
    agent_pattern : compiled regex, optional
        Names the agent from each file name (:func:`voicecoach.team.folder.agent_regex`).
    time_limit_s : float > 0 or None
        Per recording, local pool only.
    retry_failed : bool
        Analyze again the recordings that failed in an earlier run (else they are
        skipped, and stay in ``failures.csv``).
    dask_scheduler : str, optional
        Run on this Dask cluster (``tcp://host:8786``) instead of local processes.
    progress : callable, optional
        See :data:`Progress`.
    transcriber_factory : callable, optional
        For tests: builds each worker's transcriber (see
        :class:`voicecoach.team.worker.WorkerSettings`).
    page : bool
        Write ``team.html``.

    Raises
    ------
    VoicecoachError
        When ``root`` is not a folder, ``out`` cannot be written, or the model cannot load.
    """
    from voicecoach.assess.targets import load_targets
    from voicecoach.outputs import prepare_output
    from voicecoach.team.pool import default_workers
    from voicecoach.team.worker import settings_for_cores

    started = time.monotonic()
    out = Path(out)
    recordings = find_recordings(root, agent_pattern=agent_pattern, exclude=out)
    prepare_output(out, folder=True)
    targets = targets if targets is not None else load_targets(None)
    options = dict(options or {})
    fingerprint = settings_fingerprint(targets=targets, model=model, options=options)
    tables = _Tables(out)
    todo, n_unreadable, n_failed = _plan(recordings, out, fingerprint, tables,
                                         retry_failed=retry_failed)
    n_skipped = len(recordings) - len(todo) - n_unreadable
    total = len(recordings)
    report = progress or (lambda done, total, skipped: None)
    done = n_skipped + n_unreadable
    report(done, total, n_skipped)
    workers = max(1, workers or default_workers())
    threads = threads_per_worker or max(1, default_workers() // workers)
    settings = settings_for_cores(threads, model=model,
                                  options={"targets": targets, **options},
                                  transcriber_factory=transcriber_factory)
    peaks: dict[int, float] = {}
    n_analyzed = 0
    try:
        for path, value, peak in _outcomes(todo, settings, workers=workers,
                                           time_limit_s=time_limit_s, dask=dask_scheduler):
            rec, key, json_path = todo[path]
            record = _record(key, value, json_path, out)
            save_record(out, record)
            tables.add(rec, record)
            n_analyzed += record.ok
            n_failed += not record.ok
            if peak is not None:
                peaks[peak[0]] = max(peaks.get(peak[0], 0.0), peak[1])
            done += 1
            report(done, total, n_skipped)
            tables.write()
    finally:
        tables.write(force=True)
    if page:
        from voicecoach.outputs import write_atomic
        from voicecoach.report.team import render_team

        write_atomic(out / "team.html", render_team(
            list(tables.results.values()), list(tables.failures.values()), targets=targets))
    return FolderSummary(out, total, n_skipped, n_analyzed, n_failed,
                         time.monotonic() - started, tuple(peaks.values()))


def _plan(recordings: list[Recording], out: Path, fingerprint: str, tables: _Tables, *,
          retry_failed: bool) -> tuple[dict[str, tuple[Recording, str, Path]], int, int]:
    """What is left to do: by path, each recording with its key and report path; the
    done ones (and unreadable files) go into ``tables``. Also returns the number of
    unreadable files and of failures recorded so far."""
    todo: dict[str, tuple[Recording, str, Path]] = {}
    n_unreadable = n_failed = 0
    for rec in recordings:
        json_path = out / REPORTS_DIR / (rec.rel + ".json")
        try:
            key = recording_key(content_sha256(rec.path), fingerprint)
        except OSError as exc:
            tables.add(rec, Record("", False, {}, f"{rec.path}: cannot read the file "
                                   f"({(exc.strerror or str(exc)).lower()})"))
            n_unreadable += 1
            n_failed += 1
            continue
        record = load_record(out, key)
        if record is not None and (record.ok and json_path.is_file() or
                                   not record.ok and not retry_failed):
            tables.add(rec, record)
            n_failed += not record.ok
            continue
        todo[rec.path] = (rec, key, json_path)
    return todo, n_unreadable, n_failed


def _record(key: str, value: Any, json_path: Path, out: Path) -> Record:
    from voicecoach.outputs import write_atomic
    from voicecoach.team.worker import Analyzed

    if isinstance(value, Analyzed):
        if value.json_text is not None:  # analyzed where the output folder is not seen
            json_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(json_path, value.json_text)
        return Record(key, True, value.fields, json_name=json_path.relative_to(out).as_posix())
    return Record(key, False, {}, str(value))


def _outcomes(todo: dict[str, tuple[Recording, str, Path]], settings, *, workers: int,
              time_limit_s: float | None, dask: str | None,
              ) -> Iterator[tuple[str, Any, tuple[int, float] | None]]:
    """(path, Analyzed or failure reason, (worker pid, peak MB) or None) as each finishes."""
    from voicecoach.batch import Failure

    if not todo:
        return
    if dask is not None:
        from voicecoach.team.dask_backend import run_on_dask

        for path, value in run_on_dask(dask, list(todo), settings):
            yield path, value.reason if isinstance(value, Failure) else value, None
        return
    from voicecoach.team.pool import Done, run_jobs
    from voicecoach.team.worker import init_worker, table_job

    for _, _, json_path in todo.values():
        json_path.parent.mkdir(parents=True, exist_ok=True)
    jobs = [(path, str(json_path)) for path, (_, _, json_path) in todo.items()]
    for outcome in run_jobs(jobs, table_job, workers=min(workers, len(jobs)), init=init_worker,
                            init_arg=settings,
                            threads_per_worker=settings.cpu_threads + settings.consonant_thread,
                            time_limit_s=time_limit_s):
        path = outcome.job[0]
        if isinstance(outcome, Done):
            value = outcome.value
            yield (path, value.reason if isinstance(value, Failure) else value,
                   (outcome.pid, outcome.peak_mb))
        else:
            yield path, f"{path}: {outcome.reason}", None
