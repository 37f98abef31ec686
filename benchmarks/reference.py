"""The golden take under real-room conditions: are the differences it names true?

``python -m benchmarks.reference [--out benchmarks/out/reference.json] [--markdown]``

The three bundled agent takes of one script (rushed_opening, retake_opening,
good_opening) are degraded under each condition of :mod:`benchmarks.degrade` (noise at
several SNRs, digital silence, reverberation, gain, clipping, phone codecs, MP3) and
compared with the trainer's clean model take (trainer_reference) by
:func:`voicecoach.compare.compare`. Every difference named (all of them, not only the
three shown) is checked against the times the files were built with:

- ``pause_short`` / ``pause_long`` after a phrase is true when the silence placed after it
  in the take is at least 0.15 s shorter (0.5 s longer) than in the trainer's file; a
  breath group that ends inside one of the take's sentences has no silence after it.
- ``rushed`` / ``slower`` is true when the phrase's built length in the take is under
  93 % (over 107 %) of the trainer's. A take phrase inside one of its sentences has a
  length known in proportion: its sentence's length times the trainer's group's share
  of the trainer's sentence (piper scales every phone of a sentence alike).
- the pitch kinds have no built truth (one voice throughout): counted apart.

Recall: of the true differences at least twice the size named (pause 0.5 s shorter, length
under 80 %), the share named. Precision is over pause and length claims.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import degrade

ROOT = Path(__file__).resolve().parent
SAMPLES = ROOT.parent / "samples"
TAKES = ("rushed_opening", "retake_opening", "good_opening")
REFERENCE = "trainer_reference"
TALKERS = ("missing_facts_opening", "harsh_opening", "high_monotone", "clipped_consonants")
# The trainer's breath groups, sentence by sentence (samples/make_samples.py TRAINER_SCRIPT).
GROUP_SENTENCE = (0, 0, 1, 2, 2, 3, 3, 4, 5)
CONDITIONS = ("clean", "white 15 dB", "pink 10 dB", "babble 15 dB", "office 10 dB", "gated",
              "reverb 0.4 s", "reverb 0.8 s", "low gain", "clipped", "mu-law 8 kHz",
              "gsm 8 kHz", "mp3 40 kbps")
PAUSE_TRUE_S, PAUSE_LONG_TRUE_S, RATIO_TRUE = 0.15, 0.5, 0.07
BIG_PAUSE_S, BIG_RATIO = 0.5, 0.8


def _read(path: Path) -> tuple[np.ndarray, int]:
    import soundfile as sf

    x, sr = sf.read(path, dtype="float64", always_2d=True)
    return x.mean(axis=1), sr


def _truth(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.truth.json").read_text("utf-8"))


def _silences(segments: list[dict], duration_s: float) -> list[float]:
    return [(segments[i + 1]["start_s"] if i + 1 < len(segments) else duration_s)
            - s["end_s"] for i, s in enumerate(segments)]


def built_groups(take: str) -> list[dict]:
    """Per trainer breath group: its built length and silence after, in the trainer's file
    and in ``take``."""
    ref, tk = _truth(REFERENCE), _truth(take)
    ref_seg, tk_seg = ref["segments"], tk["segments"]
    ref_sil, tk_sil = _silences(ref_seg, ref["duration_s"]), _silences(tk_seg, tk["duration_s"])
    out = []
    for g, seg in enumerate(ref_seg):
        s = GROUP_SENTENCE[g]
        groups = [k for k, x in enumerate(GROUP_SENTENCE) if x == s]
        share = (seg["end_s"] - seg["start_s"]) / sum(ref_seg[k]["end_s"] - ref_seg[k]["start_s"]
                                                      for k in groups)
        sentence = tk_seg[s]
        out.append({"ref_start_s": seg["start_s"], "ref_end_s": seg["end_s"],
                    "ref_s": seg["end_s"] - seg["start_s"], "ref_pause_s": ref_sil[g],
                    "take_s": share * (sentence["end_s"] - sentence["start_s"]),
                    "take_pause_s": tk_sil[s] if g == groups[-1] else 0.0})
    return out


def _group_of(phrase, groups: list[dict]) -> dict | None:
    """The built group the phrase (reference times) overlaps most."""
    a, b = phrase.reference.start_s, phrase.reference.end_s
    overlap = [min(b, g["ref_end_s"]) - max(a, g["ref_start_s"]) for g in groups]
    k = int(np.argmax(overlap))
    return groups[k] if overlap[k] > 0 else None


def _true(kind: str, g: dict) -> bool | None:
    if kind == "pause_short":
        return g["ref_pause_s"] - g["take_pause_s"] >= PAUSE_TRUE_S
    if kind == "pause_long":
        return g["take_pause_s"] - g["ref_pause_s"] >= PAUSE_LONG_TRUE_S
    if kind == "rushed":
        return g["take_s"] / g["ref_s"] < 1 - RATIO_TRUE
    if kind == "slower":
        return g["take_s"] / g["ref_s"] > 1 + RATIO_TRUE
    return None


def score(comparison, take: str) -> dict:
    """Claims named, true and false, and the recall of the big built differences."""
    from voicecoach.compare.phrases import _differences

    ref = comparison.reference
    groups = built_groups(take)
    claims = _differences(ref.phrases)
    named = {(kind, m) for kind, k, j, _, _ in claims for m in range(k, j + 1)}
    true = false = other = 0
    wrong = []
    for kind, k, j, _, _ in claims:
        gs = [_group_of(ref.phrases[m], groups) for m in range(k, j + 1)]
        gs = [x for n, x in enumerate(gs) if x is None or x not in gs[:n]]
        g = None if None in gs else {key: sum(x[key] for x in gs) for key in gs[0]}
        if g is not None and j > k:
            g["ref_pause_s"], g["take_pause_s"] = gs[-1]["ref_pause_s"], gs[-1]["take_pause_s"]
            g["ref_s"] = sum(x["ref_s"] for x in gs)  # spoken time, the pauses out
        verdict = None if g is None else _true(kind, g)
        if verdict is None:
            other += 1
        elif verdict:
            true += 1
        else:
            false += 1
            wrong.append(f"{kind} '{ref.phrases[k].text}'" + (f" to {j}" if j > k else ""))
    big = found = 0
    for k, p in enumerate(ref.phrases):
        g = _group_of(p, groups)
        if g is None or p.take is None:
            continue
        for kind, is_big in (("pause_short", g["ref_pause_s"] - g["take_pause_s"] >= BIG_PAUSE_S),
                             ("rushed", g["take_s"] / g["ref_s"] < BIG_RATIO)):
            if is_big:
                big += 1
                found += (kind, k) in named
    return {"take": take, "named": len(named), "true": true, "false": false, "pitch": other,
            "big": big, "big_found": found, "wrong": wrong}


def run(conditions=CONDITIONS) -> list[dict]:
    import soundfile as sf

    import voicecoach
    from voicecoach.compare import compare
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber()
    reference = voicecoach.analyze(SAMPLES / f"{REFERENCE}.flac", transcriber=transcriber,
                                   consonants=False)
    talkers = [_read(SAMPLES / f"{n}.flac")[0] for n in TALKERS]
    by_name = {c.name: c for c in degrade.CONDITIONS}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for c, name in enumerate(conditions):
            condition = by_name[name]
            for k, take in enumerate(TAKES):
                x, sr = _read(SAMPLES / f"{take}.flac")
                segments = [(s["start_s"], s["end_s"]) for s in _truth(take)["segments"]]
                y, sr_out = degrade.apply(condition, x, sr, segments, seed=100 * c + k,
                                          talkers=[t[: len(x)] for t in talkers])
                path = Path(tmp) / f"{take}.wav"
                sf.write(path, y, sr_out, subtype="PCM_16")
                t0 = time.perf_counter()
                report = voicecoach.analyze(path, transcriber=transcriber, consonants=False)
                result = compare([report], reference=reference)
                row = {"condition": name, **score(result, take),
                       "matched": f"{result.reference.matched_words}/"
                                  f"{result.reference.reference_words}",
                       "seconds": round(time.perf_counter() - t0, 2)}
                rows.append(row)
                print(f"{name:<14} {take:<16} named {row['named']:>2}  true {row['true']:>2}  "
                      f"false {row['false']:>2}  big {row['big_found']}/{row['big']}  "
                      f"{'; '.join(row['wrong'])}", file=sys.stderr)
    return rows


def table(rows: list[dict]) -> list[dict]:
    """Per condition: claims, precision, big-difference recall, false claims on the take
    read at the trainer's pace (good_opening)."""
    out = []
    for name in dict.fromkeys(r["condition"] for r in rows):
        rs = [r for r in rows if r["condition"] == name]
        true, false = sum(r["true"] for r in rs), sum(r["false"] for r in rs)
        big, found = sum(r["big"] for r in rs), sum(r["big_found"] for r in rs)
        good = next(r for r in rs if r["take"] == "good_opening")
        out.append({"condition": name, "claims": true + false,
                    "precision": round(true / (true + false), 3) if true + false else None,
                    "recall_big": round(found / big, 3) if big else None,
                    "false_on_good": good["false"], "pitch_claims": sum(r["pitch"] for r in rs)})
    return out


def markdown(summary: list[dict]) -> str:
    lines = ["| condition | claims | precision | big differences named | false on the "
             "good take | pitch claims |", "|---|---|---|---|---|---|"]
    for s in summary:
        lines.append(f"| {s['condition']} | {s['claims']} | {s['precision']} | "
                     f"{s['recall_big']} | {s['false_on_good']} | {s['pitch_claims']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write rows and summary as JSON")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--conditions", nargs="+", default=list(CONDITIONS))
    args = parser.parse_args(argv)
    rows = run(args.conditions)
    summary = table(rows)
    print(markdown(summary) if args.markdown else json.dumps(summary, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"rows": rows, "summary": summary}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
