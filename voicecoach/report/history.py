"""The take history in the terminal: the agents, one agent's takes, and progress across them.

Plain text builders (no printing): :func:`agents_text`, :func:`takes_text`,
:func:`progress_text`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from voicecoach.history.progress import direction

if TYPE_CHECKING:
    from voicecoach.history.progress import Progress, Series
    from voicecoach.history.store import Take

__all__ = ["agents_text", "takes_text", "progress_text", "format_value", "MARK"]

MARK = {"on target": "✓", "close": "~", "needs work": "✗", "not judged": "–"}
LEGEND = "✓ on target   ~ close   ✗ needs work   – not judged   ↑ ↓ the value rose or fell"
SHOWN = 8
"""At most this many values of a measure are shown: the first, then the latest ones."""
_TREND = {"on target": "in the target band now", "toward": "closer to the target than the "
          "take before", "away": "further from the target than the take before",
          "same": "as far from the target as the take before",
          "up": "higher than the take before", "down": "lower than the take before",
          "unchanged": "the same as the take before"}
_SINCE = {"on target": "in the band", "toward": "closer", "away": "further",
          "same": "no closer", "up": "higher", "down": "lower", "unchanged": "the same"}


def agents_text(counts: Mapping[str, int]) -> str:
    """The agents and how many takes each has stored."""
    if not counts:
        return "No takes stored yet: voicecoach analyze FILE --agent NAME stores one.\n"
    width = max(len("agent"), *(len(a) for a in counts))
    lines = [f"{'agent':<{width}}  takes"]
    lines += [f"{a:<{width}}  {n:>5}" for a, n in counts.items()]
    return "\n".join(lines) + "\n"


def takes_text(agent: str, takes: Sequence[Take]) -> str:
    """One agent's takes, oldest first: time, score, language, file and the next steps."""
    lines = [f"{agent}: {len(takes)} take{'s' if len(takes) != 1 else ''}",
             f"{'take':>5}  {'analyzed (UTC)':<16}  {'score':>5}  {'lang':<4}  file"]
    for t in takes:
        score = "-" if t.score is None else str(t.score)
        lines.append(f"{t.id:>5}  {t.analyzed_at:%Y-%m-%d %H:%M}  {score:>5}  "
                     f"{t.language or '-':<4}  {t.file}")
        steps = _next_steps(t.report)
        lines.append(f"{'':>7}next: {'; '.join(steps) if steps else 'nothing to change'}")
    return "\n".join(lines) + "\n"


def _next_steps(report: Mapping) -> list[str]:
    """The guidelines of the report's (up to three) next steps."""
    guideline = {f["key"]: f.get("guideline", f["key"]) for f in report.get("findings", ())}
    return [guideline.get(k, k) for k in report.get("next_steps", ())]


def format_value(value: float, unit: str) -> str:
    """A measured value as the card shows it: shares as percent, others to 3 digits."""
    if unit == "share":
        return f"{100 * value:.0f}%"
    if unit in ("s", "st"):
        return f"{value:.1f}"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _elide(items: list[str]) -> list[str]:
    if len(items) <= SHOWN:
        return items
    return [items[0], "…", *items[-(SHOWN - 2):]]


def _values_line(s: Series) -> str:
    values = s.values
    parts = [format_value(values[0], s.unit)]
    for before, now in zip(values, values[1:]):
        arrow = "↑" if now > before else "↓" if now < before else "→"
        parts.append(f"{arrow} {format_value(now, s.unit)}")
    return " ".join(_elide(parts)) + ("" if s.unit == "share" else f" {s.unit}")


def _trend(s: Series) -> str:
    values = s.values
    if len(values) < 2:
        return "one value so far"
    last = direction(values[-2], values[-1], s.band)
    since = direction(values[0], values[-1], s.band)
    if s.band is None:  # no band to move toward: only up, down or the same
        last, since = (d if d != "same" else "unchanged" for d in (last, since))
    return f"{_TREND[last]}; since the first take: {_SINCE[since]}"


def progress_text(agent: str, prog: Progress) -> str:
    """Each measure's values across the takes (first, ..., latest), whether the latest
    moved toward or away from the target band, and every take's verdict; then the
    opening's checklist steps, verdicts only."""
    plural = "s" if prog.n_takes != 1 else ""
    lines = [f"Progress of {agent}: {prog.n_takes} take{plural}, verdicts oldest first",
             LEGEND, ""]
    measures = [s for s in prog.series if not s.key.startswith("content.")]
    steps = [s for s in prog.series if s.key.startswith("content.")]
    for s in measures:
        lines.append(_series_head(s))
        if s.values:
            lines.append(f"     {_values_line(s)}   ({_trend(s)})")
    if steps:
        lines += ["", "What you said: the opening's steps"]
        lines += [_series_head(s, target=False) for s in steps]
    return "\n".join(lines) + "\n"


def _series_head(s: Series, *, target: bool = True) -> str:
    """The measure's latest mark, its guideline, every take's verdict and the target."""
    marks = " ".join(_elide([MARK.get(p.verdict, "?") for p in s.points]))
    line = f" {MARK.get(s.points[-1].verdict, '?')} {s.label:<46} {marks}"
    return f"{line}   target {s.target}" if target and s.target else line
