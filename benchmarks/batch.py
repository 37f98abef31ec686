"""Throughput of ``voicecoach batch``: 1 and 2 workers on 40 one-minute recordings.

Usage::

    python -m benchmarks.batch             # about 6 min on the 2-core machine

The recordings are built like the speed benchmark's 60 s opening (takes from samples/ in
seeded order with seeded silences and a -60 dBFS floor), each from its own seed, in four
agents' folders, cached in ``benchmarks/out/batch/team/``. Each setting analyzes all 40
into a fresh output folder with the default analysis (bundled tiny.en, final consonants
on), timed from the call to the last row written, model loads included:

- 1 worker given 1 core: decoding, then the final consonants, on one thread (the base
  of the scaling ratio);
- 1 worker given both cores: the final consonants on a thread of their own while
  Whisper decodes with one (what ``voicecoach batch --workers 1`` does on two cores);
- 1 worker decoding with 2 threads beside the consonants' thread (the other way one
  process can use both cores);
- 2 workers given 1 core each (the default on two cores).

The best of the two one-process settings with both cores is the bar the 2 workers must
beat.

Then the 2-worker batch is run again on its finished output folder (the resume time).
Peak memory per worker is each worker process's ``VmHWM``; the workers' CPU time (all
their threads) over the wall time says how many cores they kept busy.

Targets: 2 workers >= 1.7x the throughput of 1 worker of one core, and faster than the
best one worker with both cores; resume of the finished batch in < 5 s.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "batch"
N_RECORDINGS = 40
DURATION_S = 60.0
SEED0 = 2100
SCALING_TARGET = 1.7
RESUME_TARGET_S = 5.0
SETTINGS = (("1 worker, 1 core", 1, 1),
            ("1 worker, 2 cores: decoding + consonants' thread", 1, 2),
            ("1 worker, 2 decoding threads + consonants' thread", 1, 3),
            ("2 workers, 1 core each", 2, 1))
"""(label, workers, cores per worker: ``threads_per_worker`` of ``run_folder``)."""


def build_team(folder: Path = OUT / "team") -> Path:
    """The 40 recordings, agent<k % 4>/take<k>.flac (built once, then reused)."""
    import soundfile as sf

    from benchmarks.speed import SR, build_recording

    for k in range(N_RECORDINGS):
        path = folder / f"agent{k % 4}" / f"take{k:02d}.flac"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            sf.write(path, build_recording(DURATION_S, seed=SEED0 + k), SR)
    return folder


def measure(team: Path, workers: int, threads: int, out: Path) -> dict:
    import resource

    from voicecoach.team.run import run_folder

    shutil.rmtree(out, ignore_errors=True)
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    summary = run_folder(team, out, workers=workers, threads_per_worker=threads)
    wall_s = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, once they have exited
    cpu_s = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    assert summary.n_analyzed == N_RECORDINGS and summary.ok, summary
    return {"workers": workers, "threads": threads, "wall_s": round(wall_s, 1),
            "per_min": round(60 * N_RECORDINGS / wall_s, 2), "cpu_s": round(cpu_s, 1),
            "cores_busy": round(cpu_s / wall_s, 2),
            "peak_mb_per_worker": [round(mb) for mb in summary.peak_mb_per_worker]}


def main() -> int:
    team = build_team()
    load = os.getloadavg()[0]
    runs = []
    for label, workers, threads in SETTINGS:
        run = measure(team, workers, threads, OUT / f"out-{workers}w{threads}t")
        runs.append({"setting": label, **run})
        print(f"{label}: {run['wall_s']} s", file=sys.stderr, flush=True)
    from voicecoach.team.run import run_folder

    t0 = time.perf_counter()
    again = run_folder(team, OUT / "out-2w1t", workers=2)
    resume_s = time.perf_counter() - t0
    assert again.n_skipped == N_RECORDINGS
    one, *single, two = (r["per_min"] for r in runs)
    both = max(single)
    scaling = two / one
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; load average {load:.1f} at start\n")
    print("| setting | wall s | recordings per minute | workers' CPU s | cores busy "
          "| peak MB per worker |")
    print("|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['setting']} | {r['wall_s']} | {r['per_min']} | {r['cpu_s']} | "
              f"{r['cores_busy']} | "
              f"{', '.join(map(str, r['peak_mb_per_worker']))} |")
    print()
    print("| check | measured | target | met |")
    print("|---|---|---|---|")
    print(f"| 2 workers against 1 worker of 1 core | {scaling:.2f}x | >= {SCALING_TARGET}x | "
          f"{'yes' if scaling >= SCALING_TARGET else '**no**'} |")
    print(f"| 2 workers against the best 1 worker with both cores | {two / both:.2f}x | > 1x | "
          f"{'yes' if two > both else '**no**'} |")
    print(f"| resume of the finished 40-file batch | {resume_s:.2f} s | < {RESUME_TARGET_S:g} s "
          f"| {'yes' if resume_s < RESUME_TARGET_S else '**no**'} |")
    (OUT / "batch.json").write_text(json.dumps(
        {"runs": runs, "scaling": round(scaling, 3), "vs_both_cores": round(two / both, 3),
         "resume_s": round(resume_s, 2), "load_average_at_start": load}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
