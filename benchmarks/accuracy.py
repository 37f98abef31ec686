"""The ground-truth accuracy suite: every measure against known answers, one table.

``python -m benchmarks.accuracy`` builds the evaluation corpus (deterministic,
seeded; see benchmarks/corpus.py), runs the real analyzer (bundled Whisper
tiny.en) on every recording, scores each measure against the truth files, folds
in the synthetic-pitch, two-party and final-consonant suites, prints one table (measure,
metric, subset, value, target, met) and writes it as JSON to
``benchmarks/out/accuracy.json``.

Options: ``--quick`` runs a handful of files only; ``--skip-consonants``,
``--skip-twoparty`` and ``--skip-praat`` leave those sections out.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["score_file", "summarize", "match_pauses", "match_questions", "truth_rate_wpm",
           "main"]

OUT_DIR = Path(__file__).resolve().parent / "out"
PAUSE_MIN_S = 0.25
EDGE_TOL_S = 0.08
GAP_TOL_S = 0.15
RATE_TOL = 0.05
PITCH_TOL_ST = 0.5
QUESTION_MATCH_S = 0.6


def match_pauses(found: Sequence[tuple[float, float]], truth: Sequence[tuple[float, float]]
                 ) -> list[tuple[int, int]]:
    """Pair found and true pauses one to one by largest overlap (greedy)."""
    pairs = []
    for i, (a, b) in enumerate(found):
        for j, (c, d) in enumerate(truth):
            overlap = min(b, d) - max(a, c)
            if overlap > 0:
                pairs.append((overlap, i, j))
    used_i, used_j, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            out.append((i, j))
    return out


def match_questions(found: Sequence, truth_questions: Sequence[dict]) -> list:
    """For each true question, the found question (a ``QuestionGap``) ending within
    ``QUESTION_MATCH_S`` of it, or None when the transcript did not hold it."""
    out = []
    for tq in truth_questions:
        near = [q for q in found if abs(q.end_s - tq["end_s"]) <= QUESTION_MATCH_S]
        out.append(near[0] if near else None)
    return out


def truth_rate_wpm(truth: dict) -> float:
    """The true speaking rate as voicecoach defines it: words per minute over the speaking
    span with the waits after questions (inside the span) taken out."""
    start_s, end_s = truth["speech_span_s"]
    waiting_s = sum(q["gap_s"] for q in truth["questions"]
                    if q["next_speech_s"] is not None and start_s <= q["end_s"] < end_s)
    return 60.0 * truth["n_words"] / (end_s - start_s - waiting_s)


def score_file(report, truth: dict) -> dict:
    """Compare one report's pace, pauses and question gaps with its truth file."""
    m = report.measures
    row: dict = {"file": Path(report.path).name}
    if m is None:
        return {**row, "rate_err": np.inf, "found": 0, "true": len(truth["pauses"]), "tp": 0,
                "edges_ok": 0, "gap_errs": [np.inf] * len(truth["questions"])}
    true_wpm = truth_rate_wpm(truth)
    row["rate_wpm"], row["true_rate_wpm"] = m.pace.rate_wpm, true_wpm
    row["rate_err"] = abs(m.pace.rate_wpm - true_wpm) / true_wpm
    found = [(p.start_s, p.end_s) for p in m.pauses.pauses]
    true = [(p["start_s"], p["end_s"]) for p in truth["pauses"]
            if p["end_s"] - p["start_s"] >= PAUSE_MIN_S]
    pairs = match_pauses(found, true)
    row.update(found=len(found), true=len(true), tp=len(pairs))
    row["edges_ok"] = sum(abs(found[i][0] - true[j][0]) <= EDGE_TOL_S
                          and abs(found[i][1] - true[j][1]) <= EDGE_TOL_S for i, j in pairs)
    row["edge_errs_s"] = [max(abs(found[i][0] - true[j][0]), abs(found[i][1] - true[j][1]))
                          for i, j in pairs]
    row["gap_errs"] = [abs(q.gap_s - tq["gap_s"]) if q else np.inf for q, tq in
                       zip(match_questions(m.questions.questions, truth["questions"]),
                           truth["questions"])]
    if m.pitch is not None:
        row["median_f0_hz"] = m.pitch.median_f0_hz
    return row


