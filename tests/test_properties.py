"""Property-based tests: whatever the input, every number is finite and every time is
inside the recording.

Hypothesis throws random lengths, sample rates, amplitudes (silence to far beyond
full scale, NaN and infinity included), sample types and channel counts at the loader,
and random speech timelines with hand-made transcripts at the measures.
"""

from __future__ import annotations

import dataclasses
import math
import warnings

import numpy as np
import pytest
import soundfile as sf
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from voicecoach.audio import MIN_DURATION_S, SAMPLE_RATE, from_array, load
from voicecoach.errors import AudioError
from voicecoach.measures.activity import detect
from voicecoach.measures.pace import measure_pace
from voicecoach.measures.pauses import measure_pauses
from voicecoach.measures.questions import measure_questions
from voicecoach.transcript import Transcript, Word

TIME_TOL_S = 1e-6
JSON_ROUNDING_S = 0.0005 + 1e-9  # to_dict() rounds times to the millisecond

RATES = st.one_of(st.sampled_from([4_000, 8_000, 11_025, 16_000, 22_050, 44_100, 48_000,
                                   96_000, 192_000]),
                  st.integers(4_000, 200_000))
AMPLITUDES = st.sampled_from([0.0, 1e-7, 1e-3, 0.1, 0.9, 1.0, 3.0, 1e6])


