"""Turns between two parties on separate channels: response latency, overlaps, talk share.

Each party's speech comes from its own channel's energy (see
:mod:`voicecoach.measures.activity`), so the edges are exact to about 10 ms and do
not depend on the recognizer's word timing.

Turn rule: speech stretches are taken in order of onset. A stretch of the party that
holds the floor extends its turn; a stretch of the other party that starts and ends
inside the current turn (a backchannel such as "mm-hm", or a cut-in that does not
take over) is an overlap but not a turn; any other stretch starts a new turn. A
*latency* is the time from the end of a customer turn to the start of the agent turn
that follows it; it is negative when the agent started before the customer finished.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from voicecoach.measures.activity import BRIDGE_S, MIN_SPEECH_S, Activity
from voicecoach.measures.intervals import Interval, from_mask, merge, total_s
from voicecoach.measures.pace import PaceMeasures, measure_pace
from voicecoach.measures.pauses import PauseMeasures, measure_pauses
from voicecoach.measures.questions import QuestionGap, QuestionMeasures
from voicecoach.transcript import Transcript

__all__ = ["AGENT", "CUSTOMER", "Turn", "Latency", "Overlap", "TurnMeasures", "build_turns",
           "find_latencies", "find_overlaps", "talk_share", "questions_across", "customer_answered",
           "measure_turns", "own_turns_pace", "without_crosstalk", "MIN_OVERLAP_S",
           "CROSSTALK_DB"]

AGENT, CUSTOMER = "agent", "customer"
MIN_OVERLAP_S = 0.2
"""Both parties must sound together at least this long (s) to count as an overlap."""
MIN_NEXT_SPEECH_S = 0.1
CROSSTALK_DB = 20.0
"""A weak frame this many dB below the other channel's is the other party leaking in."""
SILENCE_DB = 6.0
"""Frames less than this far above a channel's noise floor are silence."""


@dataclass(frozen=True)
class Turn:
    """One party holding the floor from ``start_s`` to ``end_s`` (seconds).

    ``speech`` are the party's speech stretches inside the turn; ``index`` its position.
    """

    party: str
    start_s: float
    end_s: float
    speech: tuple[Interval, ...]
    index: int = 0

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def speech_s(self) -> float:
        return total_s(self.speech)

    def to_dict(self) -> dict:
        return {"party": self.party, "start_s": round(self.start_s, 3),
                "end_s": round(self.end_s, 3), "speech_s": round(self.speech_s, 3)}


@dataclass(frozen=True)
class Latency:
    """The wait before the agent answers a customer turn.

    ``latency_s = agent_start_s - customer_end_s``; negative when the agent started
    talking before the customer had finished.
    """

    customer_turn: int
    agent_turn: int
    customer_end_s: float
    agent_start_s: float

    @property
    def latency_s(self) -> float:
        return self.agent_start_s - self.customer_end_s

    @property
    def overlapped(self) -> bool:
        return self.latency_s < 0

    def to_dict(self) -> dict:
        return {"customer_turn": self.customer_turn, "agent_turn": self.agent_turn,
                "customer_end_s": round(self.customer_end_s, 3),
                "agent_start_s": round(self.agent_start_s, 3),
                "latency_s": round(self.latency_s, 3)}


