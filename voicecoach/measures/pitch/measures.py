"""Pitch measures of one speaker's recording: level, floor, range, variation, contours."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.audio import Audio
from voicecoach.measures.pitch.contour import (
    CONTOUR_THRESHOLD_ST,
    FINAL_STRETCH_S,
    SentenceContour,
    sentence_contours,
)
from voicecoach.measures.pitch.track import F0Track, track_f0
from voicecoach.transcript import Transcript

__all__ = ["PitchMeasures", "measure_pitch", "semitones", "pitch_variation_st", "speaker_range_hz"]

VARIATION_WINDOW_S = 8.0  # pitch variation is measured in windows this long...
VARIATION_HOP_S = 4.0  # ...starting this far apart
MIN_WINDOW_VOICED_S = 0.5  # a window needs this much voiced speech to count
WORD_COLLAR_S = 0.05  # frames this close to a transcribed word count as speech
RANGE_FLOOR_FACTOR = 0.75  # speaker range: floor = 0.75 x first quartile of F0...
RANGE_CEILING_FACTOR = 2.5  # ...ceiling = 2.5 x third quartile
RANGE_LIMITS_HZ = (60.0, 500.0)  # never outside the tracker's default search range
MIN_RANGE_FRAMES = 50  # voiced frames (0.5 s) needed before a speaker range is set
_ROBUST_SD_SPAN = 2.5631  # (p90 - p10) of a normal distribution, in standard deviations


@dataclass(frozen=True)
class PitchMeasures:
    """Pitch of the speaker in one recording.

    All F0 statistics use the voiced frames inside transcribed words (every voiced frame
    when the transcript has no words) whose F0 lies in the speaker's own range (see
    :func:`speaker_range_hz`), which drops the odd tracking error far from the voice. With
    no voiced speech at all, every number is 0.0 and ``voiced_share`` is 0.0; contours are
    then all "unknown".

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
        Share (0..1) of the speech frames that are voiced.
    contours : tuple of SentenceContour
        Terminal contour of each sentence.
    """

    median_f0_hz: float
    floor_f0_hz: float
    median_above_floor_st: float
    range_st: float
    variation_st: float
    voiced_share: float
    contours: tuple[SentenceContour, ...]

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
        }


def semitones(f_hz: np.ndarray | float, ref_hz: float) -> np.ndarray | float:
    """Interval from ``ref_hz`` to ``f_hz`` in semitones (12 per octave)."""
    return 12.0 * np.log2(np.asarray(f_hz) / ref_hz)


def measure_pitch(
    audio: Audio,
    transcript: Transcript,
    *,
    track: F0Track | None = None,
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
    speech = _speech_mask(track.times_s, transcript)
    track = _within_speaker_range(track, speech)
    voiced = track.voiced & speech
    contours = sentence_contours(
        track, transcript, final_stretch_s=final_stretch_s, threshold_st=contour_threshold_st
    )
    if not voiced.any():
        return PitchMeasures(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, contours)
    f0_hz = track.f0_hz[voiced]
    p5, floor, median, p95 = np.percentile(f0_hz, [5, 10, 50, 95])
    return PitchMeasures(
        median_f0_hz=float(median),
        floor_f0_hz=float(floor),
        median_above_floor_st=float(semitones(median, floor)),
        range_st=float(semitones(p95, p5)),
        variation_st=pitch_variation_st(track.times_s[voiced], f0_hz, track.hop_s),
        voiced_share=float(voiced.sum() / max(1, int(speech.sum()))),
        contours=contours,
    )


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


def _within_speaker_range(track: F0Track, speech: np.ndarray) -> F0Track:
    """Unvoice the frames whose F0 lies outside the speaker's range."""
    lo_hz, hi_hz = speaker_range_hz(track.f0_hz[track.voiced & speech])
    if lo_hz <= 0.0:
        return track
    out = track.voiced & ((track.f0_hz < lo_hz) | (track.f0_hz > hi_hz))
    if not out.any():
        return track
    return F0Track(track.times_s, np.where(out, np.nan, track.f0_hz), track.periodicity)


def _speech_mask(times_s: np.ndarray, transcript: Transcript) -> np.ndarray:
    """Frames inside a transcribed word (with a small collar); all frames without words."""
    if not transcript.words:
        return np.ones(len(times_s), dtype=bool)
    starts = np.array([w.start_s for w in transcript.words]) - WORD_COLLAR_S
    ends = np.array([w.end_s for w in transcript.words]) + WORD_COLLAR_S
    order = np.argsort(starts)
    starts, ends = starts[order], np.maximum.accumulate(ends[order])
    i = np.searchsorted(starts, times_s, side="right") - 1
    return (i >= 0) & (times_s <= ends[np.maximum(i, 0)])


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