def _row(measure: str, metric: str, subset: str, value: float, target: str, met: bool) -> dict:
    return {"measure": measure, "metric": metric, "subset": subset,
            "value": round(float(value), 4), "target": target, "met": bool(met)}


def summarize(rows: Sequence[dict], subset: str) -> list[dict]:
    """Table rows for pace, pauses and question gaps over ``rows`` (one per file)."""
    if not rows:
        return []
    rate_ok = np.mean([r["rate_err"] <= RATE_TOL for r in rows])
    tp = sum(r["tp"] for r in rows)
    n_found, n_true = sum(r["found"] for r in rows), sum(r["true"] for r in rows)
    precision = tp / n_found if n_found else 1.0
    recall = tp / n_true if n_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    edges_ok = sum(r["edges_ok"] for r in rows) / tp if tp else 0.0
    gaps = [e for r in rows for e in r["gap_errs"]]
    gaps_ok = float(np.mean([e <= GAP_TOL_S for e in gaps])) if gaps else 1.0
    finite = [e for e in gaps if np.isfinite(e)]
    return [
        _row("pace", f"files with wpm within {RATE_TOL:.0%}", subset, rate_ok, ">= 0.95",
             rate_ok >= 0.95),
        _row("pace", "median wpm error", subset, np.median([r["rate_err"] for r in rows]),
             "(info)", True),
        _row("pauses", "F1 of pauses >= 250 ms", subset, f1, ">= 0.95", f1 >= 0.95),
        _row("pauses", "precision / recall", subset, precision, f"recall {recall:.3f}", True),
        _row("pauses", f"matched with both edges within {EDGE_TOL_S * 1000:.0f} ms", subset,
             edges_ok, ">= 0.95", edges_ok >= 0.95),
        _row("questions", f"gaps within {GAP_TOL_S * 1000:.0f} ms", subset, gaps_ok,
             ">= 0.95", gaps_ok >= 0.95),
        _row("questions", "questions recognized in the transcript", subset,
             len(finite) / len(gaps) if gaps else 1.0, "(info)", True),
        _row("questions", f"recognized: gaps within {GAP_TOL_S * 1000:.0f} ms", subset,
             float(np.mean([e <= GAP_TOL_S for e in finite])) if finite else 1.0, "(info)",
             True),
        _row("questions", "median gap error, s", subset,
             float(np.median(finite)) if finite else np.inf, "(info)", True),
    ]


def pitch_rows(agree: Sequence[dict], subset: str, *, before: Sequence[dict] = ()
               ) -> list[dict]:
    """Our median F0 against Praat's on the speech files (Praat as the reference).

    ``agree`` is :func:`benchmarks.pitch_truth.praat_agreement` on the files. With
    ``before`` (the same on the recordings before the phone line, in the same order),
    two information rows say how far the phone line moved each tracker's median: the
    copy's F0 is the original's, so a shift is the tracker's error.
    """
    within = np.mean([abs(a["median_diff_st"]) <= PITCH_TOL_ST for a in agree])
    gross = np.mean([a["gross_disagreement_pct"] for a in agree])
    rows = [
        _row("pitch", f"median F0 within {PITCH_TOL_ST} st of Praat", subset, within, ">= 0.95",
             within >= 0.95),
        _row("pitch", "frames > 20 % off Praat, %", subset, gross, "(info)", True),
    ]
    for who, key in (("ours (reported median)", "measure_median_hz"),
                     ("Praat", "praat_median_hz")) if before else ():
        shift = max(abs(12 * np.log2(a[key] / b[key])) for a, b in zip(agree, before))
        rows.append(_row("pitch", f"worst shift of {who} through the phone line, st", subset,
                         shift, "(info)", True))
    return rows


