"""What each language's transcript can tell: the language-dependent parts of the measures.

A :class:`LanguageProfile` says, for one language, how syllables are counted from the
spelling (or that they come from the signal), whether words per minute mean anything,
how a sentence's wording is read for a question, and whether final consonants are
measured. Pauses, pitch, the silence after a question and the two-party latencies do not
depend on the language; the profile only changes what the transcript is used for.
English, Polish and Korean have profiles of their own: syllables from the spelling,
questions read from the wording (Polish "czy", wh-words and tags,
:mod:`voicecoach.measures.language.polish`; Korean sentence endings,
:mod:`voicecoach.measures.language.korean`).
Languages without one get :func:`profile_for`'s generic one: syllables from the signal,
questions from the recognizer's "?" and the final pitch alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from voicecoach.measures.language.korean import hangul_syllables, read_korean
from voicecoach.measures.language.polish import polish_syllables, read_polish
from voicecoach.measures.questions.syntax import DECLARATIVE, Reading, read_syntax
from voicecoach.measures.words import syllable_count
from voicecoach.transcript.language import language_name

__all__ = ["LanguageProfile", "profile_for", "mark_only"]


def mark_only(words: Sequence[str]) -> Reading:
    """No reading of the wording: the "?" and the final pitch decide alone."""
    return Reading(DECLARATIVE, "not read for this language")


@dataclass(frozen=True)
class LanguageProfile:
    """The language-dependent parts of the measures for one language.

    Attributes
    ----------
    code : str
        Whisper's language code.
    syllables : callable(str) -> int, or None
        Syllables in one transcribed word; None: counted as nuclei in the signal.
    words_per_minute : bool
        Whether the transcript's words are words for a rate in words per minute.
    read_syntax : callable(list of str) -> Reading
        The question reading of a sentence's words.
    consonants : bool
        Final consonants are measured (English only, until there is evidence for more).
    """

    code: str
    syllables: Callable[[str], int] | None
    words_per_minute: bool
    read_syntax: Callable[[Sequence[str]], Reading]
    consonants: bool = False

    @property
    def name(self) -> str:
        return language_name(self.code)


_ENGLISH = LanguageProfile("en", syllable_count, True, read_syntax, consonants=True)
_OWN = {"en": _ENGLISH, "pl": LanguageProfile("pl", polish_syllables, False, read_polish),
        "ko": LanguageProfile("ko", hangul_syllables, False, read_korean)}


def profile_for(code: str) -> LanguageProfile:
    """The profile of language ``code`` (a generic one for languages without their own)."""
    return _OWN.get(code) or LanguageProfile(code, None, False, mark_only)
