"""Accuracy per recording condition: the corpus degraded by benchmarks/degrade.py, and
real recordings when ``benchmarks/real_corpus.py`` provides them.

``python -m benchmarks.conditions [--quick | --real-only] [--out benchmarks/out/conditions.json]``
builds the degraded copies of a fixed subset of the evaluation corpus (``SUBSET``: twelve
files, five piper (length scale 0.8-1.5) and seven espeak-ng (four voices, male and
female, 120-260 wpm), 19 questions; ``--quick`` takes two of them), analyzes each
copy with voicecoach's public ``analyze`` (bundled tiny.en, no final consonants) and
prints one row per condition (``--markdown run.json`` prints a saved run for the docs):

- pause F1: a found pause counts when it pairs one to one with a true pause >= 250 ms
  (``benchmarks.accuracy.match_pauses``) and both its edges lie within 100 ms;
- question gaps within 150 ms of the truth (a question not found counts as wrong);
- median F0 within 0.5 st of Praat's median (parselmouth, 60-500 Hz) on the CLEAN copy;
- question precision and recall: found questions against the truth segments of kind
  "question", paired one to one when their ends lie within 0.6 s;
- rate within 5 % of the truth (``benchmarks.accuracy.truth_rate_wpm``);
- withheld: the share of findings whose verdict is "not judged";
- wrong: confident wrong verdicts, judged findings the truth contradicts: a question
  gap judged for a sentence that is no true question or > 150 ms off the true gap; the
  rate judged when > 5 % off; ``pitch.variation`` judged when the median F0 is > 0.5 st
  off the reference; ``pauses.per_min`` judged on a file whose pause F1 is below 0.9.

Targets are the requirement's: pause F1 >= 0.9, gaps >= 0.95, F0 >= 0.9, precision
>= 0.95, recall >= 0.9, rate >= 0.9. Below 15 dB SNR a withheld finding counts as
acceptable (that file's or question's measure is then not held against the target) and
"wrong" must be 0. The exit status is 1 when a target is not met on a condition at 15 dB
SNR or above (every condition without added noise included) or on a real recording.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks import degrade
from benchmarks.condition_scores import METRICS, score_report, summarize

__all__ = ["SUBSET", "QUICK_SUBSET", "BABBLE_SOURCES", "main"]

ROOT = Path(__file__).resolve().parent
OUT_DIR = ROOT / "out"
SUBSET = ("c002_piper", "c003_espeak", "c005_espeak", "c006_piper", "c008_piper",
          "c009_espeak", "c011_espeak", "c014_piper", "c015_espeak", "c020_piper",
          "c021_espeak", "c023_espeak")
QUICK_SUBSET = ("c003_espeak", "c014_piper")
BABBLE_SOURCES = ("c040_piper", "c041_espeak", "c043_espeak", "c044_piper", "c045_espeak",
                  "c047_espeak")


def _read(path: Path) -> tuple[np.ndarray, int]:
    import soundfile as sf

    x, sr = sf.read(path, dtype="float64", always_2d=True)
    return x.mean(axis=1), sr


def praat_median_f0_hz(samples: np.ndarray, sr: int) -> float:
    """Praat's median F0 (autocorrelation, 60-500 Hz) over its voiced frames, in Hz."""
    import parselmouth

    f0 = parselmouth.Sound(samples, sr).to_pitch(pitch_floor=60.0, pitch_ceiling=500.0)
    f0_hz = f0.selected_array["frequency"]
    return float(np.median(f0_hz[f0_hz > 0]))


def _analyzer():
    """``analyze(path) -> Report`` with one loaded Whisper model."""
    import voicecoach
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber()
    return lambda path: voicecoach.analyze(path, transcriber=transcriber, consonants=False)


def _copies(corpus_dir: Path, names, work_dir: Path):
    """Yield (condition, name, copy path, truth, clean reference F0) for every copy."""
    import soundfile as sf

    talkers = [_read(corpus_dir / f"{n}.flac")[0] for n in BABBLE_SOURCES]
    clean = {}
    for name in names:
        x, sr = _read(corpus_dir / f"{name}.flac")
        truth = json.loads((corpus_dir / f"{name}.truth.json").read_text())
        clean[name] = (x, sr, truth, praat_median_f0_hz(x, sr))
    for c, condition in enumerate(degrade.CONDITIONS):
        folder = work_dir / condition.name.replace(" ", "_")
        folder.mkdir(parents=True, exist_ok=True)
        for k, name in enumerate(names):
            x, sr, truth, f0_ref_hz = clean[name]
            segments = [(s["start_s"], s["end_s"]) for s in truth["segments"]]
            y, sr_out = degrade.apply(condition, x, sr, segments, seed=1000 * c + k,
                                      talkers=talkers)
            path = folder / f"{name}.wav"
            sf.write(path, y, sr_out, subtype="PCM_16")
            yield condition, name, path, truth, f0_ref_hz


