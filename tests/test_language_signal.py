"""Measures from the signal alone: syllable nuclei, pauses and pace without a transcript,
on synthetic syllable trains whose syllables and pauses are known."""

from __future__ import annotations

import numpy as np
import pytest

from voicecoach.measures.activity import detect
from voicecoach.measures.intervals import Interval
from voicecoach.measures.nuclei import Nuclei, syllable_nuclei
from voicecoach.measures.pace import measure_signal_pace
from voicecoach.measures.pitch import track_f0
from voicecoach.measures.signal import signal_pauses

SR = 16_000


def syllable_train(phrases: list[int], rng: np.random.Generator, *, syllable_s: float = 0.16,
                   dip: float = 0.1, pause_s: float = 0.6, lead_s: float = 0.5,
                   f0_hz: float = 140.0) -> tuple[np.ndarray, list[Interval]]:
    """Phrases of ``n`` voiced syllables each (a harmonic tone under a raised-cosine
    envelope that falls to ``dip`` of its peak between syllables), ``pause_s`` of silence
    between phrases. Returns the signal and the phrase intervals (seconds)."""
    parts, spans, t0 = [np.zeros(int(lead_s * SR), np.float32)], [], lead_s
    for n in phrases:
        dur = n * syllable_s
        t = np.arange(int(dur * SR)) / SR
        f0 = f0_hz * (1 + 0.05 * np.sin(2 * np.pi * 0.7 * t))
        phase = 2 * np.pi * np.cumsum(f0) / SR
        tone = sum(np.sin(k * phase) / k for k in range(1, 10))
        env = dip + (1 - dip) * np.sin(np.pi * t / syllable_s) ** 2
        edge = np.minimum(1.0, np.minimum(t, dur - t) / 0.02)
        x = 0.08 * tone * env * edge + 0.001 * rng.standard_normal(len(t))
        parts.append(x.astype(np.float32))
        spans.append(Interval(t0, t0 + dur))
        t0 += dur + pause_s
        parts.append(np.zeros(int(pause_s * SR), np.float32))
    return np.concatenate(parts), spans


@pytest.mark.parametrize("phrases", [[5], [4, 7, 3], [6, 6, 6, 6]])
def test_nuclei_count_the_syllables_of_a_train(rng, phrases):
    x, _ = syllable_train(phrases, rng)
    activity = detect(x, SR)
    track = track_f0(x, SR)
    nuclei = syllable_nuclei(x, SR, speech=activity.intervals,
                             voiced_times_s=track.times_s[track.voiced])
    assert nuclei.count == sum(phrases)


def test_a_shallow_dip_is_one_nucleus(rng):
    """Syllables whose envelope dips by under 2 dB between them merge into one."""
    x, _ = syllable_train([6], rng, dip=0.9)
    activity = detect(x, SR)
    assert syllable_nuclei(x, SR, speech=activity.intervals).count <= 2


def test_unvoiced_noise_bursts_are_no_nuclei(rng):
    """Hiss bursts (fricative-like, no voicing) are not syllables when voicing is checked."""
    x, _ = syllable_train([5], rng)
    hiss = np.zeros(int(2.0 * SR), np.float32)
    for k in range(4):
        i = int((0.2 + 0.4 * k) * SR)
        hiss[i:i + int(0.12 * SR)] = 0.05 * rng.standard_normal(int(0.12 * SR))
    x = np.concatenate([x, hiss])
    activity = detect(x, SR)
    track = track_f0(x, SR)
    voiced = syllable_nuclei(x, SR, speech=activity.intervals,
                             voiced_times_s=track.times_s[track.voiced])
    assert voiced.count == 5


def test_nothing_outside_the_speech_is_counted(rng):
    x, spans = syllable_train([5, 5], rng)
    nuclei = syllable_nuclei(x, SR, speech=spans[:1])
    assert nuclei.count == 5
    assert syllable_nuclei(x, SR, speech=[]).count == 0


def test_signal_pauses_and_pace_from_known_timing(rng):
    phrases = [5, 8, 4]
    x, spans = syllable_train(phrases, rng, pause_s=0.7)
    activity = detect(x, SR)
    pauses = signal_pauses(activity)
    assert pauses.count == 2
    for got, (a, b) in zip(pauses.pauses, zip(spans, spans[1:])):
        assert got.start_s == pytest.approx(a.end_s, abs=0.03)
        assert got.end_s == pytest.approx(b.start_s, abs=0.03)
    assert [r.n_words for r in pauses.runs] == [0, 0, 0]
    assert max(r.duration_s for r in pauses.runs) == pytest.approx(8 * 0.16, abs=0.05)
    track = track_f0(x, SR)
    nuclei = syllable_nuclei(x, SR, speech=activity.intervals,
                             voiced_times_s=track.times_s[track.voiced])
    pace = measure_signal_pace(activity, nuclei)
    phonation_s = sum(s.duration_s for s in spans)
    assert pace.syllables_from == "signal" and pace.n_words == 0
    assert pace.n_syllables == sum(phrases)
    assert pace.articulation_sps == pytest.approx(sum(phrases) / phonation_s, rel=0.05)
    span_s = spans[-1].end_s - spans[0].start_s
    assert pace.rate_sps == pytest.approx(sum(phrases) / span_s, rel=0.05)


def test_count_within_a_span():
    nuclei = Nuclei(np.array([0.5, 1.0, 1.5, 2.0]))
    assert nuclei.count_within(Interval(0.9, 1.5)) == 2


@pytest.mark.parametrize("probability, from_signal", [(0.3, True), (0.49, True), (0.6, False),
                                                      (0.95, False)])
def test_words_the_recognizer_doubts_do_not_stand_for_the_take(probability, from_signal):
    """A transcript whose median word is more likely wrong than right (speech the model
    does not understand) is set aside: pace and pauses come from the signal, with a note."""
    import dataclasses
    import json

    from conftest import SAMPLES, FakeTranscriber, spread_words

    from voicecoach.audio import load
    from voicecoach.pipeline import analyze_audio

    truth = json.loads((SAMPLES / "good_opening.truth.json").read_text())
    segs = truth["segments"]
    heard = spread_words([(s["start_s"], s["end_s"]) for s in segs], [s["text"] for s in segs])
    heard = dataclasses.replace(heard, words=tuple(
        dataclasses.replace(w, probability=probability) for w in heard.words))
    report = analyze_audio(load(SAMPLES / "good_opening.flac"), consonants=False,
                           transcriber=FakeTranscriber(heard), language="en")
    doubted = any("unsure of its words" in w for w in report.warnings)
    assert doubted is from_signal
    assert (report.measures.pace.syllables_from == "signal") is from_signal
    found = report.measures.pauses.pauses  # edges from the signal either way
    assert len(found) == len(truth["pauses"])
    for p, t in zip(found, truth["pauses"]):
        assert p.start_s == pytest.approx(t["start_s"], abs=0.08)
        assert p.end_s == pytest.approx(t["end_s"], abs=0.08)
