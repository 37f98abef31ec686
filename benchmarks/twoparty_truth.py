"""Two-party ground truth: stereo calls from two voices with known turn timing.

The agent (left channel) is piper's en_US-joe-medium, the customer (right channel)
espeak-ng's female en-us+f3. Each phrase is synthesized alone and trimmed by the
speechkit silence rule, so its span is known to the sample; turns are placed with
chosen offsets: a customer-to-agent *latency* from 0.3 s to 6 s, or negative (the
agent starts before the customer has finished: an overlap), and a few customer
cut-ins on the agent. Every call is made twice: "studio" (a -66 dBFS noise floor)
and "phone line" (8 kHz, 300-3400 Hz, -50 dBFS noise, the customer 6 dB quieter,
and each party leaking into the other's channel at -30 dB).

The whole two-party pipeline runs on each file (the bundled Whisper model on both
channels, automatic channel choice), and is scored against the truth:
latency within 150 ms on >= 95 % of answers, overlaps where the agent talks over
the customer found with F1 >= 0.9, agent talk share within 3 points.

Run ``python -m benchmarks.twoparty_truth`` for the table, or with ``--sample`` to
write ``samples/two_party_call.flac`` and its truth file. The accuracy suite
imports :func:`evaluate`, whose rows carry ``measure, metric, value, target, met``.
"""

from __future__ import annotations

import functools
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks import speechkit as sk

__all__ = ["Call", "CALLS", "build_call", "write_call", "score_call", "score_calls",
           "summarize", "evaluate", "make_sample", "main"]

SR = sk.SR
PHRASE_GAP_S = 0.45  # silence between two phrases of one turn
LATENCY_TOL_S = 0.15
TARGET_LATENCY_SHARE = 0.95
TARGET_OVERLAP_F1 = 0.9
TARGET_TALK_SHARE_PTS = 3.0
CUSTOMER_VOICE = "en-us+f3"
AGENT, CUSTOMER = "agent", "customer"


@dataclass(frozen=True)
class Call:
    """A scripted call: turns of (party, phrases, offset_s from the previous turn's end)."""

    name: str
    turns: tuple[tuple[str, tuple[str, ...], float], ...]


def _a(offset_s: float, *phrases: str) -> tuple[str, tuple[str, ...], float]:
    return AGENT, phrases, offset_s


def _c(offset_s: float, *phrases: str) -> tuple[str, tuple[str, ...], float]:
    return CUSTOMER, phrases, offset_s


def _bc(party: str, at_s: float, text: str) -> tuple[str, tuple[str, ...], float]:
    """A backchannel ("Okay.") ``at_s`` after the start of the other party's turn: an
    overlap inside that turn, not a turn of its own."""
    return f"{party} backchannel", (text,), at_s


