"""Fundamental-frequency (F0) tracking: normalized correlation candidates and a Viterbi path.

The method follows Praat's autocorrelation tracker (Boersma 1993) and RAPT (Talkin 1995):

1. The signal is low-passed and decimated to about 8 kHz (the harmonics below 3.2 kHz carry
   all the pitch information the tracker needs), streaming in chunks
   (:mod:`voicecoach.measures.pitch.frontend`).
2. For every frame at once, one batched FFT gives the correlation between a window of
   ``1.5 / fmin_hz`` seconds and its copy at every lag of ``fmin_hz..fmax_hz``, at half-sample
   steps (band-limited interpolation), normalized as McLeod's square difference function,
   ``2 r(lag) / (e(0) + e(lag))``. It is 1 for a perfectly periodic signal, whatever its level
   or spectral shape, so a missing fundamental (telephone band) still peaks at the true
   period, and it drops where the energy changes, so onsets are not called voiced early.
3. The few strongest peaks per frame, refined by parabolic interpolation, are the voiced
   candidates. Their strength gets a small bonus per octave up (against period doubling), a
   penalty when the signal does not repeat at twice the lag (formant ringing), and is scaled
   by the share of the frame's energy below the analysis band (frication is aperiodic).
   An unvoiced candidate gets a strength from a voicing threshold and the frame's energy
   relative to the recording's own speech level.
4. A Viterbi search (:mod:`voicecoach.measures.pitch.path`) picks one candidate per frame,
   charging for octave jumps and for voicing changes, which removes isolated octave errors
   and voicing flicker.

Everything is vectorized over blocks of frames except the Viterbi recursion, which touches
a (candidates x candidates) matrix per frame; frames too quiet to be voiced are skipped by
both. Memory stays bounded on long recordings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from voicecoach.measures.pitch.frontend import front_end, work_rate
from voicecoach.measures.pitch.path import NO_CANDIDATE, best_path

__all__ = ["F0Track", "track_f0"]

_WINDOW_PERIODS = 1.5  # correlation window, in periods of fmin_hz
_N_CANDIDATES = 4  # voiced candidates kept per frame
_OCTAVE_COST = 0.01  # bonus per octave above fmin_hz: favours the true period over multiples
_MULTIPLE_SLACK = 0.15  # a period may correlate this much worse at its double lag unpenalized
_OCTAVE_JUMP_COST = 0.35  # per octave of F0 change between consecutive 10 ms frames
_VOICED_UNVOICED_COST = 0.14  # per voicing change (at 10 ms hop)
_VOICING_THRESHOLD = 0.45  # NCCF strength below which a frame tends to unvoiced
_SILENCE_THRESHOLD = 0.03  # frame RMS relative to speech level below which frames are silent
_SPEECH_LEVEL_PERCENTILE = 95.0  # frame-RMS percentile taken as the recording's speech level
_BLOCK_FRAMES = 2048  # frames per FFT block (bounds memory on long recordings)
_REF_HOP_S = 0.01  # hop at which the transition costs above are calibrated
_NEG = NO_CANDIDATE  # strength of a missing candidate


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
        unvoiced frames, the best correlation found, 0.0 where too quiet to analyse).
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
        If the signal is not 1-D, a parameter is out of range, or ``fmax_hz >= sr / 4``.
    """
    x = _check_inputs(samples, sr, fmin_hz, fmax_hz, hop_s)
    n_frames = int(math.floor(len(x) / sr / hop_s)) + 1 if len(x) else 0
    times_s = np.arange(n_frames) * hop_s
    if n_frames == 0:
        empty = np.zeros(0)
        return F0Track(times_s, empty, empty)
    work_sr = work_rate(sr)[1]
    lags = _lag_range(work_sr, fmin_hz, fmax_hz)
    window = int(round(_WINDOW_PERIODS * work_sr / fmin_hz))
    span = _span(window, lags)
    front = front_end(x, sr, span)
    centres = np.round(np.arange(n_frames) * hop_s * work_sr).astype(np.int64)
    unvoiced = _unvoiced_strength(_frame_rms(front.xd, centres, span))
    scale = _REF_HOP_S / hop_s  # the costs are calibrated per 10 ms step
    # Frames so quiet that no candidate could beat "unvoiced" are not analysed at all.
    best_possible = 1.0 + _OCTAVE_COST * math.log2(fmax_hz / fmin_hz)
    active = unvoiced - 2.0 * _VOICED_UNVOICED_COST * scale <= best_possible
    freqs, strengths, values, best_r = _candidates(
        front.xd, work_sr, centres, active, lags, window, (fmin_hz, fmax_hz)
    )
    # Energy the decimation removed (frication above ~3 kHz) is aperiodic: scale down.
    share = front.share_at(centres)
    loss = values * (1.0 - share[:, None])
    strengths -= loss
    values -= loss
    path = best_path(
        freqs,
        strengths,
        unvoiced,
        octave_jump_cost=_OCTAVE_JUMP_COST * scale,
        voiced_unvoiced_cost=_VOICED_UNVOICED_COST * scale,
    )
    return _assemble(times_s, path, freqs, values, best_r * share)


