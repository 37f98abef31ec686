"""A take's report card as the page shows it: JSON-ready pieces, texts in the report's
language, every text plain (the page puts it in with ``textContent``, never as HTML)."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from voicecoach.i18n import localize
from voicecoach.report import format_measured, language_of, verdict_text

if TYPE_CHECKING:
    from voicecoach.result import Report

__all__ = ["card", "events"]


def _finding(f, lang: str) -> dict:
    return {"key": f.key, "group": f.group, "verdict": f.verdict,
            "verdict_text": verdict_text(f.verdict, lang),
            "guideline": localize(f.guideline, lang),
            "measured": format_measured(f, lang) if f.judged else "",
            "target": localize(f.target, lang), "detail": localize(f.detail, lang),
            "tip": localize(f.tip, lang),
            "where": [[round(a, 2), round(b, 2)] for a, b in f.where][:12]}


def events(data: dict) -> list[dict]:
    """The moments to jump to, in time order, from a report's JSON: each pause, each
    question with the wait after it, each clipped word.

    Each is ``{"kind": "pause" | "question" | "clipped", "start_s", "end_s", "label"}``.
    """
    m = data.get("measures") or {}
    out = []
    for p in (m.get("pauses") or {}).get("pauses", []):
        out.append({"kind": "pause", "start_s": p["start_s"], "end_s": p["end_s"],
                    "label": f"pause {p['end_s'] - p['start_s']:.1f} s"})
    for q in (m.get("questions") or {}).get("questions", []):
        out.append({"kind": "question", "start_s": max(0.0, q["end_s"] - 2.5),
                    "end_s": q["end_s"] + q["gap_s"],
                    "label": f"“{q['text']}” then {q['gap_s']:.1f} s"})
    for w in (m.get("consonants") or {}).get("clipped", []):
        out.append({"kind": "clipped", "start_s": w["start_s"],
                    "end_s": w.get("consonant_start_s") or w["start_s"],
                    "label": f"clipped “{w['word']}”"})
    return sorted(out, key=lambda e: e["start_s"])


def card(report: Report, data: dict, *, lang: str | None = None,
         timeline: bool = True) -> dict:
    """The report card of one take.

    Parameters
    ----------
    report : Report
        The analysis.
    data : dict
        Its JSON (:func:`voicecoach.result.report_to_dict`), for the moments to jump to.
    lang : str, optional
        The card's language; default the report's.
    timeline : bool
        Draw the timeline figure (a PNG data URL).

    Returns
    -------
    dict
        ``score`` (None when not scored), ``message``, ``retake``, ``next_steps`` (the
        tips, at most three), ``findings`` (how, then ``said``: the opening's steps),
        ``timeline_png`` (data URL or None), ``events``, ``transcript``, ``duration_s``,
        ``warnings``, ``language``.
    """
    lang = language_of(report, lang)
    a = report.assessment
    findings = [] if a is None else [_finding(f, lang) for f in a.findings]
    png = None
    if timeline and report.measures is not None:
        from voicecoach.report.plots import timeline_png

        png = "data:image/png;base64," + base64.b64encode(
            timeline_png(report, dpi=80, lang=lang)).decode()
    return {
        "score": report.score,
        "message": localize(report.message or (a.message if a else ""), lang),
        "retake": "" if a is None or report.score is not None else localize(a.retake, lang),
        "next_steps": [] if a is None else [localize(f.tip, lang) for f in a.next_steps],
        "findings": [f for f in findings if f["group"] != "content"],
        "said": [f for f in findings if f["group"] == "content"],
        "timeline_png": png,
        "events": events(data),
        "transcript": report.transcript.text,
        "duration_s": round(report.duration_s, 2),
        "warnings": [localize(w, lang) for w in report.warnings],
        "language": lang,
    }