CALLS = (
    Call("harbor", (
        _a(0.0, "Good morning this is Dana calling from Harbor Supply.",
           "Am I speaking with Jordan Blake?"),
        _c(0.8, "Yes this is Jordan."),
        _a(0.3, "I am calling about invoice number four seven two nine."),
        _c(1.1, "Which invoice was that again?"),
        _a(4.2, "The one from March for eight hundred and forty dollars."),
        _c(0.6, "I thought we paid that last month."),
        _a(1.0, "I do not see a payment on our side."),
        _c(-0.5, "Let me check my records then."),
        _a(-0.6, "Could you look at your bank statement?"),
        _c(0.9, "It says the transfer was never sent."),
        _a(2.5, "That happens sometimes with new accounts."),
        _c(0.7, "I am sorry about that."),
        _a(6.0, "Can you send the payment by Friday?"),
        _c(1.4, "Yes I can do that on Thursday."),
        _a(0.5, "Thank you Mister Blake."),
        _c(0.5, "You are welcome."),
        _a(3.3, "I will note Thursday on your account."),
    )),
    Call("northwind", (
        _a(0.0, "Hello my name is Chris from the billing team at Northwind."),
        _c(0.6, "Hi Chris what is this about?"),
        _a(5.0, "It is about the open balance on your account."),
        _c(0.9, "I was not aware of any balance."),
        _a(0.4, "There are two invoices past due since April."),
        _c(0.5, "That cannot be right.", "We pay every month."),
        _a(-1.0, "I understand your concern."),
        _c(1.2, "So what do you need from me?"),
        _a(1.8, "Could we agree on a date for the payment?"),
        _c(-0.4, "Not before the end of the month."),
        _a(4.0, "The end of the month works for us."),
        _c(0.8, "Good then we have a deal."),
        _a(0.7, "I will send you a written summary today."),
        _c(0.6, "Please use my work email."),
        _a(2.0, "Of course I have it here."),
        _c(0.7, "Thank you for calling."),
        _a(-0.4, "Have a good afternoon."),
    )),
    Call("lakeside", (
        _a(0.0, "Good afternoon this is Sam with Lakeside Dental."),
        _c(0.9, "Hello Sam how can I help?"),
        _a(0.35, "I am calling about the bill for your last visit."),
        _c(0.7, "I sent a check two weeks ago."),
        _a(3.0, "We have not received a check yet."),
        _c(1.0, "Maybe it got lost in the mail."),
        _a(5.5, "Would you like to pay by card instead?"),
        _c(0.8, "I would rather not give my card number."),
        _a(1.2, "We can also take a bank transfer."),
        _c(-0.3, "A bank transfer would be fine for me."),
        _a(-0.5, "I will send you our bank details."),
        _c(0.6, "How much is it exactly?"),
        _a(4.6, "The total is two hundred and ten dollars."),
        _c(1.0, "I will pay it tomorrow morning."),
        _a(0.9, "Thank you very much."),
        _c(0.5, "No problem at all."),
        _a(2.8, "Goodbye and have a nice day."),
    )),
    Call("meadow", (
        _a(0.0, "Hello this is Alex calling from Meadow Energy."),
        _c(0.7, "Oh hello what can I do for you?"),
        _a(2.2, "I am calling about your electricity bill from June.",
           "It is now thirty days past due.", "The amount due is one hundred and sixty dollars."),
        _bc(CUSTOMER, 1.0, "Right."),
        _c(0.9, "I lost my job last month and money is tight right now."),
        _bc(AGENT, 1.2, "Okay."),
        _a(5.8, "I am sorry to hear that."),
        _c(1.0, "Can I pay in two parts?"),
        _a(0.3, "Yes we can split it into two payments."),
        _c(0.6, "That would really help me."),
        _a(3.6, "The first half would be due on the fifteenth."),
        _c(-0.7, "The fifteenth works for me."),
        _a(2.7, "Great I will set that up now."),
        _c(0.8, "Thank you so much."),
        _a(1.5, "You are welcome and take care."),
    )),
)

SAMPLE = Call("two_party_call", (
    _a(0.0, "Good morning this is Dana calling from Harbor Supply.",
       "Am I speaking with Jordan Blake?"),
    _c(0.7, "Yes speaking."),
    _a(0.4, "Mister Blake I am calling about your open invoice."),
    _c(0.8, "I think I paid that already."),
    _a(4.3, "I do not see it on our side yet."),
    _c(0.9, "Let me check and call you back."),
    _a(1.0, "Thank you Jordan.", "Can you call me by Wednesday?"),
))


@functools.lru_cache(maxsize=256)
def _phrase(party: str, text: str) -> sk.Phrase:
    if party == AGENT:
        return sk.piper_phrase(text, length_scale=1.1)
    return sk.espeak_phrase(text, voice=CUSTOMER_VOICE, rate_wpm=165, pitch=55)


