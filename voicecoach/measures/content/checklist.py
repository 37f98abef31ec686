"""The opening's checklist and tone, read from the transcript's words.

Each step of the trainer's checklist (greeting, own name, company, ...) is a set of
patterns over a sentence's tokens (:mod:`.spans`: lower-case words, numbers, amounts,
dates and names folded into placeholders). A sentence says the step when one of the
step's ``any`` patterns matches it, every one of its ``with`` patterns matches it too,
and, for a step that must be asked (``question``), the sentence is a question. A
sentence matching ``any`` but missing a ``with`` part says the step only partly ("a
payment asked for without a date"). Tone: each ``harsh`` pattern (blaming, threatening
or condescending wording) found is a hit with a kinder phrasing; ``kind`` patterns
(respectful wording) are counted.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from voicecoach.measures.content.spans import Token, Tokens, fold, tokenize
from voicecoach.transcript import Sentence, Transcript

__all__ = ["Step", "ToneRule", "Checklist", "StepCheck", "ToneHit", "ContentMeasures",
           "check_opening", "PRESENT", "PARTIAL", "ABSENT"]

PRESENT, PARTIAL, ABSENT = "present", "partial", "absent"


@dataclass(frozen=True)
class Step:
    """One step of the checklist.

    Attributes
    ----------
    name : str
        Its key (``content.<name>`` in the report), e.g. "due_date".
    any : tuple of re.Pattern
        A sentence says the step when one of these matches it...
    with_ : tuple of re.Pattern
        ...and all of these do too (else it says the step only partly).
    question : bool
        The sentence must be a question.
    asked : tuple of re.Pattern
        Patterns that say the step only in a sentence that is a question, whatever
        ``question`` is ("Mrs. Adeyemi?", while "Is this Mrs. Adeyemi" is a check of
        who speaks even when the recognizer wrote no "?").
    near_end : bool
        The sentence must be one of the take's last two (a close, not a thank-you at the
        start).
    required : bool
        An absent required step needs work; an absent optional one is "not in this take".
    label : str
        The step in the trainer's words ("" for the built-in wording).
    tip : str
        A better phrasing to quote when the step is absent or partial ("" for the
        built-in one).
    """

    name: str
    any: tuple[re.Pattern, ...]
    with_: tuple[re.Pattern, ...] = ()
    question: bool = False
    asked: tuple[re.Pattern, ...] = ()
    near_end: bool = False
    required: bool = True
    label: str = ""
    tip: str = ""


@dataclass(frozen=True)
class ToneRule:
    """Wording to avoid and a kinder way to say it."""

    pattern: re.Pattern
    kinder: str


@dataclass(frozen=True)
class Checklist:
    """One language's checklist, tone rules and the words that make amounts and dates."""

    language: str
    steps: tuple[Step, ...]
    currency: tuple[str, ...] = ()
    dates: tuple[re.Pattern, ...] = ()
    number_words: re.Pattern | None = None
    harsh: tuple[ToneRule, ...] = ()
    kind: tuple[re.Pattern, ...] = ()
    fillers: tuple[str, ...] = ()  # tuples, not sets: the same repr in every process
    company_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepCheck:
    """Whether and where one step was said.

    ``status`` is "present", "partial" or "absent"; ``said`` the sentence that says it,
    the words that say it from ``start_s`` to ``end_s`` (the whole sentence when
    partial); ``missing`` the ``with`` patterns a partial sentence lacked.
    """

    step: str
    status: str
    said: str = ""
    start_s: float = 0.0
    end_s: float = 0.0
    missing: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        out = {"step": self.step, "status": self.status}
        if self.status != ABSENT:
            out.update(said=self.said, start_s=round(self.start_s, 3),
                       end_s=round(self.end_s, 3))
        if self.missing:
            out["missing"] = list(self.missing)
        return out


@dataclass(frozen=True)
class ToneHit:
    """Wording found, when (s), and (for harsh wording) a kinder phrasing."""

    said: str
    start_s: float
    end_s: float
    kinder: str = ""

    def to_dict(self) -> dict:
        out = {"said": self.said, "start_s": round(self.start_s, 3),
               "end_s": round(self.end_s, 3)}
        if self.kinder:
            out["kinder"] = self.kinder
        return out


@dataclass(frozen=True)
class ContentMeasures:
    """The checklist and tone of one transcript (``n_words`` words in ``language``;
    ``median_word_p`` is the recognizer's median confidence in its words, 0..1;
    ``telephone_band`` whether the words were heard over a phone line's band)."""

    language: str
    steps: tuple[StepCheck, ...]
    harsh: tuple[ToneHit, ...]
    kind: tuple[ToneHit, ...]
    n_words: int
    median_word_p: float = 1.0
    telephone_band: bool = False

    def step(self, name: str) -> StepCheck | None:
        return next((s for s in self.steps if s.step == name), None)

    def to_dict(self) -> dict:
        return {"language": self.language, "n_words": self.n_words,
                "median_word_p": round(self.median_word_p, 3),
                "telephone_band": self.telephone_band,
                "steps": [s.to_dict() for s in self.steps],
                "harsh": [h.to_dict() for h in self.harsh],
                "kind": [h.to_dict() for h in self.kind]}


