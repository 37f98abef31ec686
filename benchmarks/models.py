"""The English model, measured: bundled tiny.en against the multilingual base, one run.

Every corpus file (benchmarks/corpus: piper and espeak-ng openings, some at telephone
bandwidth) is analyzed as it is and with white noise at 15 dB SNR over the speech
(benchmarks/degrade.py's seeded recipe), once with each model, decoding English. Per
model and set:

- **WER**: word error rate against the truth text, numbers written as digits spelled out
  first (both models write "479" for "four seven nine" or "four hundred seventy-nine";
  a digit string is compared digit by digit when the truth spells digits).
- **rate 5%**: share of files whose words per minute are within 5 % of the truth.
- **"?" recall**: share of the true questions whose sentence the model ended with "?".
- **transcription s / audio s**: decoding time over audio time (real-time factor).
- **analysis / transcription**: the whole analysis' time over the transcription's.

Usage::

    python -m benchmarks.corpus            # the corpus, once
    python -m benchmarks.models            # about 10 minutes on 2 cores
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks import degrade
from benchmarks.accuracy import QUESTION_MATCH_S, RATE_TOL, truth_rate_wpm
from benchmarks.speed_wer import word_error_rate

ROOT = Path(__file__).resolve().parent
MODELS = ("tiny.en", "base")
SETS = ("as built", "white 15 dB")
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell_number(n: int) -> list[str]:
    """``n`` (0..999999) in English words: 840 -> eight hundred and forty."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10 - 2]] + ([_ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        rest = n % 100
        return [_ONES[n // 100], "hundred"] + (["and", *spell_number(rest)] if rest else [])
    rest = n % 1000
    return spell_number(n // 1000) + ["thousand"] + (spell_number(rest) if rest else [])


def words_of(text: str, *, digits_singly: bool = False) -> list[str]:
    """Lower-case words of ``text``; numbers spelled out (digit by digit when
    ``digits_singly``, as invoice numbers are read), "$" and "%" dropped."""
    out: list[str] = []
    for token in re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace(",", "")).split():
        if token.isdigit() and len(token) <= 6:
            out += ([_ONES[int(d)] for d in token] if digits_singly and len(token) > 2
                    else spell_number(int(token)))
        else:
            out.append(token)
    return out


def wer(truth_text: str, heard: str) -> float:
    """The smaller WER of the two readings of the digits (whole numbers, digit by digit)."""
    ref = words_of(truth_text)
    return min(word_error_rate(ref, words_of(heard, digits_singly=singly))
               for singly in (False, True))


def question_marks(report, truth: dict) -> tuple[int, int]:
    """(true questions the transcript ended with "?", true questions)."""
    ends = [s.words[-1] for s in report.transcript.sentences if s.words]
    hit = sum(any(abs(w.end_s - q["end_s"]) <= QUESTION_MATCH_S and w.text.endswith("?")
                  for w in ends) for q in truth["questions"])
    return hit, len(truth["questions"])


def copies(corpus: Path, limit: int | None = None):
    """Yield (set name, file name, samples, sr, truth) for every corpus file (the first
    ``limit``) and set."""
    import soundfile as sf

    manifest = json.loads((corpus / "manifest.json").read_text())
    white = next(c for c in degrade.CONDITIONS if c.name == "white 15 dB")
    for k, entry in enumerate(manifest["files"][:limit]):
        x, sr = sf.read(corpus / entry["audio"], dtype="float32")
        truth = json.loads((corpus / entry["truth"]).read_text())
        yield SETS[0], entry["audio"], x, sr, truth
        segments = [(s["start_s"], s["end_s"]) for s in truth["segments"]]
        y, sr_out = degrade.apply(white, x, sr, segments, seed=7000 + k)
        yield SETS[1], entry["audio"], y.astype(np.float32), sr_out, truth


def run(corpus: Path, limit: int | None = None) -> list[dict]:
    """One row per (model, set, file)."""
    from voicecoach.audio import from_array
    from voicecoach.pipeline import analyze_audio
    from voicecoach.transcript.whisper import Transcriber

    class Timed:
        """The transcriber, timing its decoding."""

        def __init__(self, inner):
            self.inner, self.model_id, self.seconds = inner, inner.model_id, 0.0

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def transcribe(self, audio, **kw):
            t0 = time.perf_counter()
            try:
                return self.inner.transcribe(audio, **kw)
            finally:
                self.seconds += time.perf_counter() - t0

    timed = {m: Timed(Transcriber(m)) for m in MODELS}
    rows = []
    for set_name, name, x, sr, truth in copies(corpus, limit):
        audio = from_array(x, sr, path=name)
        for model in MODELS:
            tr = timed[model]
            tr.seconds = 0.0
            t0 = time.perf_counter()
            report = analyze_audio(audio, transcriber=tr, consonants=False, language="en")
            total_s = time.perf_counter() - t0
            true_wpm = truth_rate_wpm(truth)
            hit, n_q = question_marks(report, truth)
            rows.append({
                "model": model, "set": set_name, "file": name, "audio_s": audio.duration_s,
                "wer": wer(truth["text"], report.transcript.text),
                "rate_err": (abs(report.measures.pace.rate_wpm - true_wpm) / true_wpm
                             if report.measures else float("inf")),
                "q_hit": hit, "q_n": n_q, "transcribe_s": tr.seconds, "analysis_s": total_s})
        print(f"{set_name:12s} {name}", file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict]) -> str:
    """The Markdown table: one line per model and set."""
    lines = ["| model | set | files | WER | rate 5% | \"?\" recall | transcription s / audio s "
             "| analysis / transcription |", "|---|---|---|---|---|---|---|---|"]
    for model in MODELS:
        for set_name in SETS:
            r = [x for x in rows if x["model"] == model and x["set"] == set_name]
            if not r:
                continue
            audio_s = sum(x["audio_s"] for x in r)
            trans_s = sum(x["transcribe_s"] for x in r)
            lines.append(
                f"| {model} | {set_name} | {len(r)} | {np.mean([x['wer'] for x in r]):.3f} "
                f"| {np.mean([x['rate_err'] <= RATE_TOL for x in r]):.2f} "
                f"| {sum(x['q_hit'] for x in r) / max(1, sum(x['q_n'] for x in r)):.2f} "
                f"| {trans_s / audio_s:.3f} "
                f"| {sum(x['analysis_s'] for x in r) / trans_s:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.models", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "models.json")
    parser.add_argument("--limit", type=int, help="only the first N corpus files")
    parser.add_argument("--markdown", type=Path, metavar="JSON",
                        help="print the table of a saved run, run nothing")
    args = parser.parse_args(argv)
    if args.markdown:
        print(table(json.loads(args.markdown.read_text())["rows"]))
        return 0
    if not (args.corpus / "manifest.json").exists():
        print(f"no corpus in {args.corpus}: run python -m benchmarks.corpus", file=sys.stderr)
        return 1
    rows = run(args.corpus, args.limit)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps({"rows": rows}, indent=1))
    tmp.replace(args.out)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
