"""Shared fixtures: seeded randomness and synthetic speech-like signals with known timing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

SR = 16_000
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)


def voiced_burst(duration_s: float, f0_hz: float, rng: np.random.Generator,
                 sr: int = SR) -> np.ndarray:
    """A speech-like burst: a harmonic tone with syllable-rate amplitude modulation and
    a little breath noise, at about -20 dBFS, with 10 ms fades."""
    t = np.arange(int(duration_s * sr)) / sr
    tone = sum(np.sin(2 * np.pi * k * f0_hz * t) / k for k in range(1, 8))
    syllables = 0.6 + 0.4 * np.abs(np.sin(2 * np.pi * 2.5 * t + rng.uniform(0, np.pi)))
    x = 0.1 * tone * syllables + 0.005 * rng.standard_normal(len(t))
    fade = min(len(x) // 2, int(0.01 * sr))
    ramp = np.linspace(0, 1, fade)
    x[:fade] *= ramp
    x[len(x) - fade:] *= ramp[::-1]
    return x.astype(np.float32)


def build_timeline(segments_s: list[tuple[float, float]], total_s: float,
                   rng: np.random.Generator, *, noise_db: float | None = None,
                   sr: int = SR) -> np.ndarray:
    """Speech-like bursts placed at known (start_s, end_s), silence (or noise) between."""
    x = np.zeros(int(total_s * sr), dtype=np.float32)
    for start_s, end_s in segments_s:
        burst = voiced_burst(end_s - start_s, rng.uniform(100, 220), rng, sr)
        i = int(round(start_s * sr))
        x[i:i + len(burst)] += burst[: len(x) - i]
    if noise_db is not None:
        x += (10 ** (noise_db / 20) * rng.standard_normal(len(x))).astype(np.float32)
    return x


def spread_words(segments_s: list[tuple[float, float]], texts: list[str]):
    """A Transcript whose words evenly fill each (start_s, end_s) segment with its text."""
    from voicecoach.transcript import Transcript, Word

    words = []
    for (a, b), text in zip(segments_s, texts):
        tokens = text.split()
        step = (b - a) / len(tokens)
        words += [Word(t, a + i * step, a + (i + 1) * step) for i, t in enumerate(tokens)]
    return Transcript(tuple(words))


class FakeTranscriber:
    """Stands in for Whisper in unit tests: returns a fixed transcript."""

    model_id = "fake"

    def __init__(self, transcript):
        self.transcript = transcript

    def transcribe(self, audio, *, progress=None, on_words=None):
        return self.transcript
