"""Pitch: F0 tracking and the pitch measures the coaching guidance asks for.

Pure numpy. :func:`track_f0` gives a frame-wise F0 contour; :func:`measure_pitch`
turns it and the transcript into :class:`PitchMeasures` (median F0, the speaker's floor,
range, variation over ~8 s windows, and each sentence's terminal contour).
"""

from voicecoach.measures.pitch.contour import SentenceContour, sentence_contours
from voicecoach.measures.pitch.measures import (
    MIN_CONFIDENT_VOICED_S,
    PitchMeasures,
    measure_pitch,
    pitch_variation_st,
    semitones,
    speaker_range_hz,
)
from voicecoach.measures.pitch.track import F0Track, track_f0

__all__ = [
    "F0Track",
    "track_f0",
    "SentenceContour",
    "sentence_contours",
    "PitchMeasures",
    "MIN_CONFIDENT_VOICED_S",
    "measure_pitch",
    "pitch_variation_st",
    "semitones",
    "speaker_range_hz",
]
