"""The degradation recipe: seeded, deterministic copies of a clean recording under named
real-world conditions, for the per-condition benchmark (``benchmarks/conditions.py``).

Every function is pure over numpy arrays (float samples, full scale 1.0); the only
I/O is the GSM codec, which runs sox on temporary files. The truth times of the clean
recording hold for every copy: no condition moves the speech in time.

Recipe, condition by condition (``CONDITIONS`` holds each with its parameters):

- **Noise** (``white``, ``pink``, ``babble``, ``office``) at 20, 15, 10 and 5 dB SNR. The
  SNR is measured over the speech-active samples only: the samples inside the truth
  speech segments, ``10 log10(mean(speech**2) / mean(noise**2))`` over those samples
  (:func:`measure_snr_db`); the noise covers the whole file, pauses included. White is
  Gaussian; pink is Gaussian shaped to 1/f power above 20 Hz; babble is six other
  corpus talkers, each looped from a random offset, at equal power, summed; office is
  babble, pink noise and 50 Hz mains hum (harmonics 1-8 falling 3 dB each) at
  powers 1 : 1 : 0.25, summed.
- **Digital silence** (``gated``): pink noise at 20 dB SNR, then every sample outside the
  truth speech segments set to exact zero, as a headset's noise gate does.
- **Reverberation** (``reverb``, RT60 0.4 and 0.8 s): convolution with a synthetic
  room impulse response, a unit direct path at lag 0 followed (from 2 ms) by Gaussian
  noise decaying 60 dB over RT60, scaled to a direct-to-reverberant ratio of
  ``10 log10(0.4 / RT60)`` dB (0 dB at 0.4 s, -3 dB at 0.8 s); output peak as input.
- **Low gain**: peak at -35 dBFS. **High gain**: +10 dB past the point where the peak
  reaches full scale, hard-clipped at +-1. **DC offset**: peak at 0.7, plus 0.25.
- **Phone lines** (``mulaw``, ``gsm``): 300-3400 Hz band-pass (4th-order Butterworth,
  zero phase), resampled to 8 kHz, then 8-bit mu-law (mu = 255, the continuous
  companding law quantized to 256 levels) or GSM 06.10 full rate through sox.
- **MP3**: libsndfile's MPEG layer III encoder at constant bitrate, compression level
  0.8 (40 kbps at 16 kHz mono), decoded back (libsndfile keeps length and alignment).

Every copy is finally fitted under full scale (scaled down to a 0.99 peak when above,
which keeps its SNR) unless the condition clips on purpose.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["Condition", "CONDITIONS", "apply", "active_mask", "measure_snr_db", "add_noise",
           "white_noise", "pink_noise", "babble", "mains_hum", "office_noise", "gate",
           "room_impulse_response", "reverberate", "set_peak_dbfs", "clip_gain", "dc_offset",
           "telephone_band", "mulaw_round_trip", "gsm_round_trip", "mp3_round_trip", "fit"]

PHONE_SR = 8000
MP3_LEVEL = 0.8
SNRS_DB = (20.0, 15.0, 10.0, 5.0)
NOISES = ("white", "pink", "babble", "office")


@dataclass(frozen=True)
class Condition:
    """One named degradation: ``kind`` picks the recipe, ``params`` its settings."""

    name: str
    kind: str
    params: str  # the settings in words, for the table
    snr_db: float | None = None
    rt60_s: float | None = None

    @property
    def lenient(self) -> bool:
        """True below 15 dB SNR, where a finding may instead be withheld with a reason."""
        return self.snr_db is not None and self.snr_db < 15.0


CONDITIONS: tuple[Condition, ...] = (
    Condition("clean", "clean", "the corpus file as it is"),
    *(Condition(f"{noise} {snr:g} dB", noise, f"{noise} noise, {snr:g} dB SNR over speech",
                snr_db=snr) for noise in NOISES for snr in SNRS_DB),
    Condition("gated", "gated", "pink 20 dB SNR, exact zeros outside speech"),
    Condition("reverb 0.4 s", "reverb", "RT60 0.4 s, DRR 0 dB", rt60_s=0.4),
    Condition("reverb 0.8 s", "reverb", "RT60 0.8 s, DRR -3 dB", rt60_s=0.8),
    Condition("low gain", "low_gain", "peak -35 dBFS"),
    Condition("clipped", "clipped", "+10 dB over full scale, hard clip"),
    Condition("dc offset", "dc", "peak 0.7 + DC 0.25"),
    Condition("mu-law 8 kHz", "mulaw", "300-3400 Hz, 8 kHz, 8-bit mu-law"),
    Condition("gsm 8 kHz", "gsm", "300-3400 Hz, 8 kHz, GSM 06.10 (sox)"),
    Condition("mp3 40 kbps", "mp3", "MP3 CBR level 0.8 (40 kbps)"),
)


def active_mask(n: int, sr: int, segments: Sequence[tuple[float, float]]) -> np.ndarray:
    """Boolean mask of the ``n`` samples inside the speech ``segments`` (seconds)."""
    mask = np.zeros(n, dtype=bool)
    for start_s, end_s in segments:
        mask[max(0, int(round(start_s * sr))):min(n, int(round(end_s * sr)))] = True
    return mask


def measure_snr_db(speech: np.ndarray, noise: np.ndarray, active: np.ndarray) -> float:
    """SNR in dB of ``speech`` over ``noise``, both powers taken over the ``active`` samples."""
    s = np.asarray(speech, dtype=np.float64)[active]
    v = np.asarray(noise, dtype=np.float64)[active]
    return float(10 * np.log10(np.mean(s**2) / np.mean(v**2)))


def add_noise(x: np.ndarray, noise: np.ndarray, snr_db: float, active: np.ndarray
              ) -> np.ndarray:
    """``x`` plus ``noise`` scaled to ``snr_db`` over the ``active`` samples (not fitted)."""
    x = np.asarray(x, dtype=np.float64)
    gain = 10 ** ((measure_snr_db(x, noise, active) - snr_db) / 20)
    return x + gain * np.asarray(noise, dtype=np.float64)


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.sqrt(np.mean(x**2))


def white_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-power Gaussian white noise."""
    return _unit(rng.standard_normal(n))


