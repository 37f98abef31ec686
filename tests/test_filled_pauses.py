"""Pauses filled with sound: other voices in the gaps between the words withhold the score.

The takes are the bundled samples with a transcript placed at their true sentence times
(so no recognizer runs), mixed with babble of the other samples or with white noise at a
known SNR over the speech (benchmarks.degrade's recipe).
"""

import json

import numpy as np
import pytest
from conftest import SAMPLES, SR, FakeTranscriber, spread_words

from benchmarks.degrade import active_mask, add_noise, babble, white_noise
from voicecoach.assess.assess import NOT_JUDGED, RETAKE_LONGER, RETAKE_QUIETER
from voicecoach.audio import from_array, load
from voicecoach.measures.activity import detect
from voicecoach.measures.pauses import FILLED_MIN_S, measure_pauses
from voicecoach.pipeline import analyze_audio
from voicecoach.report.terminal import render

NAMES = ("good_opening", "rushed_opening", "clipped_consonants", "high_monotone")


def take(name: str, noise: str, snr_db: float, seed: int = 0):
    """The sample ``name`` with ``noise`` ("babble", "white" or "none") at ``snr_db``, and
    a transcript at its true sentence times."""
    truth = json.loads((SAMPLES / f"{name}.truth.json").read_text())
    segments = [(s["start_s"], s["end_s"]) for s in truth["segments"]]
    x = load(SAMPLES / f"{name}.flac").samples.copy()
    rng = np.random.default_rng(seed)
    if noise == "babble":
        talkers = [load(SAMPLES / f"{o}.flac").samples for o in NAMES if o != name]
        x = add_noise(x, babble(talkers, len(x), rng), snr_db, active_mask(len(x), SR, segments))
    elif noise == "white":
        x = add_noise(x, white_noise(len(x), rng), snr_db, active_mask(len(x), SR, segments))
    transcript = spread_words(segments, [s["text"] for s in truth["segments"]])
    return x.astype(np.float32), transcript


@pytest.mark.parametrize("name", ["good_opening", "clipped_consonants", "high_monotone"])
@pytest.mark.parametrize("noise, snr_db, filled", [
    ("none", 0, False),
    ("white", 15, False),
    ("white", 10, False),  # steady noise is not speech: the gaps stay silent to the VAD
    ("babble", 20, True),
    ("babble", 15, True),
    ("babble", 10, True),
])
def test_babble_in_the_gaps_is_heard(name, noise, snr_db, filled):
    x, transcript = take(name, noise, snr_db)
    pauses = measure_pauses(transcript, detect(x, SR))
    assert pauses.word_gaps_s == pytest.approx(7.1, abs=0.05)  # the true pauses >= 0.3 s
    assert pauses.filled is filled
    if not filled:
        assert pauses.word_gaps_silent_s > 0.9 * pauses.word_gaps_s


def test_less_than_a_second_of_gaps_tells_nothing():
    x, transcript = take("rushed_opening", "babble", 10)
    pauses = measure_pauses(transcript, detect(x, SR))
    assert pauses.word_gaps_s < FILLED_MIN_S and not pauses.filled


def _report(noise: str, snr_db: float):
    x, transcript = take("good_opening", noise, snr_db)
    return analyze_audio(from_array(x, SR, path="take.wav"), consonants=False,
                         transcriber=FakeTranscriber(transcript))


def test_filled_pauses_withhold_the_score():
    report = _report("babble", 15)
    a = report.assessment
    assert a.score is None and a.message.startswith("Not scored: other voices fill the pauses")
    assert a.retake == RETAKE_QUIETER
    withheld = {f.group for f in a.findings if f.verdict == NOT_JUDGED}
    assert {"pace", "pauses", "pitch"} <= withheld
    assert all(not f.judged for f in a.findings if f.group in ("pace", "pauses", "pitch"))
    card = render(report)
    assert "Not scored: other voices fill the pauses" in card
    assert f"Next take: {RETAKE_QUIETER}" in card
    assert report.to_dict()["measures"]["pauses"]["filled"] is True


def test_a_quiet_take_is_scored():
    a = _report("none", 0).assessment
    assert a.score is not None and a.message == "" and a.retake == RETAKE_LONGER


@pytest.mark.parametrize("shift_s", [-0.4, 0.4])
def test_word_times_off_into_the_speech_are_not_other_voices(shift_s):
    """Gaps that sound as loud as the words are the recognizer's word times being off
    (tiny.en's are, by a few hundred ms around numbers), not someone else talking."""
    x, transcript = take("good_opening", "none", 0)
    from voicecoach.transcript import Transcript, Word

    moved = Transcript(tuple(Word(w.text, max(0.0, w.start_s + shift_s), w.end_s + shift_s)
                             for w in transcript.words))
    pauses = measure_pauses(moved, detect(x, SR))
    assert pauses.word_gaps_s > 5.0 and pauses.word_gaps_other_s < pauses.word_gaps_silent_s
    assert not pauses.filled


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_the_samples_heard_by_whisper_are_not_filled(name):
    from voicecoach.pipeline import analyze

    report = analyze(SAMPLES / f"{name}.flac", consonants=False)
    assert not report.measures.pauses.filled
    assert not report.assessment.message.startswith("Not scored")


@pytest.mark.slow
def test_babble_heard_by_whisper_is_filled():
    x, _ = take("good_opening", "babble", 15)
    report = analyze_audio(from_array(x, SR, path="take.wav"), consonants=False)
    assert report.measures.pauses.filled and report.score is None
