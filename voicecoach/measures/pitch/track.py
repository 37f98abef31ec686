"""Fundamental-frequency (F0) tracking: normalized cross-correlation plus a Viterbi path.

The method follows Praat's autocorrelation tracker (Boersma 1993) and RAPT (Talkin 1995):

1. The signal is decimated to about 8 kHz (plenty for F0 <= 1 kHz; the band above 4 kHz
   carries no pitch information that the harmonics below it lack).
2. For every frame at once, the normalized cross-correlation function (NCCF) over the lags
   of ``fmin_hz..fmax_hz`` is computed with one batched FFT. The NCCF compares a window of
   ``2 / fmin_hz`` seconds with its lagged copy and is 1 for a perfectly periodic signal,
   whatever its level or spectral shape: a missing fundamental (telephone band) still gives
   a peak at the true period, because the harmonics repeat at it.
3. The strongest few NCCF peaks per frame, refined by parabolic interpolation, are the voiced
   candidates; an unvoiced candidate gets a strength from a voicing threshold and the frame's
   energy relative to the recording's own speech level.
4. A Viterbi search picks one candidate per frame, charging for octave jumps and for voicing
   changes, which removes isolated octave errors and voicing flicker.

Everything is vectorized over frames except the Viterbi recursion, which touches a
(candidates x candidates) matrix per frame. Long recordings are processed in blocks, so
memory stays bounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["F0Track", "track_f0"]

_WORK_SR_HZ = 8000  # analysis rate after decimation
_WINDOW_PERIODS = 2.0  # correlation window, in periods of fmin_hz
_N_CANDIDATES = 4  # voiced candidates kept per frame
_OCTAVE_COST = 0.01  # bonus per octave above fmin_hz: favours the true period over multiples
_OCTAVE_JUMP_COST = 0.35  # per octave of F0 change between consecutive 10 ms frames
_VOICED_UNVOICED_COST = 0.14  # per voicing change (at 10 ms hop)
_VOICING_THRESHOLD = 0.45  # NCCF strength below which a frame tends to unvoiced
_SILENCE_THRESHOLD = 0.03  # frame RMS relative to speech level below which frames are silent
_SPEECH_LEVEL_PERCENTILE = 95.0  # frame-RMS percentile taken as the recording's speech level
_BLOCK_FRAMES = 2048  # frames per FFT block (bounds memory on long recordings)
_REF_HOP_S = 0.01  # hop at which the transition costs above are calibrated
_NEG = -1.0e9  # score of a missing candidate


@dataclass(frozen=True, eq=False)
class F0Track:
    """A frame-wise F0 contour.

    Attributes
    ----------
    times_s : np.ndarray, shape (m,), float64
        Frame centres in seconds from the start of the recording.
    f0_hz : np.ndarray, shape (m,), float64
        F0 in Hz, ``np.nan`` where the frame is unvoiced.
    periodicity : np.ndarray, shape (m,), float64
        Strength of periodicity in 0..1 (normalized correlation at the chosen period; for
        unvoiced frames, the best correlation found).
    """

    times_s: np.ndarray
    f0_hz: np.ndarray
    periodicity: np.ndarray

    @property
    def voiced(self) -> np.ndarray:
        """Boolean mask, shape (m,): True where the frame is voiced."""
        return np.isfinite(self.f0_hz)

    @property
    def hop_s(self) -> float:
        """Seconds between frames (0.01 when the track has fewer than two frames)."""
        if len(self.times_s) < 2:
            return _REF_HOP_S
        return float(self.times_s[1] - self.times_s[0])

    def __len__(self) -> int:
        return len(self.times_s)


def track_f0(
    samples: np.ndarray,
    sr: int,
    *,
    fmin_hz: float = 60.0,
    fmax_hz: float = 500.0,
    hop_s: float = 0.01,
) -> F0Track:
    """Track F0 of a mono speech signal.

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono samples, any float scale.
    sr : int > 0
        Sample rate in Hz (8000 or more recommended).
    fmin_hz, fmax_hz : float, 20 <= fmin_hz < fmax_hz <= 1000
        Range of F0 searched, in Hz.
    hop_s : float > 0
        Time between frames in seconds; frame ``i`` is centred at ``i * hop_s``.

    Returns
    -------
    F0Track
        One frame per hop covering the whole signal; no frames for an empty signal.

    Raises
    ------
    ValueError
        If the signal is not 1-D or a parameter is out of range.
    """
    x = _check_inputs(samples, sr, fmin_hz, fmax_hz, hop_s)
    n_frames = int(math.floor(len(x) / sr / hop_s)) + 1 if len(x) else 0
    times_s = np.arange(n_frames) * hop_s
    if n_frames == 0:
        empty = np.zeros(0)
        return F0Track(times_s, empty, empty)
    x, work_sr = _decimate(x, sr)
    lags = _lag_range(work_sr, fmin_hz, fmax_hz)
    window = int(round(_WINDOW_PERIODS * work_sr / fmin_hz))
    freqs, strengths, rms, best_r = _candidates(x, work_sr, n_frames, hop_s, lags, window, fmin_hz)
    unvoiced = _unvoiced_strength(rms)
    path = _viterbi(freqs, strengths, unvoiced, hop_s)
    rows = np.arange(n_frames)
    is_voiced = path < freqs.shape[1]
    chosen = np.minimum(path, freqs.shape[1] - 1)
    f0_hz = np.where(is_voiced, freqs[rows, chosen], np.nan)
    r_chosen = strengths[rows, chosen] - _OCTAVE_COST * np.log2(freqs[rows, chosen] / fmin_hz)
    periodicity = np.clip(np.where(is_voiced, r_chosen, best_r), 0.0, 1.0)
    return F0Track(times_s, f0_hz.astype(np.float64), periodicity.astype(np.float64))


def _check_inputs(
    samples: np.ndarray, sr: int, fmin_hz: float, fmax_hz: float, hop_s: float
) -> np.ndarray:
    x = np.asarray(samples)
    if x.ndim != 1:
        raise ValueError(f"samples must be 1-D (mono), got shape {x.shape}; mix channels first")
    if not sr or sr <= 0:
        raise ValueError(f"sr must be a positive sample rate in Hz, got {sr}")
    if not 20.0 <= fmin_hz < fmax_hz <= 1000.0:
        raise ValueError(
            f"need 20 <= fmin_hz < fmax_hz <= 1000, got fmin_hz={fmin_hz}, fmax_hz={fmax_hz}"
        )
    if fmax_hz >= sr / 4:
        raise ValueError(f"fmax_hz={fmax_hz} needs a sample rate above {4 * fmax_hz:.0f} Hz")
    if not 0.0 < hop_s <= 0.1:
        raise ValueError(f"hop_s must be in (0, 0.1] seconds, got {hop_s}")
    x = np.nan_to_num(x.astype(np.float32, copy=False), nan=0.0, posinf=0.0, neginf=0.0)
    return x - np.float32(x.mean()) if len(x) else x


def _decimate(x: np.ndarray, sr: int) -> tuple[np.ndarray, float]:
    """Low-pass (linear-phase FIR, cut-off at 0.4 x the new rate) and decimate to ~8 kHz."""
    factor = max(1, int(sr // _WORK_SR_HZ))
    if factor == 1:
        return x, float(sr)
    from scipy.signal import firwin, upfirdn

    half = 8 * factor  # filter delay in input samples, a whole number of output samples
    taps = firwin(2 * half + 1, 0.4 * sr / factor, fs=sr).astype(np.float32)
    y = upfirdn(taps, x, 1, factor)[half // factor : half // factor + -(-len(x) // factor)]
    return y.astype(np.float32, copy=False), sr / factor


def _lag_range(work_sr: float, fmin_hz: float, fmax_hz: float) -> np.ndarray:
    """Integer lags (samples) covering fmax..fmin, one extra on each side for peak picking."""
    lo = max(2, int(math.floor(work_sr / fmax_hz)) - 1)
    hi = int(math.ceil(work_sr / fmin_hz)) + 1
    return np.arange(lo, hi + 1)


def _candidates(
    x: np.ndarray,
    work_sr: float,
    n_frames: int,
    hop_s: float,
    lags: np.ndarray,
    window: int,
    fmin_hz: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Voiced candidates for every frame, computed block by block.

    Returns frequencies (m, K) in Hz (1.0 where missing), their strengths (m, K) (``_NEG``
    where missing), frame RMS (m,) and the best raw NCCF value per frame (m,).
    """
    span = window + int(lags[-1])
    pad = span // 2 + 1
    xp = np.concatenate([np.zeros(pad, np.float32), x, np.zeros(span + pad, np.float32)])
    starts = np.round(np.arange(n_frames) * hop_s * work_sr).astype(np.int64) + pad - span // 2
    out_f = np.ones((n_frames, _N_CANDIDATES))
    out_s = np.full((n_frames, _N_CANDIDATES), _NEG)
    rms = np.zeros(n_frames)
    best_r = np.zeros(n_frames)
    offsets = np.arange(span)
    for b in range(0, n_frames, _BLOCK_FRAMES):
        sl = slice(b, min(n_frames, b + _BLOCK_FRAMES))
        frames = xp[starts[sl, None] + offsets[None, :]]
        nccf, rms[sl] = _nccf(frames, window, lags)
        best_r[sl] = nccf[:, 2:-2].max(axis=1)
        out_f[sl], out_s[sl] = _peaks(nccf, lags, work_sr, fmin_hz)
    return out_f, out_s, rms, best_r


