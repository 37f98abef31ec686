"""The silence after each question the speaker asks.

Whether a sentence is a question is one decision per sentence (:mod:`.decide`) from three
kinds of evidence: the "?" the recognizer wrote, the syntax of the wording (:mod:`.syntax`:
an inverted auxiliary, a wh-word followed by inversion, a tag; not a wh-word that opens a
statement, a subordinate clause, a free relative or an indirect question, not conditional
inversion) and the final pitch movement (:mod:`voicecoach.measures.pitch`). A sentence that
only opens like a question is not counted. The gap runs from the end of the question's
sound to the next speech, or to the end of the recording (flagged).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from voicecoach.measures.activity import Activity
from voicecoach.measures.intervals import Interval, gaps
from voicecoach.measures.pitch.contour import SentenceContour
from voicecoach.measures.questions.decide import QuestionDecision, decide
from voicecoach.measures.questions.syntax import Reading, read_syntax
from voicecoach.transcript import Sentence, Transcript

__all__ = ["QuestionGap", "QuestionMeasures", "QuestionDecision", "measure_questions",
           "decide_sentence", "read_syntax"]

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
        True when the transcript had a "?".
    confidence : float
        Probability (0..1) that the sentence is a question (see :class:`QuestionDecision`).
    evidence : tuple of str
        The evidence it was counted on: "mark", "syntax", "rise".
    syntax : str
        The question form the syntax read ("yes/no inversion", "tag question", ...;
        "declarative" for a rising declarative).
    contour : str
        The final pitch movement: "rise", "fall", "level" or "unknown".
    """

    text: str
    sentence_index: int
    end_s: float
    next_speech_s: float | None
    gap_s: float
    to_end_of_file: bool
    marked: bool
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    syntax: str = ""
    contour: str = "unknown"

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "sentence_index": self.sentence_index,
            "end_s": round(self.end_s, 3),
            "next_speech_s": None if self.next_speech_s is None else round(self.next_speech_s, 3),
            "gap_s": round(self.gap_s, 3),
            "to_end_of_file": self.to_end_of_file,
            "marked": self.marked,
            "confidence": round(self.confidence, 3),
            "evidence": list(self.evidence),
            "syntax": self.syntax,
            "contour": self.contour,
        }


@dataclass(frozen=True)
class QuestionMeasures:
    """Every question with its gap, and the sentences set aside.

    ``set_aside`` holds the sentences that had some question evidence or opened like a
    question (a wh-word or an auxiliary first) but were decided not to be questions, so a
    reader can see why they carry no gap.
    """

    questions: tuple[QuestionGap, ...]
    set_aside: tuple[QuestionDecision, ...] = ()

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def shortest_gap_s(self) -> float:
        return min((q.gap_s for q in self.questions), default=0.0)

    def to_dict(self) -> dict:
        return {"count": self.count, "questions": [q.to_dict() for q in self.questions],
                "set_aside": [d.to_dict() for d in self.set_aside]}


Reader = Callable[[Sequence[str]], Reading]
"""Reads a sentence's words for a question form (English: :func:`read_syntax`)."""


def decide_sentence(sentence: Sentence, contour: SentenceContour | None = None, *,
                    reader: Reader = read_syntax) -> QuestionDecision:
    """Is ``sentence`` a question? Its mark, its syntax (read by ``reader``, by default
    English) and (given) its final pitch."""
    last = sentence.words[-1].text.strip().rstrip("\"')]")
    reading = reader([w.text for w in sentence.words])
    return decide(reading, marked=sentence.ends_with_question_mark,
                  exclaimed=last.endswith("!"),
                  contour=contour.contour if contour is not None else "unknown",
                  slope_st=contour.slope_st if contour is not None else 0.0,
                  final_rise_st=contour.final_rise_st if contour is not None else 0.0,
                  sentence_index=sentence.index, text=sentence.text)


def measure_questions(transcript: Transcript, activity: Activity, duration_s: float, *,
                      contours: Sequence[SentenceContour] = (),
                      reader: Reader = read_syntax) -> QuestionMeasures:
    """Find the questions in ``transcript`` and measure the silence after each.

    Parameters
    ----------
    transcript : Transcript
    activity : Activity
        Speech activity of the same audio: the gaps are its silences.
    duration_s : float
        Length of the recording in seconds.
    contours : sequence of SentenceContour, optional
        The final pitch movement of each sentence (``PitchMeasures.contours``, matched by
        ``sentence_index``); leave empty when the pitch is unclear, and the decision rests
        on the mark and the syntax alone.
    reader : callable(list of str) -> Reading
        The question reading of the wording in the transcript's language (default English).
    """
    silences = gaps(activity.intervals, within=Interval(0.0, duration_s))
    by_index = {c.sentence_index: c for c in contours}
    out, set_aside = [], []
    for sentence in transcript.sentences:
        d = decide_sentence(sentence, by_index.get(sentence.index), reader=reader)
        if not d.question:
            if d.evidence or d.syntax not in _PLAIN:
                set_aside.append(d)
            continue
        silence = _silence_after(silences, sentence.end_s)
        nxt = silence.end_s if silence.end_s < duration_s else None
        out.append(QuestionGap(
            text=sentence.text, sentence_index=sentence.index, end_s=silence.start_s,
            next_speech_s=nxt, gap_s=silence.duration_s, to_end_of_file=nxt is None,
            marked="mark" in d.evidence, confidence=d.confidence, evidence=d.evidence,
            syntax=d.syntax, contour=d.contour,
        ))
    return QuestionMeasures(tuple(out), tuple(set_aside))


# Readings of sentences that never looked like questions: not worth listing as set aside.
_PLAIN = frozenset({"declarative", "empty", "connective"})


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
