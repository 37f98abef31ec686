"""Progress across takes: each measure's values and verdicts, take after take.

Pure functions over stored report dicts (:func:`voicecoach.result.report_to_dict`). The
question gaps, one finding per question (``questions.gap.<n>``), are folded into one
measure, ``questions.gap``: the take's worst wait (the shortest, or dead air).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.compare.compare import distance
from voicecoach.compare.takes import band_of, folded_findings

if TYPE_CHECKING:
    from voicecoach.history.store import Take

__all__ = ["Point", "Series", "Progress", "Folded", "fold_findings", "progress", "direction"]

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


def fold_findings(report: Mapping) -> dict[str, Folded]:
    """A report's findings by key, one per measure (the question gaps folded into
    ``questions.gap``, the take's worst wait: see
    :func:`voicecoach.compare.takes.folded_findings`)."""
    return {key: Folded(key, f.get("guideline", key), f.get("unit", ""), f.get("target", ""),
                        band_of(f), f.get("measured") if f["verdict"] != NOT_JUDGED else None,
                        f["verdict"])
            for key, f in folded_findings(dict(report)).items()}


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


def direction(previous: float, latest: float, band: Band | None) -> str:
    """How ``latest`` moved from ``previous`` against the band: "on target" (inside it),
    "toward", "away", "same"; without a band "up", "down" or "same"."""
    if band is None:
        return "up" if latest > previous else "down" if latest < previous else "same"
    before, now = distance(previous, band), distance(latest, band)
    if now == 0.0:
        return "on target"
    return "toward" if now < before else "away" if now > before else "same"
