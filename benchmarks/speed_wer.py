"""Word error rate of the 10 min call transcribed in chunks against in one piece.

Long recordings are decoded in chunks of at most ``CHUNK_S`` seconds to bound memory
(see :mod:`voicecoach.transcript.whisper`); this checks that chunking costs no
accuracy. The reference is the truth text of each sample take placed in the call,
in order (numbers are spelled out there and written as digits by Whisper, which
adds the same errors to both runs).

Usage::

    python -m benchmarks.speed_wer
"""

from __future__ import annotations

import json
import re
import sys

from benchmarks.speed import ROOT, plan, recording

__all__ = ["word_error_rate", "reference_words"]


def _norm(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split()


def reference_words(duration_s: float) -> list[str]:
    """The words of the takes in the benchmark recording of ``duration_s``, in order."""
    words: list[str] = []
    for name, _ in plan(duration_s):
        truth = json.loads((ROOT / "samples" / f"{name}.truth.json").read_text())
        words += _norm(truth["text"])
    return words


def word_error_rate(reference: list[str], hypothesis: list[str]) -> float:
    """(substitutions + deletions + insertions) / len(reference), by edit distance."""
    prev = list(range(len(hypothesis) + 1))
    for i, r in enumerate(reference, 1):
        row = [i]
        for j, h in enumerate(hypothesis, 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (r != h)))
        prev = row
    return prev[-1] / max(1, len(reference))


def main() -> int:
    from voicecoach.audio import load
    from voicecoach.transcript.whisper import CHUNK_S, Transcriber, chunk_bounds

    duration_s = 600.0
    audio = load(recording("call_10min", duration_s))
    ref = reference_words(duration_s)
    print("| decoding | chunks | words | WER vs truth text |\n|---|---|---|---|")
    for label, chunk_s in ((f"in chunks of <= {CHUNK_S:.0f} s", CHUNK_S),
                           ("in one piece", 2 * duration_s)):
        transcript = Transcriber(chunk_s=chunk_s).transcribe(audio)
        hyp = _norm(" ".join(w.text for w in transcript.words))
        n_chunks = len(chunk_bounds(audio.samples, audio.sr, chunk_s=chunk_s))
        print(f"| {label} | {n_chunks} | {len(hyp)} | {word_error_rate(ref, hyp):.3f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
