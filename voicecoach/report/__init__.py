"""Reports: terminal report card, versioned JSON, HTML page, plots."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicecoach.assess.assess import Finding

__all__ = ["format_measured", "call_lines"]


def format_measured(f: Finding) -> str:
    """A finding's measured value in its unit, rounded the way people read it."""
    if f.unit == "share":
        return f"{f.measured:.0%}"
    if f.unit == "wpm":
        return f"{f.measured:.0f} wpm"
    if f.unit in ("words", "times", "uses") and f.measured == int(f.measured):
        unit = {"words": "word", "times": "time", "uses": "use"}[f.unit] if f.measured == 1 \
            else f.unit
        return f"{f.measured:.0f} {unit}"
    return f"{f.measured:.1f} {f.unit}"


def call_lines(report) -> list[str]:
    """A two-party report's extra lines (channels, turn-by-turn waits); none otherwise."""
    card_lines = getattr(report, "card_lines", None)
    return card_lines() if card_lines is not None else []
