"""Speaking rate: words per minute over the speaking span, and articulation rate.

Syllables are counted from the transcript's spelling when the language has a counter
(English vowel groups; others in :mod:`voicecoach.measures.language`), otherwise from
the signal (:mod:`voicecoach.measures.nuclei`); with no transcript at all,
:func:`measure_signal_pace` takes the span from the speech activity alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from voicecoach.measures.activity import Activity, speaking_span
from voicecoach.measures.intervals import Interval, gaps, merge
from voicecoach.measures.nuclei import Nuclei
from voicecoach.measures.words import spoken_word_count, syllable_count
from voicecoach.transcript import Transcript, Word

__all__ = ["PaceMeasures", "measure_pace", "measure_signal_pace"]

PAUSE_MIN_S = 0.25


@dataclass(frozen=True)
class PaceMeasures:
    """How fast the speaker talks.

    Attributes
    ----------
    rate_wpm : float
        Spoken words per minute over the speaking span (first word's onset to last word's
        offset, pauses included, waits for an answer after a question taken out). Numbers
        count as the words they are spoken as.
    articulation_sps : float
        Syllables per second of phonation: the span with pauses >= 250 ms taken out.
    first_sentence_wpm : float
        Words per minute within the first sentence (it sets the tone of the call).
    n_words, n_syllables : int
    span_start_s, span_end_s : float
        The speaking span in seconds.
    phonation_s : float
        Seconds of the span that are not pauses.
    waiting_s : float
        Seconds of the span spent waiting after questions (not counted in ``rate_wpm``).
    first_sentence_start_s, first_sentence_end_s : float
        The first sentence's span in seconds.
    rate_sps : float
        Syllables per second over the speaking span (pauses in, waits out).
    syllables_from : {"transcript", "signal"}
        Whether the syllables were counted in the spelling or as nuclei in the signal.
    """

    rate_wpm: float
    articulation_sps: float
    first_sentence_wpm: float
    n_words: int
    n_syllables: int
    span_start_s: float
    span_end_s: float
    phonation_s: float
    waiting_s: float = 0.0
    first_sentence_start_s: float = 0.0
    first_sentence_end_s: float = 0.0
    rate_sps: float = 0.0
    syllables_from: str = "transcript"

    @property
    def span_s(self) -> float:
        return self.span_end_s - self.span_start_s

    @property
    def speaking_s(self) -> float:
        """Seconds the rate is taken over: the span without the waits after questions."""
        return self.span_s - self.waiting_s

    def to_dict(self) -> dict:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}


def measure_pace(transcript: Transcript, activity: Activity, *,
                 waits: Sequence[Interval] = (),
                 syllables: Callable[[str], int] | None = syllable_count,
                 nuclei: Nuclei | None = None) -> PaceMeasures:
    """Speaking rate of ``transcript`` with its span snapped to the energy in ``activity``.

    Parameters
    ----------
    waits : sequence of Interval
        Silences spent waiting for the other party (the gaps after the agent's questions).
        They are taken out of the span: waiting for an answer is not speaking slowly.
    syllables : callable(str) -> int, optional
        Syllables in one transcribed word, for the language; None counts the syllable
        ``nuclei`` in the span instead (then they must be given).
    nuclei : Nuclei, optional
        Syllable nuclei found in the signal.
    """
    words = transcript.words
    if not words:
        return PaceMeasures(0.0, 0.0, 0.0, 0, 0, 0.0, 0.0, 0.0, 0.0)
    span = speaking_span(activity.intervals, _bounds(words[0]), _bounds(words[-1]))
    n_words = sum(spoken_word_count(w.text) for w in words)
    if syllables is None and nuclei is None:
        raise ValueError("measure_pace: give a syllable counter or the signal's nuclei")
    n_syllables = (sum(syllables(w.text) for w in words) if syllables is not None
                   else nuclei.count_within(span))
    pause_s = sum(g.duration_s for g in gaps(activity.intervals, min_gap_s=PAUSE_MIN_S,
                                               within=span))
    waiting_s = sum(w.overlap_s(span) for w in merge(waits))
    phonation_s = max(span.duration_s - pause_s, 1e-3)
    first = transcript.sentences[0]
    first_span = speaking_span(activity.intervals, _bounds(first.words[0]),
                               _bounds(first.words[-1]), slack_s=0.3)
    first_words = sum(spoken_word_count(w.text) for w in first.words)
    return PaceMeasures(
        rate_wpm=_per_minute(n_words, span.duration_s - waiting_s),
        articulation_sps=n_syllables / phonation_s,
        first_sentence_wpm=_per_minute(first_words, first_span.duration_s),
        n_words=n_words,
        n_syllables=n_syllables,
        span_start_s=span.start_s,
        span_end_s=span.end_s,
        phonation_s=phonation_s,
        waiting_s=waiting_s,
        first_sentence_start_s=first_span.start_s,
        first_sentence_end_s=first_span.end_s,
        rate_sps=n_syllables / max(span.duration_s - waiting_s, 1e-3),
        syllables_from="transcript" if syllables is not None else "signal",
    )


def measure_signal_pace(activity: Activity, nuclei: Nuclei, *,
                        waits: Sequence[Interval] = ()) -> PaceMeasures:
    """Syllable rates from the signal alone: no transcript, so no words.

    The speaking span runs from the first speech stretch's onset to the last one's
    offset; syllables are the ``nuclei`` in it.
    """
    if not activity.intervals:
        return PaceMeasures(0.0, 0.0, 0.0, 0, 0, 0.0, 0.0, 0.0, 0.0, syllables_from="signal")
    span = Interval(activity.intervals[0].start_s, activity.intervals[-1].end_s)
    pause_s = sum(g.duration_s for g in gaps(activity.intervals, min_gap_s=PAUSE_MIN_S,
                                               within=span))
    waiting_s = sum(w.overlap_s(span) for w in merge(waits))
    phonation_s = max(span.duration_s - pause_s, 1e-3)
    n = nuclei.count_within(span)
    return PaceMeasures(
        rate_wpm=0.0, articulation_sps=n / phonation_s, first_sentence_wpm=0.0, n_words=0,
        n_syllables=n, span_start_s=span.start_s, span_end_s=span.end_s,
        phonation_s=phonation_s, waiting_s=waiting_s,
        rate_sps=n / max(span.duration_s - waiting_s, 1e-3), syllables_from="signal")


def _bounds(word: Word) -> Interval:
    return Interval(word.start_s, word.end_s)


def _per_minute(count: int, seconds: float) -> float:
    return 60.0 * count / seconds if seconds > 0.05 else 0.0