def _nccf(frames: np.ndarray, window: int, lags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normalized cross-correlation at half-sample lags, and frame RMS.

    ``lags`` must be consecutive integers; the result has shape (m, 2 * len(lags) - 1) for
    lags ``lags[0], lags[0] + 0.5, ..., lags[-1]``. The half-sample values come from
    band-limited interpolation of the correlation (a zero-padded inverse FFT), so the
    sharp peaks of wide-band speech are not under-sampled; the energies are interpolated
    linearly. The RMS has shape (m,).
    """
    import scipy.fft

    span = frames.shape[1]
    lo, hi = int(lags[0]), int(lags[-1])
    n_fft = scipy.fft.next_fast_len(span, real=True)
    spec = scipy.fft.rfft(frames[:, :window], n_fft, axis=1)
    np.conjugate(spec, out=spec)
    spec *= scipy.fft.rfft(frames, n_fft, axis=1)
    corr = scipy.fft.irfft(spec, 2 * n_fft, axis=1)[:, 2 * lo : 2 * hi + 1]
    corr *= np.float32(2.0)
    energy = np.zeros((frames.shape[0], span + 1), dtype=np.float32)
    np.cumsum(np.square(frames), axis=1, out=energy[:, 1:])
    floor = np.float32(1e-10 * window)
    e_int = energy[:, lo + window : hi + window + 1] - energy[:, lo : hi + 1]
    e_lag = np.empty_like(corr)
    e_lag[:, 0::2] = e_int
    e_lag[:, 1::2] = 0.5 * (e_int[:, :-1] + e_int[:, 1:])
    np.maximum(e_lag, 0.0, out=e_lag)
    e_lag += floor
    e_lag *= energy[:, window : window + 1] + floor
    corr /= np.sqrt(e_lag)
    rms = np.sqrt(energy[:, -1] / span)
    return corr, rms


def _peaks(
    nccf: np.ndarray, lags: np.ndarray, work_sr: float, fmin_hz: float
) -> tuple[np.ndarray, np.ndarray]:
    """The ``_N_CANDIDATES`` best interior NCCF maxima per frame, parabolically refined.

    Returns frequencies (m, K) in Hz (1.0 where missing) and strengths (m, K): the refined
    NCCF value plus the octave bonus, ``_NEG`` where missing.
    """
    m = nccf.shape[0]
    grid = np.arange(2 * len(lags) - 1) * 0.5 + lags[0]  # half-sample lags of ``nccf``
    mid = nccf[:, 1:-1]
    is_peak = (mid > nccf[:, :-2]) & (mid >= nccf[:, 2:]) & (mid > 0.0)
    bonus = (_OCTAVE_COST * np.log2(work_sr / fmin_hz / grid[1:-1])).astype(np.float32)
    rank = np.where(is_peak, mid + bonus, np.float32(_NEG))
    k = min(_N_CANDIDATES, rank.shape[1])
    idx = np.argpartition(rank, rank.shape[1] - k, axis=1)[:, -k:]
    rows = np.arange(m)[:, None]
    found = rank[rows, idx] > _NEG / 2
    left, centre, right = nccf[rows, idx], nccf[rows, idx + 1], nccf[rows, idx + 2]
    curvature = left - 2.0 * centre + right
    delta = np.clip(0.5 * (left - right) / np.where(curvature < 0.0, curvature, -1.0), -0.5, 0.5)
    value = np.minimum(centre - 0.25 * (left - right) * delta, 1.0)
    freq = work_sr / (grid[1:-1][idx] + 0.5 * delta)
    out_f = np.ones((m, _N_CANDIDATES))
    out_s = np.full((m, _N_CANDIDATES), _NEG)
    out_f[:, :k] = np.where(found, freq, 1.0)
    out_s[:, :k] = np.where(found, value + _OCTAVE_COST * np.log2(freq / fmin_hz), _NEG)
    return out_f, out_s


def _unvoiced_strength(rms: np.ndarray) -> np.ndarray:
    """Praat's unvoiced-candidate strength, with energy relative to the speech level."""
    level = float(np.percentile(rms, _SPEECH_LEVEL_PERCENTILE)) if len(rms) else 0.0
    if level <= 0.0:
        return np.full(len(rms), 10.0)  # digital silence: nothing is voiced
    rel = rms / level
    slope = (1.0 + _VOICING_THRESHOLD) / _SILENCE_THRESHOLD
    return _VOICING_THRESHOLD + np.maximum(0.0, 2.0 - rel * slope)


def _viterbi(
    freqs: np.ndarray, strengths: np.ndarray, unvoiced: np.ndarray, hop_s: float
) -> np.ndarray:
    """Best candidate per frame; index K (== freqs.shape[1]) means unvoiced."""
    n, k = freqs.shape
    scale = _REF_HOP_S / hop_s
    score = np.concatenate([strengths, unvoiced[:, None]], axis=1)
    log_f = np.log2(freqs)
    back = np.zeros((n, k + 1), dtype=np.int64)
    delta = score[0].copy()
    for b in range(1, n, _BLOCK_FRAMES):
        e = min(n, b + _BLOCK_FRAMES)
        trans = np.empty((e - b, k + 1, k + 1))
        trans[:, :k, :k] = _OCTAVE_JUMP_COST * np.abs(
            log_f[b - 1 : e - 1, :, None] - log_f[b:e, None, :]
        )
        trans[:, :k, k] = _VOICED_UNVOICED_COST
        trans[:, k, :k] = _VOICED_UNVOICED_COST
        trans[:, k, k] = 0.0
        trans *= scale
        for t in range(b, e):
            cand = delta[:, None] - trans[t - b]
            back[t] = cand.argmax(axis=0)
            delta = cand.max(axis=0) + score[t]
    path = np.empty(n, dtype=np.int64)
    path[-1] = int(delta.argmax())
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path
