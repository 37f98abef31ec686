"""Timeline plots of one report: the only module that imports matplotlib.

One figure, two rows sharing the time axis: the loudness with speech, pauses and
question gaps marked (gaps coloured by verdict, clipped words flagged), and the
pitch in semitones above the speaker's own floor with each sentence's ending.
"""

from __future__ import annotations

import functools
import logging
import os
from typing import TYPE_CHECKING

import numpy as np

from voicecoach.assess.assess import CLOSE, NEEDS_WORK, NOT_JUDGED, ON_TARGET
from voicecoach.i18n import DEFAULT, text
from voicecoach.report import language_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.figure import Figure

    from voicecoach.history.progress import Series
    from voicecoach.result import Report

__all__ = ["timeline", "timeline_png", "save_timeline", "plot_language", "cjk_font",
           "distribution_png", "trend_png", "phrases_png", "progress_png", "save_progress"]

log = logging.getLogger("voicecoach.plots")
_CJK_FAMILIES = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans KR",
                 "NanumGothic", "Source Han Sans K")
_CJK_FILES = ("NotoSansCJK", "NotoSansKR", "NanumGothic", "SourceHanSans")
_NEEDS_CJK = {"ko"}


@functools.cache
def cjk_font() -> str | None:
    """The name of an installed font with Hangul (Noto Sans CJK first), or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    name = next((name for name in _CJK_FAMILIES if name in installed), None)
    if name is None:  # installed after matplotlib cached its font list: add it from disk
        files = [f for f in font_manager.findSystemFonts()
                 if os.path.basename(f).startswith(_CJK_FILES)]
        for path in sorted(files, key=lambda f: ("Regular" not in f, f)):
            try:
                font_manager.fontManager.addfont(path)
                return font_manager.FontProperties(fname=path).get_name()
            except (OSError, RuntimeError, ValueError):
                continue
    return name


def plot_language(lang: str) -> str:
    """The language a plot can be labelled in: ``lang``, or English when its script needs a
    font that is not installed (never boxes in place of letters; a log message says so)."""
    if lang in _NEEDS_CJK and cjk_font() is None:
        log.warning("no font with Hangul found (install fonts-noto-cjk): plot labels in English")
        return DEFAULT
    return lang


def _fonts(lang: str) -> dict:
    """matplotlib settings for ``lang``'s labels: DejaVu Sans first for Latin letters and
    the ▲▼ marks, the CJK font after it for Hangul (matplotlib falls back per glyph)."""
    if lang in _NEEDS_CJK and cjk_font():
        return {"font.family": ["DejaVu Sans", cjk_font()]}
    return {}

_VERDICT_COLOR = {ON_TARGET: "#2e7d32", CLOSE: "#f9a825", NEEDS_WORK: "#c62828",
                  NOT_JUDGED: "#9e9e9e"}


def timeline(report: Report, *, width_in: float = 12.0, lang: str | None = None,
             xlim_s: tuple[float, float] | None = None) -> Figure:
    """The report's timeline as a matplotlib Figure (not shown; the caller decides), labelled
    in ``lang`` (default: the report's language, see :func:`voicecoach.report.language_of`);
    ``xlim_s`` the time span shown (s; default the whole recording), so that takes drawn one
    above the other share one time axis."""
    import matplotlib
    from matplotlib.figure import Figure

    lang = plot_language(language_of(report, lang))
    with matplotlib.rc_context(_fonts(lang)):
        fig = Figure(figsize=(width_in, 5.2), layout="constrained")
        ax_level, ax_pitch = fig.subplots(2, 1, sharex=True, height_ratios=(1.1, 1))
        duration_s = report.audio.duration_s
        score = "" if report.score is None else "  " + text("plot.score", lang,
                                                            score=report.score)
        fig.suptitle(f"{report.audio.name}{score}", fontsize=11, x=0.01, ha="left")
        _level_row(ax_level, report, lang)
        _pitch_row(ax_pitch, report, lang)
        ax_pitch.set_xlim(*(xlim_s or (0, duration_s)))
        ax_pitch.set_xlabel(text("plot.time", lang))
    fig._voicecoach_fonts = _fonts(lang)  # savefig needs the same fonts
    return fig


def _level_row(ax, report: Report, lang: str = DEFAULT) -> None:
    act = report.activity
    if act is not None and act.level_db.size:
        t = np.arange(act.level_db.size) * act.hop_s
        ax.fill_between(t, -80, np.maximum(act.level_db, -80), color="#90a4ae", lw=0)
        for iv in act.intervals:
            ax.axvspan(iv.start_s, iv.end_s, ymin=0.0, ymax=0.04, color="#455a64", lw=0)
    ax.set_ylim(-80, 0)
    ax.set_ylabel(text("plot.level", lang))
    m = report.measures
    if m is None:
        ax.set_title(report.message or report.status, fontsize=10, loc="left")
        return
    for k, p in enumerate(m.pauses.pauses):
        ax.axvspan(p.start_s, p.end_s, color="#81c784", alpha=0.35, lw=0,
                   label=text("plot.pause", lang) if k == 0 else None)
    gaps = {f.key: f for f in report.assessment.findings if f.key.startswith("questions.gap")}
    for q in m.questions.questions:
        f = gaps.get(f"questions.gap.{q.sentence_index}")
        color = _VERDICT_COLOR[f.verdict] if f else "#1565c0"
        ax.axvspan(q.end_s, q.end_s + q.gap_s, ymin=0.86, ymax=0.96, color=color, lw=0)
        near_end = q.end_s + q.gap_s > 0.9 * report.duration_s
        ax.text(q.end_s + q.gap_s - 0.05 if near_end else q.end_s + 0.05, -16,
                text("plot.gap", lang, gap_s=q.gap_s), fontsize=8, color="black", va="center",
                ha="right" if near_end else "left")
    if m.consonants is not None:
        for c in m.consonants.clipped:
            ax.axvline(c.end_s, color=_VERDICT_COLOR[NEEDS_WORK], lw=0.8, ls=":")
            ax.text(c.end_s, -72, c.word, fontsize=7, rotation=90, color="#b71c1c",
                    va="bottom", ha="right")
    pace = ({"wpm": m.pace.rate_wpm} if m.language == "en" else  # the card's pace measure
            {"sps": m.pace.articulation_sps})
    key = "plot.level_title" if m.language == "en" else "plot.level_title_sps"
    ax.set_title(text(key, lang, pauses=m.pauses.count, per_min=m.pauses.per_min, **pace),
                 fontsize=10, loc="left")
    if m.pauses.pauses:
        ax.legend(loc="lower right", fontsize=8, frameon=False)


def _pitch_row(ax, report: Report, lang: str = DEFAULT) -> None:
    track, m = report.f0_track, report.measures
    ax.set_ylabel(text("plot.pitch", lang))
    if track is None or m is None or m.pitch is None or m.pitch.floor_f0_hz <= 0:
        ax.text(0.5, 0.5, text("plot.no_voiced", lang), transform=ax.transAxes, ha="center")
        return
    st = 12 * np.log2(track.f0_hz / m.pitch.floor_f0_hz)
    ax.plot(track.times_s, st, ".", ms=1.8, color="#5e35b1")
    voiced = st[np.isfinite(st)]
    top = max(12.0, float(np.percentile(voiced, 99)) + 2) if voiced.size else 12.0
    ax.set_ylim(min(-3.0, float(np.percentile(voiced, 1)) - 1) if voiced.size else -3.0, top)
    ax.axhline(0, color="#9e9e9e", lw=0.8)
    ax.axhline(m.pitch.median_above_floor_st, color="#5e35b1", lw=0.8, ls="--")
    marks = {"rise": ("^", _VERDICT_COLOR[NEEDS_WORK]), "fall": ("v", _VERDICT_COLOR[ON_TARGET]),
             "level": (">", "#616161")}
    asked = {q.sentence_index for q in m.questions.questions}
    for c in m.pitch.contours:
        if c.contour in marks and not c.is_question and c.sentence_index not in asked:
            shape, color = marks[c.contour]
            ax.plot(c.end_s, 0.9 * top, shape, color=color, ms=7)
    ax.set_title(text("plot.pitch_title", lang, f0_hz=m.pitch.median_f0_hz,
                      variation_st=m.pitch.variation_st, range_st=m.pitch.range_st),
                 fontsize=10, loc="left")


def timeline_png(report: Report, *, dpi: int = 110, lang: str | None = None,
                 xlim_s: tuple[float, float] | None = None) -> bytes:
    """The timeline as PNG bytes (for notebooks: ``IPython.display.Image(timeline_png(r))``)."""
    import io

    import matplotlib

    fig = timeline(report, lang=lang, xlim_s=xlim_s)
    buf = io.BytesIO()
    with matplotlib.rc_context(fig._voicecoach_fonts):
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def save_timeline(report: Report, path: str | os.PathLike, *, dpi: int = 110,
                  lang: str | None = None) -> None:
    """Draw the timeline and write it atomically as a PNG file."""
    from voicecoach.outputs import write_atomic

    write_atomic(path, timeline_png(report, dpi=dpi, lang=lang))


def _png(fig, dpi: int) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def distribution_png(values_by_agent: dict[str, list[float]], *, label: str, unit: str,
                     band: tuple[float | None, float | None], dpi: int = 80) -> bytes:
    """A team's distribution of one measure as PNG bytes: a histogram of every take, each
    take also as a tick on its agent's row, and the target band shaded green.

    Parameters
    ----------
    values_by_agent : dict of str to list of float
        The measure of each take, in ``unit``, by agent.
    label, unit : str
        The measure's name and unit (``"Speaking rate"``, ``"wpm"``).
    band : (float or None, float or None)
        The target's lower and upper bound in ``unit``; None for an open side.
    """
    from matplotlib.figure import Figure

    agents = sorted(values_by_agent)
    values = np.array([v for a in agents for v in values_by_agent[a]], dtype=float)
    fig = Figure(figsize=(6.4, 1.6 + 0.22 * len(agents)), layout="constrained")
    ax_hist, ax_rows = fig.subplots(2, 1, sharex=True,
                                    height_ratios=(1.4, max(0.6, 0.22 * len(agents))))
    lo, hi = band
    finite = [x for x in (lo, hi) if x is not None]
    left = min([*values, *finite]) if values.size else (finite[0] if finite else 0.0)
    right = max([*values, *finite]) if values.size else (finite[-1] if finite else 1.0)
    pad = 0.08 * (right - left or 1.0)
    left, right = left - pad, right + pad
    for ax in (ax_hist, ax_rows):
        ax.axvspan(lo if lo is not None else left, hi if hi is not None else right,
                   color=_VERDICT_COLOR[ON_TARGET], alpha=0.13, lw=0)
    if values.size:
        ax_hist.hist(values, bins=min(20, max(5, values.size // 2)), range=(left, right),
                     color="#607d8b")
    ax_hist.set_ylabel("takes", fontsize=8)
    ax_hist.set_title(f"{label} ({unit}); target band shaded", fontsize=9, loc="left")
    for k, agent in enumerate(agents):
        xs = values_by_agent[agent]
        ax_rows.plot(xs, [k] * len(xs), "|", color="#37474f", ms=9)
    ax_rows.set_yticks(range(len(agents)), agents, fontsize=7)
    ax_rows.set_ylim(-0.7, len(agents) - 0.3)
    ax_rows.set_xlim(left, right)
    ax_rows.tick_params(axis="x", labelsize=8)
    return _png(fig, dpi)


def trend_png(scores_by_agent: dict[str, list[tuple[str, float]]], *, dpi: int = 80) -> bytes:
    """Each agent's median score by date (ISO date strings), one line per agent, as PNG."""
    import datetime as dt

    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 2.6), layout="constrained")
    ax = fig.subplots()
    for agent in sorted(scores_by_agent):
        points = sorted(scores_by_agent[agent])
        dates = [dt.date.fromisoformat(d) for d, _ in points]
        ax.plot(dates, [s for _, s in points], "o-", ms=4, lw=1.2, label=agent)
    ax.set_ylim(0, 100)
    ax.set_ylabel("median score", fontsize=8)
    ax.tick_params(labelsize=8)
    fig.autofmt_xdate()
    ax.legend(fontsize=7, frameon=False, loc="lower left", ncols=min(4, len(scores_by_agent)))
    return _png(fig, dpi)


