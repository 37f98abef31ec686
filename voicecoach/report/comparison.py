"""The comparison of takes in the terminal: each measure across the takes with its
direction, the verdicts that flipped, the trainer's take phrase by phrase, and the one
thing to work on next (written in the comparison's language)."""

from __future__ import annotations

from types import SimpleNamespace

from voicecoach.compare import Comparison, MeasureRow
from voicecoach.compare.phrases import ReferenceComparison
from voicecoach.i18n import format_number, text
from voicecoach.report import display_width, format_measured, ljust, rjust, verdict_text

__all__ = ["render", "render_reference", "title", "value_text", "direction_text", "MARK"]

MARK = {"on target": "✓", "close": "~", "needs work": "✗", "not judged": "–"}
_DIRECTION = {"toward": "compare.toward", "away": "compare.away", "same": "compare.same",
              "kept on target": "compare.kept"}
_ARROW = {"toward": "↑", "away": "↓", "same": "=", "kept on target": "✓"}
_WIDTH = 78
_COLUMN = 15


def value_text(value: float | None, unit: str, lang: str) -> str:
    """A measure's value in its unit as the report card writes it ("–" when none)."""
    if value is None:
        return "–"
    return format_measured(SimpleNamespace(measured=value, unit=unit), lang)


def direction_text(direction: str, lang: str) -> str:
    """"toward the target" and the others in ``lang`` ("" when unknown)."""
    return text(_DIRECTION[direction], lang) if direction in _DIRECTION else ""


def _change(row: MeasureRow, lang: str) -> str:
    """The latest change with its sign, as the unit is read ("+2,0" in Polish); "" for a
    measure kept on target or without a number."""
    if row.change is None or row.unit == "step" or row.direction == "kept on target":
        return ""
    if row.unit == "share":
        return ("+" if row.change >= 0 else "") + format_number(100 * row.change, ".0f",
                                                                lang) + "% "
    sign = "+" if row.change >= 0 else ""
    return sign + format_number(row.change, ".0f" if row.unit == "wpm" else ".1f", lang) + " "


def _label(guideline: str, width: int) -> str:
    if display_width(guideline) <= width:
        return ljust(guideline, width)
    cut = guideline
    while display_width(cut) > width - 1:
        cut = cut[:-1]
    return ljust(cut + "…", width)


def _row_lines(row: MeasureRow, lang: str, paint, width: int) -> list[str]:
    cells = []
    for value, verdict in zip(row.values, row.verdicts):
        cell = value_text(value, row.unit, lang) if value is not None else ""
        mark = MARK.get(verdict or "", " ")
        cells.append(" " + rjust(cell, _COLUMN - 3) + " " + paint(mark, verdict))
    lines = [f" {_label(row.guideline, width)}{''.join(cells)}"]
    moved = direction_text(row.direction, lang)
    if moved:
        since = direction_text(row.overall, lang)
        extra = "; " + text("compare.since_first", lang, direction=since) if since else ""
        lines.append(f"     {_ARROW[row.direction]} {_change(row, lang)}{moved}{extra}")
    return lines


def _s(seconds: float, lang: str, anchored: bool = True) -> str:
    """Seconds as the card writes them; "≈" before a length timed from word times alone."""
    return ("" if anchored else "≈") + text("unit.s", lang, value=seconds)


def _reference_lines(ref: ReferenceComparison, lang: str) -> list[str]:
    lines = [text("compare.reference", lang, name=ref.reference, matched=ref.matched_words,
                  total=ref.reference_words)]
    if ref.message:
        return lines + [f" {ref.message}"]
    head = (f" {ljust(text('compare.phrase', lang), 40)}"
            f"{rjust(text('compare.trainer', lang), 9)}{rjust(text('compare.you', lang), 9)}"
            f"   {text('compare.pause_after', lang)}")
    lines.append(head)
    for p in ref.phrases:
        if p.take is None:
            continue
        shown = p.text if len(p.text) <= 38 else p.text[:37] + "…"
        pause = ("" if p.reference.pause_after_s is None or p.take.pause_after_s is None else
                 f"   {_s(p.reference.pause_after_s, lang)} / {_s(p.take.pause_after_s, lang)}")
        lines.append(f" {ljust(shown, 40)}{rjust(_s(p.reference.duration_s, lang), 9)}"
                     f"{rjust(_s(p.take.duration_s, lang, p.take.anchored), 9)}{pause}")
    if not ref.differences:
        return lines + [" " + text("compare.no_differences", lang)]
    return lines + [f" {i}. {d.message}" for i, d in enumerate(ref.differences, 1)]


def render_reference(ref: ReferenceComparison, lang: str) -> str:
    """A take against the trainer's, phrase by phrase, as text lines (for a report card)."""
    return "\n".join(_reference_lines(ref, lang)) + "\n"


def title(c: Comparison) -> str:
    """"voicecoach comparison: 3 takes", or with one take "... against the trainer's"."""
    if len(c.takes) == 1:
        return text("compare.title_reference", c.lang, name=c.takes[0].label)
    return text("compare.title", c.lang, n=len(c.takes))


def render(c: Comparison, *, color: bool = False) -> str:
    """The comparison as text lines (ANSI colour when ``color``)."""
    lang = c.lang

    def paint(s: str, verdict: str | None) -> str:
        code = {"on target": "32", "close": "33", "needs work": "31"}.get(verdict or "")
        return f"\033[{code}m{s}\033[0m" if color and code else s

    n = len(c.takes)
    lines = [title(c), "=" * _WIDTH]
    for i, take in enumerate(c.takes, 1):
        score = "–" if take.score is None else f"{take.score}/100"
        lines.append(f" {text('compare.take', lang, n=i)}: {take.label}  "
                     f"({text('compare.score', lang)} {score})")
    if c.rows:
        width = max(24, _WIDTH - 1 - n * _COLUMN)
        heads = "".join(rjust(text("compare.take", lang, n=i), _COLUMN - 2) + "  "
                        for i in range(1, n + 1))
        lines += ["", f" {' ' * width}{heads}"]
        for row in c.rows:
            lines += _row_lines(row, lang, paint, width)
        lines += ["", text("compare.flipped", lang)]
        lines += [f" {MARK['on target'] if f.better else MARK['needs work']} {f.guideline}: "
                  f"{verdict_text(f.before, lang)} -> {verdict_text(f.after, lang)}"
                  for f in c.flips] or \
            [" " + text("compare.no_flips", lang)]
    if c.reference is not None:
        lines += ["", *_reference_lines(c.reference, lang)]
    lines.append("")
    lines.append(text("compare.next", lang, tip=c.next_tip) if c.next_key else
                 text("compare.all_on_target", lang))
    return "\n".join(lines) + "\n"