def _analyze_corpus(paths: Sequence[Path], quick: bool) -> list[tuple[Path, dict]]:
    from voicecoach.pipeline import analyze
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber()
    out = []
    for k, path in enumerate(paths, 1):
        truth = json.loads(path.with_name(path.stem + ".truth.json").read_text())
        report = analyze(path, transcriber=transcriber, consonants=False)
        row = score_file(report, truth)
        row["telephone"] = truth["sr"] <= 8000
        out.append((path, row))
        print(f"\r  analyzed {k}/{len(paths)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return out


def print_table(table: Sequence[dict]) -> None:
    """The table as aligned text, columns as wide as their longest entry."""
    keys = ("measure", "metric", "subset", "value", "target", "met")
    cells = [[r["measure"], r["metric"], r["subset"], f"{r['value']:.3f}", r["target"],
              "yes" if r["met"] else "NO"] for r in table]
    widths = [max(len(k), *(len(c[i]) for c in cells)) for i, k in enumerate(keys)]
    for row in [list(keys), *cells]:
        print("  ".join(c.rjust(w) if i == 3 else c.ljust(w)
                        for i, (c, w) in enumerate(zip(row, widths))).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a few files only")
    parser.add_argument("--skip-consonants", action="store_true")
    parser.add_argument("--skip-praat", action="store_true")
    parser.add_argument("--skip-twoparty", action="store_true")
    args = parser.parse_args(argv)
    from benchmarks import corpus

    t0 = time.perf_counter()
    paths = corpus.build()
    if args.quick:
        paths = paths[:6]
    print(f"corpus: {len(paths)} recordings ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    scored = _analyze_corpus(paths, args.quick)
    table = []
    for subset, keep in (("all", lambda r: True), ("studio", lambda r: not r["telephone"]),
                         ("telephone", lambda r: r["telephone"])):
        table += summarize([r for _, r in scored if keep(r)], subset)
    if not args.skip_praat:
        from benchmarks.pitch_truth import praat_agreement

        studio = {p.name: a for p, a in zip(
            [p for p, r in scored if not r["telephone"]],
            praat_agreement([str(p) for p, r in scored if not r["telephone"]]))}
        phone = [p for p, r in scored if r["telephone"]]
        table += pitch_rows(list(studio.values()), "studio")
        table += pitch_rows(praat_agreement([str(p) for p in phone]), "telephone",
                            before=[studio.get(p.name.replace("_tel", "")) or praat_agreement(
                                [str(p.with_name(p.name.replace("_tel", "")))])[0]
                                for p in phone])
    from benchmarks import pitch_truth

    table += [{**r, "subset": r.get("subset", "synthetic")} for r in pitch_truth.evaluate()]
    if not args.skip_twoparty:
        from benchmarks import twoparty_truth

        table += twoparty_truth.evaluate()
    if not args.skip_consonants:
        from benchmarks import consonant_truth

        table += [{**r, "subset": r.get("subset", "all")} for r in consonant_truth.evaluate()]
        table += consonant_truth.phone_line()
        table += consonant_truth.people()
        headline = ("balanced accuracy", "intact words called clipped, share",
                    "uncertain, share of words")
        table += [r for r in consonant_truth.leave_one_voice_out() if r["metric"] in headline]
        table += [r for r in consonant_truth.noisy() if r["metric"] in headline]
    print_table(table)
    OUT_DIR.mkdir(exist_ok=True)
    from voicecoach.outputs import write_atomic

    write_atomic(OUT_DIR / "accuracy.json", json.dumps(
        {"table": table, "files": [r for _, r in scored]}, indent=1, default=float))
    print(f"\nwrote {OUT_DIR / 'accuracy.json'} in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)
    return 0 if all(r["met"] for r in table) else 1


if __name__ == "__main__":
    raise SystemExit(main())
