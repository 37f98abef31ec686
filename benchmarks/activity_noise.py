"""Pauses found by speech activity on recordings degraded with noise, gain, hum and reverb.

``python -m benchmarks.activity_noise`` takes the recordings that come with pause truth
(samples/*.flac and tests/data/accuracy/*.flac: synthetic phrases placed at known times),
degrades each with a seeded recipe and prints pause precision, recall and F1 per
condition. No Whisper: the transcript is the truth text spread evenly over the truth
segments, so only the activity detector's edges are measured. A pause counts as found
when it overlaps a true pause one to one (``benchmarks.accuracy.match_pauses``) and both
its edges lie within 100 ms of the true ones.

Recipe (seed 0 unless ``--seed``): noise is scaled so that the speech power over the true
speech segments is ``snr_db`` above the noise power over the whole file.

- ``white``: Gaussian white noise.
- ``pink``: Gaussian noise shaped to 1/f power above 20 Hz.
- ``babble``: six talkers, each the LibriVox reader's five sentences (benchmarks/people)
  reversed, joined and started at a random offset, summed.
- ``hum``: 50 Hz mains hum with its first 12 harmonics falling 3 dB each, plus white
  noise 20 dB below the hum.
- ``low_gain``: speech peaking at -40 dBFS over white self-noise at -100 dBFS.
- ``clipped``: gain until 2 % of speech samples exceed full scale, then clipped at 1.0.
- ``dc``: a DC offset of 0.2 full scale.
- ``reverb_0.5``: convolved with exponentially decaying noise, RT60 0.5 s.
- ``gated``: every frame more than 45 dB below the speech peak set to exact zero
  (a headset's noise gate), over pink noise at 20 dB SNR inside the speech.

``--time`` also reports the detector's time per minute of audio.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from benchmarks.accuracy import PAUSE_MIN_S, match_pauses

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([p for p in (ROOT / "samples").glob("*.flac") if "two_party" not in p.name]
                 + list((ROOT / "tests" / "data" / "accuracy").glob("*.flac")))
PEOPLE = sorted((ROOT / "benchmarks" / "people").glob("*.flac"))
EDGE_TOL_S = 0.10
SNRS_DB = (20.0, 15.0, 10.0, 5.0)
NOISES = ("white", "pink", "babble", "hum")


@dataclass(frozen=True)
class Recording:
    """A clean recording with its truth: speech segments and pauses in seconds."""

    name: str
    samples: np.ndarray
    sr: int
    segments: tuple[tuple[float, float], ...]
    texts: tuple[str, ...]
    pauses: tuple[tuple[float, float], ...]


def load(path: Path) -> Recording:
    """Read a recording and its ``.truth.json`` beside it."""
    x, sr = sf.read(path, dtype="float32", always_2d=True)
    truth = json.loads(path.with_suffix("").with_suffix(".truth.json").read_text())
    segs = tuple((s["start_s"], s["end_s"]) for s in truth["segments"])
    texts = tuple(s["text"] for s in truth["segments"])
    pauses = tuple((p["start_s"], p["end_s"]) for p in truth["pauses"]
                   if p["end_s"] - p["start_s"] >= PAUSE_MIN_S)
    return Recording(path.stem, x[:, 0], int(sr), segs, texts, pauses)


def speech_mask(rec: Recording) -> np.ndarray:
    """Boolean mask of the samples inside the true speech segments."""
    mask = np.zeros(len(rec.samples), bool)
    for a, b in rec.segments:
        mask[int(a * rec.sr):int(b * rec.sr)] = True
    return mask


def _babble(n: int, sr: int, rng: np.random.Generator, talkers: int = 6) -> np.ndarray:
    from scipy.signal import resample_poly

    clips = [sf.read(p, dtype="float32")[0][::-1] for p in PEOPLE]
    clips = [c / (np.sqrt(np.mean(c ** 2)) + 1e-12) for c in clips]
    out = np.zeros(n)
    for _ in range(talkers):
        order = rng.permutation(len(clips))
        voice = np.concatenate([clips[i] for i in order])
        if sr != 16_000:
            voice = resample_poly(voice, sr, 16_000)
        voice = np.tile(voice, n // len(voice) + 2)
        start = int(rng.integers(0, len(voice) - n))
        out += voice[start:start + n]
    return out


def _pink(n: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / sr)
    spec /= np.sqrt(np.maximum(f, 20.0))
    return np.fft.irfft(spec, n)


def _hum(n: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(n) / sr
    phase = rng.uniform(0, 2 * np.pi, 13)
    hum = sum(10 ** (-3 * k / 20) * np.sin(2 * np.pi * 50 * (k + 1) * t + phase[k])
              for k in range(13))
    rms = np.sqrt(np.mean(hum ** 2))
    return hum + 0.1 * rms * rng.standard_normal(n)


NOISE_MAKERS: dict[str, Callable[[int, int, np.random.Generator], np.ndarray]] = {
    "white": lambda n, sr, rng: rng.standard_normal(n),
    "pink": _pink, "babble": _babble, "hum": _hum,
}


def add_noise(rec: Recording, kind: str, snr_db: float, seed: int = 0) -> np.ndarray:
    """``rec`` with ``kind`` noise at ``snr_db`` (speech power over the true segments)."""
    rng = np.random.default_rng(seed)
    x = rec.samples.astype(np.float64)
    noise = NOISE_MAKERS[kind](len(x), rec.sr, rng)
    p_speech = np.mean(x[speech_mask(rec)] ** 2)
    noise *= np.sqrt(p_speech / 10 ** (snr_db / 10) / np.mean(noise ** 2))
    return (x + noise).astype(np.float32)


def degrade(rec: Recording, condition: str, seed: int = 0) -> np.ndarray:
    """``rec`` under one named condition (see the module docstring)."""
    rng = np.random.default_rng(seed)
    x = rec.samples.astype(np.float64)
    if condition == "clean":
        return x.astype(np.float32)
    if condition == "low_gain":
        y = x * 10 ** (-40 / 20) / np.max(np.abs(x))
        return (y + 1e-5 * rng.standard_normal(len(x))).astype(np.float32)
    if condition == "clipped":
        gain = 1.0 / np.quantile(np.abs(x[speech_mask(rec)]), 0.98)
        return np.clip(x * gain, -1.0, 1.0).astype(np.float32)
    if condition == "dc":
        return (x + 0.2).astype(np.float32)
    if condition.startswith("reverb_"):
        rt60_s = float(condition.split("_")[1])
        t = np.arange(int(rt60_s * rec.sr)) / rec.sr
        ir = rng.standard_normal(len(t)) * 10 ** (-3 * t / rt60_s)
        ir[0] = 1.0 / 0.3
        y = np.fft.irfft(np.fft.rfft(x, len(x) + len(ir)) * np.fft.rfft(ir, len(x) + len(ir)))
        y = y[:len(x)]
        return (0.3 * y / np.max(np.abs(y))).astype(np.float32)
    if condition == "gated":
        y = add_noise(rec, "pink", 20.0, seed).astype(np.float64)
        hop = rec.sr // 100
        n = len(y) // hop * hop
        frames = y[:n].reshape(-1, hop)
        level = 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-20)
        frames[level < level.max() - 45.0] = 0.0
        return np.concatenate([frames.reshape(-1), y[n:]]).astype(np.float32)
    kind, snr = condition.rsplit("_", 1)
    return add_noise(rec, kind, float(snr), seed)


def found_pauses(samples: np.ndarray, rec: Recording) -> tuple[list[tuple[float, float]], object]:
    """Pauses the analyzer finds in ``samples`` given the truth words, and the activity."""
    from voicecoach.measures.activity import detect
    from voicecoach.measures.pauses import measure_pauses
    from voicecoach.transcript import Transcript, Word

    words = []
    for (a, b), text in zip(rec.segments, rec.texts):
        tokens = text.split()
        step = (b - a) / len(tokens)
        words += [Word(t, a + i * step, a + (i + 1) * step) for i, t in enumerate(tokens)]
    activity = detect(samples, rec.sr)
    pauses = measure_pauses(Transcript(tuple(words)), activity).pauses
    return [(p.start_s, p.end_s) for p in pauses], activity


def score(found: list[tuple[float, float]], truth: tuple[tuple[float, float], ...]
          ) -> tuple[int, int, int]:
    """(found, true, matched with both edges within ``EDGE_TOL_S``)."""
    pairs = match_pauses(found, truth)
    tp = sum(abs(found[i][0] - truth[j][0]) <= EDGE_TOL_S
             and abs(found[i][1] - truth[j][1]) <= EDGE_TOL_S for i, j in pairs)
    return len(found), len(truth), tp


def f1(n_found: int, n_true: int, tp: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (1.0 for an empty side)."""
    p = tp / n_found if n_found else 1.0
    r = tp / n_true if n_true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def conditions() -> list[str]:
    """Every condition the benchmark runs, clean first."""
    noisy = [f"{k}_{s:g}" for k in NOISES for s in SNRS_DB]
    return ["clean", *noisy, "low_gain", "clipped", "dc", "reverb_0.5", "gated"]


