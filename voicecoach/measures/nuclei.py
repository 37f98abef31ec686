"""Syllable nuclei counted from the signal alone, in any language.

After de Jong & Wempe (2009), "Praat script to detect syllable nuclei and measure speech
rate automatically" (Behavior Research Methods 41(2), 385-390): a syllable nucleus is a
peak of the vowel-band intensity that stands clear of the background, is separated from
the next peak by a dip, and is voiced. Here the intensity is the energy between 300 and
2500 Hz (where the first two formants of vowels lie, so fricative noise makes few
peaks), smoothed over about 50 ms; a peak counts when it lies inside the speech
activity, no more than ``BELOW_TOP_DB`` under the loudest speech, and is voiced; two
peaks merge into one (the louder) unless the intensity between them dips by
``MIN_DIP_DB`` below the lower of the two.

No transcript is needed, so it serves every language and holds when the recognizer
wrote nothing or the wrong words. Its accuracy against known syllable counts is in
docs/accuracy.md (*Pace from the signal*).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.measures.intervals import Interval

__all__ = ["Nuclei", "syllable_nuclei", "vowel_band_db", "BAND_HZ", "MIN_DIP_DB",
           "BELOW_TOP_DB"]

BAND_HZ = (300.0, 2500.0)
"""Band of the intensity envelope, Hz."""
MIN_DIP_DB = 2.0
"""The least dip (dB) between two peaks that keeps them two nuclei (de Jong & Wempe: 2 dB)."""
BELOW_TOP_DB = 25.0
"""Peaks more than this far (dB) below the 99th percentile of the speech are not nuclei."""
HOP_S = 0.01
_WINDOW_S = 0.032
_SMOOTH_S = 0.05
_VOICED_NEAR_S = 0.03


@dataclass(frozen=True)
class Nuclei:
    """Syllable nuclei found in a recording.

    Attributes
    ----------
    times_s : np.ndarray, shape (k,)
        Time of each nucleus (the intensity peak), seconds, increasing.
    """

    times_s: np.ndarray

    @property
    def count(self) -> int:
        return int(len(self.times_s))

    def count_within(self, span: Interval) -> int:
        """Nuclei with ``span.start_s <= t <= span.end_s``."""
        t = self.times_s
        return int(np.count_nonzero((t >= span.start_s) & (t <= span.end_s)))


def vowel_band_db(samples: np.ndarray, sr: int, *, hop_s: float = HOP_S,
                  band_hz: tuple[float, float] = BAND_HZ) -> tuple[np.ndarray, np.ndarray]:
    """Smoothed energy in ``band_hz`` per frame, dB, and the frame centre times.

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono signal.
    sr : int > 0
        Sample rate, Hz.
    hop_s : float > 0
        Frame spacing, seconds.

    Returns
    -------
    level_db : np.ndarray, shape (m,)
    times_s : np.ndarray, shape (m,)
    """
    x = np.asarray(samples, dtype=np.float64)
    hop = max(1, int(round(hop_s * sr)))
    n_fft = 1 << int(np.ceil(np.log2(max(2, _WINDOW_S * sr))))
    if len(x) < n_fft:
        x = np.pad(x, (0, n_fft - len(x)))
    n_frames = 1 + (len(x) - n_fft) // hop
    frames = np.lib.stride_tricks.sliding_window_view(x, n_fft)[::hop][:n_frames]
    spec = np.abs(np.fft.rfft(frames * np.hanning(n_fft), axis=1)) ** 2
    freqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    band = (freqs >= band_hz[0]) & (freqs <= min(band_hz[1], sr / 2))
    energy = spec[:, band].sum(axis=1)
    k = max(1, int(round(_SMOOTH_S / hop_s)))
    if k > 1:
        kernel = np.hanning(k + 2)[1:-1]
        energy = np.convolve(energy, kernel / kernel.sum(), mode="same")
    level_db = 10.0 * np.log10(energy + 1e-12)
    times_s = (np.arange(n_frames) * hop + n_fft / 2) / sr
    return level_db, times_s


def syllable_nuclei(samples: np.ndarray, sr: int, *, speech: tuple[Interval, ...] | list[Interval],
                    voiced_times_s: np.ndarray | None = None, min_dip_db: float = MIN_DIP_DB,
                    below_top_db: float = BELOW_TOP_DB) -> Nuclei:
    """The syllable nuclei of a speech signal (rules in the module docstring).

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono signal.
    sr : int > 0
        Sample rate, Hz.
    speech : sequence of Interval
        Speech stretches (seconds), e.g. ``Activity.intervals``; peaks outside are ignored.
    voiced_times_s : np.ndarray, optional
        Times (s) of voiced frames; a nucleus needs one within 30 ms. None skips the check.
    min_dip_db : float >= 0
        The least dip between two peaks that keeps both, dB.
    below_top_db : float > 0
        Peaks this far below the loudest speech (99th percentile) are dropped, dB.
    """
    if not speech or len(samples) == 0:
        return Nuclei(np.zeros(0))
    level_db, times_s = vowel_band_db(samples, sr)
    inside = np.zeros(len(times_s), dtype=bool)
    for iv in speech:
        inside |= (times_s >= iv.start_s) & (times_s <= iv.end_s)
    if not inside.any():
        return Nuclei(np.zeros(0))
    floor_db = float(np.percentile(level_db[inside], 99)) - below_top_db
    lv = np.where(inside, level_db, -np.inf)
    peaks = [i for i in range(1, len(lv) - 1)
             if lv[i] > floor_db and lv[i] >= lv[i - 1] and lv[i] > lv[i + 1]]
    peaks = _merge_shallow(peaks, lv, min_dip_db)
    if voiced_times_s is not None:
        v = np.sort(np.asarray(voiced_times_s, dtype=np.float64))
        peaks = [i for i in peaks if _near(v, times_s[i], _VOICED_NEAR_S)]
    return Nuclei(times_s[peaks] if peaks else np.zeros(0))


def _merge_shallow(peaks: list[int], level_db: np.ndarray, min_dip_db: float) -> list[int]:
    """Merge neighbouring peaks whose dip between them is under ``min_dip_db`` (keep the
    louder), until every remaining pair is separated by a dip that deep (or by silence)."""
    kept = list(peaks)
    changed = True
    while changed and len(kept) > 1:
        changed = False
        out = [kept[0]]
        for i in kept[1:]:
            j = out[-1]
            dip = float(np.min(level_db[j:i + 1]))
            if min(level_db[j], level_db[i]) - dip < min_dip_db:
                out[-1] = j if level_db[j] >= level_db[i] else i
                changed = True
            else:
                out.append(i)
        kept = out
    return kept


def _near(sorted_times: np.ndarray, t: float, tol_s: float) -> bool:
    k = int(np.searchsorted(sorted_times, t))
    return any(0 <= m < len(sorted_times) and abs(sorted_times[m] - t) <= tol_s
               for m in (k - 1, k))
