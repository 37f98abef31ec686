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
    """A two-party report's extra lines: who is on which channel, the turn-by-turn waits,
    overlaps and backchannels, the customer's words; none for a one-party report."""
    tp = getattr(report, "two_party", None)
    if tp is None or tp.turns is None:
        return []
    m = tp.turns
    median = m.median_latency_s
    lines = [f"Two-party: you on the {tp.agent_channel} channel ({tp.chosen_by}); "
             f"{sum(t.party == 'customer' for t in m.turns)} customer turns, "
             f"{len(m.latencies)} answered"
             + ("" if median is None else f", median wait {median:.1f} s")]
    theirs = sum(b.party == "customer" for b in m.backchannels)
    lines.append(f"  {len(m.overlaps)} overlaps ({len(m.agent_overlaps)} of them you over the "
                 f"customer); backchannels (a short \"mhm\" or \"yes\", not a turn): "
                 f"customer {theirs}, you {len(m.backchannels) - theirs}")
    waits = [f"{lat.customer_end_s:.1f}s:{lat.latency_s:+.1f}" for lat in m.latencies]
    if waits:
        lines.append("  waits (customer stop: your wait, s): " + "  ".join(waits[:10])
                     + (f" +{len(waits) - 10} more" if len(waits) > 10 else ""))
    if tp.customer_transcript is not None and tp.customer_transcript.words:
        lines.append(f"Customer: {tp.customer_transcript.text}")
    return lines
