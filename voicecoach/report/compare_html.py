"""The comparison of takes as one self-contained HTML page: each measure across the takes
with its direction, the verdicts that flipped, the trainer's take phrase by phrase (with a
chart), and each take's timeline on one time axis where the script is the same."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import TYPE_CHECKING

from voicecoach.i18n import text
from voicecoach.report import verdict_text
from voicecoach.report.comparison import MARK, direction_text, value_text
from voicecoach.report.comparison import title as page_title
from voicecoach.report.html import _CHIP, _CSS, _e

if TYPE_CHECKING:
    from voicecoach.compare import Comparison, ReferenceComparison
    from voicecoach.result import Report

__all__ = ["render_comparison_page", "reference_html"]


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _chip(value: str, verdict: str | None) -> str:
    if verdict is None:
        return ""
    return f'<span class="chip {_CHIP.get(verdict, "none")}">{_e(value)} {MARK[verdict]}</span>'


def _measures(c: Comparison) -> str:
    lang = c.lang
    heads = "".join(f"<th>{_e(text('compare.take', lang, n=i))}</th>"
                    for i in range(1, len(c.takes) + 1))
    rows = []
    for r in c.rows:
        shown = [value_text(v, r.unit, lang) if v is not None else
                 verdict_text(verdict or "", lang) for v, verdict in zip(r.values, r.verdicts)]
        cells = "".join(f"<td>{_chip(v, verdict)}</td>" for v, verdict in zip(shown, r.verdicts))
        rows.append(f"<tr><td>{_e(r.guideline)}</td>{cells}"
                    f"<td>{_e(direction_text(r.direction, lang))}</td></tr>")
    return f"<table><tr><th></th>{heads}<th></th></tr>{''.join(rows)}</table>"


def reference_html(ref: ReferenceComparison, lang: str) -> str:
    """A take against the trainer's as HTML: the differences, the phrase chart, the table."""
    def sec(x: float | None) -> str:
        return "" if x is None else _e(text("unit.s", lang, value=x))

    heading = text("compare.reference", lang, name=ref.reference, matched=ref.matched_words,
                   total=ref.reference_words)
    parts = [f"<h2>{_e(heading)}</h2>"]
    if ref.message:
        return "".join(parts) + f"<p>{_e(ref.message)}</p>"
    items = "".join(f"<li>{_e(d.message)}</li>" for d in ref.differences)
    parts.append(f"<ol>{items}</ol>" if items else
                 f"<p>{_e(text('compare.no_differences', lang))}</p>")
    from voicecoach.report.plots import phrases_png

    parts.append(_img(phrases_png(ref.phrases, lang=lang), heading))
    def st(x: float | None) -> str:
        return "" if x is None else _e(text("unit.st", lang, value=x))

    trainer, you = text("compare.trainer", lang), text("compare.you", lang)
    heads = "".join(f"<th>{_e(h)}</th>" for h in (
        text("compare.phrase", lang), trainer, you,
        f"{text('compare.pause_after', lang)}: {trainer}", you,
        f"{text('compare.pitch_level', lang)}: {trainer}", you,
        f"{text('compare.pitch_movement', lang)}: {trainer}", you))
    rows = "".join(
        f"<tr><td>{_e(p.text)}</td><td class=num>{sec(p.reference.duration_s)}</td>"
        f"<td class=num>{'' if p.take.anchored else '≈'}{sec(p.take.duration_s)}</td>"
        f"<td class=num>{sec(p.reference.pause_after_s)}</td>"
        f"<td class=num>{sec(p.take.pause_after_s)}</td>"
        f"<td class=num>{st(p.reference.level_st)}</td><td class=num>{st(p.take.level_st)}</td>"
        f"<td class=num>{st(p.reference.movement_st)}</td>"
        f"<td class=num>{st(p.take.movement_st)}</td></tr>"
        for p in ref.phrases if p.take is not None)
    return "".join(parts) + f"<table><tr>{heads}</tr>{rows}</table>"


def _timelines(c: Comparison, reports: Sequence[Report], offsets_s) -> str:
    from voicecoach.report.plots import timeline_png

    span_s = max(r.duration_s - (offsets_s[k] if offsets_s else 0.0)
                 for k, r in enumerate(reports))
    parts = []
    for k, r in enumerate(reports):
        start = offsets_s[k] if offsets_s else 0.0
        png = timeline_png(r, dpi=80, lang=c.lang, xlim_s=(start, start + span_s))
        parts.append(f"<h3>{_e(text('compare.take', c.lang, n=k + 1))}: "
                     f"{_e(c.takes[k].label)}</h3>{_img(png, c.takes[k].label)}")
    return "".join(parts)


def render_comparison_page(c: Comparison, reports: Sequence[Report | None] = (), *,
                           offsets_s: Sequence[float] | None = None) -> str:
    """The comparison as an HTML page in ``c.lang``. ``reports`` are the takes' analyses
    when they were analyzed from audio (saved JSON reports have no timeline to draw);
    ``offsets_s`` shifts each take's timeline so the script starts at one time (see
    :func:`voicecoach.compare.phrases.script_offsets_s`)."""
    lang = c.lang
    title = page_title(c)
    takes = "".join(f"<li>{_e(text('compare.take', lang, n=i))}: {_e(t.label)} &middot; "
                    f"{_e(text('compare.score', lang))} "
                    f"{'–' if t.score is None else f'{t.score}/100'}</li>"
                    for i, t in enumerate(c.takes, 1))
    after = (text("compare.next", lang, tip=c.next_tip) if c.next_key else
             text("compare.all_on_target", lang))
    body = [f"<h1>{_e(title)}</h1>", f"<ul>{takes}</ul>", f"<p><b>{_e(after)}</b></p>"]
    if c.rows:
        flips = "".join(f"<li>{MARK['on target'] if f.better else MARK['needs work']} "
                        f"{_e(f.guideline)}: {_e(verdict_text(f.before, lang))} &rarr; "
                        f"{_e(verdict_text(f.after, lang))}</li>"
                        for f in c.flips)
        body += [_measures(c), f"<h2>{_e(text('compare.flipped', lang))}</h2>",
                 f"<ul>{flips}</ul>" if flips else
                 f"<p>{_e(text('compare.no_flips', lang))}</p>"]
    if c.reference is not None:
        body.append(reference_html(c.reference, lang))
    if reports and all(r is not None and r.measures is not None for r in reports):
        body.append(_timelines(c, reports, offsets_s))
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_CSS}td.num{{white-space:nowrap}}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")