def numbers(obj, path: str = ""):
    """Every (path, number) inside nested dataclasses, dicts, lists and tuples."""
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return
    if isinstance(obj, int | float | np.floating | np.integer):
        yield path, float(obj)
    elif isinstance(obj, np.ndarray):
        for i, v in enumerate(np.asarray(obj, dtype=np.float64).ravel()[:10_000]):
            yield f"{path}[{i}]", float(v)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from numbers(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from numbers(v, f"{path}.{k}")
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from numbers(v, f"{path}[{i}]")


def assert_sane(obj, duration_s: float, *, tol_s: float = TIME_TOL_S) -> None:
    """All numbers finite; every seconds value (a name ending in _s) in [0, duration_s]
    (within ``tol_s``)."""
    for path, value in numbers(obj):
        assert math.isfinite(value), f"{path} = {value}"
        name = path.rsplit(".", 1)[-1].split("[")[0]
        # A sentence's parameters include durations that are no times in the recording
        # ("20 s needed"): their values are checked where they are measured.
        if name.endswith("_s") and name != "hop_s" and ".text_keys." not in path:
            assert -tol_s <= value <= duration_s + tol_s, \
                f"{path} = {value} outside the recording (0..{duration_s:.3f} s)"


@st.composite
def signals(draw):
    sr = draw(RATES)
    n = draw(st.integers(0, int(3.0 * sr)))
    channels = draw(st.integers(1, 8))
    amplitude = draw(AMPLITUDES)
    kind = draw(st.sampled_from(["noise", "tone", "dc", "bursts"]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    t = np.arange(n) / sr
    if kind == "noise":
        x = rng.standard_normal((n, channels))
    elif kind == "tone":
        x = np.sin(2 * np.pi * rng.uniform(50, sr / 2) * t)[:, None].repeat(channels, 1)
    elif kind == "dc":
        x = np.ones((n, channels))
    else:
        x = rng.standard_normal((n, channels)) * (np.sin(2 * np.pi * 2 * t) > 0)[:, None]
    x = amplitude * x
    if n and draw(st.booleans()):
        idx = rng.integers(0, n, size=max(1, n // 100))
        x[idx, rng.integers(0, channels)] = rng.choice([np.nan, np.inf, -np.inf], len(idx))
    dtype = draw(st.sampled_from(["float32", "float64", "int16", "int32"]))
    if dtype.startswith("int"):
        info = np.iinfo(dtype)
        x = np.clip(np.nan_to_num(x, posinf=1, neginf=-1), -1, 1) * info.max
    return x.astype(dtype), sr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(signals(), st.sampled_from(["mix", "left", 0, 1, 5]))
def test_loader_output_is_finite_16k_and_as_long_as_the_input(sig, channel):
    x, sr = sig
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            audio = from_array(x, sr, channel=channel)
        except AudioError as exc:
            assert "\n" not in str(exc)
            too_short = x.shape[0] / sr < MIN_DURATION_S
            missing_channel = channel not in ("mix", "left", 0) and x.shape[1] <= (
                1 if channel == 1 else 5)
            assert too_short or missing_channel, str(exc)
            return
    assert audio.sr == SAMPLE_RATE and audio.samples.dtype == np.float32
    assert np.all(np.isfinite(audio.samples))
    assert np.max(np.abs(audio.samples)) <= 1.0
    assert abs(audio.duration_s - x.shape[0] / sr) <= 1.0 / SAMPLE_RATE + 1e-5 * audio.duration_s
    assert audio.channels == x.shape[1] and audio.source_sr == sr


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(sr=RATES, seconds=st.floats(0.0, 2.5), channels=st.integers(1, 6),
       subtype=st.sampled_from(["PCM_16", "PCM_24", "FLOAT", "PCM_U8", "ULAW"]))
def test_loader_reads_any_generated_wav(tmp_path, sr, seconds, channels, subtype):
    assume(subtype != "ULAW" or channels <= 2)
    rng = np.random.default_rng(sr)
    x = 0.3 * rng.standard_normal((int(seconds * sr), channels)).astype(np.float32)
    path = tmp_path / f"x {sr} {subtype}.wav"
    sf.write(path, x, sr, subtype=subtype)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            audio = load(path)
        except AudioError as exc:
            assert str(path) in str(exc) and "\n" not in str(exc)
            assert seconds < MIN_DURATION_S + 1.0 / sr, str(exc)
            return
    assert np.all(np.isfinite(audio.samples)) and np.max(np.abs(audio.samples)) <= 1.0
    assert abs(audio.duration_s - x.shape[0] / sr) <= 1.5 / SAMPLE_RATE
    assert audio.channels == channels


WORDS = ["hello", "this", "is", "Dana", "calling", "about", "invoice", "4729.", "can", "you",
         "pay", "today?", "what", "time", "works?", "thanks!", "$840", "the", "balance", "due."]


@st.composite
def timelines(draw):
    """A speech-like recording with bursts at random times and a transcript whose words
    fall anywhere in it (overlapping, zero-length, or out of step with the sound)."""
    duration_s = draw(st.floats(1.0, 40.0))
    n_bursts = draw(st.integers(0, 12))
    edges = sorted(draw(st.lists(st.floats(0.0, duration_s), min_size=2 * n_bursts,
                                 max_size=2 * n_bursts)))
    segments = [(a, b) for a, b in zip(edges[0::2], edges[1::2]) if b - a > 0.03]
    noise_db = draw(st.sampled_from([None, -70.0, -40.0]))
    seed = draw(st.integers(0, 2**32 - 1))
    n_words = draw(st.integers(0, 30))
    times = sorted(draw(st.lists(st.floats(0.0, duration_s), min_size=2 * n_words,
                                 max_size=2 * n_words)))
    texts = draw(st.lists(st.sampled_from(WORDS), min_size=n_words, max_size=n_words))
    probs = draw(st.lists(st.floats(0.0, 1.0), min_size=n_words, max_size=n_words))
    words = tuple(Word(t, a, b, p) for t, a, b, p in zip(texts, times[0::2], times[1::2], probs))
    return duration_s, segments, noise_db, seed, Transcript(words)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines())
def test_measures_are_finite_and_inside_the_recording(timeline):
    from conftest import build_timeline

    duration_s, segments, noise_db, seed, transcript = timeline
    rng = np.random.default_rng(seed)
    x = build_timeline(segments, duration_s, rng, noise_db=noise_db)
    duration_s = len(x) / SAMPLE_RATE
    transcript = Transcript(tuple(dataclasses.replace(w, start_s=min(w.start_s, duration_s),
                                                      end_s=min(w.end_s, duration_s))
                                  for w in transcript.words))
    activity = detect(x, SAMPLE_RATE)
    assert_sane(activity, duration_s)
    assert list(activity.intervals) == sorted(activity.intervals)
    results = [measure_pace(transcript, activity), measure_pauses(transcript, activity),
               measure_questions(transcript, activity, duration_s)]
    for result in results:
        assert_sane(result, duration_s)
        assert_sane(result.to_dict(), duration_s, tol_s=JSON_ROUNDING_S)


@pytest.mark.parametrize("amplitude", [0.0, 1e-9, 1.0])
def test_measures_on_flat_signals_and_empty_transcripts(amplitude):
    x = np.full(3 * SAMPLE_RATE, amplitude, dtype=np.float32)
    activity = detect(x, SAMPLE_RATE)
    assert activity.intervals == ()
    for transcript in (Transcript(()), Transcript.from_text("Can you pay today?", start_s=0.5)):
        for result in (measure_pace(transcript, activity), measure_pauses(transcript, activity),
                       measure_questions(transcript, activity, 3.0)):
            assert_sane(result, 3.0)


class PlacedTranscriber:
    """Returns the hand-made transcript it was given (no model)."""

    model_id, model, english_only = "placed", None, True

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript

    def transcribe(self, audio, *, progress=None, on_words=None) -> Transcript:
        return self.transcript


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(), st.sampled_from([8_000, 16_000, 44_100]))
# a statement ending rising 0.25 s into the take: its finding's span must not start before 0
@example((1.0, [(0.0, 0.125), (0.25, 1.0)], None, 1,
          Transcript((Word("hello", 0.0, 0.25, 0.0),))), 8_000)
def test_whole_report_is_finite_and_inside_the_recording(timeline, sr):
    """Loader, activity, pace, pauses, questions, pitch, assessment and the JSON report."""
    import json

    from conftest import build_timeline

    from voicecoach.pipeline import analyze_audio
    from voicecoach.report.json import dumps

    duration_s, segments, noise_db, seed, transcript = timeline
    x = build_timeline(segments, duration_s, np.random.default_rng(seed), noise_db=noise_db,
                       sr=sr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        audio = from_array(x, sr)
    words = tuple(dataclasses.replace(w, start_s=min(w.start_s, audio.duration_s),
                                      end_s=min(w.end_s, audio.duration_s), probability=0.9)
                  for w in transcript.words)
    report = analyze_audio(audio, transcriber=PlacedTranscriber(Transcript(words)),
                           consonants=False)
    assert report.status in ("ok", "no speech", "not English")  # few words over long speech
    event(f"status {report.status}")
    data = json.loads(dumps(report))  # strict JSON: NaN or infinity would raise here
    assert_sane(data, audio.duration_s, tol_s=JSON_ROUNDING_S)
