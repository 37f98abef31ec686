"""The tracker's front end: clean, low-pass and decimate to about 8 kHz, and measure how much
energy the decimation removed, streaming over the recording in chunks so that memory stays
bounded on hour-long recordings."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["FrontEnd", "front_end", "work_rate"]

WORK_SR_HZ = 8000  # analysis rate after decimation
_CHUNK_S = 30.0  # seconds of input processed at a time
_BLOCK_SPAN = 4  # energy blocks per analysis frame


@dataclass(frozen=True, eq=False)
class FrontEnd:
    """The decimated signal and per-block energies.

    Attributes
    ----------
    xd : np.ndarray, shape (ceil(n / factor),), float32
        The signal without DC, low-passed at 0.4 x ``work_sr`` and decimated.
    work_sr : float
        Its sample rate in Hz.
    block : int
        Samples of ``xd`` per energy block.
    share : np.ndarray, shape (n_blocks,)
        Per block (smoothed over ``_BLOCK_SPAN`` blocks), the share 0..1 of the full-band
        energy that survived decimation.
    """

    xd: np.ndarray
    work_sr: float
    block: int
    share: np.ndarray

    def share_at(self, centres: np.ndarray) -> np.ndarray:
        """The surviving-energy share for frames centred at ``xd`` samples ``centres``."""
        return self.share[np.clip(centres // self.block, 0, len(self.share) - 1)]


def work_rate(sr: int) -> tuple[int, float]:
    """Integer decimation factor for ``sr`` Hz input, and the resulting analysis rate."""
    factor = max(1, int(sr // WORK_SR_HZ))
    return factor, sr / factor


def front_end(x: np.ndarray, sr: int, frame_span: int) -> FrontEnd:
    """Run the front end over ``x`` (any float dtype; NaN and inf are read as silence).

    ``frame_span`` is the analysis frame length in decimated samples; energy blocks are a
    quarter of it.
    """
    factor, work_sr = work_rate(sr)
    block = max(1, frame_span // _BLOCK_SPAN)
    taps = _lowpass_taps(8 * factor + 1, 0.4 * work_sr, sr) if factor > 1 else None
    mean = _mean(x)
    n_out = -(-len(x) // factor)
    n_blocks = n_out // block + 1
    xd = np.zeros(n_out, np.float32)
    e_full = np.zeros(n_blocks)
    step = block * factor * max(1, int(_CHUNK_S * sr) // (block * factor))
    for a in range(0, len(x), step):
        b = min(len(x), a + step)
        core = _clean(x[a:b], mean)
        first = a // (block * factor)
        e_full[first : first + _n_blocks(len(core), block * factor)] = _block_energy(
            core, block * factor
        )
        if taps is None:
            xd[a:b] = core
        else:
            xd[a // factor : -(-b // factor)] = _decimate_piece(x, a, b, mean, factor, taps)
    e_dec = _block_energy(xd, block) * factor
    e_dec = np.convolve(np.pad(e_dec, (0, n_blocks - len(e_dec))), np.ones(_BLOCK_SPAN), "same")
    e_full = np.convolve(e_full, np.ones(_BLOCK_SPAN), "same")
    tiny = 1e-12 * block * factor * _BLOCK_SPAN
    share = np.clip((e_dec + tiny) / (e_full + tiny), 0.0, 1.0)
    if factor == 1:
        share = np.ones(n_blocks)
    return FrontEnd(xd, work_sr, block, share)


def _mean(x: np.ndarray) -> float:
    """Mean of the finite samples, computed chunk by chunk."""
    total, count, step = 0.0, 0, 1 << 20
    for a in range(0, len(x), step):
        chunk = np.asarray(x[a : a + step], dtype=np.float64)
        finite = np.isfinite(chunk)
        total += float(chunk[finite].sum())
        count += int(finite.sum())
    return total / count if count else 0.0


def _clean(chunk: np.ndarray, mean: float) -> np.ndarray:
    """float32 copy with the DC offset removed and non-finite samples set to silence."""
    out = np.array(chunk, dtype=np.float32)
    bad = ~np.isfinite(out)
    out -= np.float32(mean)
    out[bad] = 0.0
    return out


def _n_blocks(n: int, block: int) -> int:
    return -(-n // block)


def _block_energy(x: np.ndarray, block: int) -> np.ndarray:
    """Sum of squares in consecutive blocks of ``block`` samples (the last one zero-padded)."""
    full = len(x) // block
    body = x[: full * block].reshape(full, block)
    energy = np.einsum("ij,ij->i", body, body, dtype=np.float64)
    if len(x) > full * block:
        tail = x[full * block :].astype(np.float64)
        energy = np.append(energy, float(tail @ tail))
    return energy


def _decimate_piece(
    x: np.ndarray, a: int, b: int, mean: float, factor: int, taps: np.ndarray
) -> np.ndarray:
    """Decimated samples for input ``x[a:b]`` (``a`` a multiple of ``factor``), using
    neighbouring input so chunk edges are seamless.

    Polyphase: each of the ``factor`` sub-filters runs at the output rate; output sample
    ``m`` is aligned with input sample ``m * factor``.
    """
    half = (len(taps) - 1) // 2
    pad = factor * (-(-len(taps) // factor) + 1)
    lo, hi = max(0, a - pad), min(len(x), b + pad)
    piece = np.zeros((b - a) + 2 * pad + 2 * factor, np.float32)
    piece[lo - (a - pad) : hi - (a - pad)] = _clean(x[lo:hi], mean)
    n_out = -(-(b - a) // factor)
    y = np.zeros(n_out, np.float32)
    for r in range(factor):
        h_r = taps[r::factor]
        q = len(h_r) - 1
        seq = piece[pad + half - r - q * factor :: factor][: n_out + q]
        y += np.convolve(seq, h_r)[q : q + n_out]
    return y


def _lowpass_taps(n_taps: int, cutoff_hz: float, sr: float) -> np.ndarray:
    """Hamming-windowed sinc low-pass with unit gain at 0 Hz."""
    n = np.arange(n_taps) - (n_taps - 1) / 2
    window = 0.54 - 0.46 * np.cos(2 * np.pi * np.arange(n_taps) / (n_taps - 1))
    taps = np.sinc(2.0 * cutoff_hz / sr * n) * window
    return (taps / taps.sum()).astype(np.float32)
