"""Reading recordings: any common format, any rate, to 16 kHz float32.

WAV, FLAC, OGG and MP3 are read with soundfile; M4A and everything else FFmpeg
knows are decoded with PyAV (a faster-whisper dependency). The format is taken
from the file's content, never its name, so a mislabelled file still loads.

Decoding streams: the source is read in blocks, each block is reduced to one
channel, cleaned (NaN and infinity become silence) and resampled to 16 kHz by a
streaming polyphase filter whose output equals resampling the whole signal at
once. Only the 16 kHz mono result is held whole (about 230 MB per hour), never the
full-rate multi-channel source. This is an edge module: it does I/O, and hands the
rest of the pipeline an :class:`Audio`.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voicecoach.bandwidth import narrowband
from voicecoach.errors import AudioError, VoicecoachWarning
from voicecoach.resample import BLOCK_FRAMES, StreamResampler

__all__ = ["Audio", "load", "from_array", "SAMPLE_RATE", "MIN_DURATION_S", "MIN_SOURCE_SR"]

SAMPLE_RATE = 16_000
MIN_DURATION_S = 1.0
MIN_SOURCE_SR = 4_000
_CLIP_LEVEL = 0.99
_CLIP_SHARE = 0.001
_QUIET_PEAK_DBFS = -40.0
_TELEPHONE_SR = 8_000
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
    telephone_band : bool
        The sound came through a phone line: sampled at 8 kHz or less, or with nothing
        above 4 kHz whatever the file's rate.
    """

    samples: np.ndarray
    sr: int = SAMPLE_RATE
    channels: int = 1
    source_sr: int = SAMPLE_RATE
    path: str = ""
    channel: str = "mix"
    telephone_band: bool = False

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

    Warns
    -----
    VoicecoachWarning
        NaN or infinite samples, clipping, very low level, telephone bandwidth.
    """
    p = Path(path)
    try:
        if not p.exists():
            raise AudioError(f"{p}: file not found")
        if p.is_dir():
            raise AudioError(f"{p}: is a folder, not an audio file")
        if p.stat().st_size == 0:
            raise AudioError(f"{p}: file is empty (0 bytes)")
        if not os.access(p, os.R_OK):
            raise AudioError(f"{p}: permission denied (the file is not readable)")
    except OSError as exc:
        raise AudioError(f"{p}: cannot open ({exc.strerror or exc})") from exc
    first_reason, partial = "", None
    if _libsndfile_native(p):
        try:
            sink = _decode_soundfile(p, channel)
            if sink.damaged is None and sink.n_frames:
                return sink.finish(str(p))
            first_reason, partial = sink.damaged or "contains no audio samples", sink
        except _NotForSoundfile as exc:
            first_reason = str(exc)
    try:
        sink = _decode_av(p, channel, first_reason=first_reason)
    except AudioError:
        if partial is None or not partial.n_frames:
            raise
        sink = partial
    if partial is not None and partial.n_frames > sink.n_frames:
        sink = partial  # keep whichever decoder got further into a damaged file
    return sink.finish(str(p))


def from_array(
    data: np.ndarray, sr: int, *, channel: Channel = "mix", path: str = ""
) -> Audio:
    """Build an :class:`Audio` from an array of shape (n,) or (n, channels) at ``sr`` Hz.

    Integer arrays are scaled from their type's full range; float arrays are taken
    as full scale = 1.0. Same checks and warnings as :func:`load`.
    """
    label = path or "<array>"
    data = np.asarray(data)
    if data.ndim == 1:
        data = data[:, None]
    if data.ndim != 2 or data.shape[0] == 0 or data.shape[1] == 0:
        raise AudioError(f"{label}: contains no audio samples")
    if not np.issubdtype(data.dtype, np.number) or np.issubdtype(data.dtype, np.complexfloating):
        raise AudioError(f"{label}: samples must be real numbers, not {data.dtype}")
    sink = _Sink(label, int(sr) if _is_rate(sr) else 0, int(data.shape[1]), channel,
                 expected_frames=data.shape[0])
    for start in range(0, data.shape[0], BLOCK_FRAMES):
        sink.push(_to_float(data[start:start + BLOCK_FRAMES]))
    return sink.finish(path)


def _is_rate(sr) -> bool:
    try:
        return math.isfinite(float(sr)) and float(sr) == int(sr) and int(sr) > 0
    except (TypeError, ValueError, OverflowError):
        return False


_NATIVE_MAGIC = (b"RIFF", b"RIFX", b"RF64", b"BW64", b"FORM", b"fLaC", b"OggS", b".snd", b"caff",
                 b"riff", b"NIST")
_GENERIC_REASONS = ("format not recognised", "invalid data found", "does not exist",
                    "not a regular file", "unknown format")


def _libsndfile_native(p: Path) -> bool:
    """True for containers libsndfile reads itself (by content, not name); the rest, MP3
    included, goes to FFmpeg, which decodes them without printing to stderr."""
    try:
        with open(p, "rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise AudioError(f"{p}: cannot open ({exc.strerror or exc})") from exc
    return head in _NATIVE_MAGIC


def _pick_reason(*reasons: str) -> str:
    """The most specific of the decoders' reasons ("format not recognised" if none is)."""
    for reason in reasons:
        if reason and not any(g in reason.lower() for g in _GENERIC_REASONS):
            return reason
    return "format not recognised"


