"""The silence after each question the speaker asks.

A question is a transcript sentence ending in "?"; where the recognizer left the
mark out, a sentence that opens with a question word or an inverted auxiliary
("Could you...", "When will...") counts too. The gap runs from the end of the
question's sound to the next speech, or to the end of the recording (flagged).
"""

from __future__ import annotations

from dataclasses import dataclass

from voicecoach.measures.activity import Activity
from voicecoach.measures.intervals import Interval, gaps
from voicecoach.transcript import Sentence, Transcript, normalize_word

__all__ = ["QuestionGap", "QuestionMeasures", "measure_questions", "is_question"]

_WH = {"what", "when", "where", "why", "who", "whom", "whose", "which", "how"}
_AUX = {"could", "can", "will", "would", "is", "are", "am", "was", "were", "do", "does", "did",
        "may", "might", "shall", "should", "have", "has", "had", "isn't", "aren't", "don't",
        "doesn't", "didn't", "won't", "wouldn't", "can't", "couldn't", "shouldn't"}
_SUBJECTS = {"i", "you", "we", "he", "she", "they", "it", "this", "that", "there", "now"}
NEAR_S = 0.5
PAUSE_MIN_S = 0.25


@dataclass(frozen=True)
class QuestionGap:
    """One question and the silence after it.

    Attributes
    ----------
    text : str
        The question as transcribed.
    sentence_index : int
    end_s : float
        When the question's sound ends (energy edge), seconds.
    next_speech_s : float or None
        When speech resumes; None when nothing follows before the end of the file.
    gap_s : float
        Silence after the question in seconds (to the end of the file if nothing follows).
    to_end_of_file : bool
    marked : bool
        True when the transcript had a "?"; False when inferred from the wording.
    """

    text: str
    sentence_index: int
    end_s: float
    next_speech_s: float | None
    gap_s: float
    to_end_of_file: bool
    marked: bool

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "sentence_index": self.sentence_index,
            "end_s": round(self.end_s, 3),
            "next_speech_s": None if self.next_speech_s is None else round(self.next_speech_s, 3),
            "gap_s": round(self.gap_s, 3),
            "to_end_of_file": self.to_end_of_file,
            "marked": self.marked,
        }


@dataclass(frozen=True)
class QuestionMeasures:
    """Every question with its gap."""

    questions: tuple[QuestionGap, ...]

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def shortest_gap_s(self) -> float:
        return min((q.gap_s for q in self.questions), default=0.0)

    def to_dict(self) -> dict:
        return {"count": self.count, "questions": [q.to_dict() for q in self.questions]}


def is_question(sentence: Sentence) -> tuple[bool, bool]:
    """(is it a question, was it marked with "?")."""
    if sentence.ends_with_question_mark:
        return True, True
    if sentence.words[-1].text.strip().endswith("!"):
        return False, False
    tokens = [normalize_word(w.text) for w in sentence.words[:3]]
    first = tokens[0] if tokens else ""
    second = tokens[1] if len(tokens) > 1 else ""
    if first in _WH and len(tokens) > 1:
        return True, False
    return (first in _AUX and second in _SUBJECTS), False


def measure_questions(transcript: Transcript, activity: Activity,
                      duration_s: float) -> QuestionMeasures:
    """Find the questions in ``transcript`` and measure the silence after each."""
    silences = gaps(activity.intervals, within=Interval(0.0, duration_s))
    out = []
    for sentence in transcript.sentences:
        question, marked = is_question(sentence)
        if not question:
            continue
        silence = _silence_after(silences, sentence.end_s)
        nxt = silence.end_s if silence.end_s < duration_s else None
        out.append(QuestionGap(
            text=sentence.text, sentence_index=sentence.index, end_s=silence.start_s,
            next_speech_s=nxt, gap_s=silence.duration_s, to_end_of_file=nxt is None,
            marked=marked,
        ))
    return QuestionMeasures(tuple(out))


def _silence_after(silences: list[Interval], word_end_s: float) -> Interval:
    """The silence that follows a question whose last word Whisper ends at ``word_end_s``.

    Whisper's word end may fall short of the sound, run into the silence after it, or
    (stretching the word) even past it. The question's silence is the pause (>= 250 ms)
    nearest the word end: one that contains it, or whose edge lies within ``NEAR_S``. If
    the speaker went straight on, it is the brief dip nearest the word end, or none: a
    zero gap at the word end.
    """
    def distance_s(s: Interval) -> float:
        return 0.0 if s.contains(word_end_s) else min(abs(s.start_s - word_end_s),
                                                      abs(s.end_s - word_end_s))

    for min_s in (PAUSE_MIN_S, 0.0):
        near = [s for s in silences if s.duration_s >= min_s and distance_s(s) <= NEAR_S]
        if near:
            return min(near, key=distance_s)
    return Interval(word_end_s, word_end_s)
