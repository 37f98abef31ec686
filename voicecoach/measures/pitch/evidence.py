"""Which voiced frames are the speaker's voice, and how much of it there is to judge.

A tracker reports periodicity, not a voice: a hum, a fan's whine, music or a distant talker
is periodic too, and creak (vocal fry) at the end of a phrase gives irregular, very low
readings. :func:`confident_voicing` keeps the voiced frames that pass every check:

1. **Speech.** The frame lies inside a transcribed word (with a small collar) and, when the
   speech activity is given, inside one of its speech intervals.
2. **Not the background.** Periodicity that persists in the pauses (frames outside both the
   words and the speech activity, away from their edges) at the same F0 is the background:
   voiced speech frames within ``BACKGROUND_TOL_ST`` of an F0 that fills at least
   ``BACKGROUND_MIN_SHARE`` of the pause time are rejected.
3. **The speaker's range** (see :func:`speaker_range_hz`, set on what is left).
4. **Not creak.** In the last ``CREAK_TAIL_S`` of voicing before a break, a frame more than
   ``CREAK_BELOW_ST`` below the speaker's median that is also irregular (weakly periodic or
   jumping) or quiet is creak, and left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.measures.intervals import Interval, covered
from voicecoach.measures.pitch.track import F0Track

__all__ = [
    "Voicing",
    "confident_voicing",
    "speaker_range_hz",
    "MIN_CONFIDENT_VOICED_S",
    "WORD_COLLAR_S",
]

MIN_CONFIDENT_VOICED_S = 1.5  # seconds of confident voicing every pitch finding needs
WORD_COLLAR_S = 0.05  # frames this close to a transcribed word count as speech
ACTIVITY_COLLAR_S = 0.05  # ... and this close to a speech interval
PAUSE_GUARD_S = 0.15  # pause frames this close to speech tell nothing about the background
MIN_PAUSE_S = 0.5  # pause time needed before background periodicity is looked for
BACKGROUND_MIN_SHARE = 0.05  # an F0 filling this share of the pause time is background...
BACKGROUND_MIN_S = 0.15  # ...when it fills at least this long
BACKGROUND_TOL_ST = 0.7  # speech frames this close to a background F0 are rejected
CREAK_TAIL_S = 0.35  # creak is looked for in this much of the voicing before a break
CREAK_BREAK_S = 0.15  # an unvoiced stretch this long ends a phrase's voicing
CREAK_BELOW_ST = 4.0  # creak lies at least this far below the speaker's median...
CREAK_PERIODICITY = 0.9  # ...and is weakly periodic,
CREAK_JUMP_ST = 1.0  # ...or jumps this much from the frame before,
CREAK_QUIET_DB = 6.0  # ...or is this much quieter than the voiced speech's median level
RANGE_FLOOR_FACTOR = 0.75  # speaker range: floor = 0.75 x first quartile of F0...
RANGE_CEILING_FACTOR = 2.5  # ...ceiling = 2.5 x third quartile
RANGE_LIMITS_HZ = (60.0, 500.0)  # never outside the tracker's default search range
MIN_RANGE_FRAMES = 50  # voiced frames (0.5 s) needed before a speaker range is set


@dataclass(frozen=True, eq=False)
class Voicing:
    """The outcome of the checks, frame by frame (arrays of the track's shape).

    Attributes
    ----------
    speech : np.ndarray of bool
        Frames of speech (words, and speech activity when given).
    voiced_speech : np.ndarray of bool
        Speech frames the tracker called voiced.
    clean : np.ndarray of bool
        Voiced frames anywhere (inside the speech activity when given) not rejected as
        background, outside the speaker's range or creak: what contours are fitted on.
    confident : np.ndarray of bool
        The clean frames that are speech: voiced speech frames that passed every check.
    background_hz : tuple of float
        F0s found persisting in the pauses (the background's), in Hz.
    background_s, creak_s : float
        Seconds of voiced speech rejected as background and as creak.
    """

    speech: np.ndarray
    voiced_speech: np.ndarray
    clean: np.ndarray
    confident: np.ndarray
    background_hz: tuple[float, ...]
    background_s: float
    creak_s: float


def confident_voicing(
    track: F0Track,
    word_spans_s: list[tuple[float, float]],
    activity: tuple[Interval, ...] | None = None,
    level_db: np.ndarray | None = None,
) -> Voicing:
    """Run the checks of this module on ``track``.

    Parameters
    ----------
    track : F0Track
    word_spans_s : list of (start_s, end_s)
        Transcribed words; without any, every frame is a candidate for speech.
    activity : tuple of Interval, optional
        Speech intervals (seconds) of the recording; ignored when None or empty.
    level_db : np.ndarray, optional
        Frame levels in dB at the track's frame times (for the creak check's "quiet").
    """
    t_s, hop_s = track.times_s, track.hop_s
    spans_s = [(iv.start_s, iv.end_s) for iv in activity or ()]
    active = covered(t_s, spans_s, collar_s=ACTIVITY_COLLAR_S, empty=True)
    speech = covered(t_s, word_spans_s, collar_s=WORD_COLLAR_S, empty=True) & active
    pause = ~(covered(t_s, word_spans_s, collar_s=PAUSE_GUARD_S, empty=True)
              | covered(t_s, spans_s, collar_s=PAUSE_GUARD_S))
    voiced_speech = track.voiced & speech
    f0_hz = np.where(track.voiced, track.f0_hz, 1.0)
    background = _background_f0(f0_hz[pause & track.voiced], int(pause.sum()), hop_s)
    clean = track.voiced & active & ~_near_any(f0_hz, background, BACKGROUND_TOL_ST)
    near_bg_s = float((voiced_speech & ~clean).sum()) * hop_s
    lo_hz, hi_hz = speaker_range_hz(f0_hz[clean & speech])
    if lo_hz > 0.0:
        clean &= (f0_hz >= lo_hz) & (f0_hz <= hi_hz)
    ok = clean & speech
    creak = _creak(track, ok, level_db) if ok.sum() >= MIN_RANGE_FRAMES else np.zeros_like(ok)
    clean &= ~creak
    return Voicing(speech, voiced_speech, clean, clean & speech, background, near_bg_s,
                   float(creak.sum()) * hop_s)


def speaker_range_hz(f0_hz: np.ndarray) -> tuple[float, float]:
    """The plausible F0 range of one speaker, in Hz, from the voiced frames of a track.

    After the two-pass range setting of De Looze & Hirst (2008): floor ``0.75 x`` the first
    quartile, ceiling ``2.5 x`` the third quartile (a wide ceiling, so question rises of an
    octave stay inside), clipped to the tracker's default 60-500 Hz. Frames outside it are
    tracking errors (formant ringing, vocoder or line artefacts), not the voice.
    Returns (0.0, 0.0) when fewer than ``MIN_RANGE_FRAMES`` voiced frames are given.
    """
    f0_hz = np.asarray(f0_hz)
    if len(f0_hz) < MIN_RANGE_FRAMES:
        return 0.0, 0.0
    q25, q75 = np.percentile(f0_hz, [25, 75])
    lo_hz = max(RANGE_LIMITS_HZ[0], RANGE_FLOOR_FACTOR * float(q25))
    hi_hz = min(RANGE_LIMITS_HZ[1], RANGE_CEILING_FACTOR * float(q75))
    return (lo_hz, hi_hz) if hi_hz > 1.5 * lo_hz else (0.0, 0.0)


def _background_f0(pause_f0_hz: np.ndarray, n_pause: int, hop_s: float) -> tuple[float, ...]:
    """F0s (Hz) that fill at least ``BACKGROUND_MIN_SHARE`` of the pause frames.

    Pause F0s are counted in bins of 0.1 st; a bin is background when the frames within
    ``BACKGROUND_TOL_ST / 2`` of it are enough. Returns the centres of the background bins.
    """
    if n_pause * hop_s < MIN_PAUSE_S or len(pause_f0_hz) == 0:
        return ()
    need = max(BACKGROUND_MIN_S / hop_s, BACKGROUND_MIN_SHARE * n_pause)
    st = 12.0 * np.log2(pause_f0_hz / 55.0)
    bins = np.round(st * 10.0).astype(np.int64)
    half = int(round(BACKGROUND_TOL_ST * 5.0))
    lo = int(bins.min()) - half
    counts = np.bincount(bins - lo, minlength=int(bins.max()) - lo + half + 1)
    window = np.convolve(counts, np.ones(2 * half + 1), mode="same")
    hits = np.flatnonzero((window >= need) & (counts > 0))
    return tuple(float(55.0 * 2.0 ** ((b + lo) / 120.0)) for b in hits)


def _near_any(f0_hz: np.ndarray, targets_hz: tuple[float, ...], tol_st: float) -> np.ndarray:
    """True where ``f0_hz`` lies within ``tol_st`` semitones of any target."""
    if not targets_hz:
        return np.zeros(len(f0_hz), dtype=bool)
    st = 12.0 * np.log2(f0_hz)
    ref = np.sort(12.0 * np.log2(np.asarray(targets_hz)))
    i = np.clip(np.searchsorted(ref, st), 1, len(ref) - 1) if len(ref) > 1 else np.zeros(
        len(st), dtype=np.int64)
    dist = np.abs(st - ref[i])
    if len(ref) > 1:
        dist = np.minimum(dist, np.abs(st - ref[i - 1]))
    return dist <= tol_st


def _creak(track: F0Track, ok: np.ndarray, level_db: np.ndarray | None) -> np.ndarray:
    """Frames of creak: see the module notes (step 4)."""
    f0_hz = track.f0_hz
    idx = np.flatnonzero(ok)
    st = 12.0 * np.log2(f0_hz[idx] / np.median(f0_hz[idx]))
    t_s = track.times_s[idx]
    jump = np.abs(np.diff(st, prepend=st[0]))
    jump[1:][np.diff(t_s) > 1.5 * track.hop_s] = 0.0  # no jump across an unvoiced frame
    irregular = (track.periodicity[idx] < CREAK_PERIODICITY) | (jump >= CREAK_JUMP_ST)
    if level_db is not None and len(level_db) >= len(f0_hz):
        lvl = level_db[idx]
        irregular |= lvl <= np.median(lvl) - CREAK_QUIET_DB
    # voiced tails: the frames within CREAK_TAIL_S before a break of CREAK_BREAK_S or more
    last = np.append(np.diff(t_s) >= CREAK_BREAK_S, True)
    run_end_s = t_s[last][np.concatenate([[0], np.cumsum(last[:-1])])]
    creak_sel = (t_s >= run_end_s - CREAK_TAIL_S) & (st <= -CREAK_BELOW_ST) & irregular
    out = np.zeros(len(f0_hz), dtype=bool)
    out[idx[creak_sel]] = True
    return out
