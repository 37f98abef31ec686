"""The Whisper transcriber: the same file always gets the same transcript."""

from __future__ import annotations

import numpy as np
import pytest

from voicecoach.audio import from_array

SR = 16_000


def _tones() -> np.ndarray:
    """Beeps (440/880 Hz, 0.4 s on, 0.4 s off): greedy decoding loops on them, so
    faster-whisper falls back to sampling."""
    t = np.arange(6 * SR) / SR
    f_hz = np.where((t // 0.8) % 2 == 0, 440.0, 880.0)
    return (0.3 * np.sin(2 * np.pi * f_hz * t) * ((t % 0.8) < 0.4)).astype(np.float32)


@pytest.mark.slow
def test_the_sampler_is_seeded_before_each_chunk(monkeypatch):
    import ctranslate2

    from voicecoach.transcript import whisper

    seeds = []
    real = ctranslate2.set_random_seed
    monkeypatch.setattr(ctranslate2, "set_random_seed", lambda s: (seeds.append(s), real(s)))
    transcriber = whisper.Transcriber()
    tones = from_array(_tones(), SR)
    first = transcriber.transcribe(tones)
    noise = np.random.default_rng(3).standard_normal(4 * SR).astype(np.float32) * 0.05
    transcriber.transcribe(from_array(noise, SR))  # draws from the sampler in between
    assert transcriber.transcribe(tones) == first
    assert seeds == [whisper.SAMPLING_SEED] * 3