def _real_rows(analyze, per_file: dict[str, list[dict]]) -> tuple[list[dict], str]:
    """Rows "real:<name>" from benchmarks/real_corpus.py, or none and why; each
    recording's scores are also added to ``per_file`` under its row name."""
    try:
        from benchmarks import real_corpus
    except ImportError:
        return [], "benchmarks/real_corpus.py not present: no real recordings scored"
    rows = []
    for rec in real_corpus.recordings():
        try:
            report = analyze(rec.path)
        except Exception as exc:  # noqa: BLE001 - one bad file is a row, not a crash
            print(f"real:{rec.name}: {exc}", file=sys.stderr)
            continue
        scores = score_report(report, rec.truth, rec.truth.get("f0_median_hz"))
        per_file[f"real:{rec.name}"] = [{"file": rec.name, **scores}]
        rows.append(summarize(f"real:{rec.name}", rec.source, [scores], lenient=False))
    return rows, f"{len(rows)} real recordings"


def _provenance() -> dict:
    import voicecoach

    package = Path(voicecoach.__file__).resolve().parent
    run = lambda *a: subprocess.run(["git", "-C", str(package), *a], capture_output=True,  # noqa: E731
                                    text=True).stdout.strip()
    return {"voicecoach": str(package), "commit": run("rev-parse", "HEAD"),
            "uncommitted_changes_in_package": bool(run("status", "--porcelain", "--", "."))}


def _cell(row: dict, key: str) -> str:
    value, met = row[key], row[f"{key}_met"]
    if value is None:
        return "n/a"
    text = f"{value:d}" if isinstance(value, int) else f"{value:.2f}"
    return text + ("" if met is None else " ok" if met else " NO")


def print_table(rows: list[dict], metrics=METRICS) -> None:
    """One line per condition: each measure with "ok" (target met) or "NO"."""
    head = ["condition", *[label for _, label, _ in metrics], "withheld", "files"]
    cells = [[r["condition"], *[_cell(r, key) for key, _, _ in metrics],
              f"{r['withheld']:.2f}", str(r["n_files"])] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(head)]
    for line in [head, *cells]:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(line, widths))))


def markdown(rows: list[dict], metrics=METRICS) -> str:
    """The rows as a Markdown table (for docs/accuracy.md)."""
    head = ["condition", "parameters", *[label for _, label, _ in metrics], "withheld"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["condition"], r["params"], *[_cell(r, k) for k, _, _ in metrics],
                 f"{r['withheld']:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.conditions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK_SUBSET)}")
    parser.add_argument("--real-only", action="store_true",
                        help="only the real recordings (benchmarks/real_corpus.py)")
    parser.add_argument("--out", type=Path, default=OUT_DIR / "conditions.json")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus",
                        help="the evaluation corpus folder (built when missing)")
    parser.add_argument("--markdown", type=Path, metavar="JSON",
                        help="print the table of a saved run as Markdown, run nothing")
    args = parser.parse_args(argv)
    if args.markdown:
        saved = json.loads(args.markdown.read_text())
        files = ", ".join(saved["subset"]) or "real recordings only"
        print(f"voicecoach {saved['commit'][:7]}, files: {files}\n")
        print(markdown(saved["rows"]))
        return 0
    t0 = time.perf_counter()
    if not args.real_only and not (args.corpus / "manifest.json").exists():
        from benchmarks import corpus

        corpus.build(args.corpus)
    names = () if args.real_only else QUICK_SUBSET if args.quick else SUBSET
    analyze = _analyzer()
    per_condition: dict[str, list[dict]] = {}
    for condition, name, path, truth, f0_ref_hz in (() if args.real_only else _copies(
            args.corpus, names, OUT_DIR / "degraded")):
        scores = score_report(analyze(path), truth, f0_ref_hz)
        per_condition.setdefault(condition.name, []).append({"file": name, **scores})
        print(f"\r  {condition.name}: {name}      ", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    rows = [summarize(c.name, c.params, per_condition[c.name], lenient=c.lenient)
            for c in degrade.CONDITIONS if c.name in per_condition]
    real, real_note = _real_rows(analyze, per_condition)
    rows += real
    print_table(rows)
    print(f"\n{real_note}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        **_provenance(), "subset": list(names), "babble_sources": list(BABBLE_SOURCES),
        "real": real_note, "rows": rows, "files": per_condition,
    }, indent=1, default=float) + "\n")
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    strict = [r for r in rows if not r["lenient"]]
    return 1 if any(r[f"{k}_met"] is False for r in strict for k, _, _ in METRICS
                    if k != "wrong") else 0


if __name__ == "__main__":
    raise SystemExit(main())
