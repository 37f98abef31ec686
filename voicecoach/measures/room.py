"""The room's echo, from how fast the level falls when the speaker stops.

A reverberant room keeps sounding after each word: the level decays along a straight
line in dB at 60 dB per reverberation time (RT60), and the speech activity's edges, the
pauses and the silence after questions are late by that tail. A dry recording falls as
fast as the speech itself stops (here 0.04-0.2 s per 60 dB, measured through the 25 ms
level frames); no speech offset falls faster than the room lets it, so the fastest decay
at the ends of the speaker's phrases bounds the room's RT60 from above and, in an echoing
room, measures it (within 0.05 s of the true 0.4 s and 0.8 s on the degraded corpus).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.measures.activity import Activity

__all__ = ["RoomEcho", "measure_room", "ECHO_RT60_S", "MIN_DECAYS"]

ECHO_RT60_S = 0.3  # seconds: from here the tail moves pause edges by 100 ms and more
MIN_DECAYS = 2  # speech offsets measured before the room is judged
_GAP_AFTER_S = 0.25  # an offset is measured only before a pause this long
_LOOK_BACK_S = 0.8  # how far back from an offset the decay's start is looked for
_TOP_DB = 5.0  # the decay is fitted from this far below its peak ...
_RANGE_DB = 35.0  # ... down to this far below it (or 5 dB above the floor)
_MIN_FALL_DB = 10.0  # a decay measured over less than this is left out


@dataclass(frozen=True)
class RoomEcho:
    """How much the room echoes, from the decays at the ends of phrases.

    Attributes
    ----------
    decays_s : tuple of float
        The level's decay at each measured speech offset, as seconds per 60 dB.
    rt60_s : float or None
        The fastest of them: an upper bound of the room's reverberation time (s); None
        below ``MIN_DECAYS`` measured offsets (noise above the tail hides the decay).
    """

    decays_s: tuple[float, ...]
    rt60_s: float | None

    @property
    def echoing(self) -> bool:
        """True when even the fastest decay takes ``ECHO_RT60_S`` or more."""
        return self.rt60_s is not None and self.rt60_s >= ECHO_RT60_S

    def to_dict(self) -> dict:
        return {"rt60_s": None if self.rt60_s is None else round(self.rt60_s, 3),
                "decays_measured": len(self.decays_s), "echoing": self.echoing}


def measure_room(activity: Activity) -> RoomEcho:
    """The room's echo in ``activity``: the level's decay (s per 60 dB) after each speech
    interval that a pause of at least 250 ms follows."""
    level, hop_s, iv = activity.level_db, activity.hop_s, activity.intervals
    decays = []
    for k, interval in enumerate(iv):
        next_s = iv[k + 1].start_s if k + 1 < len(iv) else len(level) * hop_s
        if next_s - interval.end_s < _GAP_AFTER_S or len(level) == 0:
            continue
        end = min(len(level) - 1, int(interval.end_s / hop_s))
        first = max(int(interval.start_s / hop_s), end - int(_LOOK_BACK_S / hop_s))
        decay = _decay_s(level, first, end, min(len(level), int(next_s / hop_s)),
                         activity.floor_db, hop_s)
        if decay is not None:
            decays.append(decay)
    rt60_s = min(decays) if len(decays) >= MIN_DECAYS else None
    return RoomEcho(tuple(decays), rt60_s)


def _decay_s(level: np.ndarray, first: int, end: int, stop: int, floor_db: float,
             hop_s: float) -> float | None:
    """Seconds per 60 dB of the fall that ends the speech at frame ``end``: from the last
    peak (walking back from ``end`` while the level does not drop by more than 1 dB,
    but not before ``first``), fitted between ``_TOP_DB`` and ``_RANGE_DB`` below it, up
    to frame ``stop``; None when it falls less than ``_MIN_FALL_DB`` or does not fall."""
    peak = end
    while peak - 1 >= first and level[peak - 1] >= level[peak] - 1.0:
        peak -= 1
    top_db, low_db = level[peak] - _TOP_DB, max(floor_db + 5.0, level[peak] - _RANGE_DB)
    frames = []
    for f in range(peak, stop):
        if level[f] <= low_db:
            break
        if level[f] <= top_db:
            frames.append(f)
    if len(frames) < 3 or level[frames[0]] - level[frames[-1]] < _MIN_FALL_DB:
        return None
    slope_db_per_s = np.polyfit(np.array(frames) * hop_s, level[frames].astype(float), 1)[0]
    return float(60.0 / -slope_db_per_s) if slope_db_per_s < 0 else None
