"""Two-party recordings: which channel is the agent, the turn measures added to the
agent's one-party report, and the customer's name on any recording.

A call recorder usually puts the agent and the customer on separate stereo
channels. :func:`voicecoach.pipeline.analyze` hears each channel (its speech from its
own energy, see :func:`separate_speech`, and its transcript), runs the one-party
analysis on the agent's channel, and hands the result here: :func:`with_turns` adds
the turns, response latencies, overlaps, backchannels, talk share and mirroring
(see :mod:`voicecoach.measures.turns`) and reassesses. Everything here is a pure
function of what was measured; nothing loads, transcribes or reads a file.

A mono file, or a stereo file with the same signal on both channels ("dual mono"),
cannot tell the voices apart: response latency needs separate channels, so only
the one-party measures are reported, and the report says so.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np

from voicecoach.assess.assess import Assessment, assess
from voicecoach.assess.content import name_step
from voicecoach.assess.targets import Targets
from voicecoach.assess.twoparty import (
    combine,
    credit_customer_answers,
    name_findings,
    two_party_findings,
)
from voicecoach.audio import Audio
from voicecoach.measures.activity import Activity
from voicecoach.measures.mirroring import measure_mirroring
from voicecoach.measures.names import find_name_uses
from voicecoach.measures.turns import (
    TurnMeasures,
    measure_turns,
    own_turns_pace,
    without_crosstalk,
)
from voicecoach.result import Report, TwoParty
from voicecoach.transcript import Transcript

__all__ = ["CallReport", "TwoParty", "is_dual_mono", "choose_agent_channel", "single_signal",
           "separate_speech", "with_turns", "with_names", "noted", "other", "NEEDS_CHANNELS",
           "DUAL_MONO_CORR"]

CallReport = Report
"""A report with its two-party and name-use parts (:class:`voicecoach.result.Report`)."""
DUAL_MONO_CORR = 0.98
"""Channels correlating at least this much (after any gain difference) are one signal."""
NEEDS_CHANNELS = ("response latency, overlaps and talk share need the agent and the customer "
                  "on separate channels")
_AGENT_CUES = re.compile(
    r"\b(calling (from|about|regarding)|this is \w+( \w+)? (from|with)|my name is|"
    r"am i speaking|speaking with|on behalf of|invoice|account number|balance (due|of)|"
    r"recorded line|past due|overdue|outstanding)\b")


def is_dual_mono(left: np.ndarray, right: np.ndarray, *, min_corr: float = DUAL_MONO_CORR) -> bool:
    """Whether two channels carry the same signal (up to a gain): correlation >= ``min_corr``.

    A channel holding only digital silence is not dual mono (it is an empty channel).
    """
    a = np.asarray(left, dtype=np.float64)
    b = np.asarray(right, dtype=np.float64)
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    energy = float(np.sqrt(np.dot(a, a) * np.dot(b, b)))
    if energy <= 1e-12:
        return False
    return float(np.dot(a, b)) / energy >= min_corr


def _agent_cues(transcript: Transcript) -> int:
    return len(_AGENT_CUES.findall(transcript.text.lower()))


def choose_agent_channel(transcripts: dict[str, Transcript], speech_s: dict[str, float],
                         customer_name: str | None = None) -> tuple[str, str]:
    """Pick the agent's channel ("left" or "right") and say why.

    In order: the channel that says the customer's name more often; the one with more
    of an agent's opening phrases ("calling from", "my name is", "invoice", "balance due",
    ...); the one that talks more; "left" (the usual recorder layout).
    """
    if customer_name:
        uses = {ch: find_name_uses(tr, customer_name).count for ch, tr in transcripts.items()}
        if uses["left"] != uses["right"]:
            ch = max(uses, key=uses.__getitem__)
            return ch, f"it says the customer's name ({uses[ch]} times)"
    cues = {ch: _agent_cues(tr) for ch, tr in transcripts.items()}
    if cues["left"] != cues["right"]:
        ch = max(cues, key=cues.__getitem__)
        return ch, f"it has the agent's phrases ({cues[ch]} of them)"
    if abs(speech_s["left"] - speech_s["right"]) > 1.0:
        ch = max(speech_s, key=speech_s.__getitem__)
        return ch, f"it talks more ({speech_s[ch]:.0f} s)"
    return "left", "the usual layout; nothing else told the voices apart"


def with_names(report: Report, name: str | None, targets: Targets) -> Report:
    """``report`` with the uses of the customer's ``name`` and their findings (unchanged
    without a name)."""
    if not name:
        return report
    uses = find_name_uses(report.transcript, name)
    assessment = report.assessment
    if assessment is not None:
        checklist = targets.content.for_language(report.measures.language) \
            if report.measures is not None else None
        assessment = dataclasses.replace(
            assessment, findings=tuple(name_step(list(assessment.findings), uses, checklist)))
        assessment = combine(assessment, name_findings(uses, targets.names), targets)
    return dataclasses.replace(report, assessment=assessment, names=uses)


def noted(report: Report, two_party: TwoParty, notes: tuple[str, ...] = ()) -> Report:
    """``report`` with its two-party part set and ``notes`` put first in its warnings."""
    return dataclasses.replace(report, two_party=two_party, warnings=notes + report.warnings)


def single_signal(left: Audio, right: Audio | None) -> tuple[Audio, str, str] | None:
    """(audio to analyze alone, status, message) for a mono or dual-mono file, else None."""
    if right is None:
        return (dataclasses.replace(left, channel="mix"), "mono",
                f"this recording is mono, so {NEEDS_CHANNELS}; only the one-party measures "
                "are reported")
    if is_dual_mono(left.samples, right.samples):
        mix = dataclasses.replace(left, samples=0.5 * (left.samples + right.samples),
                                  channel="mix")
        return (mix, "dual mono", "both channels carry the same signal (dual mono), so it "
                f"was treated as mono: {NEEDS_CHANNELS}; only the one-party measures are "
                "reported")
    return None


def separate_speech(raw: dict[str, Activity]) -> dict[str, Activity]:
    """Each channel's speech activity with the other party's leakage taken out."""
    return {ch: dataclasses.replace(act, intervals=without_crosstalk(act, raw[other(ch)]))
            for ch, act in raw.items()}


def with_turns(report: Report, texts: dict[str, Transcript], acts: dict[str, Activity],
               agent: str, why: str, targets: Targets) -> Report:
    """The agent's one-party report with the turn-taking measures and findings added.

    Pace and pauses are measured again within the agent's own turns (the customer's
    turns and the waits before answering are not pauses); the question gaps end when
    either party speaks; findings of questions the customer answered are on target.
    """
    cust = other(agent)
    turns = measure_turns(acts[agent].intervals, acts[cust].intervals,
                          questions=report.measures.questions, duration_s=report.duration_s,
                          agent_words=texts[agent], customer_words=texts[cust])
    mirroring = measure_mirroring(turns.turns, turns.latencies, texts[agent], texts[cust],
                                  acts[agent], acts[cust])
    measures = dataclasses.replace(report.measures, questions=turns.questions)
    own = own_turns_pace(texts[agent], acts[agent], turns.turns)
    notes: tuple[str, ...] = ()
    if own is not None:
        measures = dataclasses.replace(measures, pace=own[0], pauses=own[1])
        base = _own_turns_detail(assess(measures, targets), turns)
        mine_s = sum(t.duration_s for t in turns.turns if t.party == "agent")
        from voicecoach.i18n import t

        notes = (t("note.own_turns", turns_s=mine_s, span_s=own[0].span_s),)
    else:
        base = assess(measures, targets)
    base = combine(dataclasses.replace(base, findings=()),
                   credit_customer_answers(base.findings, turns), targets)
    assessment = combine(base, two_party_findings(turns, mirroring, targets), targets)
    report = dataclasses.replace(report, measures=measures, assessment=assessment,
                                 activity=acts[agent])
    return noted(report, TwoParty("ok", "", agent, why, turns, mirroring, texts[cust]), notes)


def _own_turns_detail(assessment: Assessment, turns: TurnMeasures) -> Assessment:
    """The speaking-rate finding placed on the agent's own turns, its time counted there."""
    mine = [t for t in turns.turns if t.party == "agent"]
    mine_s = sum(t.duration_s for t in mine)
    out = []
    for f in assessment.findings:
        if f.key == "pace.rate":
            f = dataclasses.replace(f, detail=_in_own_turns(f.detail, mine_s),
                                    where=tuple((t.start_s, t.end_s) for t in mine))
        out.append(f)
    return dataclasses.replace(assessment, findings=tuple(out))


def _in_own_turns(detail: str, mine_s: float) -> str:
    """The rate's detail with its time counted in the agent's own turns."""
    from voicecoach.i18n import Msg, joined, t

    parts = list(detail.params["parts"]) if isinstance(detail, Msg) and \
        detail.key == "_join" else []
    first = parts[0] if parts else None
    if isinstance(first, Msg) and first.key.startswith("detail.pace.words_in"):
        p = first.params
        parts[0] = (t("detail.pace.words_in_turns_waits", n_words=p["n_words"], turns_s=mine_s,
                      waiting_s=p["waiting_s"]) if "waiting_s" in p else
                    t("detail.pace.words_in_turns", n_words=p["n_words"], turns_s=mine_s))
        return joined(parts, detail.params["sep"])
    return re.sub(r"in [\d.]+ s", f"in {mine_s:.1f} s of your own turns", detail, count=1)


def other(channel: str) -> str:
    return "right" if channel == "left" else "left"
