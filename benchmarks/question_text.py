"""Question decisions from the text alone on the labelled sentence sets.

``python -m benchmarks.question_text`` prints precision and recall of
:func:`voicecoach.measures.questions.decide_sentence` (no pitch) on
tests/data/question_sentences.json (118 sentences) and the held-out
tests/data/question_sentences_heldout.json (73), in two readings:

- overall: the final marks as the recognizer wrote them (a dropped "?" read as ".");
- syntax only: every "?" removed, so the wording alone decides.

Every sentence decided wrongly is listed under the table.
"""

from __future__ import annotations

import json
from pathlib import Path

from voicecoach.measures.questions import decide_sentence
from voicecoach.transcript import Transcript

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = ("question_sentences.json", "question_sentences_heldout.json")


def _text(item: dict, *, keep_marks: bool) -> str:
    text = item["text"]
    drop = not keep_marks or item.get("recognizer_dropped_mark", False)
    return text[:-1] + "." if drop and text.endswith("?") else text


def score(items: list[dict], *, keep_marks: bool) -> tuple[int, int, int, list[str]]:
    """(true positives, false positives, false negatives, wrongly decided texts)."""
    tp = fp = fn = 0
    wrong = []
    for item in items:
        text = _text(item, keep_marks=keep_marks)
        found = decide_sentence(Transcript.from_text(text).sentences[0]).question
        tp += found and item["question"]
        fp += found and not item["question"]
        fn += item["question"] and not found
        if found != item["question"]:
            wrong.append(text)
    return tp, fp, fn, wrong


def main() -> None:
    print(f"{'set':34s} {'reading':12s} {'precision':>9s} {'recall':>7s}  tp  fp  fn")
    missed = []
    for name in SETS:
        items = json.loads((DATA / name).read_text())["sentences"]
        for keep, label in ((True, "overall"), (False, "syntax only")):
            tp, fp, fn, wrong = score(items, keep_marks=keep)
            print(f"{name:34s} {label:12s} {tp / max(1, tp + fp):9.3f} "
                  f"{tp / max(1, tp + fn):7.3f} {tp:3d} {fp:3d} {fn:3d}")
            missed += [f"{name} ({label}): {w}" for w in wrong]
    for line in missed:
        print("wrong:", line)


if __name__ == "__main__":
    main()
