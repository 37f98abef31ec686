"""Silent pauses between words: how often the speaker stops, and for how long."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.measures.activity import Activity, speaking_span
from voicecoach.measures.intervals import Interval, covered, gaps
from voicecoach.measures.words import spoken_word_count
from voicecoach.transcript import Transcript

__all__ = ["PauseMeasures", "Run", "measure_pauses", "word_gaps_heard", "PAUSE_MIN_S",
           "WORD_GAP_S", "FILLED_MIN_S", "OTHER_BELOW_DB"]

PAUSE_MIN_S = 0.25
WORD_GAP_S = 0.3  # a gap between two words the recognizer heard that is a pause, not a seam
FILLED_MIN_S = 1.0  # seconds of other sound in such gaps before it withholds the pauses
OTHER_BELOW_DB = 5.0  # a gap sounding this far below the speaker's words is other sound


@dataclass(frozen=True)
class Run:
    """Speech between two pauses: ``n_words`` spoken words from ``start_s`` to ``end_s``."""

    start_s: float
    end_s: float
    n_words: int

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class PauseMeasures:
    """Silent pauses of at least 250 ms inside the speaking span.

    Attributes
    ----------
    pauses : tuple of Interval
        Each pause, edges taken from the signal's energy (seconds).
    per_min : float
        Pauses per minute of speaking span.
    mean_s, longest_s : float
        Mean and longest pause in seconds (0 when there are none).
    mean_words_between : float
        Mean spoken words in the runs between pauses.
    longest_run : Run
        The longest run of speech without a pause, by words.
    word_gaps_s : float
        Seconds of the gaps of at least ``WORD_GAP_S`` between words the recognizer heard.
    word_gaps_silent_s : float
        Seconds of those gaps that the speech activity finds silent.
    word_gaps_other_s : float
        Seconds of those gaps that sound, in gaps whose sound is at least
        ``OTHER_BELOW_DB`` quieter than the speaker's words: other voices (a colleague
        in an open office) rather than the speaker. Gaps that sound as loud as the words
        are the recognizer's word times being off, and count in neither.
    """

    pauses: tuple[Interval, ...]
    per_min: float
    mean_s: float
    longest_s: float
    mean_words_between: float
    runs: tuple[Run, ...]
    word_gaps_s: float = 0.0
    word_gaps_silent_s: float = 0.0
    word_gaps_other_s: float = 0.0

    @property
    def filled(self) -> bool:
        """True when at least ``FILLED_MIN_S`` of the gaps between words hold other sound,
        more than are silent: the pauses, their lengths and the silence after questions
        cannot be told from it."""
        return (self.word_gaps_other_s >= FILLED_MIN_S
                and self.word_gaps_other_s > self.word_gaps_silent_s)

    @property
    def count(self) -> int:
        return len(self.pauses)

    @property
    def longest_run(self) -> Run:
        return max(self.runs, key=lambda r: (r.n_words, r.duration_s), default=Run(0.0, 0.0, 0))

    def to_dict(self) -> dict:
        run = self.longest_run
        return {
            "count": self.count,
            "per_min": round(self.per_min, 2),
            "mean_s": round(self.mean_s, 3),
            "longest_s": round(self.longest_s, 3),
            "mean_words_between": round(self.mean_words_between, 2),
            "longest_run": {"start_s": round(run.start_s, 3), "end_s": round(run.end_s, 3),
                            "n_words": run.n_words},
            "pauses": [p.to_dict() for p in self.pauses],
            "word_gaps_s": round(self.word_gaps_s, 3),
            "word_gaps_silent_s": round(self.word_gaps_silent_s, 3),
            "word_gaps_other_s": round(self.word_gaps_other_s, 3),
            "filled": self.filled,
        }


def measure_pauses(transcript: Transcript, activity: Activity, *,
                   min_pause_s: float = PAUSE_MIN_S) -> PauseMeasures:
    """Pauses of at least ``min_pause_s`` seconds between the first and last word."""
    words = transcript.words
    if not words:
        return PauseMeasures((), 0.0, 0.0, 0.0, 0.0, ())
    span = speaking_span(activity.intervals, Interval(words[0].start_s, words[0].end_s),
                         Interval(words[-1].start_s, words[-1].end_s))
    pauses = tuple(g for g in gaps(activity.intervals, min_gap_s=min_pause_s, within=span)
                   if span.start_s < g.start_s and g.end_s < span.end_s)
    runs = _runs(transcript, span, pauses)
    durations = np.array([p.duration_s for p in pauses])
    minutes = span.duration_s / 60.0
    word_gaps_s, silent_s, other_s = word_gaps_heard(transcript, activity)
    return PauseMeasures(
        pauses=pauses,
        per_min=len(pauses) / minutes if minutes > 0 else 0.0,
        mean_s=float(durations.mean()) if len(durations) else 0.0,
        longest_s=float(durations.max()) if len(durations) else 0.0,
        mean_words_between=float(np.mean([r.n_words for r in runs])) if runs else 0.0,
        runs=runs,
        word_gaps_s=word_gaps_s,
        word_gaps_silent_s=silent_s,
        word_gaps_other_s=other_s,
    )


def word_gaps_heard(transcript: Transcript, activity: Activity, *,
                    min_gap_s: float = WORD_GAP_S) -> tuple[float, float, float]:
    """Seconds of the gaps of at least ``min_gap_s`` between consecutive words; seconds of
    them that ``activity`` finds silent; seconds of them that sound, in the gaps whose
    sounding frames have a median level ``OTHER_BELOW_DB`` or more below the median
    level of the speaker's words.

    The recognizer's word times say where the speaker said nothing; the signal says
    whether it was quiet there. In a quiet room the gaps are silent, or sound as loud as
    the words where the word times are off; babble between the words sounds quieter.
    """
    words = transcript.words
    heard = [(a.end_s, b.start_s) for a, b in zip(words, words[1:])
             if b.start_s - a.end_s >= min_gap_s]
    level, hop_s = activity.level_db, activity.hop_s
    times_s = np.arange(len(level)) * hop_s
    sounding = covered(times_s, [(i.start_s, i.end_s) for i in activity.intervals])
    in_words = sounding & covered(times_s, [(w.start_s, w.end_s) for w in words])
    if not heard or not in_words.any():
        return 0.0, 0.0, 0.0
    speaker_db = float(np.median(level[in_words]))
    total_s = silent_s = other_s = 0.0
    for start_s, end_s in heard:
        a, b = np.searchsorted(times_s, [start_s, end_s])
        sound = level[a:b][sounding[a:b]]
        share = len(sound) / max(1, b - a)
        total_s += end_s - start_s
        silent_s += (end_s - start_s) * (1.0 - share)
        if len(sound) and np.median(sound) <= speaker_db - OTHER_BELOW_DB:
            other_s += (end_s - start_s) * share
    return float(total_s), float(silent_s), float(other_s)


def _runs(transcript: Transcript, span: Interval, pauses: tuple[Interval, ...]) -> tuple[Run, ...]:
    """Split the words into runs at the pauses, each word placed by its midpoint."""
    edges = [span.start_s] + [t for p in pauses for t in (p.start_s, p.end_s)] + [span.end_s]
    bounds = list(zip(edges[0::2], edges[1::2]))
    counts = [0] * len(bounds)
    cuts = np.array([p.mid_s for p in pauses])
    for w in transcript.words:
        counts[int(np.searchsorted(cuts, 0.5 * (w.start_s + w.end_s)))] += spoken_word_count(w.text)
    return tuple(Run(a, b, n) for (a, b), n in zip(bounds, counts) if n > 0)
