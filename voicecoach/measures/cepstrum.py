"""Mel-frequency cepstral coefficients (MFCCs) at chosen instants, in plain numpy.

The same numbers as ``librosa.feature.mfcc`` with a Slaney mel filterbank, power in dB
without a top-dB clip and an orthonormal DCT-II, but computed only at the frames asked
for (a few hundred voiced frames of a take, not every frame of it) and without
librosa's first-call cost of about 1.5 s per process.
"""

from __future__ import annotations

import numpy as np
from scipy.fft import dct, rfft

__all__ = ["mel_filterbank", "mfcc_at", "FRAME_S", "N_MELS", "FMIN_HZ", "FMAX_HZ"]

FRAME_S = 0.032  # analysis frame, s (512 samples at 16 kHz, 256 at 8 kHz)
N_MELS = 40
FMIN_HZ = 60.0
FMAX_HZ = 4000.0  # below a phone line's top: wide-band and telephone takes read alike
_AMIN = 1e-10  # power floor before the logarithm
_BLOCK_FRAMES = 2048  # frames transformed at once


def _hz_to_mel(f_hz: np.ndarray) -> np.ndarray:
    """Slaney's mel scale: linear below 1 kHz, logarithmic above."""
    f_hz = np.asarray(f_hz, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3.0, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(f_hz >= min_log_hz,
                    min_log_mel + np.log(np.maximum(f_hz, min_log_hz) / min_log_hz) / logstep,
                    f_hz / f_sp)


def _mel_to_hz(mel: np.ndarray) -> np.ndarray:
    f_sp, min_log_hz = 200.0 / 3.0, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(mel >= min_log_mel, min_log_hz * np.exp(logstep * (mel - min_log_mel)),
                    f_sp * mel)


def mel_filterbank(sr: int, n_fft: int, *, n_mels: int = N_MELS, fmin_hz: float = FMIN_HZ,
                   fmax_hz: float = FMAX_HZ) -> np.ndarray:
    """Triangular Slaney-normalized mel filters, shape (n_mels, n_fft // 2 + 1).

    Parameters
    ----------
    sr : int > 0
        Sample rate, Hz.
    n_fft : int > 0
        FFT length, samples.
    n_mels : int > 0
    fmin_hz, fmax_hz : float, 0 <= fmin_hz < fmax_hz
        Band covered, Hz; ``fmax_hz`` is capped at ``sr / 2``.
    """
    fmax_hz = min(fmax_hz, sr / 2.0)
    fft_hz = np.linspace(0.0, sr / 2.0, n_fft // 2 + 1)
    edges_hz = _mel_to_hz(np.linspace(_hz_to_mel(fmin_hz), _hz_to_mel(fmax_hz), n_mels + 2))
    widths_hz = np.diff(edges_hz)
    ramps = edges_hz[:, None] - fft_hz[None, :]
    lower = -ramps[:-2] / widths_hz[:-1, None]
    upper = ramps[2:] / widths_hz[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    return weights * (2.0 / (edges_hz[2:] - edges_hz[:-2]))[:, None]


def mfcc_at(samples: np.ndarray, sr: int, centres_s: np.ndarray, *, n_mfcc: int = 13,
            frame_s: float = FRAME_S, n_mels: int = N_MELS, fmin_hz: float = FMIN_HZ,
            fmax_hz: float = FMAX_HZ) -> np.ndarray:
    """MFCCs of the Hann-windowed frames centred at ``centres_s``.

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono samples, full scale 1.0.
    sr : int > 0
        Sample rate, Hz.
    centres_s : np.ndarray, shape (m,)
        Frame centres, s; a frame running past either end is zero-padded.
    n_mfcc : int > 0
        Coefficients kept, c0 (the level) first.
    frame_s : float > 0
        Frame length, s (rounded to a power of two of samples).

    Returns
    -------
    np.ndarray, shape (m, n_mfcc)
        Orthonormal DCT-II of the mel power in dB.
    """
    x = np.asarray(samples, dtype=np.float64)
    n_fft = int(2 ** round(np.log2(max(frame_s * sr, 16.0))))
    starts = np.round(np.asarray(centres_s, dtype=np.float64) * sr).astype(np.int64) - n_fft // 2
    if starts.size == 0:
        return np.zeros((0, n_mfcc))
    window = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(n_fft) / n_fft)  # periodic Hann
    bank = mel_filterbank(sr, n_fft, n_mels=n_mels, fmin_hz=fmin_hz, fmax_hz=fmax_hz).T
    out = []
    for i in range(0, len(starts), _BLOCK_FRAMES):  # bounded memory on long recordings
        block = starts[i:i + _BLOCK_FRAMES]
        lo, hi = int(block.min()), int(block.max()) + n_fft
        piece = np.zeros(hi - lo)
        a, b = max(lo, 0), min(hi, len(x))
        if b > a:
            piece[a - lo:b - lo] = x[a:b]
        frames = piece[(block - lo)[:, None] + np.arange(n_fft)[None, :]]
        mel = (np.abs(rfft(frames * window, axis=1)) ** 2) @ bank
        out.append(dct(10.0 * np.log10(np.maximum(mel, _AMIN)), type=2, norm="ortho",
                       axis=1)[:, :n_mfcc])
    return np.concatenate(out)
