"""Counting voices in one channel: synthetic voices of known pitch and timbre, the
bundled samples, and the MFCCs against librosa."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SAMPLES, SR, FakeTranscriber, spread_words

from voicecoach.assess.assess import NOT_JUDGED
from voicecoach.audio import from_array, load
from voicecoach.measures.activity import detect
from voicecoach.measures.cepstrum import mfcc_at
from voicecoach.measures.pitch import track_f0
from voicecoach.measures.voices import (
    MIN_SNR_DB,
    VoiceCount,
    count_voices,
    timbre_needed,
    two_means,
)

VOWELS_HZ = ((700, 1200, 2600), (300, 2300, 3000), (500, 900, 2500), (400, 1900, 2700))
SYLLABLE_S = 0.22


def phrase(f0_hz: np.ndarray, formant_scale: float, rng: np.random.Generator) -> np.ndarray:
    """A voiced phrase: harmonics of the F0 contour ``f0_hz`` (one value per sample)
    shaped by three formants that move from vowel to vowel every syllable, the formants
    of a vocal tract ``formant_scale`` times shorter than the reference; syllable-rate
    amplitude modulation, a little breath noise, 10 ms fades, about -20 dBFS."""
    n = len(f0_hz)
    t = np.arange(n) / SR
    order = rng.permutation(len(VOWELS_HZ) * 4) % len(VOWELS_HZ)
    syl = np.minimum((t / SYLLABLE_S).astype(int), 10**6) % len(order)
    formants = np.array(VOWELS_HZ, dtype=float)[order[syl]] * formant_scale  # (n, 3)
    phase = 2 * np.pi * np.cumsum(f0_hz) / SR
    x = np.zeros(n)
    for k in range(1, int(4000 / f0_hz.min())):
        fk = k * f0_hz
        gain = sum(np.exp(-0.5 * ((fk - formants[:, j]) / (80.0 + 40 * j)) ** 2) / (j + 1)
                   for j in range(3)) + 0.02
        x += gain * np.sin(k * phase) * (fk < 4000)
    x *= 0.6 + 0.4 * np.abs(np.sin(np.pi * t / SYLLABLE_S))
    x = 0.1 * x / np.sqrt(np.mean(x ** 2)) + 0.003 * rng.standard_normal(n)
    fade = int(0.01 * SR)
    x[:fade] *= np.linspace(0, 1, fade)
    x[-fade:] *= np.linspace(1, 0, fade)
    return x


def contour(f0_start_hz: float, f0_end_hz: float, duration_s: float) -> np.ndarray:
    """A gliding F0 with a slow 5 Hz wobble of +-2 %, one value per sample."""
    t = np.arange(int(duration_s * SR)) / SR
    glide = f0_start_hz * (f0_end_hz / f0_start_hz) ** (t / duration_s)
    return glide * (1 + 0.02 * np.sin(2 * np.pi * 5 * t))


def take(phrases: list[np.ndarray], gap_s: float = 0.6) -> tuple[np.ndarray, list]:
    """Phrases joined with ``gap_s`` of silence (0.5 s lead); (samples, [(start_s, end_s)])."""
    parts, spans, t_s = [np.zeros(int(0.5 * SR))], [], 0.5
    for p in phrases:
        spans.append((t_s, t_s + len(p) / SR))
        parts += [p, np.zeros(int(gap_s * SR))]
        t_s += len(p) / SR + gap_s
    return np.concatenate(parts).astype(np.float32), spans


def counted(x: np.ndarray, sr: int = SR) -> VoiceCount:
    return count_voices(x, sr, detect(x, sr), track_f0(x, sr))


def test_two_voices_an_octave_apart_taking_turns_are_two(rng):
    phrases = [phrase(contour(110, 100, 2.4), 1.0, rng) if i % 2 == 0 else
               phrase(contour(220, 200, 2.4), 1.18, rng) for i in range(8)]
    x, spans = take(phrases)
    vc = counted(x)
    assert vc.n_voices == 2, vc.reason
    assert vc.evidence.pitch_gap_st == pytest.approx(12.0, abs=1.0)
    assert vc.evidence.minor_turns == 4
    # The turns reported are one voice's phrases (the even or the odd ones), edges
    # within 0.25 s (the turns span the voicing kept, which may end before the sound).
    assert len(vc.second_voice) == 4
    first = int(vc.second_voice[0][0] > spans[0][1])
    for (a, b), (ta, tb) in zip(vc.second_voice, spans[first::2]):
        assert abs(a - ta) < 0.25 and abs(b - tb) < 0.25
    assert vc.to_dict()["n_voices"] == 2 and len(vc.to_dict()["second_voice"]) == 4


def test_one_voice_with_pitch_movement_is_one(rng):
    # One vocal tract; statements falling from 130 to 100 Hz and questions rising from
    # 110 to 165 Hz, alternating: the pitch moves by up to 7 st within a phrase.
    phrases = [phrase(contour(130, 100, 2.4), 1.0, rng) if i % 2 == 0 else
               phrase(contour(110, 165, 2.0), 1.0, rng) for i in range(8)]
    vc = counted(take(phrases)[0])
    assert vc.n_voices == 1, vc.reason
    assert vc.reason.startswith("one voice")


def test_one_voice_at_two_pitch_levels_is_not_two(rng):
    # The same speaker 3 st higher in every other phrase (a lively speaker): the timbre
    # does not change, so no second voice.
    phrases = [phrase(contour(110 * (2 ** (3 / 12) if i % 2 else 1), 100, 2.4), 1.0, rng)
               for i in range(8)]
    vc = counted(take(phrases)[0])
    assert vc.n_voices == 1, vc.reason


def test_too_little_speech_is_undecided(rng):
    phrases = [phrase(contour(110, 100, 1.2), 1.0, rng), phrase(contour(220, 200, 1.2), 1.18,
                                                                 rng)] * 2
    vc = counted(take(phrases)[0])
    assert vc.n_voices is None
    assert vc.reason.startswith("too little voiced speech")
    assert vc.evidence.n_chunks < 6


def test_noisy_take_is_undecided(rng):
    phrases = [phrase(contour(110, 100, 2.4), 1.0, rng) if i % 2 == 0 else
               phrase(contour(220, 200, 2.4), 1.18, rng) for i in range(8)]
    x, _ = take(phrases)
    x = x + (0.25 * 0.1 * rng.standard_normal(len(x))).astype(np.float32)  # about 12 dB
    vc = counted(x)
    assert vc.evidence.snr_db < MIN_SNR_DB + 3
    if vc.evidence.snr_db < MIN_SNR_DB:
        assert vc.n_voices is None and vc.reason.startswith("too noisy")
    x = x + (0.5 * 0.1 * rng.standard_normal(len(x))).astype(np.float32)  # about 5 dB
    vc = counted(x)
    assert vc.n_voices is None and vc.reason.startswith("too noisy")


def test_timbre_needed_falls_with_the_pitch_gap():
    assert timbre_needed(1.9) == np.inf
    assert timbre_needed(2.0) > timbre_needed(4.0) > timbre_needed(8.0)
    assert timbre_needed(20.0) == timbre_needed(8.0)
    assert timbre_needed(float("nan")) == np.inf


def test_two_means_splits_two_blobs_deterministically(rng):
    a = rng.normal(0, 0.3, (7, 3))
    b = rng.normal(3, 0.3, (5, 3))
    x = np.vstack([a, b])[rng.permutation(12)]
    labels = two_means(x)
    truth = np.isin(np.arange(12), np.flatnonzero(np.all(x > 1.5, axis=1)))
    assert np.all(labels == truth) or np.all(labels != truth)
    assert np.array_equal(labels, two_means(x))
    assert two_means(np.ones((6, 2))).max() == 0  # nothing to split


def test_two_means_is_not_led_astray_by_an_outlier(rng):
    # Pitch (first column) in two clear groups; one row of the low group has outlying
    # other features. The farthest-point start puts that row alone; the split at the
    # median pitch is tighter, and wins.
    pitch = np.r_[np.full(5, -3.0), np.full(5, 11.0)] + rng.normal(0, 0.5, 10)
    other = rng.normal(0, 1.0, (10, 6))
    other[0] += 4.5
    labels = two_means(np.column_stack([pitch, other]), weights=np.r_[2.0, np.ones(6)])
    assert np.array_equal(labels, np.r_[np.zeros(5), np.ones(5)].astype(int))


def test_mfcc_matches_librosa(rng):
    librosa = pytest.importorskip("librosa")
    t = np.arange(SR) / SR
    x = sum(np.sin(2 * np.pi * k * 140 * t) / k for k in range(1, 10)) * 0.1
    x = x + 0.01 * rng.standard_normal(len(t))
    for sr, y in ((16000, x), (8000, x[::2])):
        n_fft, hop = (512, 128) if sr == 16000 else (256, 64)
        mel = librosa.feature.melspectrogram(y=y, sr=sr, n_fft=n_fft, hop_length=hop,
                                             center=False, power=2.0, n_mels=40, fmin=60,
                                             fmax=4000)
        ref = librosa.feature.mfcc(S=librosa.power_to_db(mel, top_db=None), n_mfcc=13).T
        centres_s = (np.arange(ref.shape[0]) * hop + n_fft // 2) / sr
        assert np.abs(mfcc_at(y, sr, centres_s) - ref).max() < 1e-3


def test_two_party_sample_mixed_to_mono_is_two():
    import json

    audio = load(SAMPLES / "two_party_call.flac", channel="mix")
    vc = counted(audio.samples, audio.sr)
    assert vc.n_voices == 2, vc.reason
    # The second voice's turns are the customer's (the sample's truth), within 0.2 s.
    truth = json.loads((SAMPLES / "two_party_call.truth.json").read_text())
    customer = [(s["start_s"], s["end_s"]) for s in truth["segments"]
                if s["party"] == "customer"]
    assert len(vc.second_voice) >= 2
    for a, b in vc.second_voice:
        assert any(ta - 0.2 <= a and b <= tb + 0.2 for ta, tb in customer), (a, b)


@pytest.mark.parametrize("name", ["good_opening", "clipped_consonants", "high_monotone",
                                  "rushed_opening"])
def test_single_speaker_samples_are_not_two(name):
    audio = load(SAMPLES / f"{name}.flac")
    vc = counted(audio.samples, audio.sr)
    assert vc.n_voices != 2, vc.reason
    if name == "good_opening":
        assert vc.n_voices == 1, vc.reason


# Through the pipeline: the score withheld, the one-speaker findings not judged ---------

TEXTS = ["Good morning this is Dana calling from Harbor Supply",
         "Yes speaking who is this please",
         "I am calling about the open invoice on your account",
         "I think I paid that one already last week",
         "I do not see the payment on our side yet",
         "Let me check my bank and call you back",
         "Thank you can you call me by Wednesday",
         "Yes I will call you on Wednesday morning"]


def _two_voice_report(rng, *, voices: bool = True):
    from voicecoach.pipeline import analyze_audio

    phrases = [phrase(contour(110, 100, 2.4), 1.0, rng) if i % 2 == 0 else
               phrase(contour(220, 200, 2.4), 1.18, rng) for i in range(8)]
    x, spans = take(phrases)
    audio = from_array(x, SR, path="call.wav")
    return analyze_audio(audio, transcriber=FakeTranscriber(spread_words(spans, TEXTS)),
                         consonants=False, voices=voices)


def test_two_voices_withhold_the_score(rng):
    from voicecoach.report.html import HtmlPage
    from voicecoach.report.terminal import render

    report = _two_voice_report(rng)
    assert report.measures.voices.n_voices == 2
    assert report.score is None
    message = report.assessment.message
    assert message.startswith("Not scored: the recording seems to hold two voices")
    assert "--two-party" in report.assessment.retake and "--two-party" in message
    assert report.assessment.retake.startswith("record only your own voice")
    one_speaker = [f for f in report.assessment.findings
                   if f.group in ("pace", "pauses", "questions", "pitch")]
    assert one_speaker and all(f.verdict == NOT_JUDGED for f in one_speaker)
    assert report.assessment.next_steps == () or all(
        f.group not in ("pace", "pauses", "questions", "pitch")
        for f in report.assessment.next_steps)
    card = render(report)
    assert "Not scored: the recording seems to hold two voices" in card
    assert "Score:" not in card
    assert "Next take: record only your own voice" in card
    page = HtmlPage(plots=False)
    page.add(report)
    assert "Not scored: the recording seems to hold two voices" in page.render()
    data = report.to_dict()
    assert data["score"] is None and data["measures"]["voices"]["n_voices"] == 2
    assert data["schema_version"] == "1.6"


def test_voices_not_counted_leave_the_score(rng):
    # A two-party analysis turns the count off (each party on its own channel): the same
    # take is then scored as one speaker.
    report = _two_voice_report(rng, voices=False)
    assert report.measures.voices is None
    assert report.score is not None
    assert report.to_dict()["measures"]["voices"] is None


def test_one_voice_take_is_scored(rng):
    from voicecoach.pipeline import analyze_audio

    phrases = [phrase(contour(130, 100, 2.4), 1.0, rng) if i % 2 == 0 else
               phrase(contour(110, 165, 2.0), 1.0, rng) for i in range(8)]
    x, spans = take(phrases)
    report = analyze_audio(from_array(x, SR, path="take.wav"),
                           transcriber=FakeTranscriber(spread_words(spans, TEXTS)),
                           consonants=False)
    assert report.measures.voices.n_voices == 1
    assert report.score is not None and not report.assessment.message


@pytest.mark.slow
@pytest.mark.parametrize("two_party", [False, True])
def test_the_two_party_sample_mixed_to_mono_is_not_scored(tmp_path, two_party):
    import soundfile as sf

    from voicecoach.pipeline import analyze

    x, sr = sf.read(SAMPLES / "two_party_call.flac", dtype="float32")
    mono = tmp_path / "call_mono.flac"
    sf.write(mono, x.mean(axis=1), sr)
    report = analyze(mono, consonants=False, two_party=two_party)
    assert report.measures.voices.n_voices == 2
    assert report.score is None
    assert report.assessment.message.startswith("Not scored: the recording seems to hold two")
    if two_party:  # a mono file asked for as two parties: one-party analysis, count made
        assert report.two_party.status == "mono"


@pytest.mark.slow
def test_the_two_party_sample_as_two_channels_is_scored():
    from voicecoach.pipeline import analyze

    report = analyze(SAMPLES / "two_party_call.flac", consonants=False, two_party=True)
    assert report.two_party.status == "ok"
    assert report.measures.voices is None and report.score is not None
