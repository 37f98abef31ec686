"""Transcript value objects: words with times, grouped into sentences.

Only :mod:`voicecoach.transcript.whisper` imports faster-whisper; everything here
is plain data so the measures can be tested with hand-made transcripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Word", "Sentence", "Transcript", "split_sentences", "normalize_word"]

_SENTENCE_END = re.compile(r"[.?!]+[\"')\]]*$")
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "messrs"})  # "Mr." ends no sentence


def normalize_word(text: str) -> str:
    """Lower-case a word and strip surrounding punctuation ("Hello," -> "hello")."""
    return re.sub(r"^[^\w']+|[^\w']+$", "", text.strip().lower())


@dataclass(frozen=True)
class Word:
    """One transcribed word.

    Attributes
    ----------
    text : str
        The word as transcribed, with any attached punctuation ("payment?").
    start_s, end_s : float
        Start and end in seconds from the start of the recording.
    probability : float
        The recognizer's confidence in the word, 0..1.
    """

    text: str
    start_s: float
    end_s: float
    probability: float = 1.0

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def norm(self) -> str:
        """The word lower-cased without punctuation."""
        return normalize_word(self.text)


@dataclass(frozen=True)
class Sentence:
    """Consecutive words ending with sentence punctuation (or the transcript's end).

    Attributes
    ----------
    words : tuple of Word
    index : int
        Position of the sentence in the transcript, from 0.
    first_word : int
        Index in ``Transcript.words`` of the sentence's first word.
    """

    words: tuple[Word, ...]
    index: int = 0
    first_word: int = 0

    @property
    def text(self) -> str:
        return " ".join(w.text.strip() for w in self.words)

    @property
    def start_s(self) -> float:
        return self.words[0].start_s

    @property
    def end_s(self) -> float:
        return self.words[-1].end_s

    @property
    def ends_with_question_mark(self) -> bool:
        return self.words[-1].text.strip().rstrip("\"')]").endswith("?")


@dataclass(frozen=True)
class Transcript:
    """What was said, word by word.

    Attributes
    ----------
    words : tuple of Word
        In time order.
    language : str
        Language code the recognizer detected or was told ("en").
    language_probability : float
        Confidence in ``language``, 0..1 (1.0 when the model is English-only).
    sentences : tuple of Sentence
        ``words`` grouped at sentence punctuation; built automatically.
    """

    words: tuple[Word, ...]
    language: str = "en"
    language_probability: float = 1.0
    sentences: tuple[Sentence, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.sentences and self.words:
            object.__setattr__(self, "sentences", split_sentences(self.words))

    @property
    def text(self) -> str:
        return " ".join(w.text.strip() for w in self.words)

    @classmethod
    def from_text(
        cls, text: str, *, start_s: float = 0.0, word_s: float = 0.3, gap_s: float = 0.0
    ) -> Transcript:
        """A transcript with evenly spaced words, for tests and examples."""
        words, t = [], start_s
        for token in text.split():
            words.append(Word(token, t, t + word_s))
            t += word_s + gap_s
        return cls(tuple(words))


def split_sentences(words: tuple[Word, ...] | list[Word]) -> tuple[Sentence, ...]:
    """Group words into sentences at ".", "?" and "!" (a trailing remainder is a sentence).

    The period of an abbreviation ends no sentence when a word follows: a title ("Mr.
    Blake", "Dr. Lee") or "No." before a number ("invoice No. 479"). Nor does a title the
    recognizer wrote with a "?" before a name ("speaking with MS? Jordan Avery?").
    """
    sentences: list[Sentence] = []
    current: list[Word] = []
    first = 0
    for i, word in enumerate(words):
        if not current:
            first = i
        current.append(word)
        if i + 1 < len(words) and _abbreviation(word.text.strip(), words[i + 1].text.strip()):
            continue
        if _SENTENCE_END.search(word.text.strip()):
            sentences.append(Sentence(tuple(current), len(sentences), first))
            current = []
    if current:
        sentences.append(Sentence(tuple(current), len(sentences), first))
    return tuple(sentences)


def _abbreviation(text: str, next_text: str) -> bool:
    """Is the final "." of ``text`` an abbreviation's, given the word after it? (Or its
    "?", for a title before a capitalized name.)"""
    if text.endswith("?") and text[:-1].lower() in _TITLES:
        return next_text[:1].isupper()
    if not text.endswith(".") or text.endswith(".."):
        return False
    head = text[:-1].lower()
    return head in _TITLES or (head == "no" and next_text[:1].isdigit())
