"""Progress across takes: each measure's values and verdicts, take after take.

Pure functions over stored report dicts (:func:`voicecoach.result.report_to_dict`). The
question gaps, one finding per question (``questions.gap.<n>``), are folded into one
measure, ``questions.gap``: the take's shortest judged gap, with the worst verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicecoach.history.store import Take

__all__ = ["Point", "Series", "Progress", "Folded", "fold_findings", "progress", "distance",
           "direction", "GAP_KEY", "VERDICT_ORDER"]

GAP_KEY = "questions.gap"
VERDICT_ORDER = ("needs work", "close", "on target", "not judged")
"""Worst first: a folded finding keeps the first of these among its parts."""
NOT_JUDGED = "not judged"

Band = tuple[float | None, float | None]


@dataclass(frozen=True)
class Folded:
    """One measure of one take, after folding the question gaps.

    ``measured`` is in ``unit`` (None when not judged or without a value); ``band`` the
    target's (lo, hi) in ``unit``, None for an open side, or None when the report has none.
    """

    key: str
    label: str
    unit: str
    target: str
    band: Band | None
    measured: float | None
    verdict: str


@dataclass(frozen=True)
class Point:
    """One take's value of one measure: ``value`` in the series' unit, None when there is
    none to plot (not judged, or a checklist step)."""

    take_id: int
    analyzed_at: dt.datetime
    value: float | None
    verdict: str


@dataclass(frozen=True)
class Series:
    """One measure over the takes, oldest first.

    ``band`` is the target band (lo, hi) in ``unit`` from the latest take that has one
    (None for an open side), or None; ``target`` the target in words.
    """

    key: str
    label: str
    unit: str
    target: str
    band: Band | None
    points: tuple[Point, ...]

    @property
    def values(self) -> list[float]:
        """The values to plot, oldest first (points without one left out)."""
        return [p.value for p in self.points if p.value is not None]


@dataclass(frozen=True)
class Progress:
    """Every measure of an agent's takes; ``series`` in the report card's order."""

    n_takes: int
    series: tuple[Series, ...]

    def get(self, key: str) -> Series | None:
        return next((s for s in self.series if s.key == key), None)


def _band(finding: Mapping) -> Band | None:
    band = finding.get("band")
    if not isinstance(band, Mapping):
        return None
    lo, hi = band.get("lo"), band.get("hi")
    if lo is None and hi is None:
        return None
    return (None if lo is None else float(lo), None if hi is None else float(hi))


def _rank(verdict: str) -> int:
    return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)


def fold_findings(report: Mapping) -> dict[str, Folded]:
    """A report's findings by key, the question gaps folded into ``questions.gap``.

    The folded gap's ``measured`` is the shortest of the gaps that were judged, seconds;
    its verdict the worst of all of them; its band the first one given.
    """
    out: dict[str, Folded] = {}
    gaps = [f for f in report.get("findings", ()) if f["key"].startswith(GAP_KEY + ".")]
    for f in report.get("findings", ()):
        if f["key"].startswith(GAP_KEY + "."):
            if GAP_KEY not in out:
                out[GAP_KEY] = _fold_gaps(gaps)
            continue
        judged = f["verdict"] != NOT_JUDGED
        out[f["key"]] = Folded(f["key"], f.get("guideline", f["key"]), f.get("unit", ""),
                               f.get("target", ""), _band(f),
                               f.get("measured") if judged else None, f["verdict"])
    return out


def _fold_gaps(gaps: Sequence[Mapping]) -> Folded:
    judged = [f["measured"] for f in gaps
              if f["verdict"] != NOT_JUDGED and f.get("measured") is not None]
    worst = min((f["verdict"] for f in gaps), key=_rank)
    first = gaps[0]
    band = next((b for b in map(_band, gaps) if b is not None), None)
    return Folded(GAP_KEY, first.get("guideline", GAP_KEY), first.get("unit", "s"),
                  first.get("target", ""), band, min(judged) if judged else None, worst)


def progress(takes: Iterable[Take]) -> Progress:
    """Each measure's series over ``takes`` (taken in the order given: oldest first).

    Checklist steps (``content.*``) and findings not judged keep their verdicts but have
    no value.
    """
    takes = list(takes)
    points: dict[str, list[Point]] = {}
    latest: dict[str, Folded] = {}
    bands: dict[str, Band] = {}
    for take in takes:
        for key, f in fold_findings(take.report).items():
            value = None if key.startswith("content.") else f.measured
            points.setdefault(key, []).append(
                Point(take.id, take.analyzed_at, value, f.verdict))
            latest[key] = f
            if f.band is not None:
                bands[key] = f.band
    series = tuple(Series(k, latest[k].label, latest[k].unit, latest[k].target, bands.get(k),
                          tuple(pts)) for k, pts in points.items())
    return Progress(len(takes), series)


def distance(value: float, band: Band) -> float:
    """How far ``value`` is outside ``band`` (0 inside it), in the value's unit."""
    lo, hi = band
    if lo is not None and value < lo:
        return lo - value
    if hi is not None and value > hi:
        return value - hi
    return 0.0


def direction(previous: float, latest: float, band: Band | None) -> str:
    """How ``latest`` moved from ``previous`` against the band: "on target" (inside it),
    "toward", "away", "same"; without a band "up", "down" or "same"."""
    if band is None:
        return "up" if latest > previous else "down" if latest < previous else "same"
    before, now = distance(previous, band), distance(latest, band)
    if now == 0.0:
        return "on target"
    return "toward" if now < before else "away" if now > before else "same"
