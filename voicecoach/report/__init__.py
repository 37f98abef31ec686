"""Reports: terminal report card, versioned JSON, HTML page, plots."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from voicecoach.i18n import localize, report_language, text

if TYPE_CHECKING:
    from voicecoach.assess.assess import Finding

__all__ = ["format_measured", "call_lines", "language_of", "verdict_text", "display_width",
           "ljust", "rjust"]

_UNITS = {"share": "unit.share", "wpm": "unit.wpm", "s": "unit.s", "st": "unit.st",
          "per min": "unit.per_min", "syllables/s": "unit.sps", "x": "unit.x",
          "st vs baseline": "unit.st_vs_baseline"}
_COUNTS = {"words": "unit.words", "times": "unit.times", "uses": "unit.uses",
           "phrases": "unit.phrases"}
_STEP = {1.0: "unit.step.said", 0.5: "unit.step.partly", 0.0: "unit.step.missing"}
_VERDICTS = {"on target": "verdict.on_target", "close": "verdict.close",
             "needs work": "verdict.needs_work", "not judged": "verdict.not_judged",
             "not measured": "verdict.not_measured"}


def language_of(report, lang: str | None = None) -> str:
    """The language to write ``report`` in: ``lang`` when given, else the language the
    recording was heard in where there is a translation, else English."""
    heard = getattr(report, "language", None)
    return report_language(lang, None if heard is None else heard.language)


def verdict_text(verdict: str, lang: str = "en") -> str:
    """A verdict ("needs work") in ``lang``."""
    key = _VERDICTS.get(verdict)
    return text(key, lang) if key else verdict


def display_width(s: str) -> int:
    """Terminal columns ``s`` takes: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def ljust(s: str, width: int) -> str:
    """``s`` padded on the right to ``width`` terminal columns (wide characters count 2)."""
    return s + " " * max(0, width - display_width(s))


def rjust(s: str, width: int) -> str:
    """``s`` padded on the left to ``width`` terminal columns."""
    return " " * max(0, width - display_width(s)) + s


def format_measured(f: Finding, lang: str = "en") -> str:
    """A finding's measured value in its unit, rounded the way people read it."""
    if f.unit == "step" and f.measured in _STEP:
        return text(_STEP[f.measured], lang)
    if f.unit in _COUNTS and f.measured == int(f.measured):
        return text(_COUNTS[f.unit], lang, value=int(f.measured))
    if f.unit == "words":
        return text("unit.words_mean", lang, value=f.measured)
    if f.unit in _UNITS:
        return text(_UNITS[f.unit], lang, value=f.measured)
    return f"{f.measured:.1f} {f.unit}"


def call_lines(report, lang: str = "en") -> list[str]:
    """A two-party report's extra lines: who is on which channel, the turn-by-turn waits,
    overlaps and backchannels, the customer's words; none for a one-party report."""
    tp = getattr(report, "two_party", None)
    if tp is None or tp.turns is None:
        return []
    m = tp.turns
    median = m.median_latency_s
    channel = (text(f"call.channel.{tp.agent_channel}", lang)
               if tp.agent_channel in ("left", "right") else str(tp.agent_channel))
    common = {"channel": channel, "chosen_by": localize(tp.chosen_by, lang),
              "turns": sum(t.party == "customer" for t in m.turns),
              "answered": len(m.latencies)}
    lines = [text("call.summary", lang, **common) if median is None else
             text("call.summary_median", lang, median_s=median, **common)]
    theirs = sum(b.party == "customer" for b in m.backchannels)
    lines.append("  " + text("call.overlaps", lang, overlaps=len(m.overlaps),
                             yours=len(m.agent_overlaps), theirs=theirs,
                             mine=len(m.backchannels) - theirs))
    waits = [text("call.wait", lang, end_s=lat.customer_end_s, wait_s=lat.latency_s)
             for lat in m.latencies]
    if waits:
        shown = "  ".join(waits[:10])
        lines.append("  " + (text("call.waits", lang, waits=shown) if len(waits) <= 10 else
                             text("call.waits_more", lang, waits=shown, more=len(waits) - 10)))
    if tp.customer_transcript is not None and tp.customer_transcript.words:
        lines.append(text("call.customer", lang, text=tp.customer_transcript.text))
    return lines
