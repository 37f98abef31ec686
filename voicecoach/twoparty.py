"""Two-party recordings end to end, and the customer's name on any recording.

A call recorder usually puts the agent and the customer on separate stereo
channels. Each channel is loaded once, its speech found from its own energy and
transcribed with the same loaded model; the agent's channel then gets the usual
one-party analysis, and the two together give the turns, the response latencies,
the overlaps, the talk share and mirroring (see :mod:`voicecoach.measures.turns`).

A mono file, or a stereo file with the same signal on both channels ("dual mono"),
cannot tell the voices apart: response latency needs separate channels, so only
the one-party measures are reported, and the report says so.
"""

from __future__ import annotations

import dataclasses
import os
import re
import warnings
from dataclasses import dataclass

import numpy as np

from voicecoach.assess.assess import Assessment, assess
from voicecoach.assess.targets import Targets, load_targets
from voicecoach.assess.twoparty import (
    combine,
    credit_customer_answers,
    name_findings,
    two_party_findings,
)
from voicecoach.audio import Audio, load
from voicecoach.measures.activity import Activity, detect
from voicecoach.measures.intervals import total_s
from voicecoach.measures.mirroring import MirrorMeasures, measure_mirroring
from voicecoach.measures.names import NameUses, find_name_uses
from voicecoach.measures.turns import (
    TurnMeasures,
    measure_turns,
    own_turns_pace,
    without_crosstalk,
)
from voicecoach.pipeline import Progress, Report, analyze, analyze_audio
from voicecoach.transcript import Transcript

__all__ = ["CallReport", "TwoParty", "analyze_call", "analyze_two_party_audio",
           "is_dual_mono", "choose_agent_channel", "NEEDS_CHANNELS", "DUAL_MONO_CORR"]

DUAL_MONO_CORR = 0.98
"""Channels correlating at least this much (after any gain difference) are one signal."""
NEEDS_CHANNELS = ("response latency, overlaps and talk share need the agent and the customer "
                  "on separate channels")
_AGENT_CUES = re.compile(
    r"\b(calling (from|about|regarding)|this is \w+( \w+)? (from|with)|my name is|"
    r"am i speaking|speaking with|on behalf of|invoice|account number|balance (due|of)|"
    r"recorded line|past due|overdue|outstanding)\b")


@dataclass(frozen=True)
class TwoParty:
    """The two-party part of a report.

    ``status`` is "ok", or "mono", "dual mono" or "one voice" when the recording
    cannot give two-party measures (then ``message`` says why and the measures are None).
    ``chosen_by`` says how the agent's channel was picked.
    """

    status: str
    message: str = ""
    agent_channel: str | None = None
    chosen_by: str = ""
    turns: TurnMeasures | None = None
    mirroring: MirrorMeasures | None = None
    customer_transcript: Transcript | None = None

    def to_dict(self) -> dict:
        ct = self.customer_transcript
        return {
            "status": self.status, "message": self.message,
            "agent_channel": self.agent_channel, "chosen_by": self.chosen_by,
            "customer_channel": None if self.agent_channel is None else
            ("right" if self.agent_channel == "left" else "left"),
            "turns": None if self.turns is None else self.turns.to_dict(),
            "mirroring": None if self.mirroring is None else self.mirroring.to_dict(),
            "customer_transcript": None if ct is None else {
                "text": ct.text,
                "words": [{"text": w.text, "start_s": round(w.start_s, 3),
                           "end_s": round(w.end_s, 3), "probability": round(w.probability, 3)}
                          for w in ct.words]},
        }


@dataclass(frozen=True)
class CallReport(Report):
    """A :class:`~voicecoach.pipeline.Report` with the two-party and name-use parts."""

    two_party: TwoParty | None = None
    names: NameUses | None = None

    def call_sections(self) -> dict:
        """The JSON sections this report adds: "two_party" and "names"."""
        return {"two_party": None if self.two_party is None else self.two_party.to_dict(),
                "names": None if self.names is None else self.names.to_dict()}

    def card_lines(self) -> list[str]:
        """Lines for the report card: who is on which channel and the turn-by-turn waits."""
        tp = self.two_party
        if tp is None or tp.turns is None:
            return []
        m = tp.turns
        median = m.median_latency_s
        lines = [f"Two-party: you on the {tp.agent_channel} channel ({tp.chosen_by}); "
                 f"{sum(t.party == 'customer' for t in m.turns)} customer turns, "
                 f"{len(m.latencies)} answered"
                 + ("" if median is None else f", median wait {median:.1f} s")]
        theirs = sum(b.party == "customer" for b in m.backchannels)
        lines.append(f"  {len(m.overlaps)} overlaps ({len(m.agent_overlaps)} of them you over "
                     f"the customer); backchannels (short \"mhm\", \"yes\", not turns): "
                     f"customer {theirs}, you {len(m.backchannels) - theirs}")
        waits = [f"{lat.customer_end_s:.1f}s:{lat.latency_s:+.1f}" for lat in m.latencies]
        if waits:
            lines.append("  waits (customer stop: your wait, s): " + "  ".join(waits[:10])
                         + (f" +{len(waits) - 10} more" if len(waits) > 10 else ""))
        if tp.customer_transcript is not None and tp.customer_transcript.words:
            lines.append(f"Customer: {tp.customer_transcript.text}")
        return lines