@dataclass(frozen=True)
class Overlap:
    """Both parties sounding at once; ``by`` is the party who started while the other spoke."""

    start_s: float
    end_s: float
    by: str

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    def to_dict(self) -> dict:
        return {"start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3), "by": self.by}


@dataclass(frozen=True)
class TurnMeasures:
    """Everything measured on the turn-taking of a two-party recording.

    Attributes
    ----------
    turns : tuple of Turn
    latencies : tuple of Latency
        One per customer turn that is followed by an agent turn.
    overlaps : tuple of Overlap
        Every stretch of both parties talking (>= ``MIN_OVERLAP_S``), either way round.
    agent_speech_s, customer_speech_s : float
        Seconds of speech on each channel.
    questions : QuestionMeasures
        The agent's questions; each gap ends when either party speaks.
    customer_answered : tuple of bool
        For each question, whether the customer broke the silence (not the agent).
    """

    turns: tuple[Turn, ...]
    latencies: tuple[Latency, ...]
    overlaps: tuple[Overlap, ...]
    agent_speech_s: float
    customer_speech_s: float
    questions: QuestionMeasures
    customer_answered: tuple[bool, ...] = ()

    @property
    def talk_share(self) -> float:
        """The agent's share of all speech, 0..1 (0 when nobody spoke)."""
        both = self.agent_speech_s + self.customer_speech_s
        return self.agent_speech_s / both if both > 0 else 0.0

    @property
    def agent_overlaps(self) -> tuple[Overlap, ...]:
        """Overlaps where the agent talked over the customer."""
        return tuple(o for o in self.overlaps if o.by == AGENT)

    @property
    def median_latency_s(self) -> float | None:
        if not self.latencies:
            return None
        return float(np.median([lat.latency_s for lat in self.latencies]))

    @property
    def longest_monologue(self) -> Turn | None:
        """The longest agent turn (span, pauses included)."""
        agent = [t for t in self.turns if t.party == AGENT]
        return max(agent, key=lambda t: t.duration_s, default=None)

    def to_dict(self) -> dict:
        mono = self.longest_monologue
        median = self.median_latency_s
        return {
            "talk_share": round(self.talk_share, 4),
            "agent_speech_s": round(self.agent_speech_s, 3),
            "customer_speech_s": round(self.customer_speech_s, 3),
            "median_latency_s": None if median is None else round(median, 3),
            "latencies": [lat.to_dict() for lat in self.latencies],
            "overlaps": [o.to_dict() for o in self.overlaps],
            "longest_monologue": None if mono is None else mono.to_dict(),
            "turns": [t.to_dict() for t in self.turns],
            "questions": self.questions.to_dict(),
            "customer_answered": list(self.customer_answered),
        }


def build_turns(agent: Sequence[Interval], customer: Sequence[Interval]) -> tuple[Turn, ...]:
    """Group both parties' speech stretches into turns (rule in the module docstring)."""
    events = sorted([(iv, AGENT) for iv in merge(agent)] + [(iv, CUSTOMER) for iv in
                                                              merge(customer)],
                    key=lambda e: (e[0].start_s, -e[0].end_s))
    spans: list[list] = []  # [party, start_s, end_s, [intervals]]
    for iv, party in events:
        if spans and spans[-1][0] == party:
            spans[-1][2] = max(spans[-1][2], iv.end_s)
            spans[-1][3].append(iv)
        elif spans and iv.end_s <= spans[-1][2]:
            continue  # inside the other party's turn: an overlap, not a turn
        else:
            spans.append([party, iv.start_s, iv.end_s, [iv]])
    return tuple(Turn(p, a, b, tuple(ivs), i) for i, (p, a, b, ivs) in enumerate(spans))


def find_latencies(turns: Sequence[Turn]) -> tuple[Latency, ...]:
    """One latency per customer turn directly followed by an agent turn."""
    return tuple(Latency(c.index, a.index, c.end_s, a.start_s)
                 for c, a in zip(turns, turns[1:]) if c.party == CUSTOMER and a.party == AGENT)


def find_overlaps(agent: Sequence[Interval], customer: Sequence[Interval], *,
                  min_overlap_s: float = MIN_OVERLAP_S) -> tuple[Overlap, ...]:
    """Stretches where both parties sound, each credited to the party who started last.

    Parameters
    ----------
    agent, customer : sequences of Interval
        Each party's speech (seconds).
    min_overlap_s : float >= 0
        Shorter overlaps (edge jitter at a quick hand-over) are dropped.
    """
    out = []
    cust = merge(customer)
    for a in merge(agent):
        for c in cust:
            if c.start_s >= a.end_s:
                break
            if a.overlap_s(c) >= min_overlap_s:
                by = AGENT if a.start_s > c.start_s else CUSTOMER
                out.append(Overlap(max(a.start_s, c.start_s), min(a.end_s, c.end_s), by))
    return tuple(out)


def talk_share(agent: Sequence[Interval], customer: Sequence[Interval]) -> float:
    """The agent's share of all speech time, 0..1 (speech at the same time counts for both)."""
    a, c = total_s(agent), total_s(customer)
    return a / (a + c) if a + c > 0 else 0.0


def questions_across(questions: QuestionMeasures, agent: Sequence[Interval],
                     customer: Sequence[Interval], duration_s: float) -> QuestionMeasures:
    """The agent's questions with each silence ending when *either* party speaks.

    ``questions`` come from the agent's own channel (their ``end_s`` is the agent's
    sound edge). When the customer is already talking as the question ends, the gap is 0.
    """
    both = merge(list(agent) + list(customer))
    out = []
    for q in questions.questions:
        nxt = next((max(iv.start_s, q.end_s) for iv in both
                    if iv.end_s > q.end_s + 1e-3 and iv.start_s > q.end_s - 1e-3
                    and iv.duration_s >= MIN_NEXT_SPEECH_S), None)
        if any(iv.start_s < q.end_s - 1e-3 < iv.end_s - MIN_NEXT_SPEECH_S
               for iv in merge(customer)):
            nxt = q.end_s  # the customer was already talking
        gap_end = duration_s if nxt is None else nxt
        out.append(QuestionGap(q.text, q.sentence_index, q.end_s, nxt,
                               max(0.0, gap_end - q.end_s), nxt is None, q.marked))
    return QuestionMeasures(tuple(out))


def customer_answered(questions: QuestionMeasures,
                      customer: Sequence[Interval]) -> tuple[bool, ...]:
    """For each question (gaps from :func:`questions_across`), whether the speech that
    ended its silence was the customer's."""
    cust = merge(customer)
    return tuple(q.next_speech_s is not None and any(
        abs(iv.start_s - q.next_speech_s) < 1e-3 or iv.contains(q.next_speech_s) for iv in cust)
        for q in questions.questions)


def measure_turns(agent: Sequence[Interval], customer: Sequence[Interval], *,
                  questions: QuestionMeasures | None = None, duration_s: float = 0.0,
                  min_overlap_s: float = MIN_OVERLAP_S) -> TurnMeasures:
    """Turns, latencies, overlaps, talk time and cross-party question gaps.

    Parameters
    ----------
    agent, customer : sequences of Interval
        Speech stretches of each party (seconds), from separate channels.
    questions : QuestionMeasures, optional
        The agent's questions measured on the agent's channel alone.
    duration_s : float
        Length of the recording (s); a question gap with no speech after it runs to here.
    """
    turns = build_turns(agent, customer)
    qs = questions_across(questions or QuestionMeasures(()), agent, customer, duration_s)
    return TurnMeasures(turns, find_latencies(turns),
                        find_overlaps(agent, customer, min_overlap_s=min_overlap_s),
                        total_s(agent), total_s(customer), qs, customer_answered(qs, customer))


def own_turns_pace(transcript: Transcript, activity: Activity, turns: Sequence[Turn], *,
                   party: str = AGENT) -> tuple[PaceMeasures, PauseMeasures] | None:
    """Pace and pauses of ``party`` measured inside its own turns only.

    On one channel of a call, the other party's turns and the waits before answering
    look like long silences; they are not pauses and not slow speech. Each turn is
    measured alone (words placed by their midpoint) and the results are pooled: rates
    per minute of the party's own speaking time (the summed turn spans). The span
    fields keep the first onset and last offset in the recording. None without words.
    """
    parts = []
    for t in turns:
        if t.party != party:
            continue
        words = tuple(w for w in transcript.words
                      if t.start_s - 0.2 <= 0.5 * (w.start_s + w.end_s) <= t.end_s + 0.2)
        if words:
            sub = Transcript(words, transcript.language, transcript.language_probability)
            act = dataclasses.replace(activity, intervals=tuple(t.speech))
            parts.append((measure_pace(sub, act), measure_pauses(sub, act)))
    if not parts:
        return None
    paces, pauses = [p for p, _ in parts], [q for _, q in parts]
    speaking_s = sum(p.span_s for p in paces)
    n_words, n_syllables = sum(p.n_words for p in paces), sum(p.n_syllables for p in paces)
    phonation_s = max(sum(p.phonation_s for p in paces), 1e-3)
    pace = PaceMeasures(60.0 * n_words / speaking_s if speaking_s > 0.05 else 0.0,
                        n_syllables / phonation_s, paces[0].first_sentence_wpm, n_words,
                        n_syllables, paces[0].span_start_s, paces[-1].span_end_s, phonation_s)
    found = tuple(g for q in pauses for g in q.pauses)
    runs = tuple(r for q in pauses for r in q.runs)
    durations = np.array([g.duration_s for g in found])
    pause = PauseMeasures(
        found, len(found) / (speaking_s / 60.0) if speaking_s > 0 else 0.0,
        float(durations.mean()) if found else 0.0, float(durations.max()) if found else 0.0,
        float(np.mean([r.n_words for r in runs])) if runs else 0.0, runs)
    return pace, pause


def without_crosstalk(own: Activity, other: Activity, *,
                      margin_db: float = CROSSTALK_DB) -> tuple[Interval, ...]:
    """``own`` speech with the other party's leakage taken out.

    Call recordings often carry a faint copy of one line on the other (echo, headset
    bleed). A frame of ``own`` speech that is below its own speech threshold (only the
    weak edges the detector grew onto a speech core) while the other channel is at least
    ``margin_db`` louder is leakage, not speech; so is a whole stretch whose median frame
    is ``margin_db`` below the other channel (a line that carries only the other party's
    echo). Both activities must come from recordings of the same length and hop.
    """
    hop = own.hop_s
    n = min(len(own.level_db), len(other.level_db))
    centres = np.arange(n) * hop
    inside = np.zeros(n, dtype=bool)
    for iv in own.intervals:
        inside |= (centres >= iv.start_s) & (centres < iv.end_s)
    level = np.asarray(own.level_db[:n], dtype=np.float64)
    above = np.asarray(other.level_db[:n], dtype=np.float64) - level
    leak = (level < own.threshold_db) & (above >= margin_db)
    kept = merge(from_mask(inside & ~leak, hop, offset_s=-hop / 2), collar_s=BRIDGE_S)
    end_s = max((iv.end_s for iv in own.intervals), default=0.0)
    out = []
    for iv in kept:
        frames = np.flatnonzero((centres >= iv.start_s) & (centres < iv.end_s))
        # an edge cut free of leakage may end in the silence a bridge had spanned
        audible = frames[level[frames] >= own.floor_db + SILENCE_DB]
        if audible.size == 0 or np.median(above[audible[0]:audible[-1] + 1]) >= margin_db:
            continue
        iv = Interval(max(iv.start_s, audible[0] * hop - hop / 2),
                      min(iv.end_s, (audible[-1] + 1) * hop - hop / 2))
        if iv.duration_s >= MIN_SPEECH_S:
            out.append(Interval(max(0.0, iv.start_s), min(end_s, iv.end_s)))
    return tuple(out)