def build_call(call: Call) -> tuple[np.ndarray, dict]:
    """Stereo samples (n, 2) at 16 kHz, agent left, and the truth dict (times in s)."""
    segments, turns = [], []
    t = 0.5
    backchannels = []
    for i, (party, texts, offset_s) in enumerate(call.turns):
        if party.endswith("backchannel"):
            who = party.split()[0]
            p = _phrase(who, texts[0])
            at = turns[-1]["start_s"] + offset_s
            backchannels.append({"party": who, "start_s": round(at, 4),
                                 "end_s": round(at + p.duration_s, 4), "text": texts[0],
                                 "kind": p.kind, "samples": p.samples, "backchannel": True})
            continue
        start = t if i == 0 else turns[-1]["end_s"] + offset_s
        pos = start
        for text in texts:
            p = _phrase(party, text)
            segments.append({"party": party, "start_s": round(pos, 4),
                             "end_s": round(pos + p.duration_s, 4), "text": text,
                             "kind": p.kind, "samples": p.samples})
            pos += p.duration_s + PHRASE_GAP_S
        turns.append({"party": party, "start_s": round(start, 4),
                      "end_s": round(pos - PHRASE_GAP_S, 4)})
    for bc in backchannels:
        if not any(s["party"] != bc["party"] and s["start_s"] + 0.1 <= bc["start_s"]
                   and bc["end_s"] <= s["end_s"] - 0.1 for s in segments):
            raise ValueError(f"{call.name}: backchannel {bc['text']!r} is not inside a phrase")
    segments = sorted(segments + backchannels, key=lambda s: s["start_s"])
    for party in (AGENT, CUSTOMER):
        own = sorted((s["start_s"], s["end_s"]) for s in segments if s["party"] == party)
        if any(b[0] < a[1] + 0.2 for a, b in zip(own, own[1:])):
            raise ValueError(f"{call.name}: {party} phrases overlap or touch; change the offsets")
    n = int(round((max(s["end_s"] for s in segments) + 1.0) * SR))
    stereo = np.zeros((n, 2), np.float32)
    for s in segments:
        i, ch = int(round(s["start_s"] * SR)), 0 if s["party"] == AGENT else 1
        stereo[i:i + len(s["samples"]), ch] += s.pop("samples")[: n - i]
    return stereo, _truth(call, segments, turns, n / SR)


def _truth(call: Call, segments: list[dict], turns: list[dict], duration_s: float) -> dict:
    latencies, overlaps = [], []
    for prev, cur in zip(turns, turns[1:]):
        if prev["party"] == CUSTOMER and cur["party"] == AGENT:
            latencies.append({"customer_end_s": prev["end_s"], "agent_start_s": cur["start_s"],
                              "latency_s": round(cur["start_s"] - prev["end_s"], 4)})
        if cur["start_s"] < prev["end_s"]:
            overlaps.append({"start_s": cur["start_s"], "end_s": prev["end_s"],
                             "by": cur["party"]})
    backchannels = [{"start_s": s["start_s"], "end_s": s["end_s"], "party": s["party"]}
                    for s in segments if s.get("backchannel")]
    speech = {p: sum(s["end_s"] - s["start_s"] for s in segments if s["party"] == p)
              for p in (AGENT, CUSTOMER)}
    return {"name": call.name, "duration_s": round(duration_s, 4), "agent_channel": "left",
            "segments": segments, "turns": turns, "latencies": latencies,
            "overlaps": overlaps, "backchannels": backchannels,
            "talk_share": round(speech[AGENT] / (speech[AGENT] + speech[CUSTOMER]), 4)}


def _phone_line(stereo: np.ndarray, seed: int) -> np.ndarray:
    """8 kHz telephone band, customer 6 dB down, -30 dB crosstalk, -50 dBFS noise."""
    left, right = stereo[:, 0], stereo[:, 1] * 10 ** (-6 / 20)
    bleed = 10 ** (-30 / 20)
    chans = [left + bleed * right, right + bleed * left]
    out = [sk.add_noise_floor(sk.telephone(c, SR), level_dbfs=-50.0, seed=seed + k)
           for k, c in enumerate(chans)]
    return np.stack(out, axis=1)


def write_call(call: Call, out_dir: Path, condition: str, seed: int = 0) -> tuple[Path, dict]:
    """Write one call as FLAC in ``condition`` ("studio" or "phone line"); returns path, truth."""
    import soundfile as sf

    stereo, truth = build_call(call)
    if condition == "studio":
        audio = np.stack([sk.add_noise_floor(stereo[:, k], level_dbfs=-66.0, seed=seed + k)
                          for k in range(2)], axis=1)
        sr = SR
    else:
        audio, sr = _phone_line(stereo, seed), 8000
    path = Path(out_dir) / f"{call.name}_{condition.replace(' ', '_')}.flac"
    sf.write(path, np.clip(audio, -1, 1), sr, subtype="PCM_16")
    return path, {**truth, "condition": condition}


