"""Turns between two parties on separate channels: response latency, overlaps, talk share.

Each party's speech comes from its own channel's energy (see
:mod:`voicecoach.measures.activity`), so the edges are exact to about 10 ms and do
not depend on the recognizer's word timing.

Backchannels first: a short stretch ("mhm", "yes", "okay": at most
``BACKCHANNEL_MAX_WORDS`` words, all of them backchannel tokens, within
``BACKCHANNEL_MAX_S``; without a word of the transcript in it, within
``BACKCHANNEL_NO_WORDS_MAX_S``) said while the other party holds the floor (the
other is talking, or spoke last and speaks next) and not in answer to a question.
Backchannels are reported as such, never as turns or overlaps.

Turn rule on the rest: speech stretches are taken in order of onset. A stretch of
the party that holds the floor extends its turn. A stretch of the other party takes
the floor only when that party speaks alone for at least ``MIN_FLOOR_S``, or says a
whole utterance in a silence of the holder at least that long, or answers the
holder's question; otherwise the holder never gave up the floor, the stretch is an
overlap (or an interjection), and the holder's next words continue the same turn.
So a short pause inside one party's sentence is a pause, not a turn change, however
the other side talks through it.

A *latency* is the time from the end of a customer turn to the start of the agent
turn that follows it; it is negative when the agent started before the customer
finished. An *overlap* is both parties sounding at once, credited to the party that
started talking while the other held the floor.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from voicecoach.measures.activity import Activity
from voicecoach.measures.backchannels import (
    AGENT,
    BACKCHANNEL_MAX_S,
    BACKCHANNEL_MAX_WORDS,
    BACKCHANNEL_NO_WORDS_MAX_S,
    BACKCHANNEL_WORDS,
    CUSTOMER,
    QUESTION_REPLY_S,
    Backchannel,
    find_backchannels,
)
from voicecoach.measures.backchannels import marked_question_ends as _marked_question_ends
from voicecoach.measures.crosstalk import CROSSTALK_DB, without_crosstalk
from voicecoach.measures.intervals import Interval, merge, total_s
from voicecoach.measures.pace import PaceMeasures, measure_pace
from voicecoach.measures.pauses import PauseMeasures, measure_pauses
from voicecoach.measures.questions import QuestionMeasures
from voicecoach.transcript import Transcript

__all__ = ["AGENT", "CUSTOMER", "Turn", "Latency", "Overlap", "Backchannel", "TurnMeasures",
           "build_turns", "find_backchannels", "find_latencies", "find_overlaps", "talk_share",
           "questions_across", "customer_answered", "measure_turns", "own_turns_pace",
           "without_crosstalk", "MIN_OVERLAP_S", "MIN_FLOOR_S", "BACKCHANNEL_MAX_S",
           "BACKCHANNEL_NO_WORDS_MAX_S", "BACKCHANNEL_MAX_WORDS", "BACKCHANNEL_WORDS",
           "CROSSTALK_DB"]

MIN_OVERLAP_S = 0.2
"""Both parties must sound together at least this long (s) to count as an overlap."""
MIN_NEXT_SPEECH_S = 0.1
MIN_FLOOR_S = 0.8
"""Speaking alone this long (s) takes the floor: longer than the pauses people make inside
a sentence, so the other side talking through such a pause does not change the turn."""


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
        Every stretch of both parties talking (>= ``MIN_OVERLAP_S``), either way round,
        backchannels left out.
    agent_speech_s, customer_speech_s : float
        Seconds of speech on each channel.
    questions : QuestionMeasures
        The agent's questions; each gap ends when either party speaks.
    customer_answered : tuple of bool
        For each question, whether the customer broke the silence (not the agent).
    backchannels : tuple of Backchannel
        Short acknowledgements of either party (not turns, not overlaps).
    """

    turns: tuple[Turn, ...]
    latencies: tuple[Latency, ...]
    overlaps: tuple[Overlap, ...]
    agent_speech_s: float
    customer_speech_s: float
    questions: QuestionMeasures
    customer_answered: tuple[bool, ...] = ()
    backchannels: tuple[Backchannel, ...] = ()

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
            "overlap_count": len(self.overlaps),
            "backchannels": [b.to_dict() for b in self.backchannels],
            "backchannel_count": len(self.backchannels),
            "longest_monologue": None if mono is None else mono.to_dict(),
            "turns": [t.to_dict() for t in self.turns],
            "questions": self.questions.to_dict(),
            "customer_answered": list(self.customer_answered),
        }


def build_turns(agent: Sequence[Interval], customer: Sequence[Interval], *,
                min_floor_s: float = MIN_FLOOR_S,
                question_ends_s: dict[str, Sequence[float]] | None = None) -> tuple[Turn, ...]:
    """Group both parties' speech stretches into turns (rule in the module docstring).

    Parameters
    ----------
    agent, customer : sequences of Interval
        Each party's speech (seconds), backchannels already taken out.
    min_floor_s : float > 0
        Speaking alone this long takes the floor.
    question_ends_s : dict, optional
        Party -> ends (s) of that party's questions; a reply to one takes the floor.
    """
    ivs = {AGENT: merge(agent), CUSTOMER: merge(customer)}
    asks = question_ends_s or {}
    events = sorted([(iv, p) for p in (AGENT, CUSTOMER) for iv in ivs[p]],
                    key=lambda e: (e[0].start_s, -e[0].end_s))
    spans: list[list] = []  # [party, start_s, end_s, [intervals]]
    for iv, party in events:
        if spans and spans[-1][0] == party:
            spans[-1][2] = max(spans[-1][2], iv.end_s)
            spans[-1][3].append(iv)
        elif not spans or _takes_floor(iv, ivs[spans[-1][0]], asks.get(spans[-1][0], ()),
                                       min_floor_s):
            spans.append([party, iv.start_s, iv.end_s, [iv]])
    return tuple(Turn(p, a, b, tuple(ivs), i) for i, (p, a, b, ivs) in enumerate(spans))


