"""One self-contained HTML page for a batch: who needs which coaching, then each take.

The page has no scripts and no external resources (timelines are embedded PNGs),
so it can be mailed, archived, or opened from a shared folder.
"""

from __future__ import annotations

import base64
import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from voicecoach.assess.assess import CLOSE, NEEDS_WORK, NOT_JUDGED, ON_TARGET
from voicecoach.i18n import DEFAULT, localize, text
from voicecoach.report import call_lines, format_measured, language_of, verdict_text

if TYPE_CHECKING:
    from voicecoach.batch import Failure
    from voicecoach.result import Report

__all__ = ["HtmlPage", "render_page", "GROUPS", "EXTRA_GROUPS"]

GROUPS = (("pace", "Pace"), ("pauses", "Pauses"), ("questions", "Wait after questions"),
          ("pitch", "Pitch"), ("consonants", "Final consonants"))
# Columns shown only when a take of the batch was measured on them.
EXTRA_GROUPS = (("twoparty", "Count to five, listening"), ("names", "Customer's name"),
                ("content", "What you said"))
_CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:1180px;padding:0 1rem;color:#1d2329}
h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin:2.2rem 0 .4rem}
h3{font-size:1.02rem;margin:1.2rem 0 .2rem}
.sub{color:#5f6b76;margin:0 0 1.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{padding:.35rem .55rem;border-bottom:1px solid #e3e7eb;text-align:left;vertical-align:top}
th{font-weight:600;background:#f5f7f9}td.num{text-align:right;font-variant-numeric:tabular-nums}
.chip{display:inline-block;min-width:5.4rem;padding:.1rem .45rem;border-radius:.7rem;
font-size:.82rem;text-align:center}
.on{background:#e3f3e5;color:#1b5e20}.close{background:#fff4d6;color:#8a5a00}
.needs{background:#fde4e4;color:#b71c1c}.none{background:#eef1f4;color:#6b7782}
.score{font-weight:700;font-size:1.05rem}.fail{color:#b71c1c}
img{max-width:100%;border:1px solid #e3e7eb;margin:.4rem 0}
ol{margin:.3rem 0 .8rem}.tip{color:#37474f}.muted{color:#6b7782;font-size:.9rem}
"""
_CHIP = {ON_TARGET: "on", CLOSE: "close", NEEDS_WORK: "needs", NOT_JUDGED: "none"}


def _e(text: object) -> str:
    return html.escape(str(text))


def _group_verdict(report: Report, group: str) -> str | None:
    verdicts = [f.verdict for f in report.assessment.findings if f.group == group]
    for v in (NEEDS_WORK, CLOSE, ON_TARGET, NOT_JUDGED):
        if v in verdicts:
            return v
    return None


def _chip(verdict: str | None, lang: str = DEFAULT) -> str:
    if verdict is None:
        return f'<span class="chip none">{_e(text("verdict.not_measured", lang))}</span>'
    return f'<span class="chip {_CHIP[verdict]}">{_e(verdict_text(verdict, lang))}</span>'


def _label(r: Report) -> str:
    """The take's path as given (two takes may share a file name), else its name."""
    return str(r.path) if r.path else r.audio.name


@dataclass(frozen=True)
class _Row:
    """What one line of the summary table needs (the report itself is not kept)."""

    label: str
    k: int | None = None  # the take's section; None for a file that failed
    duration_s: float = 0.0
    score: int | None = None
    message: str = ""
    verdicts: dict[str, str | None] = field(default_factory=dict)

    def html(self, groups, lang: str = DEFAULT) -> str:
        if self.k is None:
            return (f'<tr><td>{_e(self.label)}</td><td></td><td class="fail" '
                    f'colspan="{len(groups) + 1}">'
                    f'{_e(text("page.failed", lang, reason=self.message))}</td></tr>')
        name = f'<a href="#take-{self.k}">{_e(self.label)}</a>'
        if self.score is None:
            cells = (f'<td class="num">-</td><td colspan="{len(groups)}">'
                     f"{_e(localize(self.message, lang))}</td>")
        else:
            chips = "".join(f"<td>{_chip(self.verdicts.get(g), lang)}</td>" for g, _ in groups)
            cells = f'<td class="num score">{self.score}</td>{chips}'
        length = text("page.length", lang, seconds=self.duration_s)
        return f'<tr><td>{name}</td><td class="num">{_e(length)}</td>{cells}</tr>'


def _rows(findings, lang: str) -> str:
    """The findings as table rows: verdict, guideline, value, target, detail."""
    return "".join(
        f"<tr><td>{_chip(f.verdict, lang)}</td><td>{_e(localize(f.guideline, lang))}</td>"
        f'<td class="num">{_e(format_measured(f, lang)) if f.judged else "&ndash;"}</td>'
        f'<td>{_e(localize(f.target, lang))}</td>'
        f'<td class="muted">{_e(localize(f.detail, lang))}</td></tr>'
        for f in findings)


def _take(k: int, r: Report, png: bytes | None, lang: str = DEFAULT) -> str:
    def tx(key: str, **params) -> str:
        return _e(text(key, lang, **params))

    parts = [f'<section lang="{lang}"><h2 id="take-{k}">{_e(_label(r))}'
             + (f" &middot; {tx('page.take_score', score=r.score)}" if r.score is not None
                else "") + "</h2>"]
    for w in r.warnings:
        parts.append(f'<p class="muted">{tx("card.note", note=localize(w, lang))}</p>')
    if r.assessment is None:
        return "".join(parts) + f"<p>{_e(localize(r.message, lang))}</p></section>"
    if r.assessment.message:
        parts.append(f"<p><b>{_e(localize(r.assessment.message, lang))}</b></p>")
    if png:
        parts.append(f'<img alt="{tx("page.timeline_alt", name=_label(r))}" '
                     f'src="data:image/png;base64,{base64.b64encode(png).decode()}">')
    steps = "".join(f'<li class="tip">{_e(localize(f.tip, lang))}</li>'
                    for f in r.assessment.next_steps)
    head = (f"{tx('page.next_label')}</b> {_e(localize(r.assessment.retake, lang))}"
            if r.score is None else f"{tx('page.next')}</b>" if steps else
            f"{tx('page.next_label')}</b> {tx('page.next_keep')}")
    parts.append(f"<p><b>{head}</p>" + (f"<ol>{steps}</ol>" if steps else ""))
    heads = "".join(f"<th>{tx('page.col.' + c)}</th>"
                    for c in ("verdict", "guideline", "measured", "target", "detail"))
    findings = r.assessment.findings
    parts.append(f"<table><tr>{heads}</tr>"
                 f"{_rows([f for f in findings if f.group != 'content'], lang)}</table>")
    said = [f for f in findings if f.group == "content"]
    if said:
        parts.append(f"<h3>{tx('card.content')}</h3><table><tr>{heads}</tr>"
                     f"{_rows(said, lang)}</table>")
    parts += [f'<p class="muted">{_e(line)}</p>' for line in call_lines(r, lang)]
    parts.append(f'<p class="muted">{tx("card.transcript", text=r.transcript.text)}</p>')
    return "".join(parts) + "</section>"


class HtmlPage:
    """Builds the batch page one take at a time, keeping only the finished HTML (a batch of
    hundreds of takes never holds their audio)."""

    def __init__(self, *, title: str | None = None, plots: bool = True,
                 lang: str | None = None) -> None:
        self.title, self.plots, self.lang = title, plots, lang
        self.langs: Counter[str] = Counter()  # the takes' languages, for the page's own text
        self.rows: list[_Row] = []  # rendered at the end, with the columns the batch needs
        self.sections: list[str] = []
        self.needs: dict[str, list[str]] = {g: [] for g, _ in GROUPS + EXTRA_GROUPS}
        self.n_ok = self.n_failed = 0

    def add(self, report: Report, *, reference=None) -> None:
        """Add one take; ``reference``: its :class:`voicecoach.compare.ReferenceComparison`
        with a trainer's take, shown in its section."""
        k = len(self.sections)
        lang = language_of(report, self.lang)
        self.langs[lang] += 1
        verdicts = ({g: _group_verdict(report, g) for g, _ in GROUPS + EXTRA_GROUPS}
                    if report.assessment is not None else {})
        message = report.message or (report.assessment.message if report.assessment else "")
        self.rows.append(_Row(_label(report), k, report.duration_s, report.score, message,
                              verdicts))
        png = None
        if self.plots and report.measures is not None:
            from voicecoach.report.plots import timeline_png

            png = timeline_png(report, dpi=80, lang=lang)
        section = _take(k, report, png, lang)
        if reference is not None:
            from voicecoach.report.compare_html import reference_html

            section = section.removesuffix("</section>") + reference_html(reference, lang) \
                + "</section>"
        self.sections.append(section)
        for group, verdict in verdicts.items():
            if verdict == NEEDS_WORK:
                self.needs[group].append(_label(report))
        self.n_ok += 1

    def add_failure(self, failure: Failure) -> None:
        self.rows.append(_Row(failure.path, message=failure.reason))
        self.n_failed += 1

    @property
    def page_language(self) -> str:
        """The page's own text: the language asked for, else the one most takes are in."""
        if self.lang:
            return language_of(None, self.lang)
        return self.langs.most_common(1)[0][0] if self.langs else DEFAULT

    def render(self) -> str:
        lang = self.page_language

        def tx(key: str, **params) -> str:
            return _e(text(key, lang, **params))

        title = self.title or text("page.title", lang)
        groups = GROUPS + tuple((g, label) for g, label in EXTRA_GROUPS
                                if any(r.verdicts.get(g) for r in self.rows))
        heads = "".join(f"<th>{tx('group.' + g)}</th>" for g, _ in groups)
        rows = "".join(r.html(groups, lang) for r in self.rows)
        items = "".join(f"<li><b>{tx('group.' + g)}</b>: {_e(', '.join(self.needs[g]))}</li>"
                        for g, _ in groups if self.needs[g])
        body = [
            f"<h1>{_e(title)}</h1>",
            f'<p class="sub">{tx("page.summary", ok=self.n_ok, failed=self.n_failed)}</p>',
            f"<table><tr><th>{tx('page.col.take')}</th><th>{tx('page.col.length')}</th>"
            f"<th>{tx('page.col.score')}</th>{heads}</tr>{rows}</table>",
            f"<h2>{tx('page.who_needs')}</h2>",
            f"<ul>{items}</ul>" if items else f"<p>{tx('page.all_fine')}</p>",
            *self.sections,
        ]
        return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width,initial-scale=1">'
                f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
                + "\n".join(body) + "</body></html>\n")


def render_page(reports: Sequence[Report], failures: Sequence[Failure] = (), *,
                title: str | None = None, plots: bool = True, lang: str | None = None) -> str:
    """The takes as one HTML page: a table of takes by guideline, who needs which
    coaching, then each take's timeline, next steps and findings; in ``lang`` (by default
    each take in the language it was heard in where there is a translation, else English,
    and the page's own text in the language most takes are in)."""
    page = HtmlPage(title=title, plots=plots, lang=lang)
    for r in reports:
        page.add(r)
    for f in failures:
        page.add_failure(f)
    return page.render()