def _f1(found: list[dict], truth: list[dict]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives); a match is any time overlap."""
    hit = set()
    tp = 0
    for f in found:
        j = next((j for j, t in enumerate(truth) if j not in hit
                  and f["start_s"] < t["end_s"] and t["start_s"] < f["end_s"]), None)
        if j is not None:
            hit.add(j)
            tp += 1
    return tp, len(found) - tp, len(truth) - tp


def score_call(report, truth: dict) -> dict:
    """Compare one two-party report with its truth: per-answer errors, overlap counts."""
    tp = report.two_party
    m = tp.turns
    errors = []
    for t in truth["latencies"]:
        near = [lat for lat in m.latencies if abs(lat.agent_start_s - t["agent_start_s"]) < 0.5]
        errors.append(None if not near else near[0].latency_s - t["latency_s"])
    agent_truth = [o for o in truth["overlaps"] if o["by"] == AGENT]
    found = [o.to_dict() for o in m.agent_overlaps]
    return {"name": truth["name"], "condition": truth["condition"], "errors_s": errors,
            "overlaps": _f1(found, agent_truth),
            "all_overlaps": _f1([o.to_dict() for o in m.overlaps], truth["overlaps"]),
            "backchannels": _f1([b.to_dict() for b in m.backchannels],
                                truth.get("backchannels", [])),
            "talk_share_err_pts": 100 * (m.talk_share - truth["talk_share"]),
            "channel_ok": tp.agent_channel == truth["agent_channel"]}


def _row(metric: str, value: float, target: str, met: bool, subset: str) -> dict:
    return {"measure": "two-party", "metric": metric, "subset": subset,
            "value": round(float(value), 3), "target": target, "met": bool(met)}


def _f1_value(counts: list[tuple[int, int, int]]) -> float:
    tp, fp, fn = (sum(c[k] for c in counts) for k in range(3))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def summarize(scores: list[dict], subset: str = "all") -> list[dict]:
    """Accuracy rows (measure, metric, subset, value, target, met) over ``scores``."""
    errors = [e for s in scores for e in s["errors_s"]]
    within = [e is not None and abs(e) <= LATENCY_TOL_S for e in errors]
    found = [abs(e) for e in errors if e is not None]
    share = float(np.mean(within))
    f1 = _f1_value([s["overlaps"] for s in scores])
    worst_share = max(abs(s["talk_share_err_pts"]) for s in scores)
    n_true = sum(s["overlaps"][0] + s["overlaps"][2] for s in scores)
    n_bc = sum(s["backchannels"][0] + s["backchannels"][2] for s in scores)
    return [
        _row(f"answers with latency within {LATENCY_TOL_S * 1000:.0f} ms, % "
             f"({len(errors)} answers)", 100 * share, f">= {TARGET_LATENCY_SHARE:.0%}",
             share >= TARGET_LATENCY_SHARE, subset),
        _row("median latency error, ms", 1000 * float(np.median(found)) if found else -1.0,
             "info", True, subset),
        _row("worst latency error, ms", 1000 * max(found, default=-0.001), "info", True,
             subset),
        _row(f"agent-over-customer overlaps F1 ({n_true} true)", f1,
             f">= {TARGET_OVERLAP_F1}", f1 >= TARGET_OVERLAP_F1, subset),
        _row("all overlaps F1 (who started, both ways)",
             _f1_value([s["all_overlaps"] for s in scores]), "info", True, subset),
        _row(f"backchannels found F1 ({n_bc} true; not turns, not overlaps)",
             _f1_value([s["backchannels"] for s in scores]), "info", True, subset),
        _row("worst talk share error, points", worst_share, f"<= {TARGET_TALK_SHARE_PTS:g}",
             worst_share <= TARGET_TALK_SHARE_PTS, subset),
        _row(f"agent channel chosen automatically, % files ({len(scores)} files)",
             100 * float(np.mean([s["channel_ok"] for s in scores])), "info", True, subset),
    ]


def score_calls(out_dir: Path | None = None, *, calls=CALLS,
                conditions=("studio", "phone line")) -> list[dict]:
    """Write every call in every condition, run the two-party pipeline, score each."""
    from voicecoach.pipeline import analyze
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber()
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(out_dir or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for k, call in enumerate(calls):
            for condition in conditions:
                path, truth = write_call(call, folder, condition, seed=10 * k)
                report = analyze(path, two_party=True, transcriber=transcriber,
                                      consonants=False)
                scores.append(score_call(report, truth))
    return scores


def evaluate(out_dir: Path | None = None, **options) -> list[dict]:
    """Accuracy rows over all calls, then per recording condition."""
    scores = score_calls(out_dir, **options)
    rows = summarize(scores, "all")
    for condition in dict.fromkeys(s["condition"] for s in scores):
        rows += summarize([s for s in scores if s["condition"] == condition], condition)
    return rows


def make_sample(samples_dir: Path) -> Path:
    """Write samples/two_party_call.flac (studio) and its truth file (samples/ format)."""
    path, truth = write_call(SAMPLE, Path(samples_dir), "studio", seed=5)
    final = path.with_name("two_party_call.flac")
    path.replace(final)
    segs = [{k: s[k] for k in ("start_s", "end_s", "text", "kind", "party")}
            for s in truth["segments"]]
    text = " ".join(s["text"] for s in segs)
    pauses = [{"start_s": a["end_s"], "end_s": b["start_s"]} for a, b in zip(segs, segs[1:])]
    questions = []
    for i, s in enumerate(segs):
        if s["kind"] == "question":
            nxt = segs[i + 1]["start_s"] if i + 1 < len(segs) else None
            gap = (nxt if nxt is not None else truth["duration_s"]) - s["end_s"]
            questions.append({"text": s["text"], "end_s": s["end_s"], "next_speech_s": nxt,
                              "gap_s": round(gap, 4), "party": s["party"]})
    span = [segs[0]["start_s"], segs[-1]["end_s"]]
    out = {
        "audio": final.name, "sr": SR, "duration_s": truth["duration_s"],
        "engine": "piper+espeak-ng", "voice": f"{sk.PIPER_VOICE} (agent, left); "
        f"espeak-ng {CUSTOMER_VOICE} (customer, right)", "text": text,
        "n_words": len(text.split()), "segments": segs, "speech_span_s": span,
        "rate_wpm": round(len(text.split()) / (span[1] - span[0]) * 60, 2), "pauses": pauses,
        "questions": questions, "clipped_words": [],
        "two_party": {k: truth[k] for k in ("agent_channel", "turns", "latencies",
                                             "overlaps", "talk_share")},
        "customer_name": "Jordan Blake",
        "name_uses": [s["start_s"] for s in segs if s["party"] == AGENT
                      and ("Blake" in s["text"] or "Jordan" in s["text"])],
        "notes": "Stereo role-play: agent (piper joe) on the left channel, customer "
        "(espeak-ng female) on the right. Rates, pauses and question gaps are over both "
        "parties' phrases; question gaps end at the next phrase of either party. "
        "name_uses are the start times of the agent phrases that say the customer's name. "
        "Each phrase trimmed of silence by the speechkit rule; -66 dBFS seeded noise floor "
        "on each channel.",
    }
    final.with_name("two_party_call.truth.json").write_text(json.dumps(out, indent=1) + "\n")
    return final


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--sample" in argv:
        path = make_sample(Path(__file__).resolve().parent.parent / "samples")
        print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")
        return 0
    rows = evaluate()
    print(f"{'metric':<62} {'subset':<10} {'value':>9}  {'target':<8} met")
    for r in rows:
        met = "yes" if r["met"] else "NO"
        print(f"{r['metric']:<62} {r['subset']:<10} {r['value']:>9.3f}  {r['target']:<8} {met}")
    return 0 if all(r["met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
