"""Accuracy on the Polish and Korean sets (``benchmarks/language_corpus.py``) per
recording condition (``benchmarks/degrade.py``).

``python -m benchmarks.languages [--language pl|ko] [--takes N] [--quick] [--out FILE]``
builds the sets when missing, degrades the first N takes (default 8) under
``CONDITIONS`` (babble: six other takes of the same set), analyzes each copy with
voicecoach's public ``analyze`` (the bundled models, no final consonants; Polish with
the language detected, Korean with ``language="ko"``, since the multilingual model does
not understand espeak-ng's Korean voice) and prints one row per condition
(``--markdown FILE`` prints a saved run):

- language: the share of takes whose language was found as the set's (given for Korean);
- pause F1, question gaps within 150 ms, question precision and recall, "wrong" and
  "withheld": as in ``benchmarks/conditions.py``;
- syll. 8%: the share of takes whose articulation rate (syllables per second of
  phonation) is within 8 % of the truth (hand-counted syllables over the summed phrase
  durations).

Targets (the requirement's for these languages): pause F1 >= 0.95, gaps >= 0.95,
question recall >= 0.9 (precision >= 0.95), syllable rate within 8 % on >= 0.9. Below
15 dB SNR a withheld finding counts as acceptable, as in the English table. The exit
status is 1 when a target is missed at 15 dB SNR or above.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks import degrade, language_corpus
from benchmarks.condition_scores import score_report, summarize
from benchmarks.conditions import _provenance, _read, markdown, print_table

__all__ = ["CONDITIONS", "METRICS", "main"]

ROOT = Path(__file__).resolve().parent
OUT_DIR = ROOT / "out"
CONDITIONS = tuple(c for c in degrade.CONDITIONS if c.name in {
    "clean", "white 20 dB", "white 15 dB", "babble 15 dB", "white 10 dB", "reverb 0.4 s",
    "gsm 8 kHz", "mp3 40 kbps"})
METRICS = (("language", "language", 0.9), ("pause_f1", "pause F1", 0.95),
           ("gaps", "gaps 150ms", 0.95), ("q_precision", "Q prec", 0.95),
           ("q_recall", "Q recall", 0.9), ("sps", "syll. 8%", 0.9), ("wrong", "wrong", 0))
GIVEN = {"ko": "ko"}  # languages passed to analyze instead of detected


def _copies(language: str, paths: list[Path], work_dir: Path, conditions):
    """Yield (condition, name, copy path, truth) for every take under every condition."""
    import soundfile as sf

    takes = [(p.stem, *_read(p), json.loads(p.with_suffix(".truth.json").read_text()))
             for p in paths]
    for c, condition in enumerate(conditions):
        folder = work_dir / language / condition.name.replace(" ", "_")
        folder.mkdir(parents=True, exist_ok=True)
        for k, (name, x, sr, truth) in enumerate(takes):
            talkers = [takes[(k + j) % len(takes)][1] for j in range(1, 7)]
            segments = [(s["start_s"], s["end_s"]) for s in truth["segments"]]
            y, sr_out = degrade.apply(condition, x, sr, segments, seed=1000 * c + k,
                                      talkers=talkers)
            path = folder / f"{name}.wav"
            sf.write(path, y, sr_out, subtype="PCM_16")
            yield condition, name, path, truth


def _row(condition, files: list[dict], language: str) -> dict:
    row = summarize(condition.name, condition.params, files, lenient=condition.lenient)
    row["language"] = sum(f["language"] == language for f in files) / len(files)
    for key, _, target in METRICS:
        if key != "wrong" and row[key] is not None:
            row[f"{key}_met"] = bool(row[key] >= target)
    return row


def run(language: str, *, takes: int = 8, quick: bool = False) -> dict:
    """Analyze the first ``takes`` of the ``language`` set under every condition; the
    saved run's dict."""
    import voicecoach
    from voicecoach.transcript.whisper import Transcriber

    paths = language_corpus.build(language)[:3 if quick else takes]
    conditions = CONDITIONS[:2] if quick else CONDITIONS
    transcriber = Transcriber()
    per_condition: dict[str, list[dict]] = {}
    for condition, name, path, truth in _copies(language, paths, OUT_DIR / "languages",
                                                conditions):
        report = voicecoach.analyze(path, transcriber=transcriber, consonants=False,
                                    language=GIVEN.get(language))
        truth = {k: v for k, v in truth.items() if k != "n_words"}  # pace in syllables
        scores = score_report(report, truth, None)
        found = report.language.language if report.language is not None else None
        per_condition.setdefault(condition.name, []).append(
            {"file": name, "language": found, **scores})
        print(f"\r  {language} {condition.name}: {name}      ", end="", file=sys.stderr,
              flush=True)
    print(file=sys.stderr)
    rows = [_row(c, per_condition[c.name], language) for c in conditions]
    return {**_provenance(), "language": language, "files": per_condition, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.languages", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--language", choices=("pl", "ko"), action="append",
                        help="the set to run (repeatable; default both)")
    parser.add_argument("--takes", type=int, default=8, help="takes per set (of 16)")
    parser.add_argument("--quick", action="store_true", help="three takes, two conditions")
    parser.add_argument("--out", type=Path, default=OUT_DIR / "languages.json")
    parser.add_argument("--markdown", type=Path, metavar="JSON",
                        help="print the tables of a saved run as Markdown, run nothing")
    args = parser.parse_args(argv)
    if args.markdown:
        for run_ in json.loads(args.markdown.read_text())["runs"]:
            print(f"\n{run_['language']}, voicecoach {run_['commit'][:7]}\n")
            print(markdown(run_["rows"], METRICS))
        return 0
    t0 = time.perf_counter()
    runs = [run(language, takes=args.takes, quick=args.quick)
            for language in args.language or ("pl", "ko")]
    missed = False
    for run_ in runs:
        print(f"\n{run_['language']}")
        print_table(run_["rows"], METRICS)
        missed |= any(r[f"{k}_met"] is False for r in run_["rows"] if not r["lenient"]
                      for k, _, _ in METRICS if k != "wrong")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"runs": runs}, indent=1, default=float,
                                   ensure_ascii=False) + "\n")
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