def _assemble(
    times_s: np.ndarray,
    path: np.ndarray,
    freqs: np.ndarray,
    values: np.ndarray,
    unvoiced_periodicity: np.ndarray,
) -> F0Track:
    """The track from the chosen path (index K = unvoiced)."""
    rows = np.arange(len(path))
    is_voiced = path < freqs.shape[1]
    chosen = np.minimum(path, freqs.shape[1] - 1)
    f0_hz = np.where(is_voiced, freqs[rows, chosen], np.nan)
    periodicity = np.where(is_voiced, values[rows, chosen], unvoiced_periodicity)
    return F0Track(times_s, f0_hz.astype(np.float64), np.clip(periodicity, 0.0, 1.0))


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
    return x


def _lag_range(work_sr: float, fmin_hz: float, fmax_hz: float) -> np.ndarray:
    """Integer lags (samples) covering fmax..fmin, one extra on each side for peak picking."""
    lo = max(2, int(math.floor(work_sr / fmax_hz)) - 1)
    hi = int(math.ceil(work_sr / fmin_hz)) + 1
    return np.arange(lo, hi + 1)


def _span(window: int, lags: np.ndarray) -> int:
    """Samples per analysis frame: the window plus the longest lag, rounded up to an FFT size
    (so the frames need no zero-padding copy)."""
    return fast_fft_len(window + int(lags[-1]))


def fast_fft_len(n: int) -> int:
    """The smallest length >= ``n`` whose only prime factors are 2, 3 and 5 (fast FFTs).

    numpy's FFT is used rather than scipy's: importing scipy costs about half a second
    per process, more than tracking the pitch of a minute of speech.
    """
    best = 1 << max(0, (n - 1).bit_length())
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            m = p35
            while m < n:
                m *= 2
            best = min(best, m)
            p35 *= 3
        p5 *= 5
    return best


def _frame_rms(x: np.ndarray, centres: np.ndarray, span: int) -> np.ndarray:
    """RMS of ``span`` samples around each centre (zeros beyond the ends), block by block."""
    xp, starts = _padded(x, centres, span)
    windows = np.lib.stride_tricks.sliding_window_view(xp, span)
    rms = np.empty(len(centres))
    for b in range(0, len(centres), _BLOCK_FRAMES):
        frames = windows[starts[b : b + _BLOCK_FRAMES]]
        rms[b : b + _BLOCK_FRAMES] = np.einsum("ij,ij->i", frames, frames, dtype=np.float64)
    return np.sqrt(rms / span)


