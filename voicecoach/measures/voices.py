"""How many voices a one-channel recording holds: one speaker, or two taking turns.

A phone call recorded to one channel (or two channels mixed) holds the agent and the
customer. Scored as one speaker, their turns read as one rushed speaker who never
pauses for an answer. :func:`count_voices` tells the two cases apart from what the
pipeline has already measured (the speech activity and the F0 track) and the samples:

1. **Chunks.** The voiced frames of each speech stretch (pauses break stretches, so a
   change of speaker never falls inside one) are cut into chunks of about
   ``CHUNK_VOICED_S`` of voicing; stretches with less than ``MIN_CHUNK_VOICED_S`` are left
   out. Each chunk is described by its median F0 in semitones and the mean of its
   voiced frames' MFCCs 1-12 (the spectral envelope: timbre, not loudness).
2. **Two groups.** 2-means on the standardized features (pitch weighted
   ``PITCH_WEIGHT``), started deterministically twice (:func:`two_means`).
3. **Decision.** Two voices when the groups' median pitch differs by at least
   ``MIN_PITCH_GAP_ST``, their timbre differs by at least the distance
   :func:`timbre_needed` asks at that pitch gap (more when the pitches are close), and the
   smaller group speaks in at least ``MIN_MINOR_TURNS`` separate turns.

It never guesses: with fewer than ``MIN_CHUNKS`` chunks, less than ``MIN_VOICED_S`` of
voicing, or speech less than ``MIN_SNR_DB`` above the noise floor, the count is None
and the reason says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from voicecoach.measures.activity import Activity
from voicecoach.measures.cepstrum import mfcc_at
from voicecoach.measures.intervals import Interval
from voicecoach.measures.pitch.evidence import confident_voicing
from voicecoach.measures.pitch.track import F0Track

__all__ = ["VoiceCount", "VoiceEvidence", "Chunk", "count_voices", "voice_chunks",
           "two_means", "timbre_needed", "CHUNK_VOICED_S", "MIN_CHUNK_VOICED_S",
           "MIN_CHUNKS", "MIN_VOICED_S", "MIN_SNR_DB", "MIN_PITCH_GAP_ST",
           "MIN_MINOR_TURNS"]

CHUNK_VOICED_S = 1.5  # voicing per chunk, s (a stretch is cut into equal chunks near this)
MIN_CHUNK_VOICED_S = 0.5  # a stretch with less voicing than this makes no chunk
MIN_CHUNKS = 6  # chunks needed before any count
MIN_VOICED_S = 6.0  # voiced speech needed before any count, s
MIN_SNR_DB = 12.0  # speech this far above the noise floor (dB) at least
MIN_PITCH_GAP_ST = 2.0  # the groups' median pitch differs at least this much...
TIMBRE_AT_GAP = ((2.0, 3.5), (3.5, 3.3), (4.5, 1.9), (6.5, 1.0))  # ...and timbre (st, d')
MIN_MINOR_TURNS = 2  # the smaller group holds at least this many separate turns
PITCH_WEIGHT = 2.0  # weight of the standardized pitch beside each standardized MFCC
N_MFCC = 12  # MFCCs 1..12 (c0, the level, is left out)
MFCC_STEP_S = 0.02  # one MFCC frame every this many seconds of voicing
_REF_HZ = 100.0  # semitones are counted from this


@dataclass(frozen=True)
class Chunk:
    """About ``CHUNK_VOICED_S`` of one speech stretch's voicing: where, pitch, timbre."""

    start_s: float
    end_s: float
    voiced_s: float
    f0_st: float  # median F0, semitones above 100 Hz
    mfcc: tuple[float, ...]  # mean MFCCs 1..12 of its voiced frames


