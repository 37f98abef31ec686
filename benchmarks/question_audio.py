"""Question precision and recall through the whole analyzer on the speech corpus.

``python -m benchmarks.question_audio`` builds the evaluation corpus
(:mod:`benchmarks.corpus`, cached), analyzes every file with the bundled tiny.en
(no final consonants) and pairs the questions found with the truth's question
segments one to one when their ends lie within 0.6 s. Prints precision, recall and
every question found that is none and every true question missed, with the
evidence it was counted on. About a minute on 2 cores once the corpus is built.
"""

from __future__ import annotations

import json

from benchmarks import corpus

__all__ = ["END_TOL_S", "pair", "main"]

END_TOL_S = 0.6


def pair(found_end_s: list[float], truth_end_s: list[float]) -> tuple[set[int], set[int]]:
    """(indices of found questions paired, indices of true questions paired), greedily in
    order, each true question used once."""
    used_found, used_truth = set(), set()
    for i, end_s in enumerate(found_end_s):
        for j, t_s in enumerate(truth_end_s):
            if j not in used_truth and abs(t_s - end_s) <= END_TOL_S:
                used_found.add(i)
                used_truth.add(j)
                break
    return used_found, used_truth


def main() -> int:
    from voicecoach.pipeline import analyze
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber(None)
    tp = fp = fn = 0
    lines = []
    for path in corpus.build():
        truth = json.loads(path.with_name(path.stem + ".truth.json").read_text())
        report = analyze(path, consonants=False, transcriber=transcriber)
        found = [] if report.measures is None else list(report.measures.questions.questions)
        true_q = [s for s in truth["segments"] if s["kind"] == "question"]
        got, hit = pair([q.end_s for q in found], [s["end_s"] for s in true_q])
        tp += len(got)
        fp += len(found) - len(got)
        fn += len(true_q) - len(hit)
        lines += [f"found, no question: {path.stem}: {q.text} {list(q.evidence)}"
                  for i, q in enumerate(found) if i not in got]
        lines += [f"missed: {path.stem}: {s['text']}" for j, s in enumerate(true_q)
                  if j not in hit]
    print(f"question precision {tp / max(1, tp + fp):.3f}  recall {tp / max(1, tp + fn):.3f}"
          f"  (found right {tp}, found wrongly {fp}, missed {fn})")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
