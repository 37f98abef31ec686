"""A take as a comparison reads it: a report's JSON data (from a fresh analysis or a saved
report), its findings folded to one per measure, and its words with times and pitch."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from voicecoach.errors import VoicecoachError
from voicecoach.result import SCHEMA_VERSION, Report, report_to_dict
from voicecoach.transcript import normalize_word

__all__ = ["CompareError", "TakeWord", "as_report_dict", "read_report", "folded_findings",
           "band_of",
           "take_words", "language_code", "check_comparable", "take_label"]


class CompareError(VoicecoachError):
    """Takes that cannot be compared (different languages, no speech, a newer schema)."""


@dataclass(frozen=True)
class TakeWord:
    """One transcribed word of a take: its normalized text, times in seconds from the start
    of the recording, its median F0 in Hz (NaN when it had no confident voicing), and
    whether it ends a sentence (., ? or ! after it)."""

    text: str
    start_s: float
    end_s: float
    f0_hz: float = float("nan")
    ends_sentence: bool = False


def read_report(path: str | Path) -> dict:
    """A saved report (``voicecoach analyze --json``) as data; one-line errors for a file
    that is unreadable, not a voicecoach report, or written by a newer voicecoach."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not JSON"
        raise CompareError(f"{path}: cannot read the saved report ({reason})") from None
    if not isinstance(data, dict) or "schema_version" not in data or "findings" not in data:
        raise CompareError(f"{path}: not a voicecoach report (no schema_version or findings)")
    return as_report_dict(data, name=str(path))


def as_report_dict(take: Report | dict, *, name: str = "") -> dict:
    """The report data of ``take`` (a :class:`Report` or its ``to_dict()``), checked: a
    newer major schema than this voicecoach reads is an error."""
    data = report_to_dict(take) if isinstance(take, Report) else take
    major = str(data.get("schema_version", "0")).split(".")[0]
    if int(major) > int(SCHEMA_VERSION.split(".")[0]):
        raise CompareError(f"{name or data.get('file')}: written by a newer voicecoach "
                           f"(schema {data['schema_version']}); upgrade voicecoach to read it")
    return data


def band_of(finding: dict | None) -> tuple[float | None, float | None] | None:
    """The target band (lo, hi) a finding's JSON says it was judged against, None for an
    open side; None when it has none (a checklist step, a report before schema 1.6)."""
    band = (finding or {}).get("band")
    if not isinstance(band, dict) or (band.get("lo") is None and band.get("hi") is None):
        return None
    lo, hi = band.get("lo"), band.get("hi")
    return (None if lo is None else float(lo), None if hi is None else float(hi))


def take_label(data: dict) -> str:
    """How a take is named in a comparison: its file name."""
    return Path(str(data.get("file") or "take")).name


def language_code(data: dict) -> str | None:
    """The language the take was heard in ("en", "pl", ...), or None when unknown."""
    heard = data.get("language") or {}
    return heard.get("code") or (data.get("transcript") or {}).get("language") or None


def check_comparable(takes: list[dict]) -> None:
    """Raise :class:`CompareError` unless every take has speech and all share a language."""
    for d in takes:
        if d.get("status") != "ok":
            raise CompareError(f"{take_label(d)}: nothing to compare ({d.get('status')}: "
                               f"{d.get('message') or 'no measures'})")
    codes = {take_label(d): language_code(d) for d in takes}
    if len(set(codes.values())) > 1:
        listed = ", ".join(f"{name} is {code or 'unknown'}" for name, code in codes.items())
        raise CompareError(f"takes in different languages cannot be compared ({listed})")


_WORST_FIRST = ("needs work", "close", "on target", "not judged")


def _worst(findings: list[dict]) -> dict:
    """The finding most in need of work: the worst verdict, then the lowest score, then
    the smallest value (of waits, the shortest)."""
    def need(f: dict) -> tuple:
        rank = _WORST_FIRST.index(f["verdict"]) if f["verdict"] in _WORST_FIRST else 4
        value = f.get("measured")
        return rank, f.get("score") or 0.0, math.inf if value is None else value
    return min(findings, key=need)


def folded_findings(data: dict) -> dict[str, dict]:
    """The take's findings by key, one per measure, in the card's order: the findings of
    one measure repeated per event (``questions.gap.<n>``) fold into one under the bare
    key, the worst of them (the shortest wait), with ``count`` saying how many there were;
    where the measure has its own summary (``twoparty.latency.median``) that stands for
    the events."""
    findings = data.get("findings", [])
    keys = {f["key"] for f in findings}
    out: dict[str, dict] = {}
    repeated: dict[str, list[dict]] = {}
    for f in findings:
        head, _, tail = f["key"].rpartition(".")
        if not (head and tail.isdigit()):
            out[f["key"]] = f
        elif f"{head}.median" not in keys:
            out.setdefault(head, {})  # keeps the place of the measure's first event
            repeated.setdefault(head, []).append(f)
    for head, fs in repeated.items():
        out[head] = {**_worst(fs), "key": head, "count": len(fs)}
    return out


def take_words(data: dict) -> list[TakeWord]:
    """The take's words with times and per-word F0 (NaN where the report has none)."""
    words = (data.get("transcript") or {}).get("words") or []
    pitch = ((data.get("measures") or {}).get("pitch") or {})
    f0 = pitch.get("word_f0_hz") or []
    if len(f0) != len(words):
        f0 = [None] * len(words)
    return [TakeWord(normalize_word(w["text"]), float(w["start_s"]), float(w["end_s"]),
                     math.nan if f is None else float(f),
                     w["text"].rstrip().endswith((".", "?", "!")))
            for w, f in zip(words, f0) if normalize_word(w["text"])]