class _NotForSoundfile(Exception):
    """soundfile cannot open this file; try FFmpeg."""


def _decode_soundfile(p: Path, channel: Channel) -> _Sink:
    import soundfile as sf

    try:
        f = sf.SoundFile(str(p))
    except Exception as exc:  # noqa: BLE001 - libsndfile raises several kinds for "not mine"
        raise _NotForSoundfile(_short_reason(exc, p)) from exc
    with f:
        frames = f.frames if 0 < f.frames < (1 << 40) else None
        sink = _Sink(str(p), int(f.samplerate), int(f.channels), channel, expected_frames=frames)
        try:
            for block in f.blocks(blocksize=BLOCK_FRAMES, dtype="float32", always_2d=True):
                sink.push(block)
        except Exception as exc:  # noqa: BLE001 - a corrupt body; FFmpeg may read further
            sink.damaged = _short_reason(exc, p)
    return sink


def _decode_av(p: Path, channel: Channel, *, first_reason: str = "") -> _Sink:
    try:
        import av
    except ImportError as exc:  # pragma: no cover - av comes with faster-whisper
        raise AudioError(f"{p}: cannot decode this format (install PyAV: pip install av)") from exc
    sink: _Sink | None = None
    try:
        with av.open(str(p), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{p}: not an audio file (it holds no audio stream)")
            stream = container.streams.audio[0]
            for arr, sr in _av_blocks(container, stream):
                if sink is None:
                    sink = _Sink(str(p), sr, arr.shape[1], channel,
                                 expected_frames=_av_frames(stream, sr))
                elif sr != sink.source_sr or arr.shape[1] != sink.n_channels:
                    raise AudioError(f"{p}: sample rate or channel count changes mid-stream")
                sink.push(arr)
    except AudioError:
        raise
    except Exception as exc:  # noqa: BLE001 - FFmpeg raises many kinds; all mean "unreadable"
        reason = _pick_reason(first_reason, _short_reason(exc, p))
        if sink is None or not sink.n_frames:
            raise AudioError(f"{p}: not a readable audio file ({reason})") from exc
        sink.damaged = _short_reason(exc, p)  # a damaged tail: keep what was decoded
    if sink is None:
        raise AudioError(f"{p}: contains no audio samples")
    return sink


def _av_blocks(container, stream) -> Iterator[tuple[np.ndarray, int]]:
    for frame in container.decode(stream):
        arr = frame.to_ndarray()
        n_channels = frame.layout.nb_channels or 1
        arr = arr.T if frame.format.is_planar else arr.reshape(-1, n_channels)
        yield _to_float(arr), int(frame.sample_rate)


def _av_frames(stream, sr: int) -> int | None:
    if stream.duration and stream.time_base:
        return int(stream.duration * stream.time_base * sr) + 1
    return None


def _short_reason(exc: BaseException, p: Path) -> str:
    """The first line of an exception's message, without the path (we print it once)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    for quoted in (f"'{p}'", f'"{p}"', str(p)):
        text = text.replace(quoted, "")
    text = text.replace("Error opening :", "").replace("Error opening", "").strip(" :,")
    if text.startswith("[Errno"):
        text = text.split("]", 1)[-1].strip(" :,")
    return text or type(exc).__name__


def _to_float(arr: np.ndarray) -> np.ndarray:
    """Samples as float32 with full scale 1.0 (integers scaled from their type's range)."""
    if np.issubdtype(arr.dtype, np.floating):
        return arr.astype(np.float32, copy=False)
    if arr.dtype == np.bool_:
        return arr.astype(np.float32)
    info = np.iinfo(arr.dtype)
    if info.min < 0:
        return (arr.astype(np.float64) / -float(info.min)).astype(np.float32)
    half = (float(info.max) + 1.0) / 2.0
    return ((arr.astype(np.float64) - half) / half).astype(np.float32)


def _channel_index(channel: Channel, n: int, label: str) -> tuple[int | None, str]:
    """(index or None for the mix, channel name); raises AudioError for a missing channel."""
    if channel == "mix":
        return None, "mix"
    index = {"left": 0, "right": 1}.get(channel, channel) if isinstance(channel, str) else channel
    if isinstance(index, bool) or not isinstance(index, int | np.integer) or index < 0:
        raise AudioError(f"{label}: unknown channel {channel!r}; use mix, left, right or a number")
    if index >= n:
        raise AudioError(
            f"{label}: has {n} channel{'s' if n > 1 else ''}, so channel {channel!r} does not exist"
        )
    return int(index), channel if isinstance(channel, str) else f"ch{index}"


class _Sink:
    """Takes source blocks (frames, channels), keeps the 16 kHz mono result and statistics."""

    def __init__(self, label: str, source_sr: int, n_channels: int, channel: Channel, *,
                 expected_frames: int | None = None) -> None:
        if source_sr < MIN_SOURCE_SR:
            raise AudioError(f"{label}: sample rate {source_sr} Hz is too low for speech "
                             f"(at least {MIN_SOURCE_SR} Hz is needed)")
        if n_channels < 1:
            raise AudioError(f"{label}: contains no audio channels")
        self.label, self.source_sr, self.n_channels = label, source_sr, n_channels
        self.index, self.channel_name = _channel_index(channel, n_channels, label)
        self.resampler = StreamResampler(source_sr, SAMPLE_RATE)
        capacity = None if expected_frames is None else self.resampler.n_out_for(expected_frames)
        self.out = _Buffer(capacity)
        self.n_frames = self.n_bad = self.n_clipped = 0
        self.peak = self.over_peak = 0.0
        self.damaged: str | None = None  # why decoding stopped early, if it did

    def push(self, block: np.ndarray) -> None:
        if block.shape[0] == 0:
            return
        if self.index is None:
            parts = block
            mono = block.mean(axis=1, dtype=np.float64) if block.shape[1] > 1 else block[:, 0]
        else:
            parts = block[:, self.index:self.index + 1]
            mono = block[:, self.index]
        bad = ~np.isfinite(parts)
        n_bad = int(bad.sum())
        if n_bad:
            self.n_bad += n_bad
            parts = np.where(bad, 0.0, parts)
            mono = parts.mean(axis=1, dtype=np.float64)
        magnitude = np.abs(parts)
        self.n_clipped += int(np.count_nonzero(magnitude.max(axis=1) >= _CLIP_LEVEL))
        self.over_peak = max(self.over_peak, float(magnitude.max()))
        mono = np.clip(mono, -1.0, 1.0).astype(np.float32, copy=False)
        self.peak = max(self.peak, float(np.abs(mono).max()))
        self.n_frames += block.shape[0]
        self.out.write(self.resampler.push(mono))

    def finish(self, path: str) -> Audio:
        duration_s = self.n_frames / self.source_sr
        if self.n_frames == 0:
            raise AudioError(f"{self.label}: contains no audio samples")
        if duration_s < MIN_DURATION_S:
            raise AudioError(
                f"{self.label}: recording is {duration_s:.2f} s long; at least "
                f"{MIN_DURATION_S:.0f} s of audio is needed"
            )
        self.out.write(self.resampler.flush())
        samples = self.out.result()
        np.clip(samples, -1.0, 1.0, out=samples)  # in place: no second copy of a long file
        stored_wide = self.source_sr > _TELEPHONE_SR
        telephone = not stored_wide or (self.peak > 0 and narrowband(samples, SAMPLE_RATE))
        for message in self._degradations(telephone, stored_wide):
            warnings.warn(message, VoicecoachWarning, stacklevel=3)
        return Audio(samples, SAMPLE_RATE, self.n_channels, self.source_sr, path,
                     self.channel_name, telephone)

    def _degradations(self, telephone: bool, stored_wide: bool) -> list[str]:
        label, out = self.label, []
        if self.damaged is not None:
            out.append(f"{label}: the file is damaged or cut short after "
                       f"{self.n_frames / self.source_sr:.1f} s ({self.damaged}); only that "
                       "part was analyzed")
        if self.n_bad:
            out.append(f"{label}: {self.n_bad} samples were NaN or infinite and were set to "
                       "silence")
        if self.over_peak > 1.0 + 1e-6:
            out.append(f"{label}: samples go beyond full scale (peak {self.over_peak:.3g}); "
                       "they were clipped to full scale")
        elif self.n_clipped > _CLIP_SHARE * self.n_frames:
            out.append(f"{label}: the recording is clipped (distorted); record with lower "
                       "input gain")
        if self.peak == 0.0:
            out.append(f"{label}: the recording is digital silence (every sample is 0)")
        elif self.peak < 10 ** (_QUIET_PEAK_DBFS / 20):
            out.append(f"{label}: the recording is very quiet (peak "
                       f"{20 * np.log10(self.peak):.0f} dBFS); results may be unreliable")
        if telephone:
            band = (f"nothing above 4 kHz, though stored at {self.source_sr} Hz" if stored_wide
                    else f"{self.source_sr} Hz")
            out.append(f"{label}: telephone bandwidth ({band}); the release bursts and "
                       "hiss of final consonants are lost, so only m, n and ng endings are "
                       "judged")
        return out


class _Buffer:
    """A growable float32 array, preallocated when the final length is known."""

    def __init__(self, capacity: int | None) -> None:
        self.data = np.empty(max(capacity or 0, 1 << 16), dtype=np.float32)
        self.n = 0

    def write(self, y: np.ndarray) -> None:
        need = self.n + len(y)
        if need > len(self.data):
            grown = np.empty(max(need, int(len(self.data) * 1.5)), dtype=np.float32)
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.data[self.n:need] = y
        self.n = need

    def result(self) -> np.ndarray:
        if self.n >= 0.98 * len(self.data):
            return self.data[: self.n]
        return self.data[: self.n].copy()
