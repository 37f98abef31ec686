"""Build the evaluation corpus: synthetic call openings with known timing.

``build(out_dir)`` writes, deterministically for a seed, ``n`` recordings
(FLAC, 16 kHz) from piper (en_US-joe-medium, male) and espeak-ng voices (male
and female variants) at several rates and pitches, with silences of known
length (0.25-1.5 s) between phrases and known gaps (0.5-6 s) after questions,
a low noise floor on some files, plus telephone copies (8 kHz, 300-3400 Hz) of
some. Each file has a ``<name>.truth.json`` in the samples/ format, and
``manifest.json`` lists every file with its conditions. Files whose
parameters are unchanged are not made again.

Run ``python -m benchmarks.corpus [out_dir]`` (default ``benchmarks/corpus``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from benchmarks import speechkit as sk

__all__ = ["Spec", "specs", "build", "main"]

CORPUS_VERSION = 1  # the format of manifest.json
DEFAULT_DIR = Path(__file__).resolve().parent / "corpus"
NOISE_DBFS = -55.0
TEL_SR = 8000

# Phrases of a collection-call opening: no digits, commas, hyphens or contractions.
STATEMENTS = (
    "Good morning this is Dana calling from Harbor Supply.",
    "Good afternoon my name is Chris from the billing team.",
    "I am calling about the open balance on your account.",
    "Our records show the invoice from last month is still unpaid.",
    "The payment was due early this month.",
    "I would like to help you settle this today.",
    "We sent a reminder letter to your office last week.",
    "The full amount is still showing as open on our side.",
    "I can set up a payment plan for you.",
    "Please have your account details ready when you call back.",
    "Thank you for taking the time to speak with me.",
    "I have the statement in front of me now.",
)
QUESTIONS = (
    "Am I speaking with Jordan Blake?",
    "Is now a good time to talk?",
    "When can we expect the payment?",
    "Can you tell me what happened with this invoice?",
    "Will you be able to pay by Friday?",
    "Who handles the payments in your company?",
    "What would work best for you?",
    "Could you confirm the billing address for me?",
)
PIPER_SCALES = (0.8, 0.95, 1.1, 1.3, 1.5)
ESPEAK_VOICES = ("en-us", "en-us+m3", "en-gb", "en-us+f3", "en-us+f2", "en-gb+f4")
ESPEAK_WPM = (120, 150, 180, 220, 260)
ESPEAK_PITCH = (25, 50, 75)
QUESTION_GAPS_S = (0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0)


@dataclass(frozen=True)
class Spec:
    """Everything that decides one recording; its hash names the cache entry."""

    name: str
    engine: str  # "piper" or "espeak-ng"
    voice: str
    length_scale: float | None  # piper only
    espeak_wpm: int | None  # espeak-ng only
    espeak_pitch: int | None  # espeak-ng only
    texts: tuple[str, ...]
    silences_s: tuple[float, ...]  # after each phrase but the last
    lead_s: float
    tail_s: float
    noise_dbfs: float | None
    noise_seed: int
    telephone_copy: bool

    def digest(self) -> str:
        """Hash of this spec and of the code that turns it into files."""
        blob = json.dumps([CORPUS_VERSION, _code_hash(), asdict(self)], sort_keys=True)
        return hashlib.sha1(blob.encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _code_hash() -> str:
    """Any edit of this module or of speechkit invalidates the cached files."""
    sources = [Path(__file__), Path(sk.__file__)]
    return hashlib.sha1(b"".join(p.read_bytes() for p in sources)).hexdigest()


def _script(rng: np.random.Generator) -> tuple[str, ...]:
    """Four to six phrases with one or two questions, never first."""
    n = int(rng.integers(4, 7))
    n_q = int(rng.integers(1, 3))
    st = [STATEMENTS[i] for i in rng.choice(len(STATEMENTS), n - n_q, replace=False)]
    qs = [QUESTIONS[i] for i in rng.choice(len(QUESTIONS), n_q, replace=False)]
    slots = sorted(rng.choice(np.arange(1, n), n_q, replace=False))
    out, s_iter, q_iter = [], iter(st), iter(qs)
    for i in range(n):
        out.append(next(q_iter) if i in slots else next(s_iter))
    return tuple(out)


def _silences(texts: tuple[str, ...], rng, gap_cycle) -> tuple[tuple[float, ...], float]:
    """Silences after each phrase: question gaps from the cycle, others 0.25-1.5 s."""
    after = []
    for t in texts:
        if t.endswith("?"):
            after.append(float(next(gap_cycle)))
        else:
            after.append(round(float(rng.uniform(0.25, 1.5)), 3))
    tail = after[-1] if texts[-1].endswith("?") else round(float(rng.uniform(0.5, 1.0)), 3)
    return tuple(after[:-1]), tail


def specs(*, seed: int = 0, n: int = 48) -> list[Spec]:
    """The corpus recipe: ``n`` recordings, half piper and half espeak-ng.

    Every third file has a noise floor at ``NOISE_DBFS``; every fifth also
    gets a telephone copy. Voices, rates and pitches cycle so that every
    setting meets several scripts.
    """
    rng = np.random.default_rng(seed)
    reps = 2 * n // len(QUESTION_GAPS_S) + 1
    gaps = [float(g) for g in rng.permutation(QUESTION_GAPS_S * reps)]
    gap_cycle = iter(gaps)
    out = []
    for i in range(n):
        texts = _script(rng)
        silences, tail = _silences(texts, rng, gap_cycle)
        piper = i % 2 == 0
        voice = sk.PIPER_VOICE if piper else ESPEAK_VOICES[(i // 2) % len(ESPEAK_VOICES)]
        out.append(
            Spec(
                name=f"c{i:03d}_{'piper' if piper else 'espeak'}",
                engine="piper" if piper else "espeak-ng",
                voice=voice,
                length_scale=PIPER_SCALES[(i // 2) % len(PIPER_SCALES)] if piper else None,
                espeak_wpm=None if piper else ESPEAK_WPM[(i // 2) % len(ESPEAK_WPM)],
                espeak_pitch=None if piper else ESPEAK_PITCH[(i // 12) % len(ESPEAK_PITCH)],
                texts=texts,
                silences_s=silences,
                lead_s=round(float(rng.uniform(0.3, 0.8)), 3),
                tail_s=tail,
                noise_dbfs=NOISE_DBFS if i % 3 == 1 else None,
                noise_seed=seed * 1000 + i,
                telephone_copy=i % 5 == 4,
            )
        )
    return out


def _phrase(spec: Spec, text: str) -> sk.Phrase:
    if spec.engine == "piper":
        return sk.piper_phrase(text, length_scale=spec.length_scale)
    return sk.espeak_phrase(
        text, voice=spec.voice, rate_wpm=spec.espeak_wpm, pitch=spec.espeak_pitch
    )


def _conditions(spec: Spec) -> str:
    rate = (
        f"length_scale {spec.length_scale}"
        if spec.engine == "piper"
        else f"-s {spec.espeak_wpm} -p {spec.espeak_pitch}"
    )
    noise = f", white noise floor {spec.noise_dbfs} dBFS" if spec.noise_dbfs is not None else ""
    return f"{spec.engine} {spec.voice}, {rate}{noise}"


def _make(spec: Spec, out_dir: Path) -> Path:
    phrases = [_phrase(spec, t) for t in spec.texts]
    tl = sk.assemble(
        phrases, spec.silences_s, lead_s=spec.lead_s, tail_s=spec.tail_s,
        engine=spec.engine, voice=spec.voice,
        notes=f"Evaluation corpus: {_conditions(spec)}; phrases trimmed by the speechkit "
        "silence rule and placed with inserted silences of known length.",
    )  # fmt: skip
    samples = tl.samples
    if spec.noise_dbfs is not None:
        samples = sk.add_noise_floor(samples, level_dbfs=spec.noise_dbfs, seed=spec.noise_seed)
    return sk.write_recording(out_dir / f"{spec.name}.flac", samples, tl.sr, tl.truth)


def _make_telephone(spec: Spec, source: Path) -> Path:
    import soundfile as sf

    samples, sr = sf.read(source, dtype="float32")
    truth = json.loads(source.with_name(f"{spec.name}.truth.json").read_text())
    truth["notes"] += (
        f" Telephone copy of {source.name}: resampled to 8 kHz, 300-3400 Hz zero-phase"
        " band-pass. Times are the wideband source's; with energy below 300 Hz removed,"
        " nasal endings and voiced onsets can be some 40 ms quieter at segment edges."
    )
    tel = sk.telephone(samples, sr, sr_out=TEL_SR)
    return sk.write_recording(source.with_name(f"{spec.name}_tel.flac"), tel, TEL_SR, truth)


def _entry(spec: Spec, audio: Path, telephone: bool) -> dict:
    truth = json.loads(audio.with_name(audio.stem + ".truth.json").read_text())
    return {
        "audio": audio.name,
        "truth": audio.stem + ".truth.json",
        "engine": spec.engine,
        "voice": spec.voice,
        "length_scale": spec.length_scale,
        "espeak_wpm": spec.espeak_wpm,
        "espeak_pitch": spec.espeak_pitch,
        "rate_wpm": truth["rate_wpm"],
        "sr": truth["sr"],
        "telephone": telephone,
        "source": f"{spec.name}.flac" if telephone else None,
        "noise_dbfs": spec.noise_dbfs,
        "n_questions": len(truth["questions"]),
        "question_gaps_s": [q["gap_s"] for q in truth["questions"]],
        "params": spec.digest(),
    }


def _cached(old: dict, name: str, digest: str, out_dir: Path) -> bool:
    entry = old.get(name)
    return (
        entry is not None
        and entry["params"] == digest
        and (out_dir / entry["audio"]).exists()
        and (out_dir / entry["truth"]).exists()
    )


def _prune(out_dir: Path, names: set[str], old: dict) -> None:
    """Delete files of an earlier recipe that the current one no longer makes."""
    for name in names:
        for file in (old[name]["audio"], old[name]["truth"]):
            (out_dir / file).unlink(missing_ok=True)


def build(out_dir: Path | str = DEFAULT_DIR, *, seed: int = 0, n: int = 48,
          progress=None) -> list[Path]:  # fmt: skip
    """Build (or refresh) the corpus in ``out_dir``; return the audio paths.

    Parameters
    ----------
    out_dir : path
        Folder for the recordings, truth files and ``manifest.json``.
    seed : int
        Seed of the recipe (scripts, silences, gaps, noise).
    n : int >= 40
        Number of base recordings; telephone copies come on top (n // 5).
    progress : callable(done: int, total: int), optional
        Called after each base recording.
    """
    if n < 40:
        raise ValueError(f"n={n}: the evaluation corpus needs at least 40 recordings")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / "manifest.json"
    old = {}
    if manifest_path.exists():
        old = {e["audio"]: e for e in json.loads(manifest_path.read_text())["files"]}
    entries, paths = [], []
    recipe = specs(seed=seed, n=n)
    for k, spec in enumerate(recipe):
        base = out_dir / f"{spec.name}.flac"
        if not _cached(old, base.name, spec.digest(), out_dir):
            _make(spec, out_dir)
        entries.append(_entry(spec, base, telephone=False))
        paths.append(base)
        if spec.telephone_copy:
            tel = out_dir / f"{spec.name}_tel.flac"
            if not _cached(old, tel.name, spec.digest(), out_dir):
                _make_telephone(spec, base)
            entries.append(_entry(spec, tel, telephone=True))
            paths.append(tel)
        if progress is not None:
            progress(k + 1, len(recipe))
    _prune(out_dir, set(old) - {e["audio"] for e in entries}, old)
    manifest = {"version": CORPUS_VERSION, "seed": seed, "n": n, "files": entries}
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return paths


def main(argv: list[str] | None = None) -> int:
    """Build the corpus into ``argv[0]`` (default benchmarks/corpus) and print a summary."""
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0]) if argv else DEFAULT_DIR
    t0 = time.perf_counter()
    paths = build(out_dir)
    elapsed_s = time.perf_counter() - t0
    size_mb = sum(p.stat().st_size for p in out_dir.iterdir()) / 1e6
    print(f"{len(paths)} recordings in {out_dir} ({size_mb:.1f} MB) in {elapsed_s:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
