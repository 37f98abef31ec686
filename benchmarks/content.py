"""The opening's checklist against labeled openings: precision and recall per step.

The openings in ``benchmarks/content_openings.json`` were written and labeled (each
step said or not, harsh wording or not) as a trainer would, before the detector was
run on them. Each is synthesized with piper's joe voice (a sentence a phrase, spoken
without its commas (a breath inside a long one kept), 0.6 s
between them, 2 s after a question), then analyzed by the real pipeline with the
bundled model, so the figures include what the recognizer makes of the words; the
same openings' written text run through the checklist alone separates the checklist's
own errors from the recognizer's. Degraded copies (white noise at 20 dB SNR over the
speech, a phone line: 300-3400 Hz at 8 kHz and mu-law) show what survives a real room.

Run::

    python -m benchmarks.content --out benchmarks/out/content.json   # ~6 min on 2 cores
    python -m benchmarks.content --markdown benchmarks/out/content.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OPENINGS = HERE / "content_openings.json"
AUDIO = HERE / "out" / "content"
STEPS = ("greeting", "agent_name", "company", "right_party", "purpose", "amount", "invoice",
         "due_date", "open_question", "customer_name", "commitment", "polite_close", "harsh")
CONDITIONS = ("text", "clean", "white_20db", "phone")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]


def synthesize(opening: dict) -> Path:
    """The opening spoken by piper joe (cached in benchmarks/out/content/)."""
    from benchmarks import speechkit as sk

    path = AUDIO / f"{opening['id']}.flac"
    if path.exists():
        return path
    said = sentences(opening["text"])
    # Commas make piper pause inside a phrase; the sentence is spoken without them.
    phrases = [sk.piper_phrase(re.sub(r"[,;:\"]|\s-+\s", " ", s), length_scale=1.15,
                               check_pauses=False) for s in said]
    silences = [2.0 if s.endswith("?") else 0.6 for s in said[:-1]]
    tl = sk.assemble(phrases, silences, lead_s=0.5, tail_s=2.0, engine="piper",
                     voice=sk.PIPER_VOICE, notes=opening.get("note", ""))
    samples = sk.add_noise_floor(tl.samples, level_dbfs=-66.0, seed=1)
    return sk.write_recording(path, samples, tl.sr, dict(tl.truth))


def degraded(path: Path, condition: str) -> tuple[np.ndarray, int]:
    """The recording under ``condition``: samples (float32) and their rate, Hz."""
    import soundfile as sf

    from benchmarks import degrade as dg

    x, sr = sf.read(path, dtype="float32")
    if condition == "clean":
        return x, sr
    truth = json.loads(path.with_suffix("").with_suffix(".truth.json").read_text())
    active = dg.active_mask(len(x), sr, [(s["start_s"], s["end_s"]) for s in truth["segments"]])
    if condition == "white_20db":
        rng = np.random.default_rng(int(path.stem[1:]))
        return dg.fit(dg.add_noise(x, dg.white_noise(len(x), rng), 20.0, active)), sr
    if condition == "phone":  # 8 kHz
        return dg.fit(dg.mulaw_round_trip(dg.telephone_band(x, sr))), dg.PHONE_SR
    raise ValueError(condition)


def verdicts(findings) -> dict[str, str]:
    """Each step's verdict ("harsh" for the tone's), from a report's findings."""
    return {("harsh" if f.key == "content.tone" else f.key.removeprefix("content.")): f.verdict
            for f in findings if f.group == "content"}


def said_steps(findings) -> dict[str, bool]:
    """Each step said (on target), and harsh wording found, from a report's findings."""
    found = verdicts(findings)
    out = {k: v == "on target" for k, v in found.items()}
    out["harsh"] = found.get("harsh") == "needs work"
    return out


def withheld(findings) -> bool:
    return any(f.group == "content" and f.verdict == "not judged" and "noise" in f.detail
               for f in findings)


