"""Speed and memory benchmark: the whole analysis against transcription alone.

Usage::

    python -m benchmarks.speed            # 60 s opening, 10 min call, 60 min call
    python -m benchmarks.speed --no-hour  # skip the hour-long call (about half the run)

Recordings are built reproducibly from the takes in ``samples/`` (seeded order,
seeded silences of 0.6-2.5 s between takes, a seeded -60 dBFS noise floor) and cached
in ``benchmarks/out/speed/``. Every measurement runs in a fresh process
(:mod:`benchmarks.speed_worker`), so its peak memory (``VmHWM``) is its own and its
timed call pays the lazy imports a user's first file pays. Wall time and CPU time
(all threads) are both shown: on a shared machine wall time is noisy, CPU time less.

Targets (issue 6): whole analyze / transcription alone <= 1.3 on the 60 s opening and
the 10 min call; pitch tracking >= 40x faster than ``librosa.pyin``; 60 min call peak
memory <= 1500 MB; ``voicecoach --help`` < 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "speed"
SAMPLES = ("good_opening", "high_monotone", "clipped_consonants", "rushed_opening")
SR = 16_000
SEED = 6
RATIO_TARGET = 1.3
PYIN_TARGET = 40.0
MEMORY_TARGET_MB = 1500.0
HELP_TARGET_S = 0.5


def plan(duration_s: float, *, seed: int = SEED) -> list[tuple[str, int]]:
    """The takes of :func:`build_recording` in order, each with the silence before it
    (in samples at 16 kHz)."""
    return _plan(duration_s, np.random.default_rng(seed))


def _plan(duration_s: float, rng: np.random.Generator) -> list[tuple[str, int]]:
    import soundfile as sf

    lengths = [sf.info(str(ROOT / "samples" / f"{name}.flac")).frames for name in SAMPLES]
    n_total, n, out = int(round(duration_s * SR)), 0, []
    while True:
        k = int(rng.integers(len(SAMPLES)))
        gap = int(rng.uniform(0.6, 2.5) * SR)
        if n + gap + lengths[k] > n_total:
            return out
        out.append((SAMPLES[k], gap))
        n += gap + lengths[k]


def build_recording(duration_s: float, *, seed: int = SEED) -> np.ndarray:
    """Takes from samples/ in seeded order with seeded silences, padded to ``duration_s``.

    Whole takes only (no take is cut); the tail after the last take that fits is
    noise-floor silence. Returns float32 samples at 16 kHz.
    """
    import soundfile as sf

    takes = {name: sf.read(ROOT / "samples" / f"{name}.flac", dtype="float32")[0]
             for name in SAMPLES}
    rng = np.random.default_rng(seed)
    parts = []
    for name, gap in _plan(duration_s, rng):
        parts += [np.zeros(gap, np.float32), takes[name]]
    x = np.concatenate(parts) if parts else np.zeros(0, np.float32)
    x = np.concatenate([x, np.zeros(int(round(duration_s * SR)) - len(x), np.float32)])
    x += (10 ** (-60 / 20) * rng.standard_normal(len(x))).astype(np.float32)
    return np.clip(x, -1.0, 1.0)


def recording(name: str, duration_s: float) -> Path:
    """The cached FLAC file of :func:`build_recording` (built on first use).

    The file name carries a hash of the source takes, so a re-made sample gives a new
    recording rather than a stale one.
    """
    import hashlib

    import soundfile as sf

    digest = hashlib.sha256()
    for take in SAMPLES:
        digest.update((ROOT / "samples" / f"{take}.flac").read_bytes())
    path = OUT / f"{name}_{digest.hexdigest()[:8]}.flac"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.flac")
        sf.write(tmp, build_recording(duration_s), SR, subtype="PCM_16")
        os.replace(tmp, path)
    return path


def worker(*args: str) -> dict:
    """Run one :mod:`benchmarks.speed_worker` measurement in a fresh process."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.speed_worker", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"speed_worker {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def best(runs: list[dict]) -> dict:
    """The run with the least wall time; CPU time is also the least over runs."""
    out = dict(min(runs, key=lambda r: r["wall_s"]))
    out["cpu_s"] = min(r["cpu_s"] for r in runs)
    out["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    return out


def measure_recording(path: Path, repeats: int) -> dict:
    """Transcription alone, whole analyze (with and without consonants), and stages."""
    trans, whole, no_cons = [], [], []
    for _ in range(repeats):  # interleaved, so all three see the same machine load
        trans.append(worker("transcribe", str(path)))
        whole.append(worker("analyze", str(path)))
        no_cons.append(worker("analyze", str(path), "--no-consonants"))
    return {"transcribe": best(trans), "analyze": best(whole), "analyze_no_consonants":
            best(no_cons), "stages": worker("stages", str(path)),
            "cpu_ratios": [w["cpu_s"] / t["cpu_s"] for t, w in zip(trans, whole)]}


def help_time_s(repeats: int = 5) -> float:
    """Best wall time of ``voicecoach --help`` in a fresh interpreter."""
    exe = Path(sys.executable).with_name("voicecoach")
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "voicecoach.cli",
                                                     "--help"]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def pitch_vs_pyin(seconds: float) -> dict | None:
    """Our tracker against ``librosa.pyin`` defaults on the same audio (pitch_truth helper)."""
    try:
        from benchmarks.pitch_truth import speed_vs_pyin
    except ImportError as exc:
        print(f"pitch vs pyin skipped: {exc}", file=sys.stderr)
        return None
    return speed_vs_pyin(seconds, repeats=1)


def machine() -> str:
    """One line naming the machine the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError):
        mem_gb = float("nan")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, {mem_gb:.0f} GB RAM, Python "
            f"{platform.python_version()}, {platform.system()}; load average {load:.1f} "
            "at start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-hour", action="store_true", help="skip the 60 min call")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of transcription and analyze of each recording (best kept)")
    parser.add_argument("--pyin-seconds", type=float, default=20.0)
    parser.add_argument("--hour-from", metavar="FILE",
                        help="take the 60 min call's result from this worker output (a JSON "
                        "line of `python -m benchmarks.speed_worker analyze ...`) instead of "
                        "measuring it again")
    parser.add_argument("--json", metavar="FILE", help="also write the raw results here")
    parser.add_argument("--table-from", metavar="FILE",
                        help="print the tables of an earlier --json result and exit")
    args = parser.parse_args(argv)
    from benchmarks.speed_table import print_tables

    if args.table_from:
        results = json.loads(Path(args.table_from).read_text())
        if args.hour_from:
            results["call_60min"] = json.loads(Path(args.hour_from).read_text().splitlines()[-1])
        return 0 if print_tables(results) else 1

    results: dict = {"machine": machine()}
    results["help_s"] = help_time_s()
    results["opening_60s"] = measure_recording(recording("opening_60s", 60.0), args.repeats)
    results["call_10min"] = measure_recording(recording("call_10min", 600.0), args.repeats)
    results["pitch_vs_pyin"] = pitch_vs_pyin(args.pyin_seconds)
    if args.hour_from:
        results["call_60min"] = json.loads(Path(args.hour_from).read_text().splitlines()[-1])
    elif not args.no_hour:
        results["call_60min"] = worker("analyze", str(recording("call_60min", 3600.0)))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if print_tables(results) else 1


if __name__ == "__main__":
    sys.exit(main())
