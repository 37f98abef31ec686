"""The terminal report card: score first, then findings, then three things to change.

Written in the agent's language (``lang``: "en", "pl", "ko"; by default the language the
recording was heard in where there is a translation, else English).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.assess.assess import CLOSE, NEEDS_WORK, NOT_JUDGED, ON_TARGET
from voicecoach.i18n import localize, text
from voicecoach.report import call_lines, display_width, format_measured, language_of, ljust

if TYPE_CHECKING:
    from voicecoach.assess.assess import Finding
    from voicecoach.result import Report

__all__ = ["render"]

NOT_MEASURED = "not measured"
_SOURCES = {"given": "card.how.given", "detected": "card.how.detected",
            "english check": "card.how.checked"}
_MARK = {ON_TARGET: "✓", CLOSE: "~", NEEDS_WORK: "✗", NOT_JUDGED: "–"}
_WIDTH = 78


def _where(f: Finding, lang: str = "en") -> str:
    if not f.where:
        return ""
    spans = ", ".join(
        text("card.at", lang, start_s=a) if f"{a:.1f}" == f"{b:.1f}" else
        text("card.span", lang, start_s=a, end_s=b) for a, b in f.where[:4])
    if len(f.where) > 4:
        return text("card.where_more", lang, spans=spans, more=len(f.where) - 4)
    return text("card.where", lang, spans=spans)


def _language_line(report: Report, lang: str = "en") -> list[str]:
    """"Language: Polish (detected, probability 0.97; model base)", or none for English
    checked by the English model (the usual case says nothing)."""
    heard = getattr(report, "language", None)
    if heard is None or heard.source == "english check":
        return []
    from voicecoach.assess.language import language_label
    from voicecoach.transcript.language import language_name

    key = _SOURCES.get(heard.source)
    how = text(key, lang) if key else heard.source
    if heard.source == "detected" and heard.probability > 0:
        how = text("card.how.detected_p", lang, p=heard.probability)
    name = localize(language_label(heard.language, language_name(heard.language)), lang)
    return [text("card.language", lang, language=name, how=how, model=heard.model)]


def _finding_lines(findings, paint, lang: str, *, compact: bool = False) -> list[str]:
    """Each finding's line (mark, guideline, value, target) and its detail line; the
    ``compact`` lines of the checklist leave out the target and the times (the detail
    quotes what was said and when)."""
    lines, last = [], ""
    for f in findings:
        mark = paint(_MARK[f.verdict], f.verdict)
        label = text("verdict.not_measured" if f.detail.startswith(NOT_MEASURED) else
                     "verdict.not_judged", lang)
        value = format_measured(f, lang) if f.judged else label
        shown = value if f.judged else paint(label, f.verdict)
        pad = " " * max(0, 12 - display_width(value))
        target = ("   " + text("card.target", lang, target=localize(f.target, lang))
                  if f.target and not compact else "")
        lines.append(f" {mark} {ljust(localize(f.guideline, lang), 42)} {pad}{shown}{target}")
        where = "" if compact else _where(f, lang)
        detail = "; ".join(x for x in (localize(f.detail, lang), where) if x)
        if detail and not (compact and detail == last):  # a reason shared is said once
            lines.append(f"     {detail}")
        last = detail
    return lines


def render(report: Report, *, color: bool = False, lang: str | None = None) -> str:
    """The report card as text lines (ANSI colour when ``color``), in ``lang``."""
    lang = language_of(report, lang)

    def paint(s: str, verdict: str) -> str:
        if not color:
            return s
        code = {ON_TARGET: "32", CLOSE: "33", NEEDS_WORK: "31", NOT_JUDGED: "90"}[verdict]
        return f"\033[{code}m{s}\033[0m"

    a = report.audio
    lines = [text("card.title", lang, name=a.name, duration_s=a.duration_s), "=" * _WIDTH]
    lines += _language_line(report, lang)
    for w in report.warnings:
        lines.append(text("card.note", lang, note=localize(w, lang)))
    if report.assessment is None:
        lines.append(localize(report.message or report.status, lang))
        return "\n".join(lines) + "\n"
    score = report.assessment.score
    if score is None:  # too short to score: one line says so
        lines += [localize(report.assessment.message, lang), ""]
    else:
        verdict = ON_TARGET if score >= 80 else CLOSE if score >= 60 else NEEDS_WORK
        lines += [paint(text("card.score", lang, score=score), verdict), ""]
    findings = report.assessment.findings
    lines += _finding_lines([f for f in findings if f.group != "content"], paint, lang)
    said = [f for f in findings if f.group == "content"]
    if said:
        lines += ["", text("card.content", lang)]
        lines += _finding_lines(said, paint, lang, compact=True)
    if (report.measures is not None and report.measures.consonants is None
            and report.measures.language == "en"):
        lines.append("   " + text("card.consonants_off", lang))
    extra = call_lines(report, lang)
    if extra:
        lines += ["", *extra]
    steps = report.assessment.next_steps
    lines += ["", f"{text('card.next', lang)} {localize(report.assessment.retake, lang)}"
              if score is None else text("card.next" if steps else "card.next_keep", lang)]
    for i, f in enumerate(steps, 1):
        lines.append(f" {i}. {localize(f.tip, lang)}")
    lines += ["", text("card.transcript", lang, text=report.transcript.text)]
    return "\n".join(lines) + "\n"