def run(openings: list[dict], *, model: str | None) -> dict:
    from voicecoach.assess.content import content_findings
    from voicecoach.assess.targets import load_targets
    from voicecoach.audio import from_array
    from voicecoach.measures.content import check_opening
    from voicecoach.pipeline import analyze_audio
    from voicecoach.transcript import Transcript
    from voicecoach.transcript.whisper import Transcriber

    targets = load_targets()
    checklist = targets.content.for_language("en")
    transcriber = Transcriber(model)
    results: dict[str, dict] = {c: {} for c in CONDITIONS}
    for k, opening in enumerate(openings, 1):
        written = Transcript(Transcript.from_text(opening["text"]).words, "en")
        found = content_findings(check_opening(written, checklist), targets)
        results["text"][opening["id"]] = {"said": said_steps(found), "verdicts": verdicts(found),
                                          "transcript": opening["text"]}
        path = synthesize(opening)
        for condition in CONDITIONS[1:]:
            audio = from_array(*degraded(path, condition), path=str(path))
            report = analyze_audio(audio, transcriber=transcriber, consonants=False,
                                   targets=targets)
            findings = report.assessment.findings if report.assessment else ()
            results[condition][opening["id"]] = {
                "said": said_steps(findings), "verdicts": verdicts(findings),
                "withheld": withheld(findings),
                "median_word_p": None if report.measures is None or report.measures.content
                is None else report.measures.content.median_word_p,
                "transcript": report.transcript.text}
        print(f"{k}/{len(openings)} {opening['id']}", file=sys.stderr, flush=True)
    return {"model": transcriber.model_id, "n_openings": len(openings), "results": results,
            "labels": {o["id"]: o["labels"] for o in openings}}


def table(data: dict) -> dict[str, dict[str, dict[str, float]]]:
    """Per condition and step: tp, fp, fn, precision, recall (takes withheld for noise left
    out), and of the misses, ``crossed``: those shown as needing work (a wrong cross; the
    others were not judged)."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for condition, per in data["results"].items():
        rows = {}
        kept = {i: r for i, r in per.items() if not r.get("withheld")}
        for step in STEPS:
            pairs = [(data["labels"][i][step], r["said"].get(step, False))
                     for i, r in kept.items()]
            tp = sum(a and b for a, b in pairs)
            fp = sum(b and not a for a, b in pairs)
            fn = sum(a and not b for a, b in pairs)
            crossed = sum(data["labels"][i][step] and r["verdicts"].get(step) in
                          ("needs work", "close") for i, r in kept.items()) if step != "harsh" \
                else fp
            rows[step] = {"tp": tp, "fp": fp, "fn": fn, "crossed": crossed,
                          "precision": tp / (tp + fp) if tp + fp else float("nan"),
                          "recall": tp / (tp + fn) if tp + fn else float("nan")}
        rows["_withheld"] = {"n": len(per) - len(kept), "of": len(per)}
        out[condition] = rows
    return out


def markdown(data: dict) -> str:
    t = table(data)
    lines = [f"model {data['model']}, {data['n_openings']} openings; precision / recall "
             "(false alarms, misses, of them shown as needing work)", "",
             "| step | " + " | ".join(CONDITIONS) + " |", "|---|" + "---|" * len(CONDITIONS)]
    for step in STEPS:
        cells = []
        for c in CONDITIONS:
            r = t[c][step]
            cells.append(f"{r['precision']:.2f} / {r['recall']:.2f} "
                         f"({r['fp']}, {r['fn']}, {r['crossed']})")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    lines.append("| withheld (noise) | " + " | ".join(
        f"{t[c]['_withheld']['n']}/{t[c]['_withheld']['of']}" for c in CONDITIONS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="run the benchmark and write its JSON here")
    ap.add_argument("--markdown", type=Path, help="print the table of a written JSON")
    ap.add_argument("--model", help="Whisper model (default: the bundled one)")
    ap.add_argument("--limit", type=int, help="only the first N openings")
    ap.add_argument("--openings", type=Path, default=OPENINGS, help="the labeled openings")
    args = ap.parse_args(argv)
    if args.out:
        openings = json.loads(args.openings.read_text())[: args.limit]
        data = run(openings, model=args.model)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(data, indent=1))
        print(markdown(data))
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
