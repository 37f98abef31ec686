"""Acoustic cues of a final consonant, and the speaker's own baseline for them.

Pure functions over 16 kHz float32 samples. The signal is analysed once in
10 ms frames (25 ms Hann windows); each cue is a level in dB, so that a cue can
be compared with the same cue on the same speaker's other consonants of the
same class (the baseline), whatever the recording level.

Cues (all in dB):

- ``level_db``: frame energy over the span relative to the recording's speech
  level (95th percentile of frame energy). A consonant that was left out before
  a pause leaves silence here.
- ``high_db``: energy above 3.5 kHz relative to the whole band: fricative noise
  (and stop release bursts) are rich in it, vowels and nasals are not.
- ``low_db``: energy below 400 Hz relative to the whole band: the nasal murmur
  (and voicing) puts most energy there.
- ``burst_db``: the largest frame-to-frame rise of the >3.5 kHz energy inside
  the span and 20 ms after it: the release of a stop after its closure.
- ``closure_db``: the quietest frame of the span relative to the 30 ms before
  it (negative = a dip, as in a stop closure).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["FrameFeatures", "frame_features", "span_cues", "CUE_NAMES", "Baseline"]

HOP_S = 0.01
WIN_S = 0.025
HIGH_HZ = 3500.0
LOW_HZ = 400.0
_FLOOR = 1e-10
_BLOCK_FRAMES = 4096  # frames per FFT block (bounds memory on long recordings)
CUE_NAMES = ("level_db", "high_db", "low_db", "burst_db", "closure_db")


@dataclass(frozen=True)
class FrameFeatures:
    """Per-frame band energies in dB (10 ms hop); frame k is centred on ``k * HOP_S``."""

    total_db: np.ndarray
    high_db: np.ndarray
    low_db: np.ndarray
    speech_db: float  # 95th percentile of total_db: the recording's speech level


def frame_features(samples: np.ndarray, sr: int) -> FrameFeatures:
    """Band energies of ``samples`` (mono, ``sr`` Hz) in 10 ms frames."""
    hop, win = int(round(HOP_S * sr)), int(round(WIN_S * sr))
    x = np.asarray(samples)
    n = max(1, (len(x) + win // 2) // hop + 1)
    window = np.hanning(win)
    freqs = np.fft.rfftfreq(win, 1.0 / sr)
    total, high, low = np.empty(n), np.empty(n), np.empty(n)
    offsets = np.arange(win)[None, :]
    for f0 in range(0, n, _BLOCK_FRAMES):  # blocks bound memory on hour-long calls
        f1 = min(n, f0 + _BLOCK_FRAMES)
        seg = _padded(x, f0 * hop - win // 2, (f1 - 1) * hop + win - win // 2)
        spec = np.abs(np.fft.rfft(seg[offsets + hop * np.arange(f1 - f0)[:, None]] * window,
                                  axis=1)) ** 2
        total[f0:f1] = spec.sum(axis=1) + _FLOOR
        high[f0:f1] = spec[:, freqs >= HIGH_HZ].sum(axis=1) + _FLOOR
        low[f0:f1] = spec[:, freqs < LOW_HZ].sum(axis=1) + _FLOOR
    total_db = 10.0 * np.log10(total)
    return FrameFeatures(total_db, 10.0 * np.log10(high), 10.0 * np.log10(low),
                         float(np.percentile(total_db, 95)))


def _padded(x: np.ndarray, start: int, stop: int) -> np.ndarray:
    """``x[start:stop]`` as float64, zeros where the range runs past either end."""
    out = np.zeros(stop - start)
    a, b = max(start, 0), min(stop, len(x))
    if b > a:
        out[a - start:b - start] = x[a:b]
    return out


def _frames(ff: FrameFeatures, start_s: float, end_s: float) -> slice:
    a = int(round(start_s / HOP_S))
    b = max(a + 1, int(round(end_s / HOP_S)))
    return slice(max(0, min(a, len(ff.total_db) - 1)), max(1, min(b, len(ff.total_db))))


def _power_mean_db(db: np.ndarray) -> float:
    return float(10.0 * np.log10(np.mean(10.0 ** (db / 10.0)) + _FLOOR))


def span_cues(ff: FrameFeatures, start_s: float, end_s: float) -> dict[str, float]:
    """The cues of the span [start_s, end_s) in seconds (see the module notes)."""
    s = _frames(ff, start_s, end_s)
    total = _power_mean_db(ff.total_db[s])
    after = _frames(ff, start_s, end_s + 0.02)
    hi = ff.high_db[max(0, after.start - 1):after.stop]
    before = _frames(ff, max(0.0, start_s - 0.03), start_s)
    ref = _power_mean_db(ff.total_db[before]) if before.stop > before.start else total
    return {
        "level_db": total - ff.speech_db,
        "high_db": _power_mean_db(ff.high_db[s]) - total,
        "low_db": _power_mean_db(ff.low_db[s]) - total,
        "burst_db": float(np.max(np.diff(hi))) if len(hi) > 1 else 0.0,
        "closure_db": float(np.min(ff.total_db[s])) - ref,
    }


@dataclass(frozen=True)
class Baseline:
    """Median and spread of each cue over one speaker's consonants of one class."""

    median: dict[str, float]
    spread: dict[str, float]
    n: int

    @classmethod
    def from_cues(cls, cues: list[dict[str, float]], *, min_spread_db: float = 3.0) -> Baseline:
        """Robust centre (median) and spread (1.4826 MAD, at least ``min_spread_db``)."""
        med, spr = {}, {}
        for name in CUE_NAMES:
            v = np.array([c[name] for c in cues], float)
            med[name] = float(np.median(v)) if len(v) else 0.0
            mad = float(np.median(np.abs(v - med[name]))) * 1.4826 if len(v) else 0.0
            spr[name] = max(mad, min_spread_db)
        return cls(med, spr, len(cues))

    def z(self, cues: dict[str, float]) -> dict[str, float]:
        """Each cue in baseline spreads from the baseline median."""
        return {k: (cues[k] - self.median[k]) / self.spread[k] for k in CUE_NAMES}
