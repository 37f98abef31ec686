"""The other party leaking into one channel of a call recording (echo, headset bleed)."""

from __future__ import annotations

import numpy as np

from voicecoach.measures.activity import BRIDGE_S, MIN_SPEECH_S, Activity
from voicecoach.measures.intervals import Interval, from_mask, merge

__all__ = ["without_crosstalk", "CROSSTALK_DB", "SILENCE_DB"]

CROSSTALK_DB = 20.0
"""A weak frame this many dB below the other channel's is the other party leaking in."""
SILENCE_DB = 6.0
"""Frames less than this far above a channel's noise floor are silence."""


def without_crosstalk(own: Activity, other: Activity, *,
                      margin_db: float = CROSSTALK_DB) -> tuple[Interval, ...]:
    """``own`` speech with the other party's leakage taken out.

    Call recordings often carry a faint copy of one line on the other (echo, headset
    bleed). A frame of ``own`` speech that is below its own speech threshold (only the
    weak edges the detector grew onto a speech core) while the other channel is at least
    ``margin_db`` louder is leakage, not speech; so is a whole stretch whose median frame
    is ``margin_db`` below the other channel (a line that carries only the other party's
    echo). Both activities must come from recordings of the same length and hop.
    """
    hop = own.hop_s
    n = min(len(own.level_db), len(other.level_db))
    centres = np.arange(n) * hop
    inside = np.zeros(n, dtype=bool)
    for iv in own.intervals:
        inside |= (centres >= iv.start_s) & (centres < iv.end_s)
    level = np.asarray(own.level_db[:n], dtype=np.float64)
    above = np.asarray(other.level_db[:n], dtype=np.float64) - level
    leak = (level < own.threshold_db) & (above >= margin_db)
    kept = merge(from_mask(inside & ~leak, hop, offset_s=-hop / 2), collar_s=BRIDGE_S)
    end_s = max((iv.end_s for iv in own.intervals), default=0.0)
    out = []
    for iv in kept:
        frames = np.flatnonzero((centres >= iv.start_s) & (centres < iv.end_s))
        # an edge cut free of leakage may end in the silence a bridge had spanned
        audible = frames[level[frames] >= own.floor_db + SILENCE_DB]
        if audible.size == 0 or np.median(above[audible[0]:audible[-1] + 1]) >= margin_db:
            continue
        iv = Interval(max(iv.start_s, audible[0] * hop - hop / 2),
                      min(iv.end_s, (audible[-1] + 1) * hop - hop / 2))
        if iv.duration_s >= MIN_SPEECH_S:
            out.append(Interval(max(0.0, iv.start_s), min(end_s, iv.end_s)))
    return tuple(out)

