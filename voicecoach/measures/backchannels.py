"""Backchannels: short acknowledgements ("mhm", "yes", "okay") said while the other
party holds the floor.

A stretch of one party's speech is a backchannel when it is short and plain (at most
``BACKCHANNEL_MAX_WORDS`` words, all backchannel tokens, within ``BACKCHANNEL_MAX_S``;
with no transcript word in it, within ``BACKCHANNEL_NO_WORDS_MAX_S``), the other party
holds the floor all around it (talks over it, or spoke last before it and speaks again
before its owner does), and it is not the reply to the other party's question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from voicecoach.measures.intervals import Interval, merge
from voicecoach.transcript import Transcript

__all__ = ["Backchannel", "find_backchannels", "marked_question_ends", "AGENT", "CUSTOMER",
           "BACKCHANNEL_MAX_S", "BACKCHANNEL_NO_WORDS_MAX_S", "BACKCHANNEL_MAX_WORDS",
           "BACKCHANNEL_WORDS", "QUESTION_REPLY_S"]

AGENT, CUSTOMER = "agent", "customer"
BACKCHANNEL_MAX_S = 1.0
"""A backchannel with transcript words lasts at most this long (s)."""
BACKCHANNEL_NO_WORDS_MAX_S = 0.7
"""A stretch with no transcript word in it ("mm-hm" is often not transcribed) is a
backchannel only when at most this long (s)."""
BACKCHANNEL_MAX_WORDS = 2
BACKCHANNEL_WORDS = frozenset({
    "mhm", "mm", "mmm", "hm", "hmm", "mmhmm", "mhmm", "uhhuh", "uh", "huh", "um", "yes",
    "yeah", "yep", "yup", "ok", "okay", "right", "sure", "alright", "aha", "ah", "oh",
    "i", "see", "got", "it", "uh-huh", "mm-hm", "mm-hmm", "exactly", "true", "fine"})
"""Words a backchannel may consist of (normalized: lower case, no punctuation)."""
QUESTION_REPLY_S = 0.5
"""A question ending within this long (s) of the other party's last speech is what that
speech was: a reply to it is an answer, never a backchannel."""


@dataclass(frozen=True)
class Backchannel:
    """A short acknowledgement ("mhm", "yes") while the other party holds the floor."""

    party: str
    start_s: float
    end_s: float
    text: str = ""

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    def to_dict(self) -> dict:
        return {"party": self.party, "start_s": round(self.start_s, 3),
                "end_s": round(self.end_s, 3), "text": self.text}


def find_backchannels(agent: Sequence[Interval], customer: Sequence[Interval], *,
                      agent_words: Transcript | None = None,
                      customer_words: Transcript | None = None,
                      question_ends_s: Sequence[float] = ()) -> tuple[Backchannel, ...]:
    """Short acknowledgements of either party said while the other holds the floor.

    Parameters
    ----------
    agent, customer : sequences of Interval
        Each party's speech (seconds).
    agent_words, customer_words : Transcript, optional
        Each party's words; a stretch holding a word that is not a backchannel token is
        never a backchannel. Without a transcript, only a short stretch said *over* the
        other party's speech is taken for one (a short word in a pause may be an answer).
    question_ends_s : sequence of float
        Ends (s) of the agent's questions; the customer's questions come from a final
        "?" in ``customer_words``. A reply to a question is an answer.
    """
    ivs = {AGENT: merge(agent), CUSTOMER: merge(customer)}
    words = {AGENT: agent_words, CUSTOMER: customer_words}
    asks = {AGENT: list(question_ends_s) + marked_question_ends(agent_words),
            CUSTOMER: marked_question_ends(customer_words)}
    out = []
    for party, other in ((AGENT, CUSTOMER), (CUSTOMER, AGENT)):
        for k, iv in enumerate(ivs[party]):
            said = _words_in(words[party], iv)
            if not _short_and_plain(iv, said):
                continue
            if _holds_floor_around(iv, ivs[party][:k], ivs[party][k + 1:], ivs[other],
                                   asks[other], over_only=words[party] is None):
                out.append(Backchannel(party, iv.start_s, iv.end_s,
                                       " ".join(w.text.strip() for w in said)))
    return tuple(sorted(out, key=lambda b: b.start_s))


def marked_question_ends(transcript: Transcript | None) -> list[float]:
    if transcript is None:
        return []
    return [w.end_s for w in transcript.words if w.text.rstrip().endswith("?")]


def _words_in(transcript: Transcript | None, iv: Interval) -> tuple:
    if transcript is None:
        return ()
    return tuple(w for w in transcript.words if w.norm and
                 iv.start_s - 0.15 <= 0.5 * (w.start_s + w.end_s) <= iv.end_s + 0.15)


def _short_and_plain(iv: Interval, said: tuple) -> bool:
    if not said:
        return iv.duration_s <= BACKCHANNEL_NO_WORDS_MAX_S
    tokens = [t for w in said for t in w.norm.replace("-", " ").split()]
    return (iv.duration_s <= BACKCHANNEL_MAX_S and len(tokens) <= BACKCHANNEL_MAX_WORDS
            and all(t in BACKCHANNEL_WORDS for t in tokens))


def _holds_floor_around(iv: Interval, own_before: Sequence[Interval],
                        own_after: Sequence[Interval], other: Sequence[Interval],
                        other_asks_s: Sequence[float], *, over_only: bool) -> bool:
    """Whether the other party holds the floor all around ``iv``: talking over it, or
    having spoken last before it and speaking again before the owner of ``iv`` does,
    and not just having asked a question."""
    talking = any(o.start_s < iv.end_s and iv.start_s < o.end_s for o in other)
    if over_only and not talking:
        return False
    before = [o for o in other if o.start_s < iv.start_s]
    last_own_s = max((o.end_s for o in own_before), default=-np.inf)
    if not talking:
        if not before or max(o.end_s for o in before) <= last_own_s:
            return False
        last_other_s = max(o.end_s for o in before)
        if any(abs(q - last_other_s) <= QUESTION_REPLY_S for q in other_asks_s):
            return False
    resumes = [o.start_s for o in other if o.end_s > iv.end_s]
    own_next_s = own_after[0].start_s if own_after else np.inf
    return bool(resumes) and min(resumes) < own_next_s
