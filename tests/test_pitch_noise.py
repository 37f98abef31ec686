"""Pitch that knows when it does not know: background periodicity, creak, too little voicing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import lfilter

from voicecoach.audio import Audio
from voicecoach.measures.activity import detect
from voicecoach.measures.pitch import MIN_CONFIDENT_VOICED_S, measure_pitch, track_f0
from voicecoach.transcript import Transcript, Word

SR = 16_000
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _st(a_hz: float, b_hz: float) -> float:
    return abs(12.0 * np.log2(a_hz / b_hz))


def _tone_complex(f0_hz: float, n: int, rng: np.random.Generator, n_harm: int = 12) -> np.ndarray:
    t = np.arange(n) / SR
    phase = 2 * np.pi * f0_hz * (t + 0.002 / (2 * np.pi * 0.3) * np.sin(2 * np.pi * 0.3 * t))
    return sum(np.sin(k * phase + rng.uniform(0, 2 * np.pi)) / k
               for k in range(1, n_harm + 1) if k * f0_hz < 4000)


def _with_hum(x: np.ndarray, snr_db: float, seed: int = 1) -> np.ndarray:
    """A 235 Hz whine and 50 Hz mains hum (periodic) plus white noise at ``snr_db`` re speech."""
    rng = np.random.default_rng(seed)
    speech = np.zeros(len(x), bool)
    for iv in detect(x, SR).intervals:
        speech[int(iv.start_s * SR):int(iv.end_s * SR)] = True
    hum = _tone_complex(235.0, len(x), rng) + 0.7 * _tone_complex(50.0, len(x), rng, 8)
    noise = 0.7 * hum / np.sqrt(np.mean(hum**2)) + 0.3 * rng.standard_normal(len(x))
    gain = np.sqrt(np.mean(x[speech] ** 2) / np.mean(noise**2)) * 10 ** (-snr_db / 20)
    return (x + gain * noise).astype(np.float32)


@pytest.mark.parametrize("snr_db", [20.0, 15.0, 10.0])
def test_background_hum_is_not_the_voice_even_when_words_cover_everything(snr_db):
    # A male voice (median near 89 Hz) under a whine and mains hum; the transcript's one
    # "word" spans all the speech, as Whisper's words do on a noisy stretch.
    x, sr = sf.read(SAMPLES / "good_opening.flac", dtype="float32")
    assert sr == SR
    clean = measure_pitch(Audio(x, SR), Transcript((Word("all.", 0.5, 27.2),)))
    y = _with_hum(x, snr_db)
    m = measure_pitch(Audio(y, SR), Transcript((Word("all.", 0.5, 27.2),)),
                      activity=detect(y, SR))
    assert _st(m.median_f0_hz, clean.median_f0_hz) < 0.5
    assert _st(m.floor_f0_hz, clean.floor_f0_hz) < 1.0
    assert m.unclear_reason == ""
    assert m.confident_voiced_s >= MIN_CONFIDENT_VOICED_S


def _formants(x: np.ndarray) -> np.ndarray:
    for f_hz, bw_hz in [(600, 80), (1200, 100), (2500, 140)]:
        r = np.exp(-np.pi * bw_hz / SR)
        a = [1.0, -2.0 * r * np.cos(2 * np.pi * f_hz / SR), r * r]
        x = lfilter([sum(a)], a, x)
    return x


def _creaky_phrases(seed: int = 0) -> tuple[np.ndarray, Transcript, np.ndarray]:
    """Four 1.2 s phrases: modal pulses falling 100 -> 75 Hz, then 300 ms of creak (periods
    jittered at 45-65 Hz, amplitude falling). Returns samples, words and the modal F0s."""
    rng = np.random.default_rng(seed)
    pulses = np.zeros(int(7.5 * SR))
    words, modal_hz = [], []
    t0, dur_s, creak_s = 0.3, 1.2, 0.3
    for _ in range(4):
        t, end_modal = t0, t0 + dur_s - creak_s
        while t < end_modal:
            f_hz = 100.0 - 25.0 * (t - t0) / (dur_s - creak_s)
            pulses[int(t * SR)] += 1.0
            modal_hz.append(f_hz)
            t += 1.0 / f_hz
        while t < t0 + dur_s:
            pulses[int(t * SR)] += 0.6 * (1.0 - 0.8 * (t - end_modal) / creak_s)
            t += 1.0 / rng.uniform(45.0, 65.0)
        words.append(Word("word.", t0, t0 + dur_s))
        t0 += dur_s + 0.45
    y = _formants(pulses)
    y = 0.3 * y / np.abs(y).max() + 3e-4 * rng.standard_normal(len(y))
    return y.astype(np.float32), Transcript(tuple(words)), np.array(modal_hz)


def test_creak_at_phrase_ends_does_not_pull_the_median_or_the_floor():
    x, transcript, modal_hz = _creaky_phrases()
    track = track_f0(x, SR)
    assert np.nanmin(track.f0_hz) < 68.0  # the tracker does read the creak as low voicing
    # the modal F0 falls linearly in time, so its median and 10th percentile are known
    median_hz, floor_hz = 100.0 - 25.0 * 0.5, 100.0 - 25.0 * 0.9
    assert modal_hz.max() <= 100.0
    m = measure_pitch(Audio(x, SR), transcript, activity=detect(x, SR))
    assert _st(m.median_f0_hz, median_hz) < 0.5
    assert _st(m.floor_f0_hz, floor_hz) < 0.5


def test_too_little_clear_voicing_is_unclear_not_a_number():
    # Half a second of voice: below the stated minimum, so the reason says so.
    t = np.arange(int(0.5 * SR)) / SR
    voice = sum(np.sin(2 * np.pi * k * 120.0 * t) / k for k in range(1, 20))
    x = np.concatenate([np.zeros(SR // 2), voice, np.zeros(SR // 2)]).astype(np.float32)
    m = measure_pitch(Audio(0.1 * x, SR), Transcript((Word("hi.", 0.5, 1.0),)))
    assert m.confident_voiced_s < MIN_CONFIDENT_VOICED_S
    assert m.unclear_reason.startswith("pitch unclear:")
    assert f"{MIN_CONFIDENT_VOICED_S:.1f} s needed" in m.unclear_reason
    assert m.to_dict()["unclear_reason"] == m.unclear_reason


def test_heavy_periodic_noise_is_withheld_or_right():
    x, _ = sf.read(SAMPLES / "good_opening.flac", dtype="float32")
    clean = measure_pitch(Audio(x, SR), Transcript((Word("all.", 0.5, 27.2),)))
    y = _with_hum(x, 5.0)
    m = measure_pitch(Audio(y, SR), Transcript((Word("all.", 0.5, 27.2),)),
                      activity=detect(y, SR))
    assert m.unclear_reason.startswith("pitch unclear: noisy") or (
        _st(m.median_f0_hz, clean.median_f0_hz) < 0.5)