def _takes_floor(iv: Interval, holder: Sequence[Interval], holder_asks_s: Sequence[float],
                 min_floor_s: float) -> bool:
    """Whether a stretch takes the floor from the party whose speech is ``holder``."""
    alone, t = [], iv.start_s
    for h in holder:
        if h.end_s <= t or h.start_s >= iv.end_s:
            continue
        if h.start_s > t:
            alone.append(h.start_s - t)
        t = max(t, h.end_s)
    if t < iv.end_s:
        alone.append(iv.end_s - t)
    if max(alone, default=0.0) >= min_floor_s - 1e-9:
        return True
    if any(h.start_s < iv.end_s and iv.start_s < h.end_s for h in holder):
        return False  # said over the holder and never alone for long: not a turn
    before = max((h.end_s for h in holder if h.end_s <= iv.start_s), default=-np.inf)
    after = min((h.start_s for h in holder if h.start_s >= iv.end_s), default=np.inf)
    if any(abs(q - before) <= QUESTION_REPLY_S for q in holder_asks_s):
        return True  # an answer
    return after - before >= min_floor_s


def find_latencies(turns: Sequence[Turn]) -> tuple[Latency, ...]:
    """One latency per customer turn directly followed by an agent turn."""
    return tuple(Latency(c.index, a.index, c.end_s, a.start_s)
                 for c, a in zip(turns, turns[1:]) if c.party == CUSTOMER and a.party == AGENT)


def find_overlaps(agent: Sequence[Interval], customer: Sequence[Interval], *,
                  min_overlap_s: float = MIN_OVERLAP_S,
                  turns: Sequence[Turn] | None = None) -> tuple[Overlap, ...]:
    """Stretches where both parties sound, each credited to the party who talked over
    the other.

    Parameters
    ----------
    agent, customer : sequences of Interval
        Each party's speech (seconds).
    min_overlap_s : float >= 0
        Shorter overlaps (edge jitter at a quick hand-over) are dropped.
    turns : sequence of Turn, optional
        With turns, the overlap goes to the party that did not hold the floor (the
        later of two turns when it falls in a hand-over); without, to the party whose
        stretch started last.
    """
    out = []
    cust = merge(customer)
    for a in merge(agent):
        for c in cust:
            if c.start_s >= a.end_s:
                break
            if a.overlap_s(c) >= min_overlap_s:
                start_s = max(a.start_s, c.start_s)
                by = _talked_over_by(start_s, turns) if turns else None
                if by is None:
                    by = AGENT if a.start_s > c.start_s else CUSTOMER
                out.append(Overlap(start_s, min(a.end_s, c.end_s), by))
    return tuple(out)


def _talked_over_by(at_s: float, turns: Sequence[Turn]) -> str | None:
    held = [t for t in turns if t.start_s - 1e-9 <= at_s < t.end_s]
    if not held:
        return None
    latest = max(held, key=lambda t: t.start_s)
    if len({t.party for t in held}) == 2:
        return latest.party
    return CUSTOMER if latest.party == AGENT else AGENT


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
        out.append(dataclasses.replace(q, next_speech_s=nxt,
                                       gap_s=max(0.0, gap_end - q.end_s),
                                       to_end_of_file=nxt is None))
    return QuestionMeasures(tuple(out), questions.set_aside)


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
                  min_overlap_s: float = MIN_OVERLAP_S,
                  agent_words: Transcript | None = None,
                  customer_words: Transcript | None = None) -> TurnMeasures:
    """Turns, latencies, overlaps, backchannels, talk time and cross-party question gaps.

    Parameters
    ----------
    agent, customer : sequences of Interval
        Speech stretches of each party (seconds), from separate channels.
    questions : QuestionMeasures, optional
        The agent's questions measured on the agent's channel alone.
    duration_s : float
        Length of the recording (s); a question gap with no speech after it runs to here.
    agent_words, customer_words : Transcript, optional
        Each party's words, to tell a backchannel ("mhm", "yes") from a short answer.
    """
    qs_in = questions or QuestionMeasures(())
    agent_asks = [q.end_s for q in qs_in.questions] + _marked_question_ends(agent_words)
    bcs = find_backchannels(agent, customer, agent_words=agent_words,
                            customer_words=customer_words, question_ends_s=agent_asks)
    rest = {p: tuple(iv for iv in merge(ivs) if not any(
        b.party == p and abs(b.start_s - iv.start_s) < 1e-9 for b in bcs))
        for p, ivs in ((AGENT, agent), (CUSTOMER, customer))}
    turns = build_turns(rest[AGENT], rest[CUSTOMER], question_ends_s={
        AGENT: agent_asks, CUSTOMER: _marked_question_ends(customer_words)})
    qs = questions_across(qs_in, agent, customer, duration_s)
    overlaps = find_overlaps(rest[AGENT], rest[CUSTOMER], min_overlap_s=min_overlap_s,
                             turns=turns)
    return TurnMeasures(turns, find_latencies(turns), overlaps, total_s(agent),
                        total_s(customer), qs, customer_answered(qs, customer), bcs)


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
