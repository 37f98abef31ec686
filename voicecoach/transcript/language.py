"""Is the speech English? A check that works with the English-only bundled model.

The bundled Whisper tiny.en cannot name a language: given German or Spanish it still
writes English words, just with low confidence. So the check is the recognizer's own
mean word probability: English speech transcribed by an English model scores high,
other languages score low. A multilingual model (``--model``) names the language
itself, and then that is used.

Measured error rates of the threshold are in docs/hostile-input.md; the test
tests/test_language.py holds the measurement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.transcript import Transcript

__all__ = ["LanguageCheck", "check_english", "MIN_MEAN_WORD_PROBABILITY", "MIN_WORDS",
           "language_name", "UNKNOWN"]

UNKNOWN = "und"
"""The code of a language that could not be identified (ISO 639-2 "undetermined")."""
_NAMES = {
    "en": "English", "pl": "Polish", "ko": "Korean", "de": "German", "fr": "French",
    "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "cs": "Czech",
    "sk": "Slovak", "uk": "Ukrainian", "ru": "Russian", "tr": "Turkish", "ja": "Japanese",
    "zh": "Chinese", "th": "Thai", "vi": "Vietnamese", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian", "fi": "Finnish", "hu": "Hungarian", "ro": "Romanian", "el": "Greek",
    "ar": "Arabic", "hi": "Hindi", "id": "Indonesian", "he": "Hebrew", "lt": "Lithuanian",
    UNKNOWN: "an unidentified language",
}


def language_name(code: str) -> str:
    """The English name of a language code ("pl" -> "Polish"); the code itself if unknown."""
    return _NAMES.get(code, f"language '{code}'")

MIN_MEAN_WORD_PROBABILITY = 0.6
"""Below this mean word probability the speech is judged not English."""
MIN_WORDS = 6
"""With fewer recognized words the mean probability is not judged (too little evidence)."""
MIN_WORDS_PER_SPEECH_S = 0.5
"""Fewer than MIN_WORDS words at under this rate over >= 4 s of speech: not recognized."""
_MIN_SPEECH_S = 4.0
_DETECTED_MIN_PROBABILITY = 0.5


@dataclass(frozen=True)
class LanguageCheck:
    """The verdict and the evidence behind it.

    Attributes
    ----------
    english : bool
        False only when the evidence says the speech is not English.
    mean_word_probability : float
        Mean recognizer confidence over the words, 0..1 (0 with no words).
    n_words : int
    language : str
        The language the model named ("en" for English-only models).
    language_probability : float
    """

    english: bool
    mean_word_probability: float
    n_words: int
    language: str = "en"
    language_probability: float = 1.0
    speech_s: float | None = None

    @property
    def message(self) -> str:
        """One line for the report ("" when the speech is English)."""
        if self.english:
            return ""
        if self.language != "en":
            evidence = (f"the model heard language '{self.language}' "
                        f"(probability {self.language_probability:.2f})")
        elif self.n_words < MIN_WORDS and self.speech_s is not None:
            evidence = (f"the English model recognized only {self.n_words} word"
                        f"{'s' if self.n_words != 1 else ''} in {self.speech_s:.0f} s of speech")
        else:
            evidence = (f"the English model's mean word confidence is "
                        f"{self.mean_word_probability:.2f}, below "
                        f"{MIN_MEAN_WORD_PROBABILITY:.2f}")
        return ("speech is not English: results for language-dependent measures withheld "
                f"({evidence}; very unclear English can also look like this)")


def check_english(transcript: Transcript, *, speech_s: float | None = None,
                  min_mean_probability: float = MIN_MEAN_WORD_PROBABILITY,
                  min_words: int = MIN_WORDS) -> LanguageCheck:
    """Judge whether ``transcript`` is English speech.

    Parameters
    ----------
    transcript : Transcript
        With word probabilities, as :class:`~voicecoach.transcript.whisper.Transcriber`
        returns it.
    min_mean_probability : float in [0, 1]
        Speech whose mean word probability is below this is judged not English.
    min_words : int >= 0
        Fewer words than this are not judged by their probability (too little evidence).
    speech_s : float >= 0, optional
        Seconds of speech found in the signal. When given, one to ``min_words - 1``
        words recognized over at least 4 s of speech at under 0.5 words per second
        (English runs at 2 or more) also count as not English.
    """
    probs = np.array([w.probability for w in transcript.words], dtype=np.float64)
    probs = probs[np.isfinite(probs)]
    mean_p = float(np.clip(probs.mean(), 0.0, 1.0)) if probs.size else 0.0
    n = int(probs.size)
    language = transcript.language or "en"
    lang_p = float(transcript.language_probability)
    if language != "en" and lang_p >= _DETECTED_MIN_PROBABILITY:
        return LanguageCheck(False, mean_p, n, language, lang_p, speech_s)
    if n < min_words:
        sparse = (speech_s is not None and n >= 1 and speech_s >= _MIN_SPEECH_S
                  and n / speech_s < MIN_WORDS_PER_SPEECH_S)
        return LanguageCheck(not sparse, mean_p, n, language, lang_p, speech_s)
    english = mean_p >= min_mean_probability - 1e-9  # float sums
    return LanguageCheck(english, mean_p, n, language, lang_p, speech_s)