def pink_noise(n: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-power Gaussian noise with 1/f power above 20 Hz (flat below)."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f_hz = np.fft.rfftfreq(n, 1 / sr)
    spectrum /= np.sqrt(np.maximum(f_hz, 20.0))
    return _unit(np.fft.irfft(spectrum, n))


def babble(talkers: Sequence[np.ndarray], n: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-power babble: each talker looped to ``n`` samples from a random offset, at
    unit power, summed."""
    if not talkers:
        raise ValueError("babble needs at least one talker")
    out = np.zeros(n)
    for t in talkers:
        t = np.asarray(t, dtype=np.float64)
        looped = np.resize(np.roll(t, -int(rng.integers(len(t)))), n)
        out += _unit(looped)
    return _unit(out)


def mains_hum(n: int, sr: int, rng: np.random.Generator, *, mains_hz: float = 50.0,
              n_harmonics: int = 8) -> np.ndarray:
    """Unit-power mains hum: harmonics 1..n of ``mains_hz``, each 3 dB below the last, at
    random phases."""
    t = np.arange(n) / sr
    out = np.zeros(n)
    for k in range(1, n_harmonics + 1):
        if k * mains_hz < sr / 2:
            out += 10 ** (-3 * (k - 1) / 20) * np.sin(2 * np.pi * k * mains_hz * t
                                                      + rng.uniform(0, 2 * np.pi))
    return _unit(out)


def office_noise(talkers: Sequence[np.ndarray], n: int, sr: int, rng: np.random.Generator
                 ) -> np.ndarray:
    """Unit-power office mix: babble, pink noise and mains hum at powers 1 : 1 : 0.25."""
    mix = babble(talkers, n, rng) + pink_noise(n, sr, rng) + 0.5 * mains_hum(n, sr, rng)
    return _unit(mix)


def gate(x: np.ndarray, active: np.ndarray) -> np.ndarray:
    """``x`` with every sample outside ``active`` set to exact zero."""
    return np.where(active, x, 0.0)


def room_impulse_response(sr: int, rt60_s: float, rng: np.random.Generator) -> np.ndarray:
    """Synthetic RIR: unit direct path at lag 0, then from 2 ms Gaussian noise decaying
    60 dB over ``rt60_s``, its energy set for a DRR of ``10 log10(0.4 / rt60_s)`` dB."""
    n = int(rt60_s * sr)
    t_s = np.arange(n) / sr
    tail = rng.standard_normal(n) * 10 ** (-3 * t_s / rt60_s)
    tail[t_s < 0.002] = 0.0
    tail *= np.sqrt((rt60_s / 0.4) / np.sum(tail**2))  # reverberant energy / direct energy
    tail[0] = 1.0
    return tail


def reverberate(x: np.ndarray, sr: int, rt60_s: float, rng: np.random.Generator
                ) -> np.ndarray:
    """``x`` convolved with :func:`room_impulse_response`, cut to its length, peak kept."""
    from scipy import signal

    y = signal.fftconvolve(np.asarray(x, dtype=np.float64),
                           room_impulse_response(sr, rt60_s, rng))[:len(x)]
    return y * (np.max(np.abs(x)) / max(np.max(np.abs(y)), 1e-12))


def set_peak_dbfs(x: np.ndarray, peak_dbfs: float) -> np.ndarray:
    """``x`` scaled so its absolute peak is ``peak_dbfs`` dB below full scale."""
    return np.asarray(x, dtype=np.float64) * (10 ** (peak_dbfs / 20) / np.max(np.abs(x)))


def clip_gain(x: np.ndarray, over_db: float) -> np.ndarray:
    """``x`` amplified to a peak ``over_db`` dB above full scale, then clipped at +-1."""
    return np.clip(set_peak_dbfs(x, over_db), -1.0, 1.0)


def dc_offset(x: np.ndarray, offset: float, peak: float = 0.7) -> np.ndarray:
    """``x`` scaled to ``peak`` plus a constant ``offset`` (full scale 1)."""
    return set_peak_dbfs(x, 20 * np.log10(peak)) + offset


def telephone_band(x: np.ndarray, sr: int) -> np.ndarray:
    """300-3400 Hz band-pass (zero phase) and resampling to 8 kHz."""
    from math import gcd

    from scipy import signal

    sos = signal.butter(4, [300, 3400], btype="bandpass", fs=sr, output="sos")
    y = signal.sosfiltfilt(sos, np.asarray(x, dtype=np.float64))
    g = gcd(PHONE_SR, sr)
    return signal.resample_poly(y, PHONE_SR // g, sr // g)


def mulaw_round_trip(x: np.ndarray, mu: float = 255.0) -> np.ndarray:
    """Encode to 8-bit mu-law and decode: same length, values on the 256-level grid."""
    x = np.clip(np.asarray(x, dtype=np.float64), -1.0, 1.0)
    code = np.round(np.sign(x) * np.log1p(mu * np.abs(x)) / np.log1p(mu) * 127.5 - 0.5)
    c = (np.clip(code, -128, 127) + 0.5) / 127.5
    return np.sign(c) * np.expm1(np.abs(c) * np.log1p(mu)) / mu


def gsm_round_trip(x: np.ndarray, sr: int = PHONE_SR) -> np.ndarray:
    """GSM 06.10 full-rate encode and decode through sox (8 kHz in and out, same length)."""
    import soundfile as sf

    if sr != PHONE_SR:
        raise ValueError(f"GSM runs at {PHONE_SR} Hz, not {sr} Hz")
    with tempfile.TemporaryDirectory() as tmp:
        src, coded, back = (Path(tmp) / name for name in ("in.wav", "coded.gsm", "back.wav"))
        sf.write(src, np.clip(x, -1.0, 1.0), sr, subtype="PCM_16")
        for cmd in (["sox", str(src), "-r", str(sr), "-c", "1", str(coded)],
                    ["sox", str(coded), "-e", "signed-integer", "-b", "16", str(back)]):
            subprocess.run(cmd, check=True, capture_output=True)
        y, _ = sf.read(back, dtype="float64")
    return np.pad(y, (0, max(0, len(x) - len(y))))[:len(x)]


def mp3_round_trip(x: np.ndarray, sr: int, level: float = MP3_LEVEL) -> np.ndarray:
    """MP3 encode (constant bitrate, libsndfile compression ``level``) and decode."""
    import soundfile as sf

    buf = io.BytesIO()
    sf.write(buf, np.clip(x, -1.0, 1.0), sr, format="MP3", compression_level=level,
             bitrate_mode="CONSTANT")
    buf.seek(0)
    y, _ = sf.read(buf, dtype="float64")
    return np.pad(y, (0, max(0, len(x) - len(y))))[:len(x)]


def fit(x: np.ndarray, peak: float = 0.99) -> np.ndarray:
    """``x`` scaled down to ``peak`` when its absolute peak is above it (else unchanged)."""
    top = np.max(np.abs(x))
    return x * (peak / top) if top > peak else x


def _noise(kind: str, n: int, sr: int, talkers: Sequence[np.ndarray],
           rng: np.random.Generator) -> np.ndarray:
    if kind == "white":
        return white_noise(n, rng)
    if kind in ("pink", "gated"):
        return pink_noise(n, sr, rng)
    if kind == "babble":
        return babble(talkers, n, rng)
    return office_noise(talkers, n, sr, rng)


def apply(condition: Condition, x: np.ndarray, sr: int,
          segments: Sequence[tuple[float, float]], *, seed: int,
          talkers: Sequence[np.ndarray] = ()) -> tuple[np.ndarray, int]:
    """The copy of ``x`` (mono, ``sr`` Hz) under ``condition``; returns (samples, rate in Hz).

    ``segments`` are the truth speech segments (s), ``seed`` draws the noise and the
    room, ``talkers`` are the babble voices (other recordings at ``sr``).
    """
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=np.float64)
    active = active_mask(len(x), sr, segments)
    kind = condition.kind
    if kind == "clean":
        y = x
    elif kind in NOISES or kind == "gated":
        snr_db = 20.0 if kind == "gated" else condition.snr_db
        y = add_noise(x, _noise(kind, len(x), sr, talkers, rng), snr_db, active)
        y = gate(y, active) if kind == "gated" else y
    elif kind == "reverb":
        y = reverberate(x, sr, condition.rt60_s, rng)
    elif kind == "low_gain":
        y = set_peak_dbfs(x, -35.0)
    elif kind == "clipped":
        return clip_gain(x, 10.0), sr
    elif kind == "dc":
        y = dc_offset(x, 0.25)
    elif kind in ("mulaw", "gsm"):
        band = fit(telephone_band(x, sr), 0.9)
        coded = mulaw_round_trip(band) if kind == "mulaw" else gsm_round_trip(band)
        return fit(coded), PHONE_SR
    elif kind == "mp3":
        y = mp3_round_trip(fit(x), sr)
    else:
        raise ValueError(f"{condition.name!r}: unknown condition kind {kind!r}")
    return fit(y), sr