@dataclass(frozen=True)
class VoiceEvidence:
    """What the count rests on (NaN where it was not reached).

    Attributes
    ----------
    n_chunks : int
    voiced_s : float
        Voiced speech in the chunks, s.
    snr_db : float
        Speech level over the noise floor, dB (from the speech activity).
    pitch_gap_st : float
        Difference of the two groups' median F0, semitones.
    timbre_distance : float
        Distance of the groups' mean MFCCs in units of the within-group spread (d').
    timbre_needed : float
        The distance asked at this pitch gap (:func:`timbre_needed`).
    minor_share : float
        Share of the chunks in the smaller group, 0..0.5.
    minor_turns : int
        Separate runs of the smaller group's chunks in time order.
    f0_hz : tuple of float
        Median F0 of each group, Hz, lower first.
    """

    n_chunks: int
    voiced_s: float
    snr_db: float
    pitch_gap_st: float = float("nan")
    timbre_distance: float = float("nan")
    timbre_needed: float = float("nan")
    minor_share: float = float("nan")
    minor_turns: int = 0
    f0_hz: tuple[float, ...] = ()

    def to_dict(self) -> dict:
        return {k: _json(v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class VoiceCount:
    """How many voices the recording holds: 1, 2, or None when it cannot be told.

    ``reason`` says in one line why; ``second_voice`` lists the turns (start_s, end_s)
    of the voice with fewer chunks (of two equal ones, the voice that did not speak
    first) when two voices are found.
    """

    n_voices: int | None
    evidence: VoiceEvidence
    reason: str
    second_voice: tuple[tuple[float, float], ...] = ()

    @property
    def two_voices(self) -> bool:
        return self.n_voices == 2

    def to_dict(self) -> dict:
        return {"n_voices": self.n_voices, "reason": self.reason,
                "evidence": self.evidence.to_dict(),
                "second_voice": [{"start_s": round(a, 3), "end_s": round(b, 3)}
                                 for a, b in self.second_voice]}


def _json(v):
    if isinstance(v, float):
        return round(v, 3) if np.isfinite(v) else None
    if isinstance(v, tuple):
        return [_json(x) for x in v]
    return v


def timbre_needed(pitch_gap_st: float) -> float:
    """The timbre distance (d') two voices need at a given pitch gap (semitones).

    Interpolated in ``TIMBRE_AT_GAP``: close pitches need a clearly different timbre
    (two men, two women); an octave apart, less. Infinite below ``MIN_PITCH_GAP_ST``.
    """
    if not pitch_gap_st >= MIN_PITCH_GAP_ST:
        return float("inf")
    gaps, needs = zip(*TIMBRE_AT_GAP)
    return float(np.interp(pitch_gap_st, gaps, needs))


def voice_chunks(samples: np.ndarray, sr: int, speech: Sequence[Interval],
                 times_s: np.ndarray, f0_hz: np.ndarray,
                 usable: np.ndarray | None = None) -> list[Chunk]:
    """The voiced chunks of the speech stretches (see the module docstring).

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono samples.
    sr : int > 0
        Sample rate, Hz.
    speech : sequence of Interval
        Speech stretches, s (the speech activity).
    times_s, f0_hz : np.ndarray, shape (m,)
        The F0 track: frame times, s, and F0, Hz (NaN where unvoiced).
    usable : np.ndarray of bool, shape (m,), optional
        The voiced frames to use (default every voiced frame).
    """
    times_s = np.asarray(times_s, dtype=np.float64)
    f0_hz = np.asarray(f0_hz, dtype=np.float64)
    hop_s = float(times_s[1] - times_s[0]) if len(times_s) > 1 else 0.01
    voiced = np.isfinite(f0_hz) & (f0_hz > 0)
    if usable is not None:
        voiced &= np.asarray(usable, dtype=bool)
    pieces: list[np.ndarray] = []
    for iv in speech:
        a, b = np.searchsorted(times_s, [iv.start_s, iv.end_s], side="left")
        idx = a + np.flatnonzero(voiced[a:b])
        if len(idx) * hop_s < MIN_CHUNK_VOICED_S:
            continue
        n = max(1, int(round(len(idx) * hop_s / CHUNK_VOICED_S)))
        pieces += np.array_split(idx, n)
    if not pieces:
        return []
    step = max(1, int(round(MFCC_STEP_S / hop_s)))
    picked = [p[::step] for p in pieces]
    mfcc = mfcc_at(samples, sr, times_s[np.concatenate(picked)], n_mfcc=N_MFCC + 1)[:, 1:]
    bounds = np.cumsum([0] + [len(p) for p in picked])
    duration_s = len(samples) / sr
    return [Chunk(float(times_s[p[0]]), float(min(times_s[p[-1]] + hop_s, duration_s)),
                  len(p) * hop_s,
                  float(12.0 * np.log2(np.median(f0_hz[p]) / _REF_HZ)),
                  tuple(float(v) for v in mfcc[a:b].mean(axis=0)))
            for p, a, b in zip(pieces, bounds[:-1], bounds[1:])]


def two_means(features: np.ndarray, *, weights: np.ndarray | None = None,
              n_iter: int = 50) -> np.ndarray:
    """Labels (0 or 1) of a deterministic 2-means clustering of ``features`` (n, d).

    Columns are standardized first, then multiplied by ``weights`` (d,). Two starts
    are run: the row farthest from the mean with the row farthest from that one, and
    the split at the median of the first column (pitch); the labels with the smaller
    within-group sum of squares win (the first start on a tie; ties of a row go to
    group 0). All zeros when the rows cannot be split.
    """
    x = np.asarray(features, dtype=np.float64)
    sd = x.std(axis=0)
    z = (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    if weights is not None:
        z = z * np.asarray(weights, dtype=np.float64)
    first = int(np.argmax(np.sum(z ** 2, axis=1)))
    second = int(np.argmax(np.sum((z - z[first]) ** 2, axis=1)))
    starts = [z[[first, second]]]
    high = x[:, 0] > np.median(x[:, 0])
    if high.any() and not high.all():
        starts.append(np.stack([z[~high].mean(axis=0), z[high].mean(axis=0)]))
    best, best_ss = np.zeros(len(z), dtype=np.int64), np.inf
    for centres in starts:
        labels = _lloyd(z, centres, n_iter)
        if labels.min() == labels.max():
            continue
        ss = sum(float(np.sum((z[labels == k] - z[labels == k].mean(axis=0)) ** 2))
                 for k in (0, 1))
        if ss < best_ss - 1e-9:
            best, best_ss = labels, ss
    return best


def _lloyd(z: np.ndarray, centres: np.ndarray, n_iter: int) -> np.ndarray:
    """Lloyd's iterations from ``centres`` (2, d): the labels when they stop changing."""
    labels = np.full(len(z), -1, dtype=np.int64)
    for _ in range(n_iter):
        dist = np.sum((z[:, None, :] - centres[None, :, :]) ** 2, axis=2)
        new = (dist[:, 1] < dist[:, 0]).astype(np.int64)
        if np.array_equal(new, labels) or new.min() == new.max():
            return new
        labels = new
        centres = np.stack([z[labels == k].mean(axis=0) for k in (0, 1)])
    return labels


def _timbre_distance(mfcc: np.ndarray, labels: np.ndarray) -> float:
    """Distance of the two groups' mean MFCCs over the pooled within-group spread (d'),
    root mean square over the coefficients."""
    a, b = mfcc[labels == 0], mfcc[labels == 1]
    within = (np.sum((a - a.mean(axis=0)) ** 2, axis=0) + np.sum((b - b.mean(axis=0)) ** 2,
                                                                 axis=0))
    sd = np.sqrt(within / max(len(mfcc) - 2, 1))
    d = (a.mean(axis=0) - b.mean(axis=0)) / np.maximum(sd, 1e-6)
    return float(np.sqrt(np.mean(d ** 2)))


def _runs(labels: np.ndarray, group: int) -> list[tuple[int, int]]:
    """(first, last) chunk index of each run of ``group`` in ``labels`` (time order)."""
    out, start = [], None
    for i, lab in enumerate(labels):
        if lab == group and start is None:
            start = i
        if lab != group and start is not None:
            out.append((start, i - 1))
            start = None
    if start is not None:
        out.append((start, len(labels) - 1))
    return out


def count_voices(samples: np.ndarray, sr: int, activity: Activity,
                 track: F0Track) -> VoiceCount:
    """Whether one channel holds one voice or two taking turns (module docstring).

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono samples.
    sr : int > 0
        Sample rate, Hz.
    activity : Activity
        Its speech activity (:func:`voicecoach.measures.activity.detect`).
    track : F0Track
        Its F0 track (:func:`voicecoach.measures.pitch.track_f0`); only the voiced frames
        that :func:`~voicecoach.measures.pitch.evidence.confident_voicing` keeps within
        the speech (no background periodicity, in the speakers' range, no creak) are used.
    """
    level_db = activity.level_db if abs(activity.hop_s - track.hop_s) < 1e-9 else None
    spans_s = [(iv.start_s, iv.end_s) for iv in activity.intervals]
    voicing = confident_voicing(track, spans_s, activity.intervals, level_db)
    chunks = voice_chunks(samples, sr, activity.intervals, track.times_s, track.f0_hz,
                          voicing.confident)
    voiced_s = float(sum(c.voiced_s for c in chunks))
    snr_db = float(activity.snr_db)
    evidence = VoiceEvidence(len(chunks), voiced_s, snr_db)
    if snr_db < MIN_SNR_DB:
        return VoiceCount(None, evidence, f"too noisy to tell voices apart (speech {snr_db:.0f} "
                          f"dB above the noise, {MIN_SNR_DB:.0f} dB needed)")
    if not activity.reliable:
        return VoiceCount(None, evidence, "too noisy to tell voices apart (speech and noise "
                          "could not be told apart well)")
    if len(chunks) < MIN_CHUNKS or voiced_s < MIN_VOICED_S:
        return VoiceCount(None, evidence, f"too little voiced speech to count voices "
                          f"({voiced_s:.1f} s in {len(chunks)} chunks; {MIN_VOICED_S:.0f} s "
                          f"in {MIN_CHUNKS} chunks needed)")
    f0_st = np.array([c.f0_st for c in chunks])
    mfcc = np.array([c.mfcc for c in chunks])
    labels = two_means(np.column_stack([f0_st, mfcc]),
                       weights=np.r_[PITCH_WEIGHT, np.ones(mfcc.shape[1])])
    if labels.min() == labels.max():
        return VoiceCount(1, evidence, "one voice: the speech does not split into two groups")
    med = [float(np.median(f0_st[labels == k])) for k in (0, 1)]
    low = int(np.argmin(med))
    labels = labels if low == 0 else 1 - labels  # group 0 is the lower voice
    med = sorted(med)
    n_high = int(np.sum(labels == 1))
    # The smaller group; of two equal ones, the voice that did not speak first.
    minor = (int(n_high < len(labels) - n_high) if 2 * n_high != len(labels)
             else 1 - int(labels[0]))
    gap_st = med[1] - med[0]
    runs = _runs(labels, minor)
    evidence = VoiceEvidence(
        len(chunks), voiced_s, float(snr_db), gap_st, _timbre_distance(mfcc, labels),
        timbre_needed(gap_st), float(np.mean(labels == minor)), len(runs),
        tuple(float(_REF_HZ * 2 ** (m / 12.0)) for m in med))
    if (gap_st >= MIN_PITCH_GAP_ST and evidence.timbre_distance >= evidence.timbre_needed
            and len(runs) >= MIN_MINOR_TURNS):
        turns = tuple((chunks[a].start_s, chunks[b].end_s) for a, b in runs)
        return VoiceCount(2, evidence, f"two voices: {len(runs)} turns of a voice "
                          f"{gap_st:.1f} st {'lower' if minor == 0 else 'higher'} and of another "
                          f"timbre (distance {evidence.timbre_distance:.1f}, "
                          f"{evidence.timbre_needed:.1f} needed)", turns)
    return VoiceCount(1, evidence, f"one voice: the two most different groups of its speech "
                      f"differ by {gap_st:.1f} st in pitch and {evidence.timbre_distance:.1f} "
                      f"in timbre ({evidence.timbre_needed:.1f} needed at that pitch gap), "
                      f"the smaller one in {len(runs)} turn{'' if len(runs) == 1 else 's'}")