def phrases_png(phrases, *, lang: str = DEFAULT, dpi: int = 90) -> bytes:
    """A take against the trainer's, phrase by phrase, as PNG: for each reference phrase
    found in the take two bars, the trainer's and the take's, each the phrase's length
    followed by the pause after it (lighter), so a rushed phrase or a skipped pause shows
    as a shorter bar. ``phrases``: :class:`voicecoach.compare.PhraseDiff` items."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    lang = plot_language(lang)
    shown = [p for p in phrases if p.take is not None]
    with matplotlib.rc_context(_fonts(lang)):
        fig = Figure(figsize=(7.5, 0.9 + 0.42 * max(1, len(shown))), layout="constrained")
        ax = fig.subplots()
        for k, p in enumerate(shown):
            for dy, timing, color in ((-0.19, p.reference, "#607d8b"),
                                      (0.19, p.take, "#1565c0")):
                ax.barh(k + dy, timing.duration_s, height=0.36, color=color)
                pause = min(timing.pause_after_s or 0.0, 6.0)  # a long wait drawn to 6 s
                ax.barh(k + dy, pause, left=timing.duration_s, height=0.36, color=color,
                        alpha=0.25)
        ax.set_yticks(range(len(shown)), [p.text if len(p.text) <= 34 else p.text[:33] + "…"
                                          for p in shown], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel(text("plot.phrase_axis", lang), fontsize=8)
        ax.tick_params(axis="x", labelsize=8)
        ax.legend(handles=[Patch(color="#607d8b", label=text("compare.trainer", lang)),
                           Patch(color="#1565c0", label=text("compare.you", lang))],
                  fontsize=8, frameon=False, loc="lower right")
        return _png(fig, dpi)


def progress_png(series: Sequence[Series], take_ids: Sequence[int], *, title: str,
                 dpi: int = 100) -> bytes:
    """An agent's progress as PNG bytes: one small panel per measure, its values over the
    takes (x: take 1, 2, ... oldest first), each point coloured by its verdict, and the
    target band shaded green (to the panel's edge for an open side; none when unknown).

    Parameters
    ----------
    series : sequence of Series
        The measures to draw (:class:`voicecoach.history.progress.Series`), in order.
    take_ids : sequence of int
        Every take's id, oldest first: a point's x is its take's place in this list.
    title : str
        The figure's title (the agent's name and the number of takes).
    """
    from matplotlib.figure import Figure

    ncols = min(3, max(1, len(series)))
    nrows = max(1, -(-len(series) // ncols))
    fig = Figure(figsize=(3.6 * ncols, 0.6 + 2.3 * nrows), layout="constrained")
    fig.suptitle(title, fontsize=11, x=0.01, ha="left")
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    place = {take_id: k + 1 for k, take_id in enumerate(take_ids)}
    for ax, s in zip(axes, series):
        _progress_panel(ax, s, place, len(take_ids))
    for ax in axes[len(series):]:
        ax.set_visible(False)
    _verdict_legend(fig)
    return _png(fig, dpi)


def _progress_panel(ax, s: Series, place: dict[int, int], n_takes: int) -> None:
    scale, unit = (100.0, "%") if s.unit == "share" else (1.0, s.unit)  # shares as percent
    pts = [(place[p.take_id], scale * p.value, p.verdict) for p in s.points
           if p.value is not None and p.take_id in place]
    xs, ys = [x for x, _, _ in pts], [y for _, y, _ in pts]
    lo, hi = ((None if b is None else scale * b for b in s.band) if s.band is not None
              else (None, None))
    edges = [v for v in (lo, hi) if v is not None]
    bottom, top = min([*ys, *edges], default=0.0), max([*ys, *edges], default=1.0)
    pad = 0.15 * (top - bottom or abs(top) or 1.0)
    bottom, top = bottom - pad, top + pad
    if s.band is not None:
        ax.axhspan(lo if lo is not None else bottom, hi if hi is not None else top,
                   color=_VERDICT_COLOR[ON_TARGET], alpha=0.15, lw=0)
    ax.plot(xs, ys, "-", color="#78909c", lw=1.2, zorder=2)
    ax.scatter(xs, ys, c=[_VERDICT_COLOR.get(v, "#1565c0") for _, _, v in pts], s=30,
               zorder=3, edgecolors="white", linewidths=0.6)
    ax.set_ylim(bottom, top)
    ax.set_xlim(0.5, n_takes + 0.5)
    ax.set_xticks(range(1, n_takes + 1, max(1, -(-n_takes // 8))))
    ax.tick_params(labelsize=8)
    ax.set_xlabel(f"take    (target {s.target})" if s.target else "take", fontsize=8)
    label = s.label if len(s.label) <= 38 else s.label[:37] + "…"
    ax.set_title(f"{label} ({unit})", fontsize=9, loc="left")


def _verdict_legend(fig) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], ls="", marker="o", color=_VERDICT_COLOR[v], label=v)
               for v in (ON_TARGET, CLOSE, NEEDS_WORK)]
    handles.append(_band_patch(_VERDICT_COLOR[ON_TARGET], "target band"))
    fig.legend(handles=handles, loc="upper right", ncols=4, fontsize=8, frameon=False)


def _band_patch(color: str, label: str):
    """A legend entry for a shaded band."""
    from matplotlib.patches import Patch

    return Patch(color=color, alpha=0.15, label=label)


def save_progress(path: str | os.PathLike, series: Sequence[Series], take_ids: Sequence[int],
                  *, title: str, dpi: int = 100) -> None:
    """Draw :func:`progress_png` and write it atomically to ``path``."""
    from voicecoach.outputs import write_atomic

    write_atomic(path, progress_png(series, take_ids, title=title, dpi=dpi))
