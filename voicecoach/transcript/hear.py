"""What was said, and in which language: the model choice per recording.

The English default model (tiny.en) cannot name a language. So a recording is first
transcribed with the model asked for; when that model is English-only and the English
check (:mod:`voicecoach.transcript.language`) says the speech is not English, or it
recognized no words in speech, the multilingual model (Whisper base from the registry
parts) transcribes it again and names the language. A language given by the caller
(``--language pl``) is decoded as that language, by the multilingual model unless it is
English. When the multilingual model is not installed the language stays unidentified
and only the measures that need no transcript are made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from voicecoach.audio import Audio
from voicecoach.errors import TranscriptionError
from voicecoach.transcript import Transcript
from voicecoach.transcript.language import UNKNOWN, check_english, language_name

__all__ = ["Heard", "hear", "normalize_language"]


@dataclass(frozen=True)
class Heard:
    """A transcript with the language it is in and how that was decided.

    Attributes
    ----------
    transcript : Transcript
        Its ``language`` is ``language`` below (empty when no model could transcribe it).
    language : str
        Whisper's language code ("en", "pl", "ko"), or ``UNKNOWN`` ("und").
    probability : float
        The model's confidence in ``language``, 0..1 (1 when given).
    source : {"given", "detected", "english check"}
        Given by the caller; named by the multilingual model; or the English model's
        check passed.
    model : str
        The model whose transcript this is ("tiny.en", "base", ...).
    note : str
        Why the language is unidentified, or "".
    """

    transcript: Transcript
    language: str
    probability: float
    source: str
    model: str
    note: str = ""

    def to_dict(self) -> dict:
        return {"code": self.language, "name": language_name(self.language),
                "probability": round(self.probability, 3), "source": self.source,
                "model": self.model}


def normalize_language(code: str | None) -> str | None:
    """``code`` lower-cased and checked against Whisper's languages (None passes).

    Raises
    ------
    ValueError
        For a code Whisper does not know, naming a few that it does.
    """
    if code is None:
        return None
    from voicecoach.transcript.whisper import language_codes

    text = code.strip().lower()
    if text not in language_codes():
        raise ValueError(f"unknown language code {code!r}; use a Whisper language code such "
                         "as en, pl, ko, de, fr, es")
    return text


def hear(audio: Audio, transcriber, *, language: str | None = None, speech_s: float = 0.0,
         multilingual: Callable[[], object] | None = None, on_words=None,
         progress=None) -> Heard:
    """Transcribe ``audio`` and decide its language (rules in the module docstring).

    Parameters
    ----------
    transcriber : Transcriber
        The model asked for (tiny.en by default).
    language : str, optional
        A Whisper language code to decode as; None detects it.
    speech_s : float >= 0
        Seconds of speech the activity found (the English check's evidence).
    multilingual : callable() -> Transcriber, optional
        Gives the multilingual model when needed; default Whisper base.
    on_words, progress
        As for :meth:`Transcriber.transcribe`; only the first pass reports them.
    """
    get_multi = multilingual or _base
    english_only = getattr(transcriber, "english_only", True)
    if language is not None and (language == "en" or not english_only):
        t = transcriber.transcribe(audio, on_words=on_words, progress=progress,
                                   **({} if language == "en" else {"language": language}))
        return Heard(_as(t, language, 1.0), language, 1.0, "given", transcriber.model_id)
    if language is not None:  # another language, the default model English-only
        multi = _load(get_multi)
        if isinstance(multi, str):
            return Heard(Transcript((), language, 1.0), language, 1.0, "given",
                         transcriber.model_id, multi)
        t = multi.transcribe(audio, language=language, progress=progress)
        return Heard(_as(t, language, 1.0), language, 1.0, "given", multi.model_id)
    first = transcriber.transcribe(audio, on_words=on_words, progress=progress)
    if not english_only:
        code = first.language or UNKNOWN
        return Heard(first, code, first.language_probability, "detected", transcriber.model_id)
    check = check_english(first, speech_s=speech_s)
    if first.words and check.english:
        return Heard(first, "en", 1.0, "english check", transcriber.model_id)
    multi = _load(get_multi)
    if isinstance(multi, str):
        return Heard(Transcript((), UNKNOWN, 0.0), UNKNOWN, 0.0, "detected",
                     transcriber.model_id, multi)
    t = multi.transcribe(audio)
    code = t.language or UNKNOWN
    return Heard(t, code, t.language_probability, "detected", multi.model_id)


def _as(t: Transcript, language: str, probability: float) -> Transcript:
    return Transcript(t.words, language, probability)


def _base():
    from voicecoach.transcript.whisper import MULTILINGUAL_MODEL, Transcriber

    return Transcriber(MULTILINGUAL_MODEL)


def _load(get_multi: Callable[[], object]):
    """The multilingual transcriber, or a one-line reason it is not available."""
    try:
        multi = get_multi()
        _ = multi.model  # load now: a missing package shows here, not mid-analysis
        return multi
    except TranscriptionError as exc:
        return (f"the language could not be identified: the multilingual model is not "
                f"available ({exc})")
