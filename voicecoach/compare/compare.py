"""Two or more takes side by side: each measure's values, the change from the previous
take and whether it moved toward the target, the findings whose verdict flipped, and the
one thing to work on next."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from voicecoach.compare.phrases import ReferenceComparison, compare_with_reference
from voicecoach.compare.takes import (
    as_report_dict,
    band_of,
    check_comparable,
    folded_findings,
    language_code,
    take_label,
)
from voicecoach.i18n import Msg, localize
from voicecoach.result import Report

__all__ = ["COMPARE_SCHEMA_VERSION", "TakeInfo", "MeasureRow", "Flip", "Comparison",
           "compare", "direction", "distance"]

COMPARE_SCHEMA_VERSION = "1.0"
TOWARD, AWAY, SAME, KEPT = "toward", "away", "same", "kept on target"
_RANK = {"on target": 2, "close": 1, "needs work": 0}
_REL_TOL = 0.01  # changes under 1 % of the value are "same": rounding, not a change


@dataclass(frozen=True)
class TakeInfo:
    """One compared take: its name, file, language, score (None when unscored), length."""

    label: str
    file: str
    language: str | None
    score: int | None
    duration_s: float


@dataclass(frozen=True)
class MeasureRow:
    """One measure across the takes (oldest first).

    ``values`` are in ``unit`` (None where a take has no value); ``verdicts`` likewise
    (None where a take lacks the measure); ``band`` is the target band (lo, hi), None for
    an open side, or None; ``change`` is the latest value minus the previous one;
    ``direction`` says how the latest take moved from the previous one ("toward",
    "away", "same", "kept on target", or "" when it cannot be told), ``overall`` the same
    from the first take (three or more takes only).
    """

    key: str
    guideline: str
    unit: str
    values: tuple[float | None, ...]
    verdicts: tuple[str | None, ...]
    band: tuple[float | None, float | None] | None
    change: float | None
    direction: str
    overall: str = ""

    def to_dict(self) -> dict:
        fin = _r
        return {"key": self.key, "guideline": self.guideline, "unit": self.unit,
                "values": [fin(v) for v in self.values], "verdicts": list(self.verdicts),
                "band": None if self.band is None else {"lo": fin(self.band[0]),
                                                        "hi": fin(self.band[1])},
                "change": fin(self.change), "direction": self.direction,
                "overall": self.overall}


@dataclass(frozen=True)
class Flip:
    """A finding whose verdict changed from the previous take to the latest."""

    key: str
    guideline: str
    before: str
    after: str
    better: bool

    def to_dict(self) -> dict:
        return {"key": self.key, "guideline": self.guideline, "before": self.before,
                "after": self.after, "better": self.better}


@dataclass(frozen=True)
class Comparison:
    """Takes compared, oldest first; ``next_key``/``next_tip`` the latest take's most
    needed change (None when every judged measure is on target); ``reference`` the
    latest take against a trainer's model take, when one was given."""

    takes: tuple[TakeInfo, ...]
    rows: tuple[MeasureRow, ...]
    flips: tuple[Flip, ...]
    next_key: str | None
    next_tip: str
    lang: str
    reference: ReferenceComparison | None = None

    def to_dict(self) -> dict:
        """JSON-ready data (``compare_schema_version``, see docs/json-schema.md)."""
        return {"compare_schema_version": COMPARE_SCHEMA_VERSION, "language": self.lang,
                "takes": [vars(t) for t in self.takes],
                "measures": [r.to_dict() for r in self.rows],
                "flipped": [f.to_dict() for f in self.flips],
                "next": None if self.next_key is None else {"key": self.next_key,
                                                            "tip": self.next_tip},
                "reference": None if self.reference is None else self.reference.to_dict()}


def _r(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, 3)


def _value(f: dict | None) -> float | None:
    if f is None or f.get("verdict") == "not judged" or f.get("measured") is None:
        return None
    return float(f["measured"])


def distance(value: float, band: tuple[float | None, float | None]) -> float:
    """How far ``value`` lies outside ``band`` (lo, hi), in its unit; 0 inside it. An
    open side is None or infinite."""
    lo, hi = band
    lo = -math.inf if lo is None else lo
    hi = math.inf if hi is None else hi
    return max(lo - value, value - hi, 0.0)


