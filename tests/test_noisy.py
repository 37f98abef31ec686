"""Noise nearly as loud as the speech: the pauses, pace, questions and pitch are withheld.

The bundled samples with white and pink noise at known SNRs over their speech
(benchmarks.degrade's seeded recipe): at 10 dB and below the take is not scored, with
the reason; at 15 dB and above, and clean, the noise check leaves it scored.
"""

import json

import numpy as np
import pytest
from conftest import SAMPLES, SR, FakeTranscriber, spread_words

from benchmarks.degrade import active_mask, add_noise, pink_noise, white_noise
from voicecoach.assess.assess import NOT_JUDGED, RETAKE_LESS_NOISE, WITHHELD_GROUPS
from voicecoach.audio import from_array, load
from voicecoach.measures.activity import NOISY_BELOW_DB, detect
from voicecoach.pipeline import analyze_audio

NAMES = ("good_opening", "rushed_opening", "clipped_consonants", "high_monotone")
NOISES = {"white": lambda n, rng: white_noise(n, rng),
          "pink": lambda n, rng: pink_noise(n, SR, rng)}


def segments(name: str) -> list[dict]:
    return json.loads((SAMPLES / f"{name}.truth.json").read_text())["segments"]


def noisy(name: str, kind: str, snr_db: float | None) -> np.ndarray:
    x = load(SAMPLES / f"{name}.flac").samples.astype(np.float64)
    if snr_db is None:
        return x.astype(np.float32)
    active = active_mask(len(x), SR, [(s["start_s"], s["end_s"]) for s in segments(name)])
    noise = NOISES[kind](len(x), np.random.default_rng(0))
    return add_noise(x, noise, snr_db, active).astype(np.float32)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", NOISES)
def test_the_speech_over_the_noise_separates_10_from_15_db(name, kind):
    assert detect(noisy(name, kind, 10.0), SR).snr_db < NOISY_BELOW_DB
    assert detect(noisy(name, kind, 5.0), SR).snr_db < NOISY_BELOW_DB
    assert detect(noisy(name, kind, 15.0), SR).snr_db >= NOISY_BELOW_DB
    assert detect(noisy(name, kind, None), SR).snr_db >= NOISY_BELOW_DB


def analyze(name: str, kind: str, snr_db: float | None):
    segs = segments(name)
    words = spread_words([(s["start_s"], s["end_s"]) for s in segs], [s["text"] for s in segs])
    return analyze_audio(from_array(noisy(name, kind, snr_db), SR, path="take.wav"),
                         consonants=False, transcriber=FakeTranscriber(words))


def test_a_take_under_loud_noise_is_not_scored():
    report = analyze("good_opening", "white", 10.0)
    a = report.assessment
    assert a.score is None and a.message.startswith("Not scored: the noise is nearly as loud")
    assert a.retake == RETAKE_LESS_NOISE
    assert all(f.verdict == NOT_JUDGED for f in a.findings if f.group in WITHHELD_GROUPS)
    assert report.to_dict()["measures"]["speech_over_floor_db"] < NOISY_BELOW_DB


@pytest.mark.parametrize("snr_db", [None, 20.0])
def test_a_take_above_the_noise_is_scored(snr_db):
    report = analyze("good_opening", "white", snr_db)
    assert report.assessment.score is not None
    assert report.to_dict()["measures"]["speech_over_floor_db"] >= NOISY_BELOW_DB
