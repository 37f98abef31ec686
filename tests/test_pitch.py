"""Pitch tracking and pitch measures against synthetic signals with known F0."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.audio import Audio
from voicecoach.measures.pitch import (
    F0Track,
    PitchMeasures,
    measure_pitch,
    pitch_variation_st,
    speaker_range_hz,
    track_f0,
)
from voicecoach.measures.pitch.path import NO_CANDIDATE, best_path
from voicecoach.transcript import Transcript, Word

SR = 16_000
HOP_S = 0.01


def harmonic(f0_hz, duration_s: float, *, sr: int = SR, seed: int = 0) -> np.ndarray:
    """A voiced-like harmonic complex: harmonics up to 4 kHz with a -6 dB/octave tilt.

    ``f0_hz`` is a number or a function of time in seconds (array in, Hz out).
    """
    t = np.arange(int(duration_s * sr)) / sr
    f0 = f0_hz(t) if callable(f0_hz) else np.full_like(t, float(f0_hz))
    phase = 2 * np.pi * np.cumsum(f0) / sr
    rng = np.random.default_rng(seed)
    x = np.zeros_like(t)
    for k in range(1, int(4000 / f0.min()) + 1):
        amp = np.where(k * f0 < min(4000, sr / 2 - 200), 1.0 / k, 0.0)
        x += amp * np.sin(k * phase + rng.uniform(0, 2 * np.pi))
    return (0.3 * x / np.max(np.abs(x))).astype(np.float32)


def telephone(x: np.ndarray, sr: int = SR) -> np.ndarray:
    """8 kHz, 300-3400 Hz band-pass: the fundamental (and for low voices the 2nd harmonic) gone."""
    from scipy.signal import butter, resample_poly, sosfilt

    narrow = resample_poly(x, 1, sr // 8000)
    sos = butter(6, [300, 3400], btype="bandpass", fs=8000, output="sos")
    return sosfilt(sos, narrow).astype(np.float32)


def st_error(est_hz: np.ndarray, true_hz: np.ndarray) -> np.ndarray:
    return np.abs(12 * np.log2(est_hz / true_hz))


def interior(track: F0Track, start_s: float, end_s: float, margin_s: float = 0.05) -> np.ndarray:
    return (track.times_s >= start_s + margin_s) & (track.times_s <= end_s - margin_s)


# ------------------------------------------------------------------- tracker


@pytest.mark.parametrize("f0_hz", [80.0, 110.0, 150.0, 220.0, 300.0, 400.0])
def test_steady_f0_is_found_within_a_fifth_of_a_semitone(f0_hz):
    track = track_f0(harmonic(f0_hz, 1.0), SR)
    inside = interior(track, 0.0, 1.0)
    assert track.voiced[inside].mean() >= 0.98
    err = st_error(track.f0_hz[inside & track.voiced], f0_hz)
    assert np.median(err) < 0.1
    assert err.max() < 0.2


@pytest.mark.parametrize("f0_hz", [90.0, 120.0, 180.0, 250.0])
@pytest.mark.parametrize("rate", ["8k", "16k"])
def test_telephone_band_missing_fundamental_is_recovered(f0_hz, rate):
    narrow = telephone(harmonic(f0_hz, 1.0))
    if rate == "8k":
        x, sr = narrow, 8000
    else:
        from scipy.signal import resample_poly

        x, sr = resample_poly(narrow, 2, 1).astype(np.float32), SR
    track = track_f0(x, sr)
    inside = interior(track, 0.0, 1.0)
    assert track.voiced[inside].mean() >= 0.95
    err = st_error(track.f0_hz[inside & track.voiced], f0_hz)
    assert np.mean(err > 12 * math.log2(1.2)) < 0.03  # gross errors (> 20 % off)
    assert np.median(err) < 0.2


def test_glide_is_followed_frame_by_frame():
    def f0(t):
        return 100.0 * 3.0 ** (t / 1.5)  # 100 -> 300 Hz in 1.5 s

    track = track_f0(harmonic(f0, 1.5), SR)
    inside = interior(track, 0.0, 1.5)
    assert track.voiced[inside].mean() >= 0.97
    err = st_error(track.f0_hz[inside], f0(track.times_s[inside]))
    assert np.mean(err < 0.5) >= 0.97


def test_octave_jump_is_not_smoothed_over():
    def f0(t):
        return np.where(t < 0.75, 120.0, 240.0)

    track = track_f0(harmonic(f0, 1.5), SR)
    low = interior(track, 0.0, 0.75, 0.06)
    high = interior(track, 0.75, 1.5, 0.06)
    assert np.all(st_error(track.f0_hz[low], 120.0) < 0.3)
    assert np.all(st_error(track.f0_hz[high], 240.0) < 0.3)


def test_vibrato_is_tracked():
    def f0(t):
        return 200.0 * (1.0 + 0.05 * np.sin(2 * np.pi * 5.5 * t))

    track = track_f0(harmonic(f0, 1.5), SR)
    inside = interior(track, 0.0, 1.5)
    err = st_error(track.f0_hz[inside], f0(track.times_s[inside]))
    assert np.mean(err < 0.4) >= 0.95


def test_noise_stretch_is_unvoiced_and_voicing_error_is_small():
    rng = np.random.default_rng(1)
    voiced = harmonic(150.0, 0.6)
    noise = (0.1 * rng.standard_normal(int(0.6 * SR))).astype(np.float32)
    x = np.concatenate([voiced, noise, voiced])
    track = track_f0(x, SR)
    truth = (track.times_s < 0.6) | (track.times_s >= 1.2)
    assert np.mean(track.voiced != truth) < 0.10
    assert np.mean(track.voiced[interior(track, 0.6, 1.2)]) <= 0.05


def test_silence_and_faint_noise_have_no_voiced_frames():
    rng = np.random.default_rng(2)
    for x in (np.zeros(SR, np.float32), (1e-4 * rng.standard_normal(SR)).astype(np.float32)):
        track = track_f0(x, SR)
        assert len(track) == 101
        assert not track.voiced.any()


def test_level_does_not_matter():
    x = harmonic(130.0, 1.0)
    loud, quiet = track_f0(x, SR), track_f0(x * 1e-3, SR)
    both = loud.voiced & quiet.voiced
    assert np.mean(loud.voiced == quiet.voiced) >= 0.98
    assert np.allclose(loud.f0_hz[both], quiet.f0_hz[both], rtol=1e-3)


def test_track_shape_times_and_periodicity_range():
    x = harmonic(200.0, 1.234)
    track = track_f0(x, SR, hop_s=0.005)
    assert len(track) == math.floor(1.234 / 0.005) + 1
    assert np.allclose(track.times_s, np.arange(len(track)) * 0.005)
    assert track.hop_s == pytest.approx(0.005)
    assert np.all((track.periodicity >= 0.0) & (track.periodicity <= 1.0))
    assert np.median(track.periodicity[track.voiced]) > 0.9
    assert np.array_equal(track.voiced, np.isfinite(track.f0_hz))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"fmin_hz": 500.0, "fmax_hz": 100.0}, "fmin_hz"),
        ({"hop_s": 0.0}, "hop_s"),
        ({"fmax_hz": 900.0}, "sample rate"),
    ],
)
def test_bad_settings_are_rejected_with_the_rule(kwargs, message):
    sr = 3000 if "fmax_hz" in kwargs and kwargs["fmax_hz"] == 900.0 else SR
    with pytest.raises(ValueError, match=message):
        track_f0(np.zeros(sr, np.float32), sr, **kwargs)


def test_empty_and_multichannel_input():
    assert len(track_f0(np.zeros(0, np.float32), SR)) == 0
    with pytest.raises(ValueError, match="1-D"):
        track_f0(np.zeros((SR, 2), np.float32), SR)


# ------------------------------------------------------------------- measures


def _words(spans: list[tuple[str, float, float]]) -> Transcript:
    return Transcript(tuple(Word(text, a, b) for text, a, b in spans))


def _audio(x: np.ndarray) -> Audio:
    return Audio(x.astype(np.float32), SR)


def test_measures_of_a_glide_match_its_known_distribution():
    # 100 -> 200 Hz, uniform in semitones over 2 s: every percentile is known.
    def f0(t):
        return 100.0 * 2.0 ** (t / 2.0)

    pad = np.zeros(int(0.5 * SR), np.float32)
    x = np.concatenate([pad, harmonic(lambda t: f0(t), 2.0), pad])
    transcript = _words([("one", 0.5, 1.5), ("two.", 1.5, 2.5)])
    m = measure_pitch(_audio(x), transcript)
    assert m.median_f0_hz == pytest.approx(100 * 2**0.5, rel=0.02)
    assert m.floor_f0_hz == pytest.approx(100 * 2**0.1, rel=0.02)
    assert m.median_above_floor_st == pytest.approx(12 * 0.4, abs=0.3)
    assert m.range_st == pytest.approx(12 * 0.9, abs=0.4)
    assert m.voiced_share > 0.9


def test_steady_voice_has_no_range_and_no_variation():
    x = harmonic(150.0, 2.0)
    m = measure_pitch(_audio(x), _words([("hello", 0.0, 1.0), ("there.", 1.0, 2.0)]))
    assert m.median_f0_hz == pytest.approx(150.0, rel=0.01)
    assert m.range_st < 0.3
    assert m.variation_st < 0.2
    assert m.median_above_floor_st < 0.2


def test_variation_is_the_robust_spread_per_window_and_ignores_rare_octave_errors():
    rng = np.random.default_rng(3)
    t = np.arange(0, 24.0, 0.01)
    semis = rng.normal(0.0, 3.0, len(t))
    f0 = 150.0 * 2.0 ** (semis / 12)
    f0[rng.random(len(t)) < 0.03] *= 2.0  # 3 % octave errors
    assert pitch_variation_st(t, f0, 0.01) == pytest.approx(3.0, abs=0.3)
    flat = 150.0 * 2.0 ** (rng.normal(0.0, 0.5, len(t)) / 12)
    assert pitch_variation_st(t, flat, 0.01) == pytest.approx(0.5, abs=0.1)


def test_variation_takes_the_median_over_8_s_windows():
    rng = np.random.default_rng(4)
    t = np.arange(0, 32.0, 0.01)
    sd = np.where(t < 24.0, 1.0, 6.0)  # lively only in the last 8 s
    f0 = 150.0 * 2.0 ** (rng.normal(0.0, 1.0, len(t)) * sd / 12)
    assert pitch_variation_st(t, f0, 0.01) == pytest.approx(1.0, abs=0.2)


def test_terminal_contours_rise_fall_and_level():
    def fall(t):
        return 180.0 * (110.0 / 180.0) ** (t / 1.2)

    def rise(t):
        return 120.0 * (200.0 / 120.0) ** (t / 1.2)

    gap = np.zeros(int(0.4 * SR), np.float32)
    x = np.concatenate([gap, harmonic(fall, 1.2), gap, harmonic(rise, 1.2), gap,
                        harmonic(140.0, 1.2), gap])
    transcript = _words([
        ("It", 0.4, 0.8), ("is", 0.8, 1.2), ("due.", 1.2, 1.6),
        ("Can", 2.0, 2.4), ("you", 2.4, 2.8), ("pay?", 2.8, 3.2),
        ("Thank", 3.6, 4.2), ("you.", 4.2, 4.8),
    ])
    m = measure_pitch(_audio(x), transcript)
    fall_c, rise_c, level_c = m.contours
    # over the final 0.5 s a log-linear glide changes by 0.5 / 1.2 of its total interval
    assert fall_c.contour == "fall" and not fall_c.is_question
    assert fall_c.slope_st == pytest.approx(12 * math.log2(110 / 180) * 0.5 / 1.2, abs=0.7)
    assert rise_c.contour == "rise" and rise_c.is_question
    assert rise_c.slope_st == pytest.approx(12 * math.log2(200 / 120) * 0.5 / 1.2, abs=0.7)
    assert level_c.contour == "level" and abs(level_c.slope_st) < 0.3
    assert [c.sentence_index for c in m.contours] == [0, 1, 2]
    assert rise_c.end_s == pytest.approx(3.2)


def test_sentence_without_voicing_has_unknown_contour():
    x = np.concatenate([harmonic(150.0, 1.0), np.zeros(SR, np.float32)])
    transcript = _words([("Yes.", 0.1, 0.9), ("Hmm.", 1.2, 1.8)])
    contours = measure_pitch(_audio(x), transcript).contours
    assert [c.contour for c in contours] == ["level", "unknown"]
    assert contours[1].slope_st == 0.0


def test_no_voiced_speech_gives_zeros_not_nans():
    x = np.zeros(2 * SR, np.float32)
    m = measure_pitch(_audio(x), _words([("hello.", 0.2, 0.8)]))
    assert isinstance(m, PitchMeasures)
    assert not m.has_voiced_speech
    assert m.voiced_share == 0.0 and m.median_f0_hz == 0.0 and m.variation_st == 0.0
    assert m.contours[0].contour == "unknown"
    d = m.to_dict()
    assert all(math.isfinite(v) for v in d.values() if isinstance(v, float))


def test_statistics_ignore_voicing_outside_words():
    # A 300 Hz tone where nobody is transcribed must not pull the median up.
    x = np.concatenate([harmonic(120.0, 1.0), harmonic(300.0, 1.0)])
    m = measure_pitch(_audio(x), _words([("hello", 0.0, 0.45), ("there.", 0.45, 0.9)]))
    assert m.median_f0_hz == pytest.approx(120.0, rel=0.02)


def test_given_track_is_used_and_to_dict_is_plain():
    x = harmonic(150.0, 1.0)
    track = track_f0(x, SR)
    fake = F0Track(track.times_s, track.f0_hz * 2.0, track.periodicity)
    m = measure_pitch(_audio(x), _words([("hi.", 0.0, 1.0)]), track=fake)
    assert m.median_f0_hz == pytest.approx(300.0, rel=0.01)
    d = m.to_dict()
    assert set(d) == {"median_f0_hz", "floor_f0_hz", "median_above_floor_st", "range_st",
                      "variation_st", "voiced_share", "contours", "confident_voiced_s",
                      "unclear_reason", "word_f0_hz"}
    assert d["contours"][0]["contour"] in {"rise", "fall", "level", "unknown"}
    assert d["word_f0_hz"] == [pytest.approx(300.0, rel=0.01)]


def test_word_f0_is_each_words_own_pitch():
    # Three words on 110, 140 and 180 Hz, the last word over silence: no F0 of its own.
    x = np.concatenate([harmonic(110.0, 0.5), harmonic(140.0, 0.5), harmonic(180.0, 0.5),
                        np.zeros(SR // 2, dtype=np.float32)])
    words = _words([("one", 0.05, 0.45), ("two", 0.55, 0.95), ("three", 1.05, 1.45),
                    ("four.", 1.6, 1.95)])
    m = measure_pitch(_audio(x), words)
    assert m.word_f0_hz[:3] == pytest.approx((110.0, 140.0, 180.0), rel=0.02)
    assert math.isnan(m.word_f0_hz[3])


# ------------------------------------------------------------------- path search


JUMP, SWITCH = 0.35, 0.14  # octave-jump and voicing-change costs for the path tests


def _reference_viterbi(freqs, strengths, unvoiced):
    """Unpruned Viterbi over all candidates, written plainly; returns the best score."""
    n, k = freqs.shape
    score = np.concatenate([strengths, unvoiced[:, None]], axis=1)
    delta = score[0].copy()
    for t in range(1, n):
        cost = np.zeros((k + 1, k + 1))
        for i in range(k + 1):
            for j in range(k + 1):
                if i < k and j < k:
                    cost[i, j] = JUMP * abs(np.log2(freqs[t - 1, i] / freqs[t, j]))
                elif (i < k) != (j < k):
                    cost[i, j] = SWITCH
        delta = (delta[:, None] - cost).max(axis=0) + score[t]
    return float(delta.max())


def _path_score(path, freqs, strengths, unvoiced):
    k = freqs.shape[1]
    total = 0.0
    for t, s in enumerate(path):
        total += unvoiced[t] if s == k else strengths[t, s]
        if t:
            p = path[t - 1]
            if p < k and s < k:
                total -= JUMP * abs(np.log2(freqs[t - 1, p] / freqs[t, s]))
            elif (p < k) != (s < k):
                total -= SWITCH
    return total


@pytest.mark.parametrize("seed", range(5))
def test_pruned_path_search_finds_the_optimal_path(seed):
    rng = np.random.default_rng(seed)
    n, k = 300, 4
    freqs = 2.0 ** rng.uniform(np.log2(60), np.log2(500), (n, k))
    strengths = rng.uniform(0.1, 0.8, (n, k))
    missing = rng.random((n, k)) < 0.2
    strengths[missing], freqs[missing] = NO_CANDIDATE, 1.0
    unvoiced = np.where(rng.random(n) < 0.3, rng.uniform(0.45, 2.45, n), 0.45)
    path = best_path(freqs, strengths, unvoiced, octave_jump_cost=JUMP, voiced_unvoiced_cost=SWITCH)
    best = _reference_viterbi(freqs, strengths, unvoiced)
    assert _path_score(path, freqs, strengths, unvoiced) == pytest.approx(best, abs=1e-9)
    assert not np.any(missing[np.arange(n)[path < k], path[path < k]])


# ------------------------------------------------------------------- speaker range


def test_speaker_range_follows_the_quartiles_and_needs_enough_frames():
    f0 = np.linspace(100.0, 200.0, 101)  # quartiles 125 and 175 Hz
    lo, hi = speaker_range_hz(f0)
    assert lo == pytest.approx(0.75 * 125.0) and hi == pytest.approx(min(500.0, 2.5 * 175.0))
    assert speaker_range_hz(f0[:20]) == (0.0, 0.0)
    assert speaker_range_hz(np.full(100, 70.0))[0] == 60.0  # clipped to the search range


def test_far_off_frames_are_left_out_of_the_measures():
    # A 110 Hz voice whose last word carries a burst of 440 Hz tone (an artefact a tracker
    # reads as voicing): the median, range and the terminal contour must ignore it.
    x = np.concatenate([harmonic(110.0, 1.6), harmonic(440.0, 0.15), np.zeros(SR // 4)])
    x = x.astype(np.float32)
    transcript = _words([("it", 0.0, 0.8), ("is", 0.8, 1.2), ("due.", 1.2, 1.75)])
    m = measure_pitch(_audio(x), transcript)
    assert m.median_f0_hz == pytest.approx(110.0, rel=0.02)
    assert m.range_st < 1.0
    assert m.contours[0].contour == "level"
    # a precomputed single-pass track is cleaned the same way
    track = track_f0(x, SR)
    assert np.nanmax(track.f0_hz) > 400.0
    m2 = measure_pitch(_audio(x), transcript, track=track)
    assert m2.range_st < 1.0 and m2.contours[0].contour == "level"


def test_question_rise_of_an_octave_stays_inside_the_speaker_range():
    def f0(t):
        return 120.0 * 2.0 ** np.clip((t - 1.5) / 0.5, 0.0, 1.0)  # +12 st in the last 0.5 s

    x = harmonic(f0, 2.0)
    m = measure_pitch(_audio(x), _words([("you", 0.0, 1.0), ("pay?", 1.0, 2.0)]))
    assert m.contours[0].contour == "rise"
    assert m.contours[0].slope_st == pytest.approx(12.0, abs=1.5)


# ------------------------------------------------------------------- front end


def test_front_end_is_seamless_across_chunks(monkeypatch):
    from voicecoach.measures.pitch import frontend

    rng = np.random.default_rng(5)
    x = np.concatenate([harmonic(140.0, 1.3), 0.05 * rng.standard_normal(SR)]).astype(np.float32)
    whole = frontend.front_end(x, SR, 336)
    monkeypatch.setattr(frontend, "_CHUNK_S", 0.05)
    chunked = frontend.front_end(x, SR, 336)
    assert np.allclose(whole.xd, chunked.xd, atol=1e-6)
    assert np.allclose(whole.share, chunked.share, atol=1e-6)
    from scipy.signal import upfirdn  # the reference decimator

    taps = frontend._lowpass_taps(17, 3200.0, SR)
    ref = upfirdn(taps, x - x.mean(), 1, 2)[4 : 4 + len(whole.xd)]
    assert np.allclose(whole.xd, ref, atol=1e-5)


def test_non_finite_samples_are_silence():
    x = harmonic(150.0, 1.0)
    x[4000:6000] = np.nan
    x[9000] = np.inf
    track = track_f0(x, SR)
    assert np.all(np.isfinite(track.periodicity))
    assert not track.voiced[(track.times_s > 0.28) & (track.times_s < 0.35)].any()
    assert np.median(st_error(track.f0_hz[track.voiced], 150.0)) < 0.1


# ------------------------------------------------------------------- any input


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(0, 3 * SR),
    sr=st.sampled_from([8000, 11025, 16000, 22050, 44100]),
    level=st.floats(0.0, 1.0),
    kind=st.sampled_from(["noise", "tone", "clicks", "constant"]),
    seed=st.integers(0, 1000),
)
def test_any_signal_gives_finite_values_inside_the_recording(n, sr, level, kind, seed):
    rng = np.random.default_rng(seed)
    t = np.arange(n) / sr
    x = {
        "noise": rng.standard_normal(n),
        "tone": np.sin(2 * np.pi * rng.uniform(50, 600) * t),
        "clicks": (rng.random(n) < 0.001).astype(float),
        "constant": np.ones(n),
    }[kind]
    x = (level * x).astype(np.float32)
    track = track_f0(x, sr)
    assert len(track) == (math.floor(n / sr / 0.01) + 1 if n else 0)
    assert np.all(track.times_s <= n / sr + 1e-9)
    assert np.all(np.isfinite(track.periodicity))
    f0 = track.f0_hz[track.voiced]
    assert np.all((f0 >= 60.0) & (f0 <= 500.0))
    if n >= sr:
        audio = Audio(x, sr)
        words = _words([("a", 0.1, 0.4), ("b.", 0.5, min(0.9, n / sr))])
        d = measure_pitch(audio, words).to_dict()
        numbers = [v for v in d.values() if isinstance(v, float)]
        numbers += [c["slope_st"] for c in d["contours"]] + [c["end_s"] for c in d["contours"]]
        assert all(math.isfinite(v) for v in numbers)


def test_contour_ignores_an_earlier_word_beyond_a_long_break():
    # A 100 Hz word, a 0.22 s break, then a short last word falling 130 -> 110 Hz: the last
    # 0.5 s of voicing, taken whole, would mix in the low word and flatten the fall.
    def last(t):
        return 130.0 * (110.0 / 130.0) ** (t / 0.2)

    x = np.concatenate([harmonic(100.0, 0.8), np.zeros(int(0.22 * SR), np.float32),
                        harmonic(last, 0.2), np.zeros(SR // 5, np.float32)])
    m = measure_pitch(_audio(x), _words([("on", 0.0, 0.8), ("third.", 1.02, 1.22)]))
    assert m.contours[0].contour == "fall"
    assert m.contours[0].slope_st == pytest.approx(12 * math.log2(110 / 130), abs=0.8)
