"""Pauses from the signal alone, for a recording without a usable transcript.

The speaking span runs from the first speech stretch's onset to the last one's offset
(:class:`~voicecoach.measures.activity.Activity`); the pauses are its silences of at
least 250 ms, as for a transcribed take, and the runs between them carry no word count
(their length in seconds is still known).
"""

from __future__ import annotations

import numpy as np

from voicecoach.measures.activity import Activity
from voicecoach.measures.intervals import Interval, gaps
from voicecoach.measures.pauses import PAUSE_MIN_S, PauseMeasures, Run

__all__ = ["signal_pauses"]


def signal_pauses(activity: Activity, *, min_pause_s: float = PAUSE_MIN_S) -> PauseMeasures:
    """Pauses of at least ``min_pause_s`` seconds inside the speech activity's span."""
    if not activity.intervals:
        return PauseMeasures((), 0.0, 0.0, 0.0, 0.0, ())
    span = Interval(activity.intervals[0].start_s, activity.intervals[-1].end_s)
    pauses = tuple(g for g in gaps(activity.intervals, min_gap_s=min_pause_s, within=span)
                   if span.start_s < g.start_s and g.end_s < span.end_s)
    edges = [span.start_s] + [t for p in pauses for t in (p.start_s, p.end_s)] + [span.end_s]
    runs = tuple(Run(a, b, 0) for a, b in zip(edges[0::2], edges[1::2]))
    durations = np.array([p.duration_s for p in pauses])
    minutes = span.duration_s / 60.0
    return PauseMeasures(
        pauses=pauses,
        per_min=len(pauses) / minutes if minutes > 0 else 0.0,
        mean_s=float(durations.mean()) if len(durations) else 0.0,
        longest_s=float(durations.max()) if len(durations) else 0.0,
        mean_words_between=0.0,
        runs=runs,
    )
