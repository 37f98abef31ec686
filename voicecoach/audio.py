"""Reading recordings: any common format, any rate, to 16 kHz float32.

WAV, FLAC and OGG are read with soundfile; MP3, M4A and everything else FFmpeg
knows are decoded with PyAV (a faster-whisper dependency). This is an edge
module: it does I/O, and hands the rest of the pipeline an :class:`Audio`.
"""

from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voicecoach.errors import AudioError, VoicecoachWarning

__all__ = ["Audio", "load", "from_array", "SAMPLE_RATE", "MIN_DURATION_S"]

SAMPLE_RATE = 16_000
MIN_DURATION_S = 1.0
_CLIP_LEVEL = 0.999
_CLIP_SHARE = 0.001
_QUIET_PEAK_DBFS = -40.0
Channel = str | int


@dataclass(frozen=True, eq=False)
class Audio:
    """A recording ready for analysis.

    Attributes
    ----------
    samples : np.ndarray, shape (n,), float32
        Mono samples at ``sr`` in [-1, 1] (the selected channel or the mix).
    sr : int
        Sample rate in Hz, always 16000 after :func:`load`.
    channels : int
        Number of channels in the source file.
    source_sr : int
        The file's own sample rate in Hz.
    path : str
        Where it came from ("" for arrays).
    channel : str
        Which channel ``samples`` holds: "mix", "left", "right" or "ch<N>".
    """

    samples: np.ndarray
    sr: int = SAMPLE_RATE
    channels: int = 1
    source_sr: int = SAMPLE_RATE
    path: str = ""
    channel: str = "mix"

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sr

    @property
    def name(self) -> str:
        return Path(self.path).name if self.path else "<array>"


def load(path: str | os.PathLike, *, channel: Channel = "mix") -> Audio:
    """Read a recording and return it as 16 kHz mono float32.

    Parameters
    ----------
    path : path-like
        The recording. Any format soundfile or FFmpeg (via PyAV) can decode.
    channel : {"mix", "left", "right"} or int >= 0
        Which channel to analyze; "mix" averages all channels.

    Raises
    ------
    AudioError
        If the file is missing, unreadable, empty, shorter than 1 s, or lacks the
        requested channel. The message is one line naming the file.
    """
    p = Path(path)
    if not p.exists():
        raise AudioError(f"{p}: file not found")
    if p.is_dir():
        raise AudioError(f"{p}: is a folder, not an audio file")
    if p.stat().st_size == 0:
        raise AudioError(f"{p}: file is empty (0 bytes)")
    data, source_sr = _decode(p)
    return from_array(data, source_sr, channel=channel, path=str(p))


def from_array(
    data: np.ndarray, sr: int, *, channel: Channel = "mix", path: str = ""
) -> Audio:
    """Build an :class:`Audio` from an array of shape (n,) or (n, channels) at ``sr`` Hz."""
    label = path or "<array>"
    data = np.asarray(data)
    if data.ndim == 1:
        data = data[:, None]
    if data.ndim != 2 or data.shape[0] == 0 or data.shape[1] == 0:
        raise AudioError(f"{label}: contains no audio samples")
    if not sr or sr <= 0:
        raise AudioError(f"{label}: invalid sample rate {sr}")
    n_channels = int(data.shape[1])
    mono, channel_name = _select_channel(data, channel, label)
    mono = _sanitize(mono, label)
    duration_s = len(mono) / sr
    if duration_s < MIN_DURATION_S:
        raise AudioError(
            f"{label}: recording is {duration_s:.2f} s long; at least {MIN_DURATION_S:.0f} s "
            "of audio is needed"
        )
    samples = _resample(mono, int(sr), SAMPLE_RATE)
    _warn_if_degraded(samples, int(sr), label)
    return Audio(samples, SAMPLE_RATE, n_channels, int(sr), path, channel_name)


def _decode(p: Path) -> tuple[np.ndarray, int]:
    import soundfile as sf

    try:
        data, sr = sf.read(str(p), dtype="float32", always_2d=True)
        return data, int(sr)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError):
        pass
    return _decode_av(p)