class _Cached:
    """A transcriber that answers from transcripts already made (same loaded model)."""

    def __init__(self, transcriber, done: dict[int, Transcript]) -> None:
        self.transcriber, self.done = transcriber, done
        self.model_id = transcriber.model_id

    def transcribe(self, audio: Audio, *, progress=None, on_words=None) -> Transcript:
        if id(audio) in self.done:
            return self.done[id(audio)]
        return self.transcriber.transcribe(audio, progress=progress, on_words=on_words)


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


def _with_names(report: Report, name: str | None, targets: Targets,
                two_party: TwoParty | None = None, notes: tuple[str, ...] = ()) -> CallReport:
    uses = find_name_uses(report.transcript, name) if name else None
    assessment = report.assessment
    if assessment is not None and uses is not None:
        assessment = combine(assessment, name_findings(uses, targets.names), targets)
    fields = {f.name: getattr(report, f.name) for f in dataclasses.fields(Report)}
    fields.update(assessment=assessment, warnings=notes + report.warnings)
    return CallReport(**fields, two_party=two_party, names=uses)


def analyze_call(
    path: str | os.PathLike,
    *,
    two_party: bool = False,
    agent_channel: str = "auto",
    customer_name: str | None = None,
    channel: str | int = "mix",
    targets: Targets | None = None,
    transcriber=None,
    progress: Progress | None = None,
    **options,
) -> CallReport:
    """Analyze a recording, as two parties on two channels when ``two_party``.

    Parameters
    ----------
    two_party : bool
        Agent and customer on separate channels of a stereo file.
    agent_channel : {"auto", "left", "right"}
        The agent's channel; "auto" picks it (see :func:`choose_agent_channel`).
    customer_name : str, optional
        Report how often and when the agent says it (works on one-party takes too).
    channel : {"mix", "left", "right"} or int
        The agent's channel for a one-party analysis; with ``two_party``, "left" or
        "right" stands for ``agent_channel`` when that is "auto".
    **options
        Passed on to :func:`voicecoach.pipeline.analyze` (model, baseline, consonants).
    """
    targets = targets or load_targets()
    if not two_party:
        report = analyze(path, targets=targets, channel=channel, transcriber=transcriber,
                         progress=progress, **options)
        return _with_names(report, customer_name, targets)
    if agent_channel not in ("auto", "left", "right"):
        raise ValueError(f"agent_channel must be auto, left or right, not {agent_channel!r}")
    if agent_channel == "auto" and channel in ("left", "right"):
        agent_channel = channel  # --channel names the agent's channel too
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        left = load(path, channel="left")
        right = load(path, channel="right") if left.channels >= 2 else None
    notes = tuple(dict.fromkeys(str(w.message) for w in caught))
    if left.channels > 2:
        notes += (f"{left.channels} channels: the first two were taken as left and right",)
    report = analyze_two_party_audio(left, right, agent_channel=agent_channel,
                                     customer_name=customer_name, targets=targets,
                                     transcriber=transcriber, progress=progress,
                                     baseline=options.get("baseline"),
                                     model=options.get("model"),
                                     consonants=options.get("consonants", True))
    return dataclasses.replace(report, warnings=notes + report.warnings)


def _one_party(audio: Audio, status: str, message: str, *, customer_name, targets,
               transcriber, progress, model, consonants, baseline_f0_hz) -> CallReport:
    report = analyze_audio(audio, targets=targets, model=model, transcriber=transcriber,
                           baseline_f0_hz=baseline_f0_hz, consonants=consonants,
                           progress=progress)
    return _with_names(report, customer_name, targets, TwoParty(status, message),
                       (message,))