def _said(transcript: Transcript, first: int, last: int) -> tuple[str, float, float]:
    """The words ``first`` to ``last`` (punctuation at the end dropped) and their times."""
    words = transcript.words[first:last + 1]
    said = " ".join(w.text.strip() for w in words).rstrip(",.;:!?")
    return said, words[0].start_s, words[-1].end_s


def check_opening(transcript: Transcript, checklist: Checklist, *,
                  questions: frozenset[int] = frozenset(),
                  telephone_band: bool = False) -> ContentMeasures:
    """Check ``transcript`` against ``checklist`` (rules in the module docstring).

    ``questions`` holds the indices of the sentences found to be questions (besides
    those written with a "?"), e.g. from
    :func:`voicecoach.measures.questions.measure_questions`; ``telephone_band`` is kept
    with the result (words heard over a phone line are often missed).
    """
    found: dict[str, StepCheck] = {}
    harsh: list[ToneHit] = []
    kind: list[ToneHit] = []
    last_two = len(transcript.sentences) - 2
    amounts: set[float] = set()  # the values of the amounts said so far
    for sentence in transcript.sentences:
        tokens = _restated(_tokens(sentence, checklist), transcript, checklist.language, amounts)
        text = tokens.text
        asked = sentence.index in questions or sentence.ends_with_question_mark
        for step in checklist.steps:
            if found.get(step.name, StepCheck(step.name, ABSENT)).status == PRESENT:
                continue
            hit = None if step.question and not asked else \
                next((m for p in step.any if (m := p.search(text))), None)
            if hit is None and asked:
                hit = next((m for p in step.asked if (m := p.search(text))), None)
            if hit is None or (step.near_end and sentence.index < last_two):
                continue
            parts = [m for p in step.with_ if (m := p.search(text))]
            if len(parts) == len(step.with_):
                spans = [tokens.span(*m.span()) for m in [hit, *parts]]
                spans = [s for s in spans if s]
                _, start_s, end_s = _said(transcript, min(s[0] for s in spans),
                                          max(s[1] for s in spans))
                found[step.name] = StepCheck(step.name, PRESENT, sentence.text, start_s, end_s)
            elif step.name not in found:
                missing = tuple(p.pattern for p in step.with_ if not p.search(text))
                found[step.name] = StepCheck(step.name, PARTIAL, sentence.text,
                                             sentence.start_s, sentence.end_s, missing)
        for rule in checklist.harsh:
            harsh += _hits(transcript, tokens, rule.pattern, rule.kinder)
        for pattern in checklist.kind:
            kind += _hits(transcript, tokens, pattern)
    steps = tuple(found.get(s.name, StepCheck(s.name, ABSENT)) for s in checklist.steps)
    median_p = statistics.median(w.probability for w in transcript.words) \
        if transcript.words else 0.0
    return ContentMeasures(checklist.language, steps, _by_time(harsh), _by_time(kind),
                           len(transcript.words), median_p, telephone_band)


def _tokens(sentence: Sentence, checklist: Checklist) -> Tokens:
    """The sentence's tokens with numbers, amounts, dates and names folded (:mod:`.spans`)."""
    return fold(tokenize(sentence.words, sentence.first_word, language=checklist.language,
                         number_words=checklist.number_words, fillers=checklist.fillers,
                         company_words=checklist.company_words, currency=checklist.currency),
                currency=checklist.currency, dates=checklist.dates,
                number_words=checklist.number_words)


def _value(transcript: Transcript, token: Token, language: str) -> float | None:
    """The number a ``<number>`` or ``<amount>`` token says ("$1,250", "eight hundred and
    forty dollars", "2 ,000 euros"), or None when its words hold no one number."""
    text = " ".join(w.text for w in transcript.words[token.first:token.last + 1])
    if language == "en":
        from text_to_num import alpha2digit

        text = alpha2digit(text.lower().replace("-", " "), "en")
    numbers = re.findall(r"\d+(?:\.\d+)?", re.sub(r"(?<=\d)\s*,\s*(?=\d{3}\b)", "", text))
    return float(numbers[0]) if len(numbers) == 1 else None


def _restated(tokens: Tokens, transcript: Transcript, language: str,
              amounts: set[float]) -> Tokens:
    """``tokens`` with each ``<number>`` that repeats an amount said earlier in the take
    (``amounts``, values) made an ``<amount>``: a recognizer often drops the currency the
    second time ("the balance is $185 ... could you pay the 185 by Friday?"). The values of
    this sentence's amounts are added to ``amounts``."""
    out = []
    for t in tokens.tokens:
        if t.text in ("<number>", "<amount>"):
            value = _value(transcript, t, language)
            if t.text == "<number>" and value in amounts:
                t = Token("<amount>", t.first, t.last)
            if t.text == "<amount>" and value is not None:
                amounts.add(value)
        out.append(t)
    return Tokens(tuple(out))


def _hits(transcript: Transcript, tokens: Tokens, pattern: re.Pattern, kinder: str = ""
          ) -> list[ToneHit]:
    """Each match of ``pattern`` in the sentence's ``tokens``: the words said and when."""
    return [ToneHit(*_said(transcript, *span), kinder=kinder)
            for m in pattern.finditer(tokens.text) if (span := tokens.span(*m.span()))]


def _by_time(hits: list[ToneHit]) -> tuple[ToneHit, ...]:
    return tuple(sorted(hits, key=lambda h: h.start_s))
