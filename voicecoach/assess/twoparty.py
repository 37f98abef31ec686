"""Findings for two-party recordings (response latency, overlaps, talk share, mirroring)
and for the use of the customer's name, and the score with them folded in."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from voicecoach.assess.assess import (
    CLOSE,
    NEEDS_WORK,
    ON_TARGET,
    Assessment,
    Finding,
    finding,
    judge,
    scored,
)
from voicecoach.assess.targets import NameTargets, Targets, TwoPartyTargets
from voicecoach.measures.mirroring import MirrorMeasures
from voicecoach.measures.names import NameUses
from voicecoach.measures.turns import TurnMeasures

__all__ = ["latency_findings", "overlap_findings", "talk_share_findings",
           "mirroring_findings", "name_findings", "two_party_findings", "combine",
           "credit_customer_answers"]

_GROUP = "twoparty"


def latency_findings(m: TurnMeasures, t: TwoPartyTargets) -> list[Finding]:
    """One finding per customer turn answered by the agent, then one for the median."""
    target = f">= {t.latency_s_min:.1f} s (count slowly to five)"
    out = []
    for n, lat in enumerate(m.latencies, 1):
        wait = lat.latency_s
        note = (f"you started {-wait:.1f} s before the customer finished" if lat.overlapped
                else f"customer stopped at {lat.customer_end_s:.1f} s, you answered at "
                f"{lat.agent_start_s:.1f} s")
        out.append(finding(f"twoparty.latency.{n}", "Count to five before answering", wait, "s",
                           target, judge(wait, t.latency_s_min, np.inf, t.close_latency_s),
                           [(lat.customer_end_s, lat.agent_start_s)],
                           "When the customer stops, count slowly to five before you answer: "
                           "the silence makes them fill it.", _GROUP, note))
    median = m.median_latency_s
    if median is not None:
        short = sum(lat.latency_s < t.latency_s_min for lat in m.latencies)
        out.append(finding("twoparty.latency.median", "Wait before answering (typical)", median,
                           "s", target, judge(median, t.latency_s_min, np.inf, t.close_latency_s),
                           [], "Make the slow count to five a habit after every customer turn.",
                           _GROUP, f"{short} of {len(m.latencies)} answers came sooner than "
                           f"{t.latency_s_min:.0f} s"))
    return out


def overlap_findings(m: TurnMeasures, t: TwoPartyTargets) -> list[Finding]:
    over = m.agent_overlaps
    times = ", ".join(f"{o.start_s:.1f} s" for o in over[:6])
    detail = (f"you talked over the customer {len(over)} time(s): {times}" if over
              else "you never talked over the customer")
    return [finding("twoparty.overlaps", "Let the customer finish", float(len(over)), "times",
                    f"<= {t.overlaps_max:.0f} times",
                    judge(len(over), 0.0, t.overlaps_max, t.close_overlaps),
                    [(o.start_s, o.end_s) for o in over],
                    "Wait until the customer has finished; then count to five.", _GROUP, detail)]


def talk_share_findings(m: TurnMeasures, t: TwoPartyTargets) -> list[Finding]:
    if m.agent_speech_s + m.customer_speech_s <= 0:
        return []
    mono = m.longest_monologue
    detail = f"you {m.agent_speech_s:.1f} s, customer {m.customer_speech_s:.1f} s"
    if mono is not None:
        detail += f"; longest monologue {mono.duration_s:.1f} s"
    where = [] if mono is None else [(mono.start_s, mono.end_s)]
    return [finding("twoparty.talk_share", "Listen more than you talk", m.talk_share, "share",
                    f"<= {t.talk_share_max:.0%} of the talking",
                    judge(m.talk_share, 0.0, t.talk_share_max, t.close_talk_share), where,
                    "Ask an open question, then let the customer talk.", _GROUP, detail)]


def mirroring_findings(m: MirrorMeasures, t: TwoPartyTargets) -> list[Finding]:
    """Pace and volume against the customer's: flagged when the agent is much faster or
    louder (slower or quieter than the customer goes with the rest of the guidance, and
    a quieter line is often just the recorder's gain)."""
    hi = 1.0 + t.mirror_band
    target = f"<= {hi:.1f} x the customer's"
    out = []
    rate = m.median_rate_ratio
    if rate is not None:
        fast = [x for x in m.turns if x.rate_ratio is not None and x.rate_ratio > hi]
        n = sum(x.rate_ratio is not None for x in m.turns)
        out.append(finding("twoparty.mirror.rate", "Mirror the customer's pace", rate, "x", target,
                           judge(rate, 0.0, hi, t.close_mirror),
                           [(x.start_s, x.end_s) for x in fast],
                           "Slow down to the customer's pace when you answer.", _GROUP,
                           f"median of {n} answers; {len(fast)} more than {t.mirror_band:.0%} "
                           "faster than the customer"))
    loud = m.median_loudness_ratio
    if loud is not None:
        louder = [x for x in m.turns if x.loudness_ratio > hi]
        out.append(finding("twoparty.mirror.loudness", "Mirror the customer's volume", loud, "x",
                           target, judge(loud, 0.0, hi, t.close_mirror),
                           [(x.start_s, x.end_s) for x in louder],
                           "Bring your volume down to the customer's.", _GROUP,
                           f"{len(louder)} answers more than {t.mirror_band:.0%} louder; levels as "
                           "recorded on each channel (a gain difference between the lines shows "
                           "here too)"))
    return out


def name_findings(uses: NameUses, t: NameTargets) -> list[Finding]:
    """The count of name uses, and (with two or more) the closest spacing."""
    n = uses.count
    if t.uses_min <= n <= t.uses_max:
        judged = (ON_TARGET, 1.0)
    elif n == 0 or n >= t.too_many_uses:
        judged = (NEEDS_WORK, 0.0)
    else:
        judged = (CLOSE, 0.5)
    tip = (f"Use {uses.name}'s name early, once when you greet them and once at the ask."
           if n < t.uses_min else "Use the name less: two or three times is enough.")
    when = ", ".join(f'"{u.text}" {u.start_s:.1f} s' for u in uses.uses[:6])
    out = [finding("names.count", "Use the customer's name, not too much", float(n), "uses",
                   f"{t.uses_min:.0f}-{t.uses_max:.0f} uses", judged,
                   [(u.start_s, u.end_s) for u in uses.uses], tip, "names",
                   when or f"{uses.name} was not heard")]
    if n >= 2:
        closest = min(uses.spacings_s())
        pairs = uses.close_pairs(t.min_spacing_s)
        judged = (ON_TARGET, 1.0) if not pairs else (NEEDS_WORK, 0.0)
        out.append(finding("names.spacing", "Space out the name", closest, "s",
                           f">= {t.min_spacing_s:.0f} s between uses", judged,
                           [(a.start_s, b.end_s) for a, b in pairs],
                           "Leave at least 15 seconds between two uses of the name.", "names",
                           f"{len(pairs)} pair{'' if len(pairs) == 1 else 's'} closer than "
                           f"{t.min_spacing_s:.0f} s"))
    return out


def credit_customer_answers(findings: Sequence[Finding], m: TurnMeasures) -> list[Finding]:
    """Question-gap findings where the customer broke the silence are on target.

    Waiting after a question is meant to let the customer fill the silence; when the
    customer did, the agent did not rush in, however short the silence was.
    """
    answered = {f"questions.gap.{q.sentence_index}": q
                for q, yes in zip(m.questions.questions, m.customer_answered) if yes}
    out = []
    for f in findings:
        q = answered.get(f.key)
        if q is not None:
            f = dataclasses.replace(f, verdict=ON_TARGET, score=1.0, tip="Keep it as it is.",
                                    detail=f'"{q.text}"; the customer answered after '
                                    f"{q.gap_s:.1f} s")
        out.append(f)
    return out


def two_party_findings(turns: TurnMeasures, mirroring: MirrorMeasures | None,
                       t: Targets) -> list[Finding]:
    """All two-party findings, in the order a report shows them."""
    out = latency_findings(turns, t.twoparty) + overlap_findings(turns, t.twoparty)
    out += talk_share_findings(turns, t.twoparty)
    if mirroring is not None:
        out += mirroring_findings(mirroring, t.twoparty)
    return out


def combine(base: Assessment, extra: Sequence[Finding], targets: Targets) -> Assessment:
    """``base`` with ``extra`` findings appended and the score recomputed the same way
    (:func:`~voicecoach.assess.assess.scored`: findings not judged left out; a take too
    short to score stays without one)."""
    return dataclasses.replace(
        scored(tuple(base.findings) + tuple(extra), targets, message=base.message),
        retake=base.retake)
