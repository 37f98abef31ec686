"""The terminal report card: score first, then findings, then three things to change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.assess.assess import CLOSE, NEEDS_WORK, NOT_JUDGED, ON_TARGET
from voicecoach.report import call_lines, format_measured

if TYPE_CHECKING:
    from voicecoach.assess.assess import Finding
    from voicecoach.result import Report

__all__ = ["render"]

NOT_MEASURED = "not measured"
_SOURCES = {"given": "given", "detected": "detected", "english check": "checked"}
_MARK = {ON_TARGET: "✓", CLOSE: "~", NEEDS_WORK: "✗", NOT_JUDGED: "–"}
_WIDTH = 78


def _where(f: Finding) -> str:
    if not f.where:
        return ""
    spans = [f"{a:.1f}s" if f"{a:.1f}" == f"{b:.1f}" else f"{a:.1f}-{b:.1f}s"
             for a, b in f.where[:4]]
    more = f" +{len(f.where) - 4} more" if len(f.where) > 4 else ""
    return "at " + ", ".join(spans) + more


def _language_line(report: Report) -> list[str]:
    """"Language: Polish (detected, probability 0.97; model base)", or none for English
    checked by the English model (the usual case says nothing)."""
    heard = getattr(report, "language", None)
    if heard is None or heard.source == "english check":
        return []
    from voicecoach.transcript.language import language_name

    how = _SOURCES.get(heard.source, heard.source)
    if heard.source == "detected" and heard.probability > 0:
        how += f", probability {heard.probability:.2f}"
    return [f"Language: {language_name(heard.language)} ({how}; model {heard.model})"]


def render(report: Report, *, color: bool = False) -> str:
    """The report card as text lines (ANSI colour when ``color``)."""

    def paint(text: str, verdict: str) -> str:
        if not color:
            return text
        code = {ON_TARGET: "32", CLOSE: "33", NEEDS_WORK: "31", NOT_JUDGED: "90"}[verdict]
        return f"\033[{code}m{text}\033[0m"

    a = report.audio
    lines = [f"voicecoach report card: {a.name} ({a.duration_s:.1f} s)", "=" * _WIDTH]
    lines += _language_line(report)
    for w in report.warnings:
        lines.append(f"note: {w}")
    if report.assessment is None:
        lines.append(report.message or report.status)
        return "\n".join(lines) + "\n"
    score = report.assessment.score
    if score is None:  # too short to score: one line says so
        lines += [report.assessment.message, ""]
    else:
        verdict = ON_TARGET if score >= 80 else CLOSE if score >= 60 else NEEDS_WORK
        lines += [paint(f"Score: {score}/100", verdict), ""]
    for f in report.assessment.findings:
        mark = paint(_MARK[f.verdict], f.verdict)
        label = NOT_MEASURED if f.detail.startswith(NOT_MEASURED) else NOT_JUDGED
        shown = format_measured(f) if f.judged else paint(label, f.verdict)
        pad = " " * max(0, 12 - len(format_measured(f) if f.judged else label))
        target = f"   target {f.target}" if f.target else ""
        lines.append(f" {mark} {f.guideline:<42} {pad}{shown}{target}")
        detail = "; ".join(x for x in (f.detail, _where(f)) if x)
        if detail:
            lines.append(f"     {detail}")
    if (report.measures is not None and report.measures.consonants is None
            and report.measures.language == "en"):
        lines.append("   Final consonants: not analyzed (the score leaves them out)")
    extra = call_lines(report)
    if extra:
        lines += ["", *extra]
    steps = report.assessment.next_steps
    lines += ["", f"Next take: {report.assessment.retake}" if score is None else
              "Next take:" if steps else "Next take: keep doing what you did."]
    for i, f in enumerate(steps, 1):
        lines.append(f" {i}. {f.tip}")
    lines += ["", f"Transcript: {report.transcript.text}"]
    return "\n".join(lines) + "\n"
