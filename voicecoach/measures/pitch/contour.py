"""Terminal pitch contours: does each sentence end rising, falling or level?"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.measures.pitch.track import F0Track
from voicecoach.transcript import Sentence, Transcript

__all__ = ["SentenceContour", "sentence_contours", "theil_sen_slope"]

FINAL_STRETCH_S = 0.5  # how much of a sentence's last voiced speech the contour is fitted on
CONTOUR_THRESHOLD_ST = 1.0  # |change| at or above this over the stretch is a rise or a fall
MAX_GAP_S = 0.2  # a longer unvoiced break cuts the final stretch (it is another word)
END_COLLAR_S = 0.15  # voicing may outlast a word's transcribed end by this much
_NEXT_GUARD_S = 0.03  # stay this far clear of the next sentence's first word
_MIN_FRAMES = 8  # fewer voiced frames in the stretch than this: "unknown"
_MIN_SPAN_S = 0.15  # a stretch shorter than this: "unknown"
RISE_MIN_SPAN_S = 0.1  # a final rise from the stretch's low point must last this long...
_RISE_MIN_FRAMES = 6  # ...over at least this many voiced frames


@dataclass(frozen=True)
class SentenceContour:
    """The pitch movement at the end of one sentence.

    Attributes
    ----------
    sentence_index : int
        ``Sentence.index`` in the transcript.
    text : str
        The sentence.
    end_s : float
        Where the sentence ends (last word's end), in seconds.
    contour : {"rise", "fall", "level", "unknown"}
        "unknown" when the sentence has too little voiced speech to fit.
    slope_st : float
        F0 change in semitones over the final stretch (fitted line; 0.0 when unknown).
    is_question : bool
        True when the sentence ends with a question mark.
    final_rise_st : float
        F0 rise in semitones from the lowest point of the final stretch to its end (a
        robust line through the frames after that low point; 0.0 when they last less than
        ``RISE_MIN_SPAN_S`` or do not rise). The low-rising question tune (a fall onto a
        low accent, then a rise on the last syllable) has a large ``final_rise_st`` while
        the line over the whole stretch, ``slope_st``, stays level.
    """

    sentence_index: int
    text: str
    end_s: float
    contour: str
    slope_st: float
    is_question: bool
    final_rise_st: float = 0.0

    def to_dict(self) -> dict:
        return {
            "sentence_index": self.sentence_index,
            "text": self.text,
            "end_s": round(self.end_s, 3),
            "contour": self.contour,
            "slope_st": round(self.slope_st, 2),
            "is_question": self.is_question,
            "final_rise_st": round(self.final_rise_st, 2),
        }


def theil_sen_slope(t_s: np.ndarray, y: np.ndarray) -> float:
    """Median of pairwise slopes (robust to a few outlying points), in y units per second."""
    dt = t_s[None, :] - t_s[:, None]
    dy = y[None, :] - y[:, None]
    upper = dt > 0
    if not upper.any():
        return 0.0
    return float(np.median(dy[upper] / dt[upper]))


def sentence_contours(
    track: F0Track,
    transcript: Transcript,
    *,
    final_stretch_s: float = FINAL_STRETCH_S,
    threshold_st: float = CONTOUR_THRESHOLD_ST,
) -> tuple[SentenceContour, ...]:
    """The terminal contour of every sentence of ``transcript``.

    For each sentence, the voiced frames between its first word's start and its last word's
    end (plus ``END_COLLAR_S``, stopping short of the next sentence) are found; the contour is a
    robust (Theil-Sen) line through F0 in semitones over the last ``final_stretch_s`` seconds
    of them, back to the last unvoiced break longer than ``MAX_GAP_S`` (voiceless
    consonants are shorter; a longer break means an earlier word, whose level would make a
    short falling last word look like a rise). Its change over that stretch is
    ``slope_st``: ``>= threshold_st`` is a rise, ``<= -threshold_st`` a fall, anything
    between is level.
    """
    sentences = transcript.sentences
    out = []
    for i, sentence in enumerate(sentences):
        next_start = sentences[i + 1].start_s if i + 1 < len(sentences) else np.inf
        end_s = min(sentence.end_s + END_COLLAR_S, next_start - _NEXT_GUARD_S)
        slope, rise = _final_slope_st(track, sentence.start_s, end_s, final_stretch_s)
        out.append(_classify(sentence, slope, threshold_st, rise))
    return tuple(out)


def _final_slope_st(
    track: F0Track, start_s: float, end_s: float, final_stretch_s: float
) -> tuple[float | None, float]:
    """F0 change (st) over the last voiced ``final_stretch_s`` before ``end_s`` (None if too
    little voicing) and the final rise from the stretch's low point (st, >= 0)."""
    sel = (track.times_s >= start_s) & (track.times_s < end_s) & track.voiced
    t_s, f0_hz = track.times_s[sel], track.f0_hz[sel]
    if len(t_s) == 0:
        return None, 0.0
    keep = t_s >= t_s[-1] - final_stretch_s
    gaps = np.flatnonzero(np.diff(t_s) > MAX_GAP_S)
    if len(gaps):  # only the voicing after the last long break belongs to the ending
        keep[: gaps[-1] + 1] = False
    t_s, f0_hz = t_s[keep], f0_hz[keep]
    span_s = float(t_s[-1] - t_s[0])
    if len(t_s) < _MIN_FRAMES or span_s < _MIN_SPAN_S:
        return None, 0.0
    st = 12.0 * np.log2(f0_hz / np.median(f0_hz))
    return theil_sen_slope(t_s, st) * span_s, _rise_from_low_st(t_s, st)


def _rise_from_low_st(t_s: np.ndarray, st: np.ndarray) -> float:
    """Rise (st, >= 0) of a robust line through the frames after the lowest point of ``st``
    (3-frame median smoothed, so one stray frame is no low point)."""
    smooth = np.array([np.median(st[max(0, i - 1): i + 2]) for i in range(len(st))])
    low = int(np.argmin(smooth))
    t_s, st = t_s[low:], st[low:]
    span_s = float(t_s[-1] - t_s[0]) if len(t_s) else 0.0
    if len(t_s) < _RISE_MIN_FRAMES or span_s < RISE_MIN_SPAN_S:
        return 0.0
    return max(0.0, theil_sen_slope(t_s, st) * span_s)


def _classify(sentence: Sentence, slope_st: float | None, threshold_st: float,
              final_rise_st: float = 0.0) -> SentenceContour:
    if slope_st is None:
        contour, slope_st = "unknown", 0.0
    elif slope_st >= threshold_st:
        contour = "rise"
    elif slope_st <= -threshold_st:
        contour = "fall"
    else:
        contour = "level"
    return SentenceContour(
        sentence.index,
        sentence.text,
        float(sentence.end_s),
        contour,
        float(slope_st),
        sentence.ends_with_question_mark,
        float(final_rise_st),
    )
