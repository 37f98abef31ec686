"""Mirroring: does the agent match the customer's pace and volume?

For each agent turn that answers a customer turn, the agent's speaking rate and
loudness are compared with the customer's turn just before it, as ratios
(agent / customer; 1.0 is a perfect match). Rate is spoken words per minute over
the turn's span; loudness is the RMS amplitude of the turn's speech frames. Turns
too short to give a rate (under ``MIN_TURN_S`` seconds or ``MIN_WORDS`` words) get
no rate ratio. Loudness compares two channels as recorded: when the two lines were
recorded at different gains, the ratio carries that difference too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from voicecoach.measures.activity import Activity
from voicecoach.measures.turns import Latency, Turn
from voicecoach.measures.words import spoken_word_count
from voicecoach.transcript import Transcript

__all__ = ["MirrorTurn", "MirrorMeasures", "turn_rate_wpm", "turn_level_db",
           "measure_mirroring", "MIN_TURN_S", "MIN_WORDS"]

MIN_TURN_S = 1.0
MIN_WORDS = 3
EDGE_S = 0.2


@dataclass(frozen=True)
class MirrorTurn:
    """One agent turn against the customer turn before it.

    Rates in words per minute (None when a turn is too short), levels in dBFS,
    ratios agent / customer (loudness as an amplitude ratio).
    """

    agent_turn: int
    start_s: float
    end_s: float
    agent_rate_wpm: float | None
    customer_rate_wpm: float | None
    agent_level_db: float
    customer_level_db: float

    @property
    def rate_ratio(self) -> float | None:
        if not self.agent_rate_wpm or not self.customer_rate_wpm:
            return None
        return self.agent_rate_wpm / self.customer_rate_wpm

    @property
    def loudness_ratio(self) -> float:
        return float(10 ** ((self.agent_level_db - self.customer_level_db) / 20))

    def to_dict(self) -> dict:
        def r(x: float | None) -> float | None:
            return None if x is None else round(float(x), 3)

        return {"agent_turn": self.agent_turn, "start_s": r(self.start_s), "end_s": r(self.end_s),
                "agent_rate_wpm": r(self.agent_rate_wpm),
                "customer_rate_wpm": r(self.customer_rate_wpm),
                "rate_ratio": r(self.rate_ratio), "agent_level_db": r(self.agent_level_db),
                "customer_level_db": r(self.customer_level_db),
                "loudness_ratio": r(self.loudness_ratio)}


@dataclass(frozen=True)
class MirrorMeasures:
    """Mirroring over the whole recording: each answering agent turn, and the medians."""

    turns: tuple[MirrorTurn, ...]

    @property
    def median_rate_ratio(self) -> float | None:
        ratios = [t.rate_ratio for t in self.turns if t.rate_ratio is not None]
        return float(np.median(ratios)) if ratios else None

    @property
    def median_loudness_ratio(self) -> float | None:
        ratios = [t.loudness_ratio for t in self.turns]
        return float(np.median(ratios)) if ratios else None

    def to_dict(self) -> dict:
        rate, loud = self.median_rate_ratio, self.median_loudness_ratio
        return {"median_rate_ratio": None if rate is None else round(rate, 3),
                "median_loudness_ratio": None if loud is None else round(loud, 3),
                "turns": [t.to_dict() for t in self.turns]}


def turn_rate_wpm(turn: Turn, transcript: Transcript) -> float | None:
    """Spoken words per minute over the turn's span (words placed by their midpoint)."""
    n = sum(spoken_word_count(w.text) for w in transcript.words
            if turn.start_s - EDGE_S <= 0.5 * (w.start_s + w.end_s) <= turn.end_s + EDGE_S)
    if turn.duration_s < MIN_TURN_S or n < MIN_WORDS:
        return None
    return 60.0 * n / turn.duration_s


def turn_level_db(turn: Turn, activity: Activity) -> float:
    """RMS level (dBFS) over the activity frames inside the turn's speech stretches."""
    level = np.asarray(activity.level_db, dtype=np.float64)
    t = np.arange(len(level)) * activity.hop_s
    inside = np.zeros(len(level), dtype=bool)
    for iv in turn.speech:
        inside |= (t >= iv.start_s) & (t < iv.end_s)
    if not inside.any():
        return -120.0
    return float(10 * np.log10(np.mean(10 ** (level[inside] / 10))))


def measure_mirroring(turns: Sequence[Turn], latencies: Sequence[Latency],
                      agent: Transcript, customer: Transcript,
                      agent_activity: Activity, customer_activity: Activity) -> MirrorMeasures:
    """Compare each answering agent turn with the customer turn it answers."""
    by_index = {t.index: t for t in turns}
    out = []
    for lat in latencies:
        a, c = by_index[lat.agent_turn], by_index[lat.customer_turn]
        out.append(MirrorTurn(a.index, a.start_s, a.end_s, turn_rate_wpm(a, agent),
                              turn_rate_wpm(c, customer), turn_level_db(a, agent_activity),
                              turn_level_db(c, customer_activity)))
    return MirrorMeasures(tuple(out))
