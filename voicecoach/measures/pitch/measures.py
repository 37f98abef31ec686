"""Pitch measures of one speaker's recording: level, floor, range, variation, contours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from voicecoach.audio import Audio
from voicecoach.i18n import t
from voicecoach.measures.pitch.contour import (
    CONTOUR_THRESHOLD_ST,
    FINAL_STRETCH_S,
    SentenceContour,
    sentence_contours,
)
from voicecoach.measures.pitch.evidence import (
    MIN_CONFIDENT_VOICED_S,
    WORD_COLLAR_S,
    Voicing,
    confident_voicing,
    speaker_range_hz,
)
from voicecoach.measures.pitch.track import F0Track, track_f0
from voicecoach.transcript import Transcript

if TYPE_CHECKING:
    from voicecoach.measures.activity import Activity

__all__ = [
    "PitchMeasures",
    "measure_pitch",
    "semitones",
    "pitch_variation_st",
    "speaker_range_hz",
    "unclear_reason",
    "MIN_CONFIDENT_VOICED_S",
    "WORD_COLLAR_S",
]

VARIATION_WINDOW_S = 8.0  # pitch variation is measured in windows this long...
VARIATION_HOP_S = 4.0  # ...starting this far apart
MIN_WINDOW_VOICED_S = 0.5  # a window needs this much voiced speech to count
NOISY_REJECTED_SHARE = 0.25  # more of the voiced speech rejected than this: a noisy recording
_ROBUST_SD_SPAN = 2.5631  # (p90 - p10) of a normal distribution, in standard deviations


@dataclass(frozen=True)
class PitchMeasures:
    """Pitch of the speaker in one recording.

    All F0 statistics use the confident voicing only: voiced frames inside transcribed
    words (every voiced frame when the transcript has no words) and inside the speech
    activity when it is given, not at an F0 that persists in the pauses (the background's),
    inside the speaker's own range (see :func:`speaker_range_hz`) and not creak at a phrase
    end (see :mod:`voicecoach.measures.pitch.evidence`). With no confident voicing at all,
    every number is 0.0 and ``voiced_share`` is 0.0; contours are then all "unknown".
    Below ``MIN_CONFIDENT_VOICED_S`` of confident voicing, ``unclear_reason`` says why; the
    numbers (still computed from what voicing there is) must then not be given as findings.

    Attributes
    ----------
    median_f0_hz : float
        Median F0 in Hz.
    floor_f0_hz : float
        The speaker's floor: 10th percentile of F0, in Hz.
    median_above_floor_st : float
        Median F0 above the floor, in semitones.
    range_st : float
        Span between the 5th and 95th percentiles of F0, in semitones.
    variation_st : float
        Pitch variation in semitones: in windows of 8 s (4 s apart; one window over the whole
        recording when it is shorter) holding at least 0.5 s of voiced speech, the robust
        standard deviation of F0 in semitones, ``(p90 - p10) / 2.563``, which equals the
        standard deviation for normally distributed pitch but ignores the odd octave error;
        the median over windows. Lively speech is typically 2-4 st, monotone speech below 2.
    voiced_share : float
        Share (0..1) of the speech frames that are confidently voiced.
    contours : tuple of SentenceContour
        Terminal contour of each sentence (fitted on the voicing that passed the checks).
    confident_voiced_s : float
        Seconds of voiced speech frames that passed every check.
    word_f0_hz : tuple of float
        Per transcript word (in order), the median F0 in Hz of its confident voicing; NaN
        for a word without any (a phrase's pitch level and movement, compared between takes).
    unclear_reason : str
        "" when the pitch can be reported; otherwise a short reason for the reader, e.g.
        "pitch unclear: noisy recording (0.6 s of clear voicing, 1.5 s needed)".
    """

    median_f0_hz: float
    floor_f0_hz: float
    median_above_floor_st: float
    range_st: float
    variation_st: float
    voiced_share: float
    contours: tuple[SentenceContour, ...]
    confident_voiced_s: float = 0.0
    unclear_reason: str = ""
    word_f0_hz: tuple[float, ...] = ()

    @property
    def has_voiced_speech(self) -> bool:
        return self.voiced_share > 0.0

    def to_dict(self) -> dict:
        return {
            "median_f0_hz": round(self.median_f0_hz, 1),
            "floor_f0_hz": round(self.floor_f0_hz, 1),
            "median_above_floor_st": round(self.median_above_floor_st, 2),
            "range_st": round(self.range_st, 2),
            "variation_st": round(self.variation_st, 2),
            "voiced_share": round(self.voiced_share, 3),
            "contours": [c.to_dict() for c in self.contours],
            "confident_voiced_s": round(self.confident_voiced_s, 2),
            "unclear_reason": self.unclear_reason,
            "word_f0_hz": [round(f, 1) if np.isfinite(f) else None for f in self.word_f0_hz],
        }


def semitones(f_hz: np.ndarray | float, ref_hz: float) -> np.ndarray | float:
    """Interval from ``ref_hz`` to ``f_hz`` in semitones (12 per octave)."""
    return 12.0 * np.log2(np.asarray(f_hz) / ref_hz)


def measure_pitch(
    audio: Audio,
    transcript: Transcript,
    *,
    track: F0Track | None = None,
    activity: Activity | None = None,
    final_stretch_s: float = FINAL_STRETCH_S,
    contour_threshold_st: float = CONTOUR_THRESHOLD_ST,
) -> PitchMeasures:
    """Measure the pitch of ``audio``.

    Parameters
    ----------
    audio : Audio
        One speaker's recording (the agent's channel of a two-party call).
    transcript : Transcript
        Its words with times; restricts the statistics to speech and defines sentences.
    track : F0Track, optional
        A precomputed :func:`track_f0` of ``audio``; computed when not given.
    activity : Activity, optional
        Speech activity of ``audio`` (:func:`voicecoach.measures.activity.detect`): voicing
        outside its intervals is not the speaker's, and periodicity in its pauses shows the
        background's F0.
    final_stretch_s : float > 0
        Seconds of final voiced speech each terminal contour is fitted on.
    contour_threshold_st : float > 0
        Semitone change at or above which a terminal contour is a rise (or fall).

    Returns
    -------
    PitchMeasures
        All values finite; see :class:`PitchMeasures` for the no-voiced-speech case.
    """
    if track is None:
        track = track_f0(audio.samples, audio.sr)
    level_db = None
    if activity is not None and abs(activity.hop_s - track.hop_s) < 1e-9:
        level_db = activity.level_db
    spans_s = [(w.start_s, w.end_s) for w in transcript.words]
    voicing = confident_voicing(
        track, spans_s, activity.intervals if activity is not None else None, level_db
    )
    cleaned = F0Track(
        track.times_s, np.where(voicing.clean, track.f0_hz, np.nan), track.periodicity
    )
    contours = sentence_contours(
        cleaned, transcript, final_stretch_s=final_stretch_s, threshold_st=contour_threshold_st
    )
    confident_s = float(voicing.confident.sum()) * track.hop_s
    reason = unclear_reason(voicing, track.hop_s, activity)
    if not voicing.confident.any():
        return PitchMeasures(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, contours, 0.0, reason)
    f0_hz = track.f0_hz[voicing.confident]
    p5, floor, median, p95 = np.percentile(f0_hz, [5, 10, 50, 95])
    return PitchMeasures(
        median_f0_hz=float(median),
        floor_f0_hz=float(floor),
        median_above_floor_st=float(semitones(median, floor)),
        range_st=float(semitones(p95, p5)),
        variation_st=pitch_variation_st(track.times_s[voicing.confident], f0_hz, track.hop_s),
        voiced_share=float(voicing.confident.sum() / max(1, int(voicing.speech.sum()))),
        contours=contours,
        confident_voiced_s=confident_s,
        unclear_reason=reason,
        word_f0_hz=word_medians_hz(track, voicing.confident, spans_s),
    )


def word_medians_hz(track: F0Track, confident: np.ndarray,
                    spans_s: list[tuple[float, float]]) -> tuple[float, ...]:
    """Per span ``(start_s, end_s)``, the median F0 (Hz) of the ``confident`` frames of
    ``track`` inside it; NaN where there is none."""
    lo = np.searchsorted(track.times_s, [a for a, _ in spans_s], side="left")
    hi = np.searchsorted(track.times_s, [b for _, b in spans_s], side="right")
    out = []
    for i, j in zip(lo, hi):
        f0 = track.f0_hz[i:j][confident[i:j]]
        out.append(float(np.median(f0)) if len(f0) else float("nan"))
    return tuple(out)


def unclear_reason(voicing: Voicing, hop_s: float, activity: Activity | None = None) -> str:
    """Why the pitch cannot be reported, or "" when it can.

    Below ``MIN_CONFIDENT_VOICED_S`` of confident voicing, noise is blamed when the pauses
    showed background periodicity, when more than ``NOISY_REJECTED_SHARE`` of the voiced
    speech was rejected, or when the speech activity could not tell speech from noise;
    otherwise there is too little voiced speech.
    """
    confident_s = float(voicing.confident.sum()) * hop_s
    if confident_s >= MIN_CONFIDENT_VOICED_S:
        return ""
    voiced_s = float(voicing.voiced_speech.sum()) * hop_s
    rejected = 1.0 - confident_s / voiced_s if voiced_s > 0 else 0.0
    noisy = (bool(voicing.background_hz) or rejected > NOISY_REJECTED_SHARE
             or (activity is not None and not activity.reliable))
    key = "pitch.unclear_noisy" if noisy else "pitch.unclear_little"
    return t(key, voiced_s=confident_s, least_s=MIN_CONFIDENT_VOICED_S)


def pitch_variation_st(times_s: np.ndarray, f0_hz: np.ndarray, hop_s: float) -> float:
    """Median over 8 s windows of the robust standard deviation of F0 in semitones.

    Parameters
    ----------
    times_s, f0_hz : np.ndarray, shape (v,)
        Times (s) and F0 (Hz) of voiced frames only.
    hop_s : float
        Frame spacing in seconds (to turn frame counts into voiced seconds).
    """
    if len(f0_hz) < 2:
        return 0.0
    st = semitones(f0_hz, float(np.median(f0_hz)))
    last_start = max(0.0, float(times_s[-1]) - VARIATION_WINDOW_S)
    starts = np.arange(float(times_s[0]), last_start + VARIATION_HOP_S, VARIATION_HOP_S)
    min_frames = max(2, int(MIN_WINDOW_VOICED_S / hop_s))
    spreads = []
    for start in starts:
        sel = (times_s >= start) & (times_s < start + VARIATION_WINDOW_S)
        if sel.sum() >= min_frames:
            p10, p90 = np.percentile(st[sel], [10, 90])
            spreads.append((p90 - p10) / _ROBUST_SD_SPAN)
    if not spreads:
        p10, p90 = np.percentile(st, [10, 90])
        spreads.append((p90 - p10) / _ROBUST_SD_SPAN)
    return float(np.median(spreads))
