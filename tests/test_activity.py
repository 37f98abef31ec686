"""Speech activity edges against bursts placed at known times."""

import numpy as np
import pytest
from conftest import SR, build_timeline

from voicecoach.measures.activity import detect, speaking_span
from voicecoach.measures.intervals import Interval

EDGE_TOL_S = 0.03
SEGMENTS = [(0.5, 2.0), (2.4, 3.1), (4.0, 6.5), (6.8, 7.4), (9.0, 10.0)]


@pytest.mark.parametrize("noise_db", [None, -60.0, -45.0])
def test_edges_match_inserted_silences(rng, noise_db):
    x = build_timeline(SEGMENTS, 11.0, rng, noise_db=noise_db)
    found = detect(x, SR).intervals
    assert len(found) == len(SEGMENTS)
    for iv, (a, b) in zip(found, SEGMENTS):
        assert abs(iv.start_s - a) <= EDGE_TOL_S
        assert abs(iv.end_s - b) <= EDGE_TOL_S


def test_silence_and_steady_noise_have_no_speech(rng):
    assert detect(np.zeros(SR * 3, np.float32), SR).intervals == ()
    noise = (0.05 * rng.standard_normal(SR * 3)).astype(np.float32)
    assert detect(noise, SR).intervals == ()


def test_short_clicks_are_not_speech(rng):
    x = build_timeline([(0.5, 2.0), (4.0, 5.0)], 6.0, rng)
    x[int(3.0 * SR):int(3.02 * SR)] = 0.3  # a 20 ms click in the pause
    found = detect(x, SR).intervals
    assert len(found) == 2


def test_speaking_span_snaps_to_energy_edges():
    intervals = (Interval(0.52, 2.0), Interval(3.0, 5.31))
    assert speaking_span(intervals, Interval(0.3, 0.7), Interval(5.0, 5.6)) == Interval(0.52, 5.31)
    # Whisper's habit: first word from 0.0, last word to the end of the file.
    span = speaking_span(intervals, Interval(0.0, 0.9), Interval(4.9, 8.0))
    assert span == Interval(0.52, 5.31)
    assert speaking_span((), Interval(0.3, 0.7), Interval(5.0, 5.6)) == Interval(0.3, 5.6)


def test_sentence_span_inside_continuous_speech_keeps_whisper_edges():
    intervals = (Interval(0.5, 9.0),)
    span = speaking_span(intervals, Interval(3.0, 3.3), Interval(5.6, 6.0), slack_s=0.3)
    assert span == Interval(3.0, 6.0)