def _padded(x: np.ndarray, centres: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
    """``x`` with zeros around it, and where each frame of ``span`` samples starts in it."""
    pad = span // 2 + 1
    xp = np.concatenate([np.zeros(pad, np.float32), x, np.zeros(span + pad, np.float32)])
    return xp, centres + pad - span // 2


def _candidates(
    x: np.ndarray,
    work_sr: float,
    centres: np.ndarray,
    active: np.ndarray,
    lags: np.ndarray,
    window: int,
    f_range_hz: tuple[float, float],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Voiced candidates for the ``active`` frames centred at sample ``centres``.

    Returns frequencies (m, K) in Hz (1.0 where missing), their strengths (m, K) (``_NEG``
    where missing), their correlation values (m, K) and the best correlation value per frame
    (m,); inactive frames have no candidates and 0.0.
    """
    n_frames = len(centres)
    span = _span(window, lags)
    xp, starts = _padded(x, centres[active], span)
    floor = float(np.mean(np.square(x))) * 1e-6 * window if len(x) else 0.0  # -60 dB re RMS
    out_f = np.ones((n_frames, _N_CANDIDATES))
    out_s = np.full((n_frames, _N_CANDIDATES), _NEG)
    out_v = np.zeros((n_frames, _N_CANDIDATES))
    best_r = np.zeros(n_frames)
    rows = np.flatnonzero(active)
    windows = np.lib.stride_tricks.sliding_window_view(xp, span)
    for b in range(0, len(rows), _BLOCK_FRAMES):
        sl, at = slice(b, b + _BLOCK_FRAMES), rows[b : b + _BLOCK_FRAMES]
        nccf = _nccf(windows[starts[sl]], window, lags, floor)
        best_r[at] = nccf[:, 2:-2].max(axis=1)
        out_f[at], out_s[at], out_v[at] = _peaks(nccf, lags, work_sr, f_range_hz)
    return out_f, out_s, out_v, best_r


def _nccf(frames: np.ndarray, window: int, lags: np.ndarray, floor: float) -> np.ndarray:
    """Normalized correlation ``2 r(lag) / (e(0) + e(lag))`` at half-sample lags.

    ``lags`` must be consecutive integers; the result has shape (m, 2 * len(lags) - 1) for
    lags ``lags[0], lags[0] + 0.5, ..., lags[-1]``. The half-sample values come from
    band-limited interpolation of the correlation (a zero-padded inverse FFT), so the
    sharp peaks of wide-band speech are not under-sampled; the energies are interpolated
    linearly; ``floor`` (an energy) keeps near-silent frames from looking periodic.
    """
    span = frames.shape[1]
    lo, hi = int(lags[0]), int(lags[-1])
    n_fft = fast_fft_len(span)
    spec = np.fft.rfft(frames[:, :window], n_fft, axis=1)
    np.conjugate(spec, out=spec)
    spec *= np.fft.rfft(frames, n_fft, axis=1)
    corr = np.fft.irfft(spec, 2 * n_fft, axis=1)[:, 2 * lo : 2 * hi + 1]
    corr *= np.float32(2.0)
    used = hi + window  # samples the energies need
    energy = np.zeros((frames.shape[0], used + 1), dtype=np.float32)
    np.cumsum(np.square(frames[:, :used]), axis=1, out=energy[:, 1:])
    floor = np.float32(floor + 1e-12 * window)
    e_int = energy[:, lo + window : hi + window + 1] - energy[:, lo : hi + 1]
    e_lag = np.empty_like(corr)
    e_lag[:, 0::2] = e_int
    e_lag[:, 1::2] = 0.5 * (e_int[:, :-1] + e_int[:, 1:])
    np.maximum(e_lag, 0.0, out=e_lag)
    e_lag += energy[:, window : window + 1] + 2 * floor
    corr *= np.float32(2.0) / e_lag
    return corr


def _peaks(
    nccf: np.ndarray, lags: np.ndarray, work_sr: float, f_range_hz: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``_N_CANDIDATES`` best interior NCCF maxima per frame, parabolically refined.

    Returns frequencies (m, K) in Hz (1.0 where missing), strengths (m, K): the refined
    NCCF value plus the octave bonus minus the multiple penalty, ``_NEG`` where missing,
    and the refined NCCF values (m, K).
    """
    m = nccf.shape[0]
    fmin_hz, fmax_hz = f_range_hz
    grid = np.arange(2 * len(lags) - 1) * 0.5 + lags[0]  # half-sample lags of ``nccf``
    mid = nccf[:, 1:-1]
    is_peak = (mid > nccf[:, :-2]) & (mid >= nccf[:, 2:]) & (mid > 0.0)
    bonus = (_OCTAVE_COST * np.log2(work_sr / fmin_hz / grid[1:-1])).astype(np.float32)
    rank = np.where(is_peak, mid + bonus, np.float32(_NEG))
    k = min(_N_CANDIDATES, rank.shape[1])
    idx = _top_k(rank, k)
    rows = np.arange(m)[:, None]
    left, centre, right = nccf[rows, idx], nccf[rows, idx + 1], nccf[rows, idx + 2]
    curvature = left - 2.0 * centre + right
    delta = np.clip(0.5 * (left - right) / np.where(curvature < 0.0, curvature, -1.0), -0.5, 0.5)
    value = np.minimum(centre - 0.25 * (left - right) * delta, 1.0)
    lag = grid[1:-1][idx] + 0.5 * delta
    freq = work_sr / lag
    found = (rank[rows, idx] > _NEG / 2) & (freq >= fmin_hz) & (freq <= fmax_hz)
    strength = value + _OCTAVE_COST * np.log2(freq / fmin_hz) - _multiple_penalty(nccf, lag, grid)
    out_f = np.ones((m, _N_CANDIDATES))
    out_s = np.full((m, _N_CANDIDATES), _NEG)
    out_v = np.zeros((m, _N_CANDIDATES))
    out_f[:, :k] = np.where(found, freq, 1.0)
    out_s[:, :k] = np.where(found, strength, _NEG)
    out_v[:, :k] = np.where(found, value, 0.0)
    return out_f, out_s, out_v


def _top_k(rank: np.ndarray, k: int) -> np.ndarray:
    """Column indices (m, k) of the k largest values per row (repeated argmax: k is small)."""
    rank = rank.copy()
    rows = np.arange(rank.shape[0])
    idx = np.empty((rank.shape[0], k), dtype=np.int64)
    for i in range(k):
        idx[:, i] = rank.argmax(axis=1)
        rank[rows, idx[:, i]] = -np.inf
    return idx


def _multiple_penalty(nccf: np.ndarray, lag: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Penalty for candidates whose double lag correlates much worse than the lag itself.

    A true period repeats: the correlation at twice the period is nearly as high. A peak
    from formant ringing inside each glottal cycle (typical of low voices on telephone
    lines, where F1 dominates) does not. Candidates whose double lag is out of range get
    no penalty.
    """
    rows = np.arange(nccf.shape[0])[:, None]
    j = np.rint((2.0 * lag - grid[0]) / 0.5).astype(np.int64)
    inside = j < nccf.shape[1] - 1
    j = np.clip(j, 1, nccf.shape[1] - 2)
    r2 = np.maximum(np.maximum(nccf[rows, j - 1], nccf[rows, j]), nccf[rows, j + 1])
    centre = nccf[rows, np.clip(np.rint((lag - grid[0]) / 0.5).astype(np.int64), 0, None)]
    return np.where(inside, np.maximum(0.0, centre - r2 - _MULTIPLE_SLACK), 0.0)


def _unvoiced_strength(rms: np.ndarray) -> np.ndarray:
    """Praat's unvoiced-candidate strength, with energy relative to the speech level."""
    level = float(np.percentile(rms, _SPEECH_LEVEL_PERCENTILE)) if len(rms) else 0.0
    if level <= 0.0:
        return np.full(len(rms), 10.0)  # digital silence: nothing is voiced
    rel = rms / level
    slope = (1.0 + _VOICING_THRESHOLD) / _SILENCE_THRESHOLD
    return _VOICING_THRESHOLD + np.maximum(0.0, 2.0 - rel * slope)
