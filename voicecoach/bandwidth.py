"""Telephone bandwidth: does the sound stop at about 4 kHz, whatever the sample rate?"""

from __future__ import annotations

import numpy as np

__all__ = ["narrowband"]


def narrowband(samples: np.ndarray, sr: int, *, frame: int = 512, max_frames: int = 2000) -> bool:
    """True when speech-like sound stops at telephone bandwidth (about 3.4-4 kHz).

    Over the loudest frames (up to ``max_frames`` of ``frame`` samples), the power
    from 4.2 to 7.5 kHz must be more than 35 dB below the power from 0.3 to 3.4 kHz,
    while 2.5-3.4 kHz still holds sound (within 30 dB of it), so a pure tone or a hum
    does not count. Measured on synthetic speech: wideband -14 to -23 dB, the same
    through an 8 kHz channel -40 to -50 dB.
    """
    n = len(samples) // frame
    if sr < 16_000 or n < 50:
        return False
    frames = samples[: n * frame].reshape(n, frame)
    energy = np.einsum("ij,ij->i", frames, frames, dtype=np.float64)
    loud = np.argsort(energy)[-max_frames:]
    loud = loud[energy[loud] > frame * 1e-6]  # above -60 dBFS
    if len(loud) < 50:
        return False
    window = np.hanning(frame).astype(np.float32)
    spectrum = sum(np.sum(np.abs(np.fft.rfft(frames[part] * window, axis=1)) ** 2, axis=0)
                   for part in np.array_split(loud, max(1, len(loud) // 200)))
    freqs_hz = np.fft.rfftfreq(frame, 1.0 / sr)

    def band(lo_hz: float, hi_hz: float) -> float:
        return float(spectrum[(freqs_hz >= lo_hz) & (freqs_hz <= hi_hz)].sum()) + 1e-30

    speech = band(300.0, 3400.0)
    return band(4200.0, 7500.0) < speech * 10 ** (-35 / 10) and \
        band(2500.0, 3400.0) > speech * 10 ** (-30 / 10)