def run(conds: list[str], seed: int = 0, *, timing: bool = False) -> list[dict]:
    """One row per condition: counts, precision, recall, F1 and the mean reliability."""
    recs = [load(p) for p in SOURCES]
    rows = []
    for cond in conds:
        totals = np.zeros(3, int)
        reliab, elapsed_s, audio_s = [], 0.0, 0.0
        for k, rec in enumerate(recs):
            y = degrade(rec, cond, seed + k)
            t0 = time.perf_counter()
            found, activity = found_pauses(y, rec)
            elapsed_s += time.perf_counter() - t0
            audio_s += len(y) / rec.sr
            totals += score(found, rec.pauses)
            reliab.append(float(getattr(activity, "reliability", np.nan)))
        p, r, f = f1(*totals)
        rows.append({"condition": cond, "found": int(totals[0]), "true": int(totals[1]),
                     "tp": int(totals[2]), "precision": p, "recall": r, "f1": f,
                     "reliability": float(np.mean(reliab)),
                     "s_per_min": elapsed_s / audio_s * 60 if timing else None})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", nargs="*", help="conditions to run (default: all)")
    ap.add_argument("--time", action="store_true", help="report detector seconds per minute")
    args = ap.parse_args(argv)
    rows = run(args.only or conditions(), args.seed, timing=args.time)
    print(f"{'condition':<14}{'found':>6}{'true':>6}{'tp':>5}{'P':>7}{'R':>7}{'F1':>7}"
          f"{'reliab':>8}" + ("  s/min" if args.time else ""))
    for r in rows:
        extra = f"  {r['s_per_min']:.3f}" if args.time else ""
        print(f"{r['condition']:<14}{r['found']:>6}{r['true']:>6}{r['tp']:>5}"
              f"{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
              f"{r['reliability']:>8.2f}{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