def analyze_two_party_audio(
    left: Audio,
    right: Audio | None,
    *,
    agent_channel: str = "auto",
    customer_name: str | None = None,
    targets: Targets | None = None,
    model=None,
    transcriber=None,
    consonants: bool = True,
    baseline: str | os.PathLike | None = None,
    progress: Progress | None = None,
) -> CallReport:
    """Two-party analysis of already loaded channels (``right`` None for a mono file)."""
    from voicecoach.transcript.whisper import Transcriber

    targets = targets or load_targets()
    transcriber = transcriber or Transcriber(model)
    progress = progress or (lambda stage, fraction: None)
    one = dict(customer_name=customer_name, targets=targets, transcriber=transcriber,
               progress=progress, model=model, consonants=consonants)
    single = _single_signal(left, right)
    if single is not None:
        audio, status, message = single
        return _one_party(audio, status, message, baseline_f0_hz=_baseline(baseline, "mix"),
                          **one)
    audios = {"left": left, "right": right}
    raw = {ch: detect(a.samples, a.sr) for ch, a in audios.items()}
    acts = {ch: dataclasses.replace(act, intervals=without_crosstalk(act, raw[_other(ch)]))
            for ch, act in raw.items()}
    silent = [ch for ch, act in acts.items() if not act.intervals]
    if len(silent) == 1:
        talker = _other(silent[0])
        return _one_party(audios[talker], "one voice", f"the {silent[0]} channel holds no "
                          f"speech, so {NEEDS_CHANNELS}; the {talker} channel was analyzed "
                          "alone", baseline_f0_hz=_baseline(baseline, talker), **one)
    progress("transcribing", 0.05)
    texts = {ch: _spoken_only(transcriber.transcribe(a)) for ch, a in audios.items()}
    why = "as given"
    if agent_channel == "auto":
        agent_channel, why = choose_agent_channel(
            texts, {ch: total_s(act.intervals) for ch, act in acts.items()}, customer_name)
        why = f"chosen because {why}; set it with --agent-channel"
    cached = _Cached(transcriber, {id(a): texts[ch] for ch, a in audios.items()})
    report = analyze_audio(audios[agent_channel], targets=targets, transcriber=cached,
                           baseline_f0_hz=_baseline(baseline, agent_channel),
                           consonants=consonants, progress=progress)
    if report.measures is None or report.assessment is None:
        return _with_names(report, customer_name, targets,
                           TwoParty(report.status, f"the agent's ({agent_channel}) channel was "
                                    f"not assessed: {report.message}", agent_channel, why))
    return _two_party_report(report, texts, acts, agent_channel, why, customer_name, targets)


def _single_signal(left: Audio, right: Audio | None) -> tuple[Audio, str, str] | None:
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


def _two_party_report(report: Report, texts: dict[str, Transcript], acts: dict[str, Activity],
                      agent: str, why: str, customer_name: str | None,
                      targets: Targets) -> CallReport:
    """The agent's one-party report with the turn-taking measures and findings added."""
    cust = _other(agent)
    turns = measure_turns(acts[agent].intervals, acts[cust].intervals,
                          questions=report.measures.questions, duration_s=report.duration_s,
                          agent_words=texts[agent], customer_words=texts[cust])
    mirroring = measure_mirroring(turns.turns, turns.latencies, texts[agent], texts[cust],
                                  acts[agent], acts[cust])
    measures = dataclasses.replace(report.measures, questions=turns.questions)
    own = own_turns_pace(texts[agent], acts[agent], turns.turns)
    notes: tuple[str, ...] = ()
    base = assess(measures, targets)
    if own is not None:
        measures = dataclasses.replace(measures, pace=own[0], pauses=own[1])
        base = _own_turns_detail(assess(measures, targets), turns)
        mine_s = sum(t.duration_s for t in turns.turns if t.party == "agent")
        notes = (f"pace and pauses are measured within your own turns ({mine_s:.0f} s of the "
                 f"{own[0].span_s:.0f} s from your first word to your last); the customer's "
                 "turns and your waits before answering are not pauses",)
    base = combine(dataclasses.replace(base, findings=()),
                   credit_customer_answers(base.findings, turns), targets)
    assessment = combine(base, two_party_findings(turns, mirroring, targets), targets)
    report = dataclasses.replace(report, measures=measures, assessment=assessment,
                                 activity=acts[agent])
    return _with_names(report, customer_name, targets,
                       TwoParty("ok", "", agent, why, turns, mirroring, texts[cust]), notes)


def _own_turns_detail(assessment: Assessment, turns: TurnMeasures) -> Assessment:
    """The speaking-rate finding placed on the agent's own turns, its time counted there."""
    mine = [t for t in turns.turns if t.party == "agent"]
    mine_s = sum(t.duration_s for t in mine)
    out = []
    for f in assessment.findings:
        if f.key == "pace.rate":
            detail = re.sub(r"in [\d.]+ s", f"in {mine_s:.1f} s of your own turns", f.detail,
                            count=1)
            f = dataclasses.replace(f, detail=detail,
                                    where=tuple((t.start_s, t.end_s) for t in mine))
        out.append(f)
    return dataclasses.replace(assessment, findings=tuple(out))


def _other(channel: str) -> str:
    return "right" if channel == "left" else "left"


def _spoken_only(transcript: Transcript) -> Transcript:
    """Drop "words" that are only punctuation (the model's filler over long silences)."""
    words = tuple(w for w in transcript.words if w.norm)
    return Transcript(words, transcript.language, transcript.language_probability)


def _baseline(baseline, channel: str) -> float | None:
    if not baseline:
        return None
    from voicecoach.pipeline import recording_median_f0_hz

    return recording_median_f0_hz(baseline, channel)
