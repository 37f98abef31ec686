"""Interval algebra on the time line, written once.

Pauses, question gaps and response latencies are all gaps between intervals of
speech; this module is the single place that computes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Interval", "merge", "gaps", "from_mask", "covered", "total_s"]


@dataclass(frozen=True, order=True)
class Interval:
    """A stretch of time ``[start_s, end_s)`` in seconds."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def mid_s(self) -> float:
        return 0.5 * (self.start_s + self.end_s)

    def overlaps(self, other: Interval) -> bool:
        return self.start_s < other.end_s and other.start_s < self.end_s

    def overlap_s(self, other: Interval) -> float:
        return max(0.0, min(self.end_s, other.end_s) - max(self.start_s, other.start_s))

    def contains(self, t_s: float) -> bool:
        return self.start_s <= t_s < self.end_s

    def to_dict(self) -> dict[str, float]:
        return {"start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3)}


def merge(intervals: Iterable[Interval], *, collar_s: float = 0.0) -> list[Interval]:
    """Sort and merge intervals that overlap or lie within ``collar_s`` seconds of each other."""
    out: list[Interval] = []
    for iv in sorted(intervals):
        if out and iv.start_s <= out[-1].end_s + collar_s:
            if iv.end_s > out[-1].end_s:
                out[-1] = Interval(out[-1].start_s, iv.end_s)
        else:
            out.append(iv)
    return out


def gaps(
    intervals: Iterable[Interval],
    *,
    min_gap_s: float = 0.0,
    within: Interval | None = None,
) -> list[Interval]:
    """The silences between (merged) intervals that last at least ``min_gap_s`` seconds.

    Parameters
    ----------
    intervals : iterable of Interval
        Stretches of activity, in any order, possibly overlapping.
    min_gap_s : float >= 0
        Shorter gaps are dropped.
    within : Interval, optional
        If given, gaps before the first or after the last interval up to its edges
        are included too, and everything is clipped to it.
    """
    merged = merge(intervals)
    if within is not None:
        merged = [
            Interval(max(iv.start_s, within.start_s), min(iv.end_s, within.end_s))
            for iv in merged
            if iv.end_s > within.start_s and iv.start_s < within.end_s
        ]
        edges = [within.start_s] + [t for iv in merged for t in (iv.start_s, iv.end_s)]
        edges.append(within.end_s)
    else:
        edges = [t for iv in merged for t in (iv.start_s, iv.end_s)][1:-1]
    out = []
    for a, b in zip(edges[0::2], edges[1::2]):
        if b - a >= min_gap_s and b > a:
            out.append(Interval(a, b))
    return out


def from_mask(mask: np.ndarray, hop_s: float, *, offset_s: float = 0.0) -> list[Interval]:
    """Turn a boolean frame mask into intervals; frame ``i`` covers ``[i*hop_s, (i+1)*hop_s)``."""
    m = np.asarray(mask, dtype=bool)
    if m.size == 0:
        return []
    d = np.diff(np.concatenate([[False], m, [False]]).astype(np.int8))
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    return [Interval(offset_s + s * hop_s, offset_s + e * hop_s) for s, e in zip(starts, ends)]


def covered(times_s: np.ndarray, spans_s: Sequence[tuple[float, float]], *,
            collar_s: float = 0.0, empty: bool = False) -> np.ndarray:
    """Boolean mask of the ``times_s`` (s, ascending) inside any (start_s, end_s) span
    widened by ``collar_s`` on both sides, ends included; all ``empty`` without spans."""
    times_s = np.asarray(times_s, dtype=np.float64)
    if len(spans_s) == 0:
        return np.full(len(times_s), empty)
    spans = np.asarray(spans_s, dtype=np.float64)
    order = np.argsort(spans[:, 0])
    starts = spans[order, 0] - collar_s
    ends = np.maximum.accumulate(spans[order, 1] + collar_s)
    i = np.searchsorted(starts, times_s, side="right") - 1
    return (i >= 0) & (times_s <= ends[np.maximum(i, 0)])


def total_s(intervals: Sequence[Interval]) -> float:
    """Summed duration of (merged) intervals in seconds."""
    return float(sum(iv.duration_s for iv in merge(intervals)))
