"""The degradation recipe of the per-condition benchmark (benchmarks/degrade.py)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from benchmarks import degrade as d

SR = 16_000
SEGMENTS = ((0.3, 1.1), (1.6, 2.4), (3.0, 3.7))


def _speech(seed: int = 0, f0_hz: float = 140.0) -> np.ndarray:
    """Voiced-like bursts (a harmonic buzz at ``f0_hz``) inside SEGMENTS, silence elsewhere."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(4.0 * SR)) / SR
    buzz = sum(np.sin(2 * np.pi * f0_hz * k * t) / k for k in range(1, 12))
    x = 0.3 * buzz * (1 + 0.1 * rng.standard_normal(len(t)))
    return np.where(d.active_mask(len(t), SR, SEGMENTS), x, 0.0)


def _talkers() -> list[np.ndarray]:
    """Babble voices at other pitches than the speech, so the two stay uncorrelated."""
    return [np.roll(_speech(k, f0_hz=173.0 + 31 * k), 1000 * k) for k in range(1, 4)]


@pytest.mark.parametrize("condition", d.CONDITIONS, ids=lambda c: c.name)
def test_recipe_is_deterministic_for_a_seed(condition):
    if condition.kind == "gsm" and shutil.which("sox") is None:
        pytest.skip("sox not installed")
    x = _speech()
    a, sr_a = d.apply(condition, x, SR, SEGMENTS, seed=7, talkers=_talkers())
    b, sr_b = d.apply(condition, x, SR, SEGMENTS, seed=7, talkers=_talkers())
    assert sr_a == sr_b
    np.testing.assert_array_equal(a, b)
    assert np.max(np.abs(a)) <= 1.0
    assert len(a) == round(len(x) * sr_a / SR)


@pytest.mark.parametrize("kind", d.NOISES)
def test_noise_differs_between_seeds(kind):
    condition = next(c for c in d.CONDITIONS if c.kind == kind)
    a, _ = d.apply(condition, _speech(), SR, SEGMENTS, seed=1, talkers=_talkers())
    b, _ = d.apply(condition, _speech(), SR, SEGMENTS, seed=2, talkers=_talkers())
    assert not np.allclose(a, b)


@pytest.mark.parametrize("kind", d.NOISES)
@pytest.mark.parametrize("snr_db", d.SNRS_DB)
def test_the_snr_set_is_the_snr_measured(kind, snr_db):
    x = _speech()
    condition = next(c for c in d.CONDITIONS if c.kind == kind and c.snr_db == snr_db)
    y, sr = d.apply(condition, x, SR, SEGMENTS, seed=3, talkers=_talkers())
    assert sr == SR
    active = d.active_mask(len(x), SR, SEGMENTS)
    # ``apply`` may scale the whole mix down to fit; the scale is the same for both parts.
    gain = np.dot(y[active], x[active]) / np.dot(x[active], x[active])
    noise = y - gain * x
    assert abs(d.measure_snr_db(gain * x, noise, active) - snr_db) <= 0.5
    assert np.mean(noise[~active] ** 2) > 0  # the noise covers the pauses too


def test_add_noise_scales_to_the_snr_over_active_samples_only():
    x = _speech()
    active = d.active_mask(len(x), SR, SEGMENTS)
    noise = d.white_noise(len(x), np.random.default_rng(0))
    y = d.add_noise(x, noise, 10.0, active)
    assert d.measure_snr_db(x, y - x, active) == pytest.approx(10.0, abs=1e-9)


def test_digital_silence_is_exact_zeros_outside_speech():
    x = _speech()
    gated = next(c for c in d.CONDITIONS if c.kind == "gated")
    y, _ = d.apply(gated, x, SR, SEGMENTS, seed=0)
    active = d.active_mask(len(x), SR, SEGMENTS)
    assert np.all(y[~active] == 0.0)
    assert np.all(np.abs(y[active]) > 0)  # noise inside the speech, no zeros there
    assert d.measure_snr_db(x, y - x, active) == pytest.approx(20.0, abs=0.5)


def test_mulaw_round_trip_keeps_length_and_quantizes_to_256_levels():
    x = 0.8 * np.sin(2 * np.pi * 300 * np.arange(8000) / 8000)
    y = d.mulaw_round_trip(x)
    assert len(y) == len(x)
    assert len(np.unique(y)) <= 256
    assert np.max(np.abs(y - x)) < 0.03  # mu-law's coarsest step near full scale


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox not installed")
def test_gsm_round_trip_keeps_length_and_the_signal():
    t = np.arange(int(1.23 * d.PHONE_SR)) / d.PHONE_SR
    x = 0.5 * np.sin(2 * np.pi * 440 * t)
    y = d.gsm_round_trip(x, d.PHONE_SR)
    assert len(y) == len(x)
    assert np.corrcoef(x[800:-800], y[800:-800])[0, 1] > 0.8
    with pytest.raises(ValueError):
        d.gsm_round_trip(x, 16_000)


@pytest.mark.parametrize("kind", ["mulaw", "gsm"])
def test_phone_conditions_give_8_khz_of_the_same_duration(kind):
    if kind == "gsm" and shutil.which("sox") is None:
        pytest.skip("sox not installed")
    x = _speech()
    condition = next(c for c in d.CONDITIONS if c.kind == kind)
    y, sr = d.apply(condition, x, SR, SEGMENTS, seed=0)
    assert sr == d.PHONE_SR
    assert len(y) / sr == pytest.approx(len(x) / SR, abs=1 / sr)


def test_mp3_round_trip_keeps_length_and_alignment():
    x = _speech()
    y = d.mp3_round_trip(x, SR)
    assert len(y) == len(x)
    lags = range(-400, 401, 4)
    best = max(lags, key=lambda lag: np.dot(x[4000:60000], np.roll(y, -lag)[4000:60000]))
    assert abs(best) <= 4


def test_gain_clipping_and_dc_conditions():
    x = _speech()
    by_kind = {c.kind: c for c in d.CONDITIONS}
    low, _ = d.apply(by_kind["low_gain"], x, SR, SEGMENTS, seed=0)
    assert 20 * np.log10(np.max(np.abs(low))) == pytest.approx(-35.0, abs=1e-6)
    clipped, _ = d.apply(by_kind["clipped"], x, SR, SEGMENTS, seed=0)
    assert np.max(np.abs(clipped)) == 1.0
    assert np.mean(np.abs(clipped[d.active_mask(len(x), SR, SEGMENTS)]) == 1.0) > 0.05
    dc, _ = d.apply(by_kind["dc"], x, SR, SEGMENTS, seed=0)
    assert np.mean(dc) == pytest.approx(0.25, abs=0.01)


@pytest.mark.parametrize("rt60_s", [0.4, 0.8])
def test_room_impulse_response_decays_60_db_over_rt60(rt60_s):
    rir = d.room_impulse_response(SR, rt60_s, np.random.default_rng(0))
    assert rir[0] == 1.0
    tail = rir[1:] ** 2
    energy = np.cumsum(tail[::-1])[::-1]  # Schroeder backward integration
    assert np.sum(tail) == pytest.approx(rt60_s / 0.4, rel=1e-9)  # DRR 10 log10(0.4 / RT60)
    t_s = np.arange(1, len(rir)) / SR
    decay_db = 10 * np.log10(energy / energy[0])
    i5, i25 = np.argmax(decay_db <= -5), np.argmax(decay_db <= -25)
    rt60_measured_s = 3 * (t_s[i25] - t_s[i5])  # T20 extrapolated to 60 dB
    assert rt60_measured_s == pytest.approx(rt60_s, rel=0.15)
