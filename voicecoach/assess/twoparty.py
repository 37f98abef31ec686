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
from voicecoach.i18n import joined
from voicecoach.i18n import t as _t
from voicecoach.measures.mirroring import MirrorMeasures
from voicecoach.measures.names import NameUses
from voicecoach.measures.turns import TurnMeasures

__all__ = ["latency_findings", "overlap_findings", "talk_share_findings",
           "mirroring_findings", "name_findings", "two_party_findings", "combine",
           "credit_customer_answers"]

_GROUP = "twoparty"


def latency_findings(m: TurnMeasures, t: TwoPartyTargets) -> list[Finding]:
    """One finding per customer turn answered by the agent, then one for the median."""
    target = _t("target.latency", least_s=t.latency_s_min)
    out = []
    for n, lat in enumerate(m.latencies, 1):
        wait = lat.latency_s
        note = (_t("detail.latency.overlapped", seconds=-wait) if lat.overlapped
                else _t("detail.latency.answered", customer_end_s=lat.customer_end_s,
                        agent_start_s=lat.agent_start_s))
        out.append(finding(f"twoparty.latency.{n}", _t("guideline.twoparty.latency"), wait, "s",
                           target, judge(wait, t.latency_s_min, np.inf, t.close_latency_s),
                           [(lat.customer_end_s, lat.agent_start_s)],
                           _t("tip.twoparty.count_five"), _GROUP, note))
    median = m.median_latency_s
    if median is not None:
        short = sum(lat.latency_s < t.latency_s_min for lat in m.latencies)
        out.append(finding("twoparty.latency.median", _t("guideline.twoparty.latency_median"),
                           median, "s", target,
                           judge(median, t.latency_s_min, np.inf, t.close_latency_s),
                           [], _t("tip.twoparty.habit"), _GROUP,
                           _t("detail.latency.median", short=short, answers=len(m.latencies),
                              least_s=t.latency_s_min)))
    return out


def overlap_findings(m: TurnMeasures, t: TwoPartyTargets) -> list[Finding]:
    over = m.agent_overlaps
    times = joined((_t("detail.seconds", seconds=o.start_s) for o in over[:6]), ", ")
    detail = (_t("detail.overlaps.some", n=len(over), times=times) if over
              else _t("detail.overlaps.none"))
    return [finding("twoparty.overlaps", _t("guideline.twoparty.overlaps"), float(len(over)),
                    "times", _t("target.overlaps", n=t.overlaps_max),
                    judge(len(over), 0.0, t.overlaps_max, t.close_overlaps),
                    [(o.start_s, o.end_s) for o in over],
                    _t("tip.twoparty.wait_finish"), _GROUP, detail)]


def talk_share_findings(m: TurnMeasures, t: TwoPartyTargets) -> list[Finding]:
    if m.agent_speech_s + m.customer_speech_s <= 0:
        return []
    mono = m.longest_monologue
    detail = (_t("detail.talk_share", agent_s=m.agent_speech_s, customer_s=m.customer_speech_s)
              if mono is None else
              _t("detail.talk_share_monologue", agent_s=m.agent_speech_s,
                 customer_s=m.customer_speech_s, monologue_s=mono.duration_s))
    where = [] if mono is None else [(mono.start_s, mono.end_s)]
    return [finding("twoparty.talk_share", _t("guideline.twoparty.talk_share"), m.talk_share,
                    "share", _t("target.talk_share", share=t.talk_share_max),
                    judge(m.talk_share, 0.0, t.talk_share_max, t.close_talk_share), where,
                    _t("tip.twoparty.open_question"), _GROUP, detail)]


def mirroring_findings(m: MirrorMeasures, t: TwoPartyTargets) -> list[Finding]:
    """Pace and volume against the customer's: flagged when the agent is much faster or
    louder (slower or quieter than the customer goes with the rest of the guidance, and
    a quieter line is often just the recorder's gain)."""
    hi = 1.0 + t.mirror_band
    target = _t("target.mirror", ratio=hi)
    out = []
    rate = m.median_rate_ratio
    if rate is not None:
        fast = [x for x in m.turns if x.rate_ratio is not None and x.rate_ratio > hi]
        n = sum(x.rate_ratio is not None for x in m.turns)
        out.append(finding("twoparty.mirror.rate", _t("guideline.twoparty.mirror_rate"), rate,
                           "x", target, judge(rate, 0.0, hi, t.close_mirror),
                           [(x.start_s, x.end_s) for x in fast],
                           _t("tip.twoparty.slow_to_customer"), _GROUP,
                           _t("detail.mirror.rate", answers=n, fast=len(fast),
                              band=t.mirror_band)))
    loud = m.median_loudness_ratio
    if loud is not None:
        louder = [x for x in m.turns if x.loudness_ratio > hi]
        out.append(finding("twoparty.mirror.loudness", _t("guideline.twoparty.mirror_loudness"),
                           loud, "x", target, judge(loud, 0.0, hi, t.close_mirror),
                           [(x.start_s, x.end_s) for x in louder],
                           _t("tip.twoparty.volume_down"), _GROUP,
                           _t("detail.mirror.loudness", louder=len(louder), band=t.mirror_band)))
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
    tip = (_t("tip.names.early", name=uses.name) if n < t.uses_min else _t("tip.names.less"))
    when = joined((_t("detail.names.use", said=u.text, start_s=u.start_s)
                   for u in uses.uses[:6]), ", ")
    out = [finding("names.count", _t("guideline.names.count"), float(n), "uses",
                   _t("target.name_uses", lo=t.uses_min, hi=t.uses_max), judged,
                   [(u.start_s, u.end_s) for u in uses.uses], tip, "names",
                   when or _t("detail.names.not_heard", name=uses.name))]
    if n >= 2:
        closest = min(uses.spacings_s())
        pairs = uses.close_pairs(t.min_spacing_s)
        judged = (ON_TARGET, 1.0) if not pairs else (NEEDS_WORK, 0.0)
        out.append(finding("names.spacing", _t("guideline.names.spacing"), closest, "s",
                           _t("target.name_spacing", seconds=t.min_spacing_s), judged,
                           [(a.start_s, b.end_s) for a, b in pairs],
                           _t("tip.names.spacing"), "names",
                           _t("detail.names.pairs", pairs=len(pairs), seconds=t.min_spacing_s)))
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
            f = dataclasses.replace(f, verdict=ON_TARGET, score=1.0, tip=_t("tip.keep"),
                                    detail=_t("detail.questions.answered", question=q.text,
                                              gap_s=q.gap_s))
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
