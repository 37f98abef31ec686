"""One decision per sentence: the transcript's mark, the syntax and the final pitch together.

Each piece of evidence adds to the log-odds that the sentence is a question, from a prior
that most sentences in a call opening are statements:

========================================  =========  ==========================================
evidence                                  log-odds   why
========================================  =========  ==========================================
prior                                     -2.0       p = 0.12: statements dominate
"?" written by the recognizer             +4.0       strong: it heard the question
"!" written by the recognizer             -2.0       an exclamation
syntax: question form                     +3.5       inversion, wh-inversion, aux tag
syntax: weak form ("..., right", "Why")   +2.3       worded like a question, the voice decides
syntax: statement opening like a question -1.5       subordinate clause, free relative, ...
final rise, 1-2 st / >= 2 st              +0.8/+1.8  the voice asks (a rise over the final
                                                     stretch, or >= 2 st from its low point)
final rise on a plain statement, only     +1.2       rising declarative: counts only for a
  with the listener as its subject                   B-event, something the listener knows
                                                     ("You received our letter?"); elsewhere
                                                     a rise on a statement is uptalk
final fall after a wh-question / tag      -0.5       their usual tune
final fall after a yes/no inversion       -1.0       polite requests often fall
final fall after a weak form or a         -2.5/-1.5  nothing but the wording was left
  statement
========================================  =========  ==========================================

The sentence counts as a question when the combined probability is above 0.5; that
probability is its ``confidence``. So a "?" alone decides (0.88); a clear question form
decides without a mark (0.82) and keeps deciding through a fall (0.62 for yes/no,
0.73 for wh); a weak form counts unless the pitch falls; a plain statement needs a clear
rise with the listener as its subject; a statement that only opens like a question ("When
you hear the tone, hang up", "What you will hear is ...") never counts without a "?".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from voicecoach.measures.questions.syntax import (
    DECLARATIVE,
    POSSIBLE,
    QUESTION,
    STATEMENT,
    Reading,
)

__all__ = ["QuestionDecision", "decide", "CLEAR_RISE_ST", "PRIOR_LOGODDS"]

PRIOR_LOGODDS = -2.0
MARK_LOGODDS = 4.0
EXCLAMATION_LOGODDS = -2.0
SYNTAX_LOGODDS = {QUESTION: 3.5, POSSIBLE: 2.3, DECLARATIVE: 0.0, STATEMENT: -1.5}
RISE_LOGODDS = 0.8  # a rise of the contour threshold (1 st) up to CLEAR_RISE_ST
CLEAR_RISE_LOGODDS = 1.8
CLEAR_RISE_ST = 2.0  # semitones: a rise nobody would call level
ADDRESSEE_RISE_LOGODDS = 1.2
FALL_LOGODDS = {"wh": -0.5, "tag": -0.5, "yes/no": -1.0, POSSIBLE: -2.5, DECLARATIVE: -1.5,
                STATEMENT: -1.5}


@dataclass(frozen=True)
class QuestionDecision:
    """Is one sentence a question, how sure, and on what evidence.

    Attributes
    ----------
    sentence_index : int
    text : str
    question : bool
        ``confidence > 0.5``.
    confidence : float
        Probability (0..1) that the sentence is a question, from the evidence below.
    evidence : tuple of str
        The evidence for a question that was found, in this order: "mark" (a "?"),
        "syntax" (a question form; see ``syntax``), "rise" (the final pitch rises).
    syntax : str
        The form the syntax read ("yes/no inversion", "wh inversion", "tag question",
        "subordinate clause", "free relative", "declarative", ...).
    contour : {"rise", "fall", "level", "unknown"}
        The final pitch movement ("unknown" without pitch).
    """

    sentence_index: int
    text: str
    question: bool
    confidence: float
    evidence: tuple[str, ...]
    syntax: str
    contour: str

    def to_dict(self) -> dict:
        return {"text": self.text, "sentence_index": self.sentence_index,
                "question": self.question, "confidence": round(self.confidence, 3),
                "evidence": list(self.evidence), "syntax": self.syntax, "contour": self.contour}


def decide(reading: Reading, *, marked: bool, exclaimed: bool = False, contour: str = "unknown",
           slope_st: float = 0.0, final_rise_st: float = 0.0, sentence_index: int = 0,
           text: str = "") -> QuestionDecision:
    """Fuse the mark, the syntax ``reading`` and the final pitch into one decision.

    Parameters
    ----------
    reading : Reading
        :func:`voicecoach.measures.questions.syntax.read_syntax` of the sentence.
    marked, exclaimed : bool
        The recognizer ended the sentence with "?" / "!".
    contour : {"rise", "fall", "level", "unknown"}
        The final pitch movement (``SentenceContour.contour``); "unknown" without pitch.
    slope_st : float
        The F0 change over the final stretch in semitones (``SentenceContour.slope_st``).
    final_rise_st : float
        The rise from the final stretch's low point, semitones
        (``SentenceContour.final_rise_st``): at ``CLEAR_RISE_ST`` or more it is a rise
        whatever ``contour`` says (the low-rising question tune).
    """
    if final_rise_st >= CLEAR_RISE_ST:
        contour, slope_st = "rise", max(slope_st, final_rise_st)
    logodds = PRIOR_LOGODDS + SYNTAX_LOGODDS[reading.strength]
    evidence = []
    if marked:
        logodds += MARK_LOGODDS
        evidence.append("mark")
    elif exclaimed:
        logodds += EXCLAMATION_LOGODDS
    if reading.strength in (QUESTION, POSSIBLE):
        evidence.append("syntax")
    if contour == "rise":
        logodds += CLEAR_RISE_LOGODDS if slope_st >= CLEAR_RISE_ST else RISE_LOGODDS
        if reading.strength == DECLARATIVE and reading.second_person:
            logodds += ADDRESSEE_RISE_LOGODDS
        evidence.append("rise")
    elif contour == "fall":
        logodds += FALL_LOGODDS[_fall_kind(reading)]
    confidence = 1.0 / (1.0 + math.exp(-logodds))
    return QuestionDecision(sentence_index, text, confidence > 0.5, confidence, tuple(evidence),
                            reading.form, contour)


def _fall_kind(reading: Reading) -> str:
    if reading.strength != QUESTION:
        return reading.strength
    if reading.form == "yes/no inversion":
        return "yes/no"
    return "tag" if reading.form == "tag question" else "wh"
