"""Two voices in one channel: detection rate and false alarms of
:func:`voicecoach.measures.voices.count_voices`, against takes whose speakers are known.

``python -m benchmarks.two_voices [--markdown] [--json PATH]`` builds, from the
evaluation corpus (``benchmarks/corpus``, piper and espeak-ng voices):

- **two-voice takes**: the phrases (cut at their truth segments, 50 ms collar) of two
  corpus files of different voices, alternating A B A B ... with a known silence of
  0.35-1.2 s between turns, up to eight turns; pairs of a man and a woman, of two men and
  of two women (``PAIRS``);
- **one-voice takes**: every wide-band corpus file as it is, and two files of the same
  voice at two espeak-ng pitch settings joined (one speaker moving the voice up and down,
  the hardest one-voice case: ``SAME_VOICE``);

then degrades every take (``benchmarks/degrade.py``: clean, white noise 15 dB SNR,
reverb RT60 0.4 s, GSM 8 kHz, white noise 5 dB SNR), hears it as the pipeline does
(16 kHz, :func:`voicecoach.measures.activity.detect`, :func:`track_f0`) and counts the
voices. One row per condition: two-voice takes found / undecided / missed, one-voice
takes flagged (false alarms) / undecided; and the bundled samples and real recordings:
``samples/two_party_call.flac`` mixed to mono must be found, every single-speaker
sample, ``tests/data`` recording and real recording (``benchmarks/real_corpus.py``, when
present) must not be.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks import degrade

__all__ = ["PAIRS", "SAME_VOICE", "CONDITIONS", "Take", "two_voice_takes", "one_voice_takes",
           "count", "main"]

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
SR = 16000
COLLAR_S = 0.05
TURN_GAPS_S = (0.35, 0.6, 0.9, 1.2, 0.5, 0.75, 1.0)
MAX_TURNS = 8
# (a, b, kind): two corpus files of different voices; the median F0 of each (our
# tracker, clean file) in the comment. espeak-ng's en-gb+f4 speaks at a man's pitch.
PAIRS = (
    ("c000_piper", "c007_espeak", "man/woman"),    # piper joe 92 Hz, en-us+f3 173 Hz
    ("c001_espeak", "c021_espeak", "man/woman"),   # en-us 80, en-us+f2 192
    ("c012_piper", "c045_espeak", "man/woman"),    # piper joe 90, en-us+f2 155
    ("c003_espeak", "c019_espeak", "man/woman"),   # en-us+m3 84, en-us+f3 207
    ("c017_espeak", "c009_espeak", "man/woman"),   # en-gb 101, en-us+f2 156
    ("c025_espeak", "c043_espeak", "man/woman"),   # en-us 128, en-us+f3 169
    ("c002_piper", "c013_espeak", "man/man"),      # piper joe 88, en-us 101
    ("c008_piper", "c015_espeak", "man/man"),      # piper joe 87, en-us+m3 104
    ("c001_espeak", "c017_espeak", "man/man"),     # en-us 80, en-gb 101
    ("c003_espeak", "c029_espeak", "man/man"),     # en-us+m3 84, en-gb 130
    ("c010_piper", "c005_espeak", "man/man"),      # piper joe 91, en-gb 81
    ("c014_piper", "c023_espeak", "man/man"),      # piper joe 91, en-gb+f4 100
    ("c007_espeak", "c033_espeak", "woman/woman"),  # en-us+f3 173, en-us+f2 247
    ("c009_espeak", "c031_espeak", "woman/woman"),  # en-us+f2 156, en-us+f3 263
    ("c021_espeak", "c019_espeak", "woman/woman"),  # en-us+f2 192, en-us+f3 207
    ("c043_espeak", "c045_espeak", "woman/woman"),  # en-us+f3 169, en-us+f2 155
)
CONDITIONS = ("clean", "white 15 dB", "reverb 0.4 s", "gsm 8 kHz", "white 5 dB")


@dataclass(frozen=True)
class Take:
    """One benchmark take: ``samples`` at ``SR``, its true number of voices, and the
    true speech segments (s) with the voice ("a" or "b") of each."""

    name: str
    kind: str
    n_voices: int
    samples: np.ndarray
    segments: tuple[tuple[float, float, str], ...]


def _read(name: str) -> tuple[np.ndarray, dict]:
    import soundfile as sf

    x, sr = sf.read(CORPUS / f"{name}.flac", dtype="float64")
    if sr != SR:
        raise ValueError(f"{name}: {sr} Hz, {SR} expected")
    return x, json.loads((CORPUS / f"{name}.truth.json").read_text())


def _phrases(name: str) -> list[np.ndarray]:
    x, truth = _read(name)
    out = []
    for seg in truth["segments"]:
        a = max(0, int((seg["start_s"] - COLLAR_S) * SR))
        b = min(len(x), int((seg["end_s"] + COLLAR_S) * SR))
        out.append(x[a:b])
    return out


def _join(turns: list[tuple[np.ndarray, str]], name: str, kind: str, n_voices: int) -> Take:
    lead = np.zeros(int(0.5 * SR))
    parts, segments, t_s = [lead], [], 0.5
    for i, (x, who) in enumerate(turns):
        segments.append((t_s + COLLAR_S, t_s + len(x) / SR - COLLAR_S, who))
        gap = np.zeros(int(TURN_GAPS_S[i % len(TURN_GAPS_S)] * SR))
        parts += [x, gap]
        t_s += (len(x) + len(gap)) / SR
    return Take(name, kind, n_voices, np.concatenate(parts), tuple(segments))


def _level(x: np.ndarray, rms: float = 0.05) -> np.ndarray:
    return x * (rms / max(float(np.sqrt(np.mean(x ** 2))), 1e-9))


def two_voice_takes() -> list[Take]:
    """Alternating turns of the two voices of each pair (``PAIRS``), both at one level."""
    out = []
    for a, b, kind in PAIRS:
        pa, pb = _phrases(a), _phrases(b)
        n = min(len(pa), len(pb), MAX_TURNS // 2)
        turns = [t for i in range(n) for t in ((_level(pa[i]), "a"), (_level(pb[i]), "b"))]
        out.append(_join(turns, f"{a}+{b}", kind, 2))
    return out


SAME_VOICE = (("c001_espeak", "c013_espeak"), ("c007_espeak", "c019_espeak"),
              ("c009_espeak", "c021_espeak"), ("c005_espeak", "c017_espeak"),
              ("c000_piper", "c008_piper"), ("c002_piper", "c006_piper"))
"""Pairs of files of one voice: espeak-ng at two pitch settings (25 and 50: 3-4 st
apart), piper at two speaking rates."""


def one_voice_takes() -> list[Take]:
    """Every wide-band corpus file, and the same-voice pairs joined phrase by phrase."""
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    out = []
    for f in manifest["files"]:
        if f["telephone"]:
            continue
        name = Path(f["audio"]).stem
        x, truth = _read(name)
        segs = tuple((s["start_s"], s["end_s"], "a") for s in truth["segments"])
        out.append(Take(name, f"one voice ({f['engine']})", 1, x, segs))
    for a, b in SAME_VOICE:
        pa, pb = _phrases(a), _phrases(b)
        n = min(len(pa), len(pb), MAX_TURNS // 2)
        turns = [t for i in range(n) for t in ((_level(pa[i]), "a"), (_level(pb[i]), "a"))]
        kind = "one voice, two rates" if "piper" in a else "one voice, two pitch settings"
        out.append(_join(turns, f"{a}+{b}", kind, 1))
    return out


def _degraded(take: Take, condition: str, seed: int) -> np.ndarray:
    """The take under ``condition``, back at 16 kHz as ``voicecoach.audio.load`` gives it."""
    from voicecoach.audio import from_array

    if condition == "clean":
        return take.samples.astype(np.float32)
    cond = next(c for c in degrade.CONDITIONS if c.name == condition)
    y, sr = degrade.apply(cond, take.samples, SR, [(a, b) for a, b, _ in take.segments],
                          seed=seed)
    return from_array(y, sr).samples


def count(samples: np.ndarray, sr: int = SR):
    """(VoiceCount, seconds the count itself took) as the pipeline makes it."""
    from voicecoach.measures.activity import detect
    from voicecoach.measures.pitch import track_f0
    from voicecoach.measures.voices import count_voices

    activity = detect(samples, sr)
    track = track_f0(samples, sr)
    t0 = time.perf_counter()
    vc = count_voices(samples, sr, activity, track)
    return vc, time.perf_counter() - t0


def _condition_rows(takes: list[Take], log: list[dict]) -> list[dict]:
    rows = []
    for ci, condition in enumerate(CONDITIONS):
        row = {"condition": condition, "mixed_found": 0, "n_mixed": 0, "same_found": 0,
               "n_same": 0, "two_undecided": 0, "false_alarms": 0, "one_undecided": 0,
               "n_one": 0}
        for ti, take in enumerate(takes):
            vc, cost_s = count(_degraded(take, condition, seed=1000 * ci + ti))
            said = vc.n_voices
            if take.n_voices == 2:
                group = "mixed" if take.kind == "man/woman" else "same"
                row[f"n_{group}"] += 1
                row[f"{group}_found"] += said == 2
                row["two_undecided"] += said is None
            else:
                row["n_one"] += 1
                row["false_alarms"] += said == 2
                row["one_undecided"] += said is None
            log.append({"condition": condition, "take": take.name, "kind": take.kind,
                        "truth": take.n_voices, "said": said, "cost_s": cost_s,
                        "reason": vc.reason, **vc.evidence.to_dict()})
        rows.append(row)
    return rows


def _recordings() -> list[tuple[str, Path, str, int]]:
    """(label, path, channel, true voices) of the bundled and real recordings present."""
    samples = ROOT.parent / "samples"
    out = [("samples/two_party_call.flac (mixed to mono)", samples / "two_party_call.flac",
            "mix", 2)]
    out += [(f"samples/{p.name}", p, "mix", 1) for p in sorted(samples.glob("*.flac"))
            if p.name != "two_party_call.flac"]
    out += [(f"tests/data/{p.relative_to(ROOT.parent / 'tests' / 'data')}", p, "mix", 1)
            for p in sorted((ROOT.parent / "tests" / "data").rglob("*.flac"))]
    try:
        from benchmarks.real_corpus import recordings

        out += [(f"real: {r.name}", Path(r.path), "mix", 1) for r in recordings()
                if Path(r.path).exists()]
    except (OSError, ValueError, KeyError) as exc:
        print(f"real recordings left out: {exc}", file=sys.stderr)
    return out


def _recording_rows(log: list[dict]) -> list[dict]:
    from voicecoach.audio import load

    rows = []
    for label, path, channel, truth in _recordings():
        audio = load(path, channel=channel)
        vc, cost_s = count(audio.samples, audio.sr)
        rows.append({"recording": label, "truth": truth, "said": vc.n_voices,
                     "reason": vc.reason})
        log.append({"condition": "recording", "take": label, "truth": truth,
                    "said": vc.n_voices, "cost_s": cost_s, "reason": vc.reason,
                    **vc.evidence.to_dict()})
    return rows


def markdown(rows: list[dict], recs: list[dict]) -> str:
    lines = ["| condition | man and woman found | same sex found | two voices undecided | "
             "one voice flagged (false alarm) | one voice undecided |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['condition']} | {r['mixed_found']}/{r['n_mixed']} | "
                     f"{r['same_found']}/{r['n_same']} | {r['two_undecided']} | "
                     f"{r['false_alarms']}/{r['n_one']} | {r['one_undecided']} |")
    lines += ["", "| recording | voices | counted | why |", "|---|---|---|---|"]
    for r in recs:
        said = "undecided" if r["said"] is None else r["said"]
        lines.append(f"| {r['recording']} | {r['truth']} | {said} | {r['reason']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="write every count with its evidence here")
    ap.add_argument("--markdown", action="store_true", help="print the tables as markdown")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")  # the phone-band copies' telephone-bandwidth notes
    if not (CORPUS / "manifest.json").exists():
        print(f"no corpus at {CORPUS}: build it with python -m benchmarks.corpus",
              file=sys.stderr)
        return 1
    takes = two_voice_takes() + one_voice_takes()
    log: list[dict] = []
    rows = _condition_rows(takes, log)
    recs = _recording_rows(log)
    costs_ms = [1000 * e["cost_s"] for e in log]
    print(markdown(rows, recs))
    print(f"\n{len(log)} counts; the count itself took median {np.median(costs_ms):.1f} ms, "
          f"at most {max(costs_ms):.1f} ms (activity and F0 track, already made by the "
          "pipeline, not included)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"conditions": rows, "recordings": recs, "log": log},
                                        indent=1))
    bad = [r for r in recs if (r["said"] == 2) != (r["truth"] == 2)]
    alarms = sum(r["false_alarms"] for r in rows)
    return 1 if bad or alarms else 0


if __name__ == "__main__":
    sys.exit(main())
