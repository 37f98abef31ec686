"""Each bundled sample's measures next to its truth file, one table.

``python -m benchmarks.samples_table`` runs the real analyzer (bundled tiny.en, final
consonants included) on the four one-party samples in ``samples/`` and prints, per
sample: speaking rate against the true rate (waits after questions left out, as
voicecoach counts it), pauses >= 250 ms found against inserted, each question gap
against its inserted gap, median F0 against Praat's on the same audio (the reference
tracker; needs the bench extra), and the clipped words named against the words whose
final consonant was left out.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.accuracy import match_questions, score_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAMES = ("good_opening", "rushed_opening", "clipped_consonants", "high_monotone")


def sample_rows(names=NAMES) -> list[dict]:
    """Measured and true values for each sample (see the module docstring)."""
    from benchmarks.pitch_truth import praat_agreement
    from voicecoach.pipeline import analyze
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber()
    rows = []
    for name in names:
        path = SAMPLES / f"{name}.flac"
        truth = json.loads((SAMPLES / f"{name}.truth.json").read_text(encoding="utf-8"))
        report = analyze(path, transcriber=transcriber)
        m = report.measures
        scored = score_file(report, truth)  # rate and pauses as the accuracy suite scores them
        found = match_questions(m.questions.questions, truth["questions"])
        rows.append({
            "sample": name,
            "rate_wpm": scored["rate_wpm"], "true_rate_wpm": scored["true_rate_wpm"],
            "pauses": scored["found"], "true_pauses": scored["true"],
            "pauses_matched": scored["tp"],
            "gaps_s": [(q.gap_s if q else None, tq["gap_s"])
                       for q, tq in zip(found, truth["questions"])],
            "median_f0_hz": m.pitch.median_f0_hz,
            "praat_median_f0_hz": praat_agreement([str(path)])[0]["praat_median_hz"],
            "clipped": sorted(d.word.strip(".,?!").lower() for d in m.consonants.clipped),
            "true_clipped": sorted(w["word"].lower() for w in truth.get("clipped_words", [])),
            "n_uncertain": m.consonants.n_uncertain, "n_consonant_final": len(m.consonants.words),
        })
    return rows


def format_rows(rows: list[dict]) -> str:
    """The rows as a Markdown table."""
    out = ["| sample | rate wpm (truth) | pauses found / inserted (matched) | question gaps s "
           "(truth) | median F0 Hz (Praat) | clipped words named (truth) | uncertain |",
           "|---|---|---|---|---|---|---|"]
    for r in rows:
        gaps = ", ".join(f"{'missed' if g is None else f'{g:.2f}'} ({t:.2f})"
                         for g, t in r["gaps_s"])
        clipped = ", ".join(r["clipped"]) or "none"
        true_clipped = ", ".join(r["true_clipped"]) or "none"
        out.append(
            f"| {r['sample']} | {r['rate_wpm']:.0f} ({r['true_rate_wpm']:.0f}) | "
            f"{r['pauses']} / {r['true_pauses']} ({r['pauses_matched']}) | {gaps} | "
            f"{r['median_f0_hz']:.0f} ({r['praat_median_f0_hz']:.0f}) | {clipped} "
            f"({true_clipped}) | {r['n_uncertain']} of {r['n_consonant_final']} |")
    return "\n".join(out)


def main() -> int:
    print(format_rows(sample_rows()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
