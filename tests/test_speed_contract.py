"""Speed contracts that need no clock: lazy imports, one model load, one decode per file.

Timings live in benchmarks/speed.py; these checks fail on the structural mistakes
that make the command slow (a heavy import at start-up, a model loaded per file,
a recording decoded twice) and on long recordings being decoded in unbounded pieces.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from voicecoach.transcript.whisper import CHUNK_S, SPLIT_SEARCH_S, chunk_bounds

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HEAVY = ("faster_whisper", "ctranslate2", "librosa", "scipy", "matplotlib", "pocketsphinx",
         "av", "soundfile", "tqdm", "numpy")


def test_help_imports_no_heavy_module():
    code = (
        "import sys\n"
        "from voicecoach.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    assert out == "[]", f"`voicecoach --help` imported heavy modules: {out}"


def test_analyze_help_imports_no_heavy_module():
    code = (
        "import sys\n"
        "from voicecoach.cli import main\n"
        "try:\n    main(['analyze', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('faster_whisper', 'scipy', 'librosa', 'matplotlib',"
        " 'pocketsphinx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    assert out == "[]"


class _FakeWhisper:
    """Stands in for faster_whisper.WhisperModel: counts loads, 'hears' a fixed text."""

    loads = 0
    text = "Good morning, this is Dana calling. Am I speaking with Jordan?"

    def __init__(self, *args, **kwargs) -> None:
        type(self).loads += 1
        self.model = SimpleNamespace(is_multilingual=False)

    def transcribe(self, samples, **kwargs):
        duration_s = len(samples) / 16_000
        tokens = self.text.split()
        step = min(0.4, duration_s / (len(tokens) + 1))
        words = [SimpleNamespace(word=" " + t, start=0.5 + i * step, end=0.5 + (i + 0.8) * step,
                                 probability=0.9) for i, t in enumerate(tokens)]
        segment = SimpleNamespace(words=words, end=words[-1].end)
        return iter([segment]), SimpleNamespace(language="en", language_probability=1.0)


@pytest.fixture
def fake_whisper(monkeypatch):
    import faster_whisper

    from voicecoach.transcript import whisper

    _FakeWhisper.loads = 0
    monkeypatch.setattr(faster_whisper, "WhisperModel", _FakeWhisper)
    whisper._load.cache_clear()
    yield _FakeWhisper
    whisper._load.cache_clear()  # never leave the fake in the cache for other tests


@pytest.fixture
def decode_counter(monkeypatch):
    from voicecoach import audio

    calls: list[str] = []
    for name in ("_decode_soundfile", "_decode_av"):
        original = getattr(audio, name)

        def counting(p, *args, _original=original, **kwargs):
            calls.append(str(p))
            return _original(p, *args, **kwargs)

        monkeypatch.setattr(audio, name, counting)
    return calls


def test_model_loaded_once_and_each_file_decoded_once(fake_whisper, decode_counter):
    from voicecoach.batch import analyze_many

    files = [SAMPLES / "rushed_opening.flac", SAMPLES / "good_opening.flac"]
    batch = analyze_many(files, consonants=False)
    assert not batch.failures, batch.failures
    assert [r.status for r in batch.reports] == ["ok", "ok"]
    assert fake_whisper.loads == 1
    assert sorted(Path(p).name for p in decode_counter) == sorted(f.name for f in files)


def test_analyze_with_every_measure_decodes_once(fake_whisper, decode_counter):
    from voicecoach.pipeline import analyze

    report = analyze(SAMPLES / "rushed_opening.flac", consonants=True)
    assert report.status == "ok" and report.measures is not None
    assert report.measures.pitch is not None
    assert len(decode_counter) == 1
    assert fake_whisper.loads == 1


def test_transcriber_reuses_the_loaded_model(fake_whisper):
    from voicecoach.transcript.whisper import Transcriber

    assert Transcriber().model is Transcriber().model
    assert fake_whisper.loads == 1


def test_long_audio_is_transcribed_in_bounded_chunks(fake_whisper, monkeypatch):
    import faster_whisper

    from voicecoach.audio import from_array
    from voicecoach.transcript.whisper import Transcriber

    seen: list[int] = []

    class Recording(_FakeWhisper):
        def transcribe(self, samples, **kwargs):
            seen.append(len(samples))
            return super().transcribe(samples, **kwargs)

    monkeypatch.setattr(faster_whisper, "WhisperModel", Recording)
    duration_s = 2.5 * CHUNK_S
    noise = np.random.default_rng(1).standard_normal(int(duration_s * 16_000)) * 0.1
    audio = from_array(noise.astype(np.float32), 16_000)
    transcript = Transcriber().transcribe(audio)
    assert len(seen) == 3
    assert max(seen) <= CHUNK_S * 16_000
    assert sum(seen) == int(duration_s * 16_000)
    starts = [w.start_s for w in transcript.words]
    assert starts == sorted(starts)
    assert transcript.words[-1].start_s > sum(seen[:-1]) / 16_000  # later chunks are offset


@pytest.mark.parametrize("duration_s", [0.0, 1.0, CHUNK_S, CHUNK_S + 1.0, 3.7 * CHUNK_S])
def test_chunk_bounds_cover_the_signal_without_overlap(duration_s):
    sr = 100
    rng = np.random.default_rng(0)
    x = rng.standard_normal(int(duration_s * sr)).astype(np.float32)
    bounds = chunk_bounds(x, sr)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(x)
    assert all(b[1] == c[0] for b, c in zip(bounds, bounds[1:]))
    assert all(0 < stop - start <= CHUNK_S * sr for start, stop in bounds if len(x))
    fewest = max(1, int(np.ceil(duration_s / CHUNK_S)))
    most = max(1, int(np.ceil(duration_s / (CHUNK_S - SPLIT_SEARCH_S))))
    assert fewest <= len(bounds) <= most
    lengths = [stop - start for start, stop in bounds]
    assert min(lengths) >= 0.5 * max(lengths)  # shared out evenly: no short tail chunk


def test_chunk_cut_falls_in_the_quiet_stretch():
    sr = 1000
    x = np.ones(int((CHUNK_S + 5.0) * sr), np.float32)  # two chunks of about half each
    quiet_s = len(x) / sr / 2 - 3.3
    x[int(quiet_s * sr):int((quiet_s + 0.3) * sr)] = 0.0
    (start, stop), (start2, stop2) = chunk_bounds(x, sr)
    assert start == 0 and start2 == stop and stop2 == len(x)
    assert abs(stop / sr - (quiet_s + 0.15)) <= 0.15


def test_benchmark_recordings_are_reproducible():
    from benchmarks.speed import build_recording

    a, b = build_recording(40.0), build_recording(40.0)
    assert len(a) == 40 * 16_000 and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert float(np.abs(a).max()) > 0.1  # takes were placed, not only the noise floor


@pytest.mark.parametrize("n", [0, 1, 31, 32, 33, 5000, (1 << 20) + 77])
def test_activity_highpass_equals_the_plain_recursion(n):
    from scipy.signal import lfilter

    from voicecoach.measures.activity import _highpass

    x = np.random.default_rng(n).standard_normal(n).astype(np.float32)
    a = np.exp(-2 * np.pi * 80.0 / 16_000)
    expected = lfilter([1.0, -1.0], [1.0, -a], x).astype(np.float32) if n else x
    got = _highpass(x, 16_000)
    assert got.dtype == np.float32 and got.shape == x.shape
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)


@pytest.mark.parametrize("sr", [16_000, 44_100])
def test_measuring_a_take_does_not_import_scipy(sr, tmp_path):
    # importing scipy.signal costs about a second of CPU (it pulls in scipy.stats),
    # scipy.fft about half a second
    import soundfile as sf

    x, sr_file = sf.read(str(SAMPLES / "rushed_opening.flac"), dtype="float32")
    path = tmp_path / "take.wav"
    sf.write(str(path), x, sr)  # the same samples declared at another rate: resampled on load
    code = (
        "import sys\n"
        "from voicecoach.audio import load\n"
        "from voicecoach.measures.activity import detect\n"
        "from voicecoach.measures.pitch import track_f0\n"
        f"a = load({str(path)!r})\n"
        "detect(a.samples, a.sr); track_f0(a.samples, a.sr)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    assert out == "[]"


def test_punctuation_only_tokens_are_not_words():
    from voicecoach.transcript.whisper import _words

    tokens = [(" Hello,", 0.0, 0.4), (" .", 0.5, 0.6), (" 4729.", 0.7, 1.2), (" ", 1.3, 1.4)]
    segment = SimpleNamespace(words=[SimpleNamespace(word=w, start=a, end=b, probability=0.9)
                                     for w, a, b in tokens])
    words = _words(segment, 10.0)
    assert [w.text for w in words] == ["Hello,", "4729."]
    assert words[1].start_s == pytest.approx(10.7)