def direction(before: dict | None, after: dict | None) -> str:
    """How a measure moved between two takes' findings: "toward" or "away" from its target
    band, "same", "kept on target", or "" when either take did not judge it. Without a
    band the verdicts decide (a checklist step said now and not before is "toward")."""
    v0, v1 = _value(before), _value(after)
    if v0 is None or v1 is None:
        return ""
    band = band_of(after) or band_of(before)
    if band is None:
        r0, r1 = _RANK.get(before["verdict"], 0), _RANK.get(after["verdict"], 0)
        return KEPT if r0 == r1 == 2 else TOWARD if r1 > r0 else AWAY if r1 < r0 else SAME
    d0, d1 = distance(v0, band), distance(v1, band)
    if d0 == d1 == 0.0:
        return KEPT
    tol = _REL_TOL * max(abs(v0), abs(v1), 1.0)
    return TOWARD if d1 < d0 - tol else AWAY if d1 > d0 + tol else SAME


def _msg(value: object) -> object:
    """A saved ``{key, params}`` back as the sentence it was (nested ones too)."""
    if isinstance(value, dict) and set(value) == {"key", "params"}:
        return Msg(value["key"], **{k: _msg(v) for k, v in value["params"].items()})
    if isinstance(value, list):
        return tuple(_msg(v) for v in value)
    return value


def _text(f: dict, name: str, lang: str) -> str:
    """The finding's text ``name`` (guideline, tip, ...) in ``lang``: rendered from its
    catalog key when it has one, else the report's English."""
    keyed = (f.get("text_keys") or {}).get(name)
    if keyed:
        try:
            return localize(_msg(keyed), lang)
        except (KeyError, TypeError, ValueError):  # a sentence this voicecoach lacks
            pass
    return f.get(name, "")


def _guideline(f: dict, lang: str) -> str:
    return _text(f, "guideline", lang) or f["key"]


def _tip(f: dict, lang: str) -> str:
    return _text(f, "tip", lang)


def _row(key: str, folded: list[dict[str, dict]], lang: str) -> MeasureRow:
    fs = [d.get(key) for d in folded]
    last = next(f for f in reversed(fs) if f is not None)
    values = tuple(_value(f) for f in fs)
    change = (values[-1] - values[-2]) if None not in values[-2:] else None
    return MeasureRow(key, _guideline(last, lang), last.get("unit", ""), values,
                      tuple(None if f is None else f["verdict"] for f in fs),
                      band_of(last), change, direction(fs[-2], fs[-1]),
                      direction(fs[0], fs[-1]) if len(fs) > 2 else "")


def _flips(before: dict[str, dict], after: dict[str, dict], lang: str) -> tuple[Flip, ...]:
    out = []
    for key, f in after.items():
        b = before.get(key)
        if b is None or "not judged" in (b["verdict"], f["verdict"]):
            continue
        if b["verdict"] != f["verdict"]:
            out.append(Flip(key, _guideline(f, lang), b["verdict"], f["verdict"],
                            _RANK.get(f["verdict"], 0) > _RANK.get(b["verdict"], 0)))
    return tuple(out)


def compare(takes: Sequence[Report | dict], *, reference: Report | dict | None = None,
            lang: str | None = None) -> Comparison:
    """Compare takes of one agent, oldest first (two or more; a :class:`Report` or its
    ``to_dict()``, e.g. a saved JSON report), and the latest against ``reference``, a
    trainer's model take of the same script, when given.

    ``lang`` is the language of the comparison's texts (default: the takes' report
    language). Raises :class:`voicecoach.compare.takes.CompareError` for takes without
    speech or in different languages.
    """
    data = [as_report_dict(t) for t in takes]
    ref = None if reference is None else as_report_dict(reference)
    if len(data) < 2 and ref is None:
        raise ValueError("compare needs two or more takes, or one take and a reference")
    check_comparable(data + ([ref] if ref is not None else []))
    lang = lang or data[-1].get("report_language") or "en"
    rows: tuple[MeasureRow, ...] = ()
    flips: tuple[Flip, ...] = ()
    folded = [folded_findings(d) for d in data]
    if len(data) >= 2:
        keys = list(dict.fromkeys(k for d in reversed(folded) for k in d))
        rows = tuple(_row(k, folded, lang) for k in keys if not k.startswith("content."))
        flips = _flips(folded[-2], folded[-1], lang)
    latest = data[-1]
    steps = latest.get("next_steps") or []
    by_key = {f["key"]: f for f in latest.get("findings", [])}
    first = by_key.get(steps[0]) if steps else None
    infos = tuple(TakeInfo(take_label(d), str(d.get("file")), language_code(d), d.get("score"),
                           float((d.get("audio") or {}).get("duration_s") or 0.0))
                  for d in data)
    return Comparison(
        infos, rows, flips,
        None if first is None else folded_key(first["key"]),
        "" if first is None else _tip(first, lang), lang,
        None if ref is None else compare_with_reference(ref, latest, lang=lang))


def folded_key(key: str) -> str:
    """The measure a finding belongs to: ``questions.gap.3`` -> ``questions.gap``."""
    head, _, tail = key.rpartition(".")
    return head if head and tail.isdigit() else key
