"""Silent pauses between words: how often the speaker stops, and for how long."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.measures.activity import Activity, speaking_span
from voicecoach.measures.intervals import Interval, gaps
from voicecoach.measures.words import spoken_word_count
from voicecoach.transcript import Transcript

__all__ = ["PauseMeasures", "Run", "measure_pauses", "PAUSE_MIN_S"]

PAUSE_MIN_S = 0.25


@dataclass(frozen=True)
class Run:
    """Speech between two pauses: ``n_words`` spoken words from ``start_s`` to ``end_s``."""

    start_s: float
    end_s: float
    n_words: int

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class PauseMeasures:
    """Silent pauses of at least 250 ms inside the speaking span.

    Attributes
    ----------
    pauses : tuple of Interval
        Each pause, edges taken from the signal's energy (seconds).
    per_min : float
        Pauses per minute of speaking span.
    mean_s, longest_s : float
        Mean and longest pause in seconds (0 when there are none).
    mean_words_between : float
        Mean spoken words in the runs between pauses.
    longest_run : Run
        The longest run of speech without a pause, by words.
    """

    pauses: tuple[Interval, ...]
    per_min: float
    mean_s: float
    longest_s: float
    mean_words_between: float
    runs: tuple[Run, ...]

    @property
    def count(self) -> int:
        return len(self.pauses)

    @property
    def longest_run(self) -> Run:
        return max(self.runs, key=lambda r: (r.n_words, r.duration_s), default=Run(0.0, 0.0, 0))

    def to_dict(self) -> dict:
        run = self.longest_run
        return {
            "count": self.count,
            "per_min": round(self.per_min, 2),
            "mean_s": round(self.mean_s, 3),
            "longest_s": round(self.longest_s, 3),
            "mean_words_between": round(self.mean_words_between, 2),
            "longest_run": {"start_s": round(run.start_s, 3), "end_s": round(run.end_s, 3),
                            "n_words": run.n_words},
            "pauses": [p.to_dict() for p in self.pauses],
        }


def measure_pauses(transcript: Transcript, activity: Activity, *,
                   min_pause_s: float = PAUSE_MIN_S) -> PauseMeasures:
    """Pauses of at least ``min_pause_s`` seconds between the first and last word."""
    words = transcript.words
    if not words:
        return PauseMeasures((), 0.0, 0.0, 0.0, 0.0, ())
    span = speaking_span(activity.intervals, Interval(words[0].start_s, words[0].end_s),
                         Interval(words[-1].start_s, words[-1].end_s))
    pauses = tuple(g for g in gaps(activity.intervals, min_gap_s=min_pause_s, within=span)
                   if span.start_s < g.start_s and g.end_s < span.end_s)
    runs = _runs(transcript, span, pauses)
    durations = np.array([p.duration_s for p in pauses])
    minutes = span.duration_s / 60.0
    return PauseMeasures(
        pauses=pauses,
        per_min=len(pauses) / minutes if minutes > 0 else 0.0,
        mean_s=float(durations.mean()) if len(durations) else 0.0,
        longest_s=float(durations.max()) if len(durations) else 0.0,
        mean_words_between=float(np.mean([r.n_words for r in runs])) if runs else 0.0,
        runs=runs,
    )


def _runs(transcript: Transcript, span: Interval, pauses: tuple[Interval, ...]) -> tuple[Run, ...]:
    """Split the words into runs at the pauses, each word placed by its midpoint."""
    edges = [span.start_s] + [t for p in pauses for t in (p.start_s, p.end_s)] + [span.end_s]
    bounds = list(zip(edges[0::2], edges[1::2]))
    counts = [0] * len(bounds)
    cuts = np.array([p.mid_s for p in pauses])
    for w in transcript.words:
        counts[int(np.searchsorted(cuts, 0.5 * (w.start_s + w.end_s)))] += spoken_word_count(w.text)
    return tuple(Run(a, b, n) for (a, b), n in zip(bounds, counts) if n > 0)