def _decode_av(p: Path) -> tuple[np.ndarray, int]:
    try:
        import av
    except ImportError as exc:  # pragma: no cover - av comes with faster-whisper
        raise AudioError(f"{p}: cannot decode this format (install PyAV: pip install av)") from exc
    try:
        with av.open(str(p), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{p}: contains no audio stream")
            stream = container.streams.audio[0]
            sr = int(stream.rate or stream.codec_context.sample_rate or 0)
            n_channels = int(stream.codec_context.channels or 1)
            chunks = []
            for frame in container.decode(stream):
                arr = frame.to_ndarray()
                if frame.format.is_planar:
                    arr = arr.T
                else:
                    arr = arr.reshape(-1, n_channels)
                chunks.append(_to_float(arr))
    except AudioError:
        raise
    except Exception as exc:  # noqa: BLE001 - FFmpeg raises many kinds; all mean "unreadable"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AudioError(f"{p}: not a readable audio file ({reason})") from exc
    if not chunks or sr <= 0:
        raise AudioError(f"{p}: contains no audio samples")
    return np.concatenate(chunks, axis=0), sr


def _to_float(arr: np.ndarray) -> np.ndarray:
    if np.issubdtype(arr.dtype, np.floating):
        return arr.astype(np.float32, copy=False)
    info = np.iinfo(arr.dtype)
    scale = float(max(abs(info.min), info.max))
    offset = 0.0 if info.min < 0 else (info.max + 1) / 2
    return ((arr.astype(np.float32) - offset) / scale).astype(np.float32)


def _select_channel(data: np.ndarray, channel: Channel, label: str) -> tuple[np.ndarray, str]:
    n = data.shape[1]
    if channel == "mix":
        return data.mean(axis=1, dtype=np.float64).astype(np.float32), "mix"
    index = {"left": 0, "right": 1}.get(channel, channel) if isinstance(channel, str) else channel
    if not isinstance(index, int) or index < 0:
        raise AudioError(f"{label}: unknown channel {channel!r}; use mix, left, right or a number")
    if index >= n:
        raise AudioError(
            f"{label}: has {n} channel{'s' if n > 1 else ''}, so channel {channel!r} does not exist"
        )
    name = channel if isinstance(channel, str) else f"ch{index}"
    return np.ascontiguousarray(data[:, index], dtype=np.float32), name


def _sanitize(x: np.ndarray, label: str) -> np.ndarray:
    bad = ~np.isfinite(x)
    if bad.any():
        warnings.warn(
            f"{label}: {int(bad.sum())} samples were NaN or infinite and were set to silence",
            VoicecoachWarning,
            stacklevel=3,
        )
        x = np.where(bad, 0.0, x).astype(np.float32)
    return np.clip(x, -1.0, 1.0)


def _resample(x: np.ndarray, sr_in: int, sr_out: int) -> np.ndarray:
    if sr_in == sr_out:
        return np.ascontiguousarray(x, dtype=np.float32)
    from scipy.signal import resample_poly

    g = math.gcd(sr_in, sr_out)
    y = resample_poly(x.astype(np.float32), sr_out // g, sr_in // g)
    return np.clip(y, -1.0, 1.0).astype(np.float32)


def _warn_if_degraded(x: np.ndarray, source_sr: int, label: str) -> None:
    peak = float(np.max(np.abs(x))) if len(x) else 0.0
    if peak > 0 and np.mean(np.abs(x) >= _CLIP_LEVEL) > _CLIP_SHARE:
        warnings.warn(
            f"{label}: the recording is clipped (distorted); record with lower input gain",
            VoicecoachWarning,
            stacklevel=3,
        )
    elif 0 < peak < 10 ** (_QUIET_PEAK_DBFS / 20):
        warnings.warn(
            f"{label}: the recording is very quiet (peak {20 * np.log10(peak):.0f} dBFS); "
            "results may be unreliable",
            VoicecoachWarning,
            stacklevel=3,
        )
    if source_sr <= 8_000:
        warnings.warn(
            f"{label}: telephone bandwidth ({source_sr} Hz); fricative detail is lost, so "
            "final-consonant results are less certain",
            VoicecoachWarning,
            stacklevel=3,
        )
