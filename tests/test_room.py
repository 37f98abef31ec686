"""The room's echo from the decay after each phrase: known reverberation times.

The bundled samples are reverberated with benchmarks.degrade's synthetic room (RT60 0.4
and 0.8 s, the corpus conditions); the dry samples must not be called echoing.
"""

import json

import numpy as np
import pytest
from conftest import SAMPLES, SR, FakeTranscriber, spread_words

from benchmarks.degrade import active_mask, add_noise, reverberate, white_noise
from voicecoach.assess.assess import NOT_JUDGED, RETAKE_CLOSER
from voicecoach.audio import from_array, load
from voicecoach.measures.activity import detect
from voicecoach.measures.room import ECHO_RT60_S, measure_room
from voicecoach.pipeline import analyze_audio

DRY = ("good_opening", "clipped_consonants", "high_monotone", "two_party_call")


def sample(name: str) -> np.ndarray:
    return load(SAMPLES / f"{name}.flac").samples.astype(np.float64)


@pytest.mark.parametrize("name", DRY)
def test_a_dry_recording_does_not_echo(name):
    room = measure_room(detect(sample(name).astype(np.float32), SR))
    assert room.rt60_s is not None and room.rt60_s < 0.2 and not room.echoing


@pytest.mark.parametrize("name", DRY)
@pytest.mark.parametrize("rt60_s", [0.4, 0.8])
def test_the_room_is_measured(name, rt60_s):
    wet = reverberate(sample(name), SR, rt60_s, np.random.default_rng(1))
    room = measure_room(detect(wet.astype(np.float32), SR))
    assert room.rt60_s == pytest.approx(rt60_s, abs=0.1)
    assert room.echoing


def test_noise_over_the_tail_leaves_the_room_undecided():
    x = sample("good_opening")
    truth = json.loads((SAMPLES / "good_opening.truth.json").read_text())
    active = active_mask(len(x), SR, [(s["start_s"], s["end_s"]) for s in truth["segments"]])
    noisy = add_noise(x, white_noise(len(x), np.random.default_rng(0)), 10.0, active)
    room = measure_room(detect(noisy.astype(np.float32), SR))
    assert room.rt60_s is None and not room.echoing


def test_an_echoing_take_is_not_scored():
    truth = json.loads((SAMPLES / "good_opening.truth.json").read_text())
    segments = [(s["start_s"], s["end_s"]) for s in truth["segments"]]
    wet = reverberate(sample("good_opening"), SR, 0.8, np.random.default_rng(1))
    report = analyze_audio(from_array(wet.astype(np.float32), SR, path="take.wav"),
                           consonants=False, transcriber=FakeTranscriber(
                               spread_words(segments, [s["text"] for s in truth["segments"]])))
    a = report.assessment
    assert a.score is None and a.message.startswith("Not scored: the room echoes")
    assert a.retake == RETAKE_CLOSER
    assert all(f.verdict == NOT_JUDGED for f in a.findings
               if f.group in ("pace", "pauses", "questions", "pitch"))
    room = report.to_dict()["measures"]["room"]
    assert room["echoing"] and room["rt60_s"] >= ECHO_RT60_S
