"""Speech activity from the signal's own energy.

Whisper's word boundaries drift by a few hundred milliseconds, so every measure
that needs to know exactly when sound stops and starts (pauses, question gaps,
latencies) takes the edges from here. The threshold adapts to each recording:
it sits between the recording's noise floor and its speech level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.measures.intervals import Interval, from_mask, merge
from voicecoach.measures.vad import CHUNK_S, speech_probability

__all__ = ["Activity", "frame_level_db", "detect", "speech_intervals", "speaking_span",
           "NOISY_BELOW_DB"]

HOP_S = 0.01
FRAME_S = 0.025
MIN_SPEECH_S = 0.06
BRIDGE_S = 0.12
GROW_S = 0.2
GATE_DB = -100.0  # frames below this are digital silence or a gate: no part of the statistics
GATED_SPAN_DB = 15.0  # live frames this flat, beside gated ones, are all sound
CLEAN_SPAN_DB = 35.0  # speech this far above the floor: energy alone decides
SPEECH_PROB = 0.5  # VAD probability that makes a core speech
NOISE_PROB = 0.15  # frames whose VAD probability stays below this show the noise
NOISE_GUARD_S = 0.15  # ... within this distance either side
VAD_LAG_FRAMES = 10  # frames after a core that the model's answer about it may take
STRONG_DB = 6.0  # a core this far above the noise (at least) is speech whatever the VAD says
RELIABLE = 0.5  # below this reliability, pauses and gaps should not be judged
NOISY_BELOW_DB = 18.5
"""Speech less than this far above the noise floor (``Activity.snr_db``, the 95th over the
2nd percentile of the level) leaves pause edges, the speaking span and the pitch to the
noise: about 13 dB SNR over active speech for white or pink noise (see docs/accuracy.md)."""
_BLOCK_FRAMES = 1 << 13  # frames per block of the level computation (bounds memory)
_BLOCK_SAMPLES = 1 << 20  # samples per block of the high-pass filter (bounds memory)
_IIR_SUB_BLOCK = 32  # samples solved at once by the high-pass's matrix product


@dataclass(frozen=True, eq=False)
class Activity:
    """Frame-level speech activity of one recording.

    Attributes
    ----------
    level_db : np.ndarray, shape (m,)
        RMS level of each 25 ms frame (10 ms hop) in dB re full scale.
    threshold_db : float
        Frames above this are speech.
    floor_db, speech_db : float
        Estimated noise floor and speech level (95th percentile of non-gated frames), dB:
        the floor is the 2nd percentile of non-gated frames, or with VAD evidence the
        median of the frames the VAD calls non-speech.
    intervals : list of Interval
        Speech stretches in seconds, blips shorter than 60 ms dropped.
    reliability : float
        0..1, how well speech was told from noise: 1 when the speech stands 35 dB or more
        above the floor; below ``RELIABLE`` the edges (pauses, gaps) should not be judged.
    vad_used : bool
        True when the VAD model's evidence set the floor and vetted the speech.
    """

    level_db: np.ndarray
    threshold_db: float
    floor_db: float
    speech_db: float
    intervals: tuple[Interval, ...]
    hop_s: float = HOP_S
    reliability: float = 1.0
    vad_used: bool = False

    @property
    def snr_db(self) -> float:
        """Speech level over the noise floor, dB."""
        return self.speech_db - self.floor_db

    @property
    def reliable(self) -> bool:
        """Whether speech and noise were told apart well enough to judge edges."""
        return self.reliability >= RELIABLE


def frame_level_db(samples: np.ndarray, sr: int, *, hop_s: float = HOP_S,
                   frame_s: float = FRAME_S) -> np.ndarray:
    """RMS level in dBFS of centred frames every ``hop_s`` seconds (frame ``i`` at ``i*hop_s``).

    The signal is high-passed at ~80 Hz first (first-order), so hum and DC do not count.
    """
    x = np.asarray(samples, dtype=np.float32)
    if x.size == 0:
        return np.zeros(0, dtype=np.float32)
    x = _highpass(x, sr)
    hop = max(1, int(round(hop_s * sr)))
    win = max(hop, int(round(frame_s * sr)))
    n_frames = int(np.ceil(len(x) / hop))
    centers = np.arange(n_frames) * hop + hop // 2
    lo = np.clip(centers - win // 2, 0, len(x))
    hi = np.clip(centers + win // 2, 0, len(x))
    mean_power = np.empty(n_frames)
    for f0 in range(0, n_frames, _BLOCK_FRAMES):  # blocks bound memory on hour-long calls
        f1 = min(n_frames, f0 + _BLOCK_FRAMES)
        base = int(lo[f0])
        seg = x[base:int(hi[f1 - 1])].astype(np.float64)
        power = np.concatenate([[0.0], np.cumsum(seg ** 2)])
        mean_power[f0:f1] = ((power[hi[f0:f1] - base] - power[lo[f0:f1] - base])
                             / np.maximum(hi[f0:f1] - lo[f0:f1], 1))
    return (10 * np.log10(mean_power + 1e-12)).astype(np.float32)


def _highpass(x: np.ndarray, sr: int) -> np.ndarray:
    """First-order ~80 Hz high-pass ``y[n] = x[n] - x[n-1] + a y[n-1]``, float32 out.

    The recursion runs in float64 on short sub-blocks at once: each sub-block's
    zero-state response is one small matrix product, and the state carried between
    sub-blocks (a geometric series in ``a`` to the sub-block length) is summed until its
    terms fall below 1e-20, so the result equals the sample-by-sample recursion to
    float64 rounding. Plain numpy: importing scipy.signal would cost a second.
    """
    a = float(np.exp(-2 * np.pi * 80.0 / sr))
    n_sub = _IIR_SUB_BLOCK
    powers = a ** np.arange(n_sub + 1)
    k = np.arange(n_sub)
    lag = k[None, :] - k[:, None]
    response = np.where(lag >= 0, powers[np.clip(lag, 0, n_sub)], 0.0)  # [j, k] = a^(k-j)
    decay = powers[-1]
    n_terms = int(np.ceil(np.log(1e-20) / np.log(decay)))
    out = np.empty(len(x), dtype=np.float32)
    x_prev = y_prev = 0.0
    for s in range(0, len(x), _BLOCK_SAMPLES):
        block = x[s:s + _BLOCK_SAMPLES].astype(np.float64)
        n = len(block)
        d = np.diff(block, prepend=x_prev)
        d = np.pad(d, (0, -n % n_sub)).reshape(-1, n_sub)
        y = d @ response
        end = y[:, -1].copy()
        end[0] += decay * y_prev
        carry = end.copy()  # the true last value of each sub-block
        for j in range(1, min(n_terms, len(end))):
            carry[j:] += decay ** j * end[:-j]
        y += np.concatenate([[y_prev], carry[:-1]])[:, None] * powers[None, 1:]
        y = y.reshape(-1)[:n]
        out[s:s + n] = y
        x_prev, y_prev = float(block[-1]), float(y[-1])
    return out


def detect(samples: np.ndarray, sr: int, *, hop_s: float = HOP_S) -> Activity:
    """Find the speech in a recording by adaptive energy thresholding with hysteresis.

    Frames below -100 dBFS (digital silence, a codec's or headset's gate) are silence and
    take no part in the level statistics. Speech cores are frames above
    ``floor + 0.3 * (speech - floor)`` (never more than 50 dB and never less than 15 dB
    below the speech level). Each core then grows, by at most 200 ms on either side, over
    neighbouring frames above a low threshold (``floor + max(6 dB, 0.15 * (speech -
    floor))``): weak onsets and the release burst after a final stop closure belong to the
    word, a breath half a second away does not. Dips shorter than 120 ms (a stop closure)
    are bridged; cores shorter than 60 ms (clicks) are dropped.

    When the speech stands less than 35 dB above the floor, the noise could pass for speech,
    so the Silero VAD model (:mod:`voicecoach.measures.vad`) gives evidence: the noise floor
    and its spread are measured on the frames it calls non-speech, the thresholds sit just
    above that noise, and a core the model does not call speech is dropped unless it stands
    at least 15 dB above the noise. ``reliability`` then says how well speech and noise
    were told apart.
    """
    level_db = frame_level_db(samples, sr, hop_s=hop_s)
    live = level_db > GATE_DB
    if not live.any():
        return Activity(level_db, 0.0, -120.0, -120.0, ())
    # Frames that straddle a gate's edge sit below the noise it lets through: with a gate
    # in play the floor is taken higher up the live frames.
    floor_db = float(np.percentile(level_db[live], 2))
    if np.mean(~live) > 0.05:
        floor_db = min(float(np.percentile(level_db[live], 10)), floor_db + 6.0)
    speech_db = float(np.percentile(level_db[live], 95))
    gate_only = speech_db - floor_db < GATED_SPAN_DB and not live.all()
    if gate_only:
        # Everything the gate lets through is sound: the gated frames are the only silence.
        floor_db = float(np.percentile(level_db, 2))
    span_db = speech_db - floor_db
    threshold_db = min(speech_db - 15.0, max(floor_db + 0.3 * span_db, speech_db - 50.0))
    if speech_db < -70.0 or span_db < 6.0:
        # Digital silence, or a flat signal (steady noise, a tone) with nothing standing out.
        return Activity(level_db, threshold_db, floor_db, speech_db, (), reliability=0.0)
    low_db = min(threshold_db, floor_db + max(6.0, 0.15 * span_db))
    keep = None
    # The 10th percentile shows a floor that only dips low now and then (babble, traffic).
    clean = gate_only or speech_db - float(np.percentile(level_db[live], 10)) >= CLEAN_SPAN_DB
    noise = None if clean else _vad_noise(samples, sr, level_db, live, threshold_db, hop_s)
    if noise is None and not clean and np.mean(~live) > 0.05:
        # A gate left no noise between phrases for the model to show: its zeros are the
        # silence, and the noise it lets through belongs to the speech.
        clean = True
        floor_db = float(np.percentile(level_db, 2))
        span_db = speech_db - floor_db
        threshold_db = min(speech_db - 15.0, max(floor_db + 0.3 * span_db, speech_db - 50.0))
        low_db = min(threshold_db, floor_db + max(6.0, 0.15 * span_db))
    # Without the model's evidence, trust the energy split by the span alone.
    reliability = 1.0 if clean else float(np.clip((span_db - 15.0) / (CLEAN_SPAN_DB - 15.0),
                                                  0.0, 1.0))
    if noise is not None:
        floor_db, noise_hi_db, prob = noise.floor_db, noise.high_db, noise.prob
        span_db = speech_db - floor_db
        threshold_db = min(speech_db - 3.0, max(noise_hi_db + 3.0, floor_db + 0.3 * span_db))
        low_db = min(threshold_db, max(noise_hi_db + 1.0, floor_db + 2.0))
        strong_db = noise_hi_db + max(STRONG_DB, 3.0 * (noise_hi_db - floor_db))

        def keep(a: int, b: int) -> bool:  # the model answers up to 100 ms late
            return (prob[a:b + VAD_LAG_FRAMES].mean() >= SPEECH_PROB
                    or level_db[a:b].max() >= strong_db)
        reliability = noise.reliability
    kept = _grown_cores(level_db, threshold_db, low_db, hop_s, len(samples) / sr, keep)
    return Activity(level_db, threshold_db, floor_db, speech_db, kept,
                    reliability=reliability, vad_used=noise is not None)


@dataclass(frozen=True, eq=False)
class _Noise:
    floor_db: float
    high_db: float
    prob: np.ndarray
    reliability: float


def _vad_noise(samples: np.ndarray, sr: int, level_db: np.ndarray, live: np.ndarray,
               threshold_db: float, hop_s: float) -> _Noise | None:
    """Noise floor (median dB) and its 95th percentile on the frames the VAD calls
    non-speech, with the VAD's speech probability per frame; None without the model or
    with under half a second of such frames."""
    chunk_prob = speech_probability(samples, sr)
    if chunk_prob is None or chunk_prob.size == 0:
        return None
    idx = np.minimum((np.arange(len(level_db)) * hop_s / CHUNK_S).astype(int),
                     len(chunk_prob) - 1)
    prob = chunk_prob[idx]
    reach = max(1, int(round(NOISE_GUARD_S / hop_s)))
    near = _running_max(prob, reach)
    quiet = live & (near < NOISE_PROB)
    if quiet.sum() * hop_s < 0.5:
        return None
    # Loud frames the model calls non-speech (a tone, a hum burst) are not the floor.
    quiet &= level_db < max(threshold_db, float(np.percentile(level_db[live], 30)))
    if quiet.sum() * hop_s < 0.5:
        return None
    floor_db = float(np.median(level_db[quiet]))
    high_db = float(np.percentile(level_db[quiet], 95))
    return _Noise(floor_db, high_db, prob, _reliability(level_db, live, prob, floor_db))


def _reliability(level_db: np.ndarray, live: np.ndarray, prob: np.ndarray,
                 floor_db: float) -> float:
    """0..1: how well speech stands out of the noise, by its level above the noise floor
    (0 at 6 dB, 1 at 16 dB) and by how clearly the VAD splits the frames (the share of
    live frames it leaves between 0.2 and 0.8, 0 when a third or more)."""
    speech = live & (prob >= SPEECH_PROB)
    if not speech.any():
        return 0.0
    snr_db = float(np.median(level_db[speech])) - floor_db
    by_level = float(np.clip((snr_db - 6.0) / 10.0, 0.0, 1.0))
    unsure = float(np.mean((prob[live] > 0.2) & (prob[live] < 0.8)))
    by_vad = float(np.clip(1.0 - unsure * 3.0, 0.0, 1.0))
    return min(by_level, by_vad)


def _running_max(x: np.ndarray, reach: int) -> np.ndarray:
    """Maximum of ``x`` over ``[i - reach, i + reach]`` (edges clipped)."""
    padded = np.pad(x, reach, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * reach + 1)
    return windows.max(axis=1)


def _grown_cores(level_db: np.ndarray, threshold_db: float, low_db: float, hop_s: float,
                 duration_s: float, keep=None) -> tuple[Interval, ...]:
    """Cores above ``threshold_db`` (those ``keep(first_frame, end_frame)`` accepts), grown
    by up to ``GROW_S`` over frames above ``low_db``, bridged and clipped to the file."""
    offset_s = -hop_s / 2
    cores = [c for c in merge(from_mask(level_db > threshold_db, hop_s, offset_s=offset_s),
                              collar_s=BRIDGE_S) if c.duration_s >= MIN_SPEECH_S]
    if keep is not None:
        cores = [c for c in cores if keep(int(round((c.start_s - offset_s) / hop_s)),
                                          int(round((c.end_s - offset_s) / hop_s)))]
    halos = merge(from_mask(level_db > low_db, hop_s, offset_s=offset_s), collar_s=BRIDGE_S)
    grown = []
    for core in cores:
        halo = next((h for h in halos if h.start_s <= core.start_s and core.end_s <= h.end_s), core)
        grown.append(Interval(max(halo.start_s, core.start_s - GROW_S),
                              min(halo.end_s, core.end_s + GROW_S)))
    return tuple(
        Interval(max(0.0, iv.start_s), min(duration_s, iv.end_s))
        for iv in merge(grown, collar_s=BRIDGE_S)
        if iv.duration_s >= MIN_SPEECH_S
    )


def speech_intervals(samples: np.ndarray, sr: int) -> list[Interval]:
    """Stretches of speech (seconds) found by :func:`detect`."""
    return list(detect(samples, sr).intervals)


def speaking_span(intervals: tuple[Interval, ...] | list[Interval], first: Interval,
                  last: Interval, *, slack_s: float = 0.5) -> Interval:
    """The span from the onset of the first word's sound to the offset of the last word's.

    Whisper often starts the first word at 0.0 s or ends the last at the end of the file,
    so the edges come from the speech stretches that overlap the first and last words
    (``first`` and ``last`` are their Whisper times). An edge moves onto the stretch's
    onset (offset) unless that lies more than ``slack_s`` before (after) the word, as when
    the stretch also holds an earlier (later) sentence of continuous speech.
    """
    starts = [iv.start_s for iv in intervals
              if iv.end_s > first.start_s and iv.start_s < first.end_s + slack_s]
    ends = [iv.end_s for iv in intervals
            if iv.start_s < last.end_s and iv.end_s > last.start_s - slack_s]
    start_s = starts[0] if starts and starts[0] >= first.start_s - slack_s else first.start_s
    end_s = ends[-1] if ends and ends[-1] <= last.end_s + slack_s else last.end_s
    if end_s <= start_s:
        return Interval(first.start_s, max(first.start_s, last.end_s))
    return Interval(start_s, end_s)
