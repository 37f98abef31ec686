"""Timeline plots of one report: the only module that imports matplotlib.

One figure, two rows sharing the time axis: the loudness with speech, pauses and
question gaps marked (gaps coloured by verdict, clipped words flagged), and the
pitch in semitones above the speaker's own floor with each sentence's ending.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np

from voicecoach.assess.assess import CLOSE, NEEDS_WORK, NOT_JUDGED, ON_TARGET

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from voicecoach.result import Report

__all__ = ["timeline", "timeline_png", "save_timeline"]

_VERDICT_COLOR = {ON_TARGET: "#2e7d32", CLOSE: "#f9a825", NEEDS_WORK: "#c62828",
                  NOT_JUDGED: "#9e9e9e"}


def timeline(report: Report, *, width_in: float = 12.0) -> Figure:
    """The report's timeline as a matplotlib Figure (not shown; the caller decides)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, 5.2), layout="constrained")
    ax_level, ax_pitch = fig.subplots(2, 1, sharex=True, height_ratios=(1.1, 1))
    duration_s = report.audio.duration_s
    score = "" if report.score is None else f"  score {report.score}/100"
    fig.suptitle(f"{report.audio.name}{score}", fontsize=11, x=0.01, ha="left")
    _level_row(ax_level, report)
    _pitch_row(ax_pitch, report)
    ax_pitch.set_xlim(0, duration_s)
    ax_pitch.set_xlabel("time (s)")
    return fig


def _level_row(ax, report: Report) -> None:
    act = report.activity
    if act is not None and act.level_db.size:
        t = np.arange(act.level_db.size) * act.hop_s
        ax.fill_between(t, -80, np.maximum(act.level_db, -80), color="#90a4ae", lw=0)
        for iv in act.intervals:
            ax.axvspan(iv.start_s, iv.end_s, ymin=0.0, ymax=0.04, color="#455a64", lw=0)
    ax.set_ylim(-80, 0)
    ax.set_ylabel("level (dBFS)")
    m = report.measures
    if m is None:
        ax.set_title(report.message or report.status, fontsize=10, loc="left")
        return
    for k, p in enumerate(m.pauses.pauses):
        ax.axvspan(p.start_s, p.end_s, color="#81c784", alpha=0.35, lw=0,
                   label="pause" if k == 0 else None)
    gaps = {f.key: f for f in report.assessment.findings if f.key.startswith("questions.gap")}
    for q in m.questions.questions:
        f = gaps.get(f"questions.gap.{q.sentence_index}")
        color = _VERDICT_COLOR[f.verdict] if f else "#1565c0"
        ax.axvspan(q.end_s, q.end_s + q.gap_s, ymin=0.86, ymax=0.96, color=color, lw=0)
        near_end = q.end_s + q.gap_s > 0.9 * report.duration_s
        ax.text(q.end_s + q.gap_s - 0.05 if near_end else q.end_s + 0.05, -16,
                f"gap {q.gap_s:.1f} s", fontsize=8, color="black", va="center",
                ha="right" if near_end else "left")
    if m.consonants is not None:
        for c in m.consonants.clipped:
            ax.axvline(c.end_s, color=_VERDICT_COLOR[NEEDS_WORK], lw=0.8, ls=":")
            ax.text(c.end_s, -72, c.word, fontsize=7, rotation=90, color="#b71c1c",
                    va="bottom", ha="right")
    plural = "" if m.pauses.count == 1 else "s"
    ax.set_title(f"{m.pace.rate_wpm:.0f} wpm, {m.pauses.count} pause{plural} "
                 f"({m.pauses.per_min:.1f}/min); question gaps coloured by verdict",
                 fontsize=10, loc="left")
    if m.pauses.pauses:
        ax.legend(loc="lower right", fontsize=8, frameon=False)


def _pitch_row(ax, report: Report) -> None:
    track, m = report.f0_track, report.measures
    ax.set_ylabel("pitch (st above floor)")
    if track is None or m is None or m.pitch is None or m.pitch.floor_f0_hz <= 0:
        ax.text(0.5, 0.5, "no voiced speech", transform=ax.transAxes, ha="center")
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
    ax.set_title(f"median {m.pitch.median_f0_hz:.0f} Hz (dashed), variation "
                 f"{m.pitch.variation_st:.1f} st, range {m.pitch.range_st:.1f} st; "
                 "statement endings: ▼ falling, ► level, ▲ rising", fontsize=10, loc="left")


def timeline_png(report: Report, *, dpi: int = 110) -> bytes:
    """The timeline as PNG bytes (for notebooks: ``IPython.display.Image(timeline_png(r))``)."""
    import io

    buf = io.BytesIO()
    timeline(report).savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def save_timeline(report: Report, path: str | os.PathLike, *, dpi: int = 110) -> None:
    """Draw the timeline and write it atomically as a PNG file."""
    from voicecoach.outputs import write_atomic

    write_atomic(path, timeline_png(report, dpi=dpi))
