"""Spike: hama's CTC phoneme recognizer as independent evidence for clipped final consonants.

Not used by the ``voicecoach`` package. On the final-consonant corpus
(:mod:`benchmarks.consonant_corpus`) every consonant-final word that Whisper wrote as
scripted is cut out of its recording with a little context (the word's aligned span,
``CONTEXT_S`` each side) and given to hama's phoneme recognizer (``hama.ASRModel``,
IPA output, 20 ms frames). Three inputs are compared: those crops, crops of ``WIDE_S``
each side, and one pass over the whole recording. Two readings of hama's output:

- ``emitted``: the greedy CTC path emits, inside the word (up to ``TOLERANCE_S`` after
  its aligned end) and after the last vowel it emitted there, a phone of the expected
  final consonant (its IPA variants, voicing either way) or, in ``class`` mode, any
  phone of the expected class (stop, fricative, nasal, affricate);
- ``score``: the highest posterior, over the frames of the word's end region, of the
  expected phone's IPA variants (0..1), for thresholds and for combining.

The current measure's decisions on the same words come from the product's own
evidence (:func:`benchmarks.consonant_truth._cases`), decided with the stored weights,
and with weights fitted on the other voices (the ``--voices`` check).

``python -m benchmarks.hama_spike`` prints the tables of ``docs/hama_spike.md`` for the
corpus; ``--phone`` adds its phone-line copies (300-3400 Hz, 8 kHz, mu-law; Whisper and
the product's evidence run on them too), ``--people`` the LibriVox reader
(:mod:`benchmarks.people_corpus`), ``--ci`` intervals of the main differences,
``--dump`` writes the per-word rows; ``--speed FILE...`` times hama against the
product's stages on recordings. Intermediate results are cached in
``benchmarks/out/hama_spike``.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from benchmarks.consonant_corpus import SR, build
from benchmarks.consonant_truth import _balanced_accuracy, match_words

OUT = Path(__file__).resolve().parent / "out" / "hama_spike"
CONTEXT_S = 0.08      # audio kept each side of the word's aligned span
WIDE_S = 0.5          # the same, for the "wide" crops
TOLERANCE_S = 0.03    # emissions this long after the aligned word end still count
FRAME_S = 0.02        # hama's output frame (320 samples at 16 kHz)
CLASSES = ("stop", "fricative", "nasal", "affricate")

# IPA variants (hama's phone set) accepted for each ARPAbet final; voicing either way,
# a flap or a glottal stop for /t/.
PHONE_IPA = {
    "P": {"p", "pʰ", "p͈", "b"}, "B": {"b", "p", "pʰ"},
    "T": {"t", "tʰ", "t͈", "ɾ", "ʔ", "d"}, "D": {"d", "t", "tʰ", "ɾ"},
    "K": {"k", "kʰ", "k͈", "ɡ", "g"}, "G": {"ɡ", "g", "k", "kʰ"},
    "F": {"f", "v", "ɸ"}, "V": {"v", "f", "β"}, "TH": {"θ", "ð", "f"}, "DH": {"ð", "θ"},
    "S": {"s", "z", "s͈"}, "Z": {"z", "s"}, "SH": {"ʃ", "ʒ", "ɕ"}, "ZH": {"ʒ", "ʃ"},
    "CH": {"t͡ʃ", "ʃ", "t͡ɕ", "t͡ɕʰ"}, "JH": {"d͡ʒ", "t͡ʃ", "ʒ"},
    "M": {"m"}, "N": {"n", "ŋ", "ɲ"}, "NG": {"ŋ", "n"},
}
CLASS_IPA = {
    "stop": {"p", "b", "t", "d", "k", "ɡ", "g", "ʔ", "ɾ", "pʰ", "tʰ", "kʰ", "p͈", "t͈", "k͈",
             "c", "ɟ", "ʈ", "ɖ", "ɓ", "ɗ"},
    "fricative": {"f", "v", "θ", "ð", "s", "z", "ʃ", "ʒ", "ɕ", "ʑ", "x", "ɣ", "h", "ç",
                  "ɸ", "β", "s͈", "χ", "ʂ", "ʐ", "ɦ", "ħ"},
    "nasal": {"m", "n", "ŋ", "ɲ", "ɱ", "ɴ"},
    "affricate": {"t͡ʃ", "d͡ʒ", "t͡ɕ", "t͡ɕʰ", "t͡ɕ͈", "ʃ", "ʒ"},
}
_VOWEL_CHARS = set("aeiouæɑɒɔəɚɛɜɝɪʊʌɐɘɨɯɤøœyʉɵ")


def is_vowel(token: str) -> bool:
    return any(c in _VOWEL_CHARS for c in token)


# --- the current measure ---------------------------------------------------------------------

def current_cases(recordings=None, tag: str = ""):
    """The product's evidence per recording (of the corpus unless ``recordings``),
    cached: pocketsphinx is the slow part."""
    from benchmarks.consonant_truth import _cases

    path = OUT / f"cases{'_' + tag if tag else ''}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    OUT.mkdir(parents=True, exist_ok=True)
    cases = _cases(build() if recordings is None else recordings)
    path.write_bytes(pickle.dumps(cases))
    return cases


def current_rows(cases, *, held_out_voice: bool, telephone: bool = False) -> list[dict]:
    """One row per consonant-final script word with its truth, the current decision and
    the aligned times; with ``held_out_voice`` each voice is decided by weights fitted on
    the other voices' development sentences (the ``--voices`` check)."""
    from benchmarks.consonant_truth import fit_weights
    from voicecoach.measures.consonants import decide
    from voicecoach.measures.consonants.decide import decide_all

    rows, stored, stored_phone = [], decide.WEIGHTS, decide.TELEPHONE_WEIGHTS
    try:
        for voice in sorted({c[0].voice for c in cases}):
            mine = [c for c in cases if c[0].voice == voice]
            others = [c for c in cases if c[0].voice != voice]
            if held_out_voice and telephone:
                decide.TELEPHONE_WEIGHTS = fit_weights(cases=others, phone=True)["telephone"]
            elif held_out_voice:
                decide.WEIGHTS = fit_weights(cases=others)
            for rec, transcript, (evidence, material) in mine:
                decisions = decide_all(evidence, material, telephone=telephone)
                rows += _rows(rec, transcript, evidence, decisions, material,
                              telephone=telephone)
    finally:
        decide.WEIGHTS, decide.TELEPHONE_WEIGHTS = stored, stored_phone
    return rows


def _rows(rec, transcript, evidence, decisions, material=None, *, telephone: bool = False
          ) -> list[dict]:
    from voicecoach.measures.consonants.decide import baselines_for, features

    by_index = {d.word_index: d for d in decisions}
    ev_by_index = {e.word_index: e for e in evidence}
    x_by_index = {}
    if material is not None:
        x_by_index = {e.word_index: features(e, b, telephone=telephone)
                      for e, b in zip(evidence, baselines_for(evidence, material)) if e.aligned}
    pairs = match_words(rec.words, transcript)
    out = []
    for i, w in enumerate(rec.words):
        if not w.label or w.phone_class not in CLASSES:
            continue
        j = pairs.get(i, -1)
        d, ev = by_index.get(j), ev_by_index.get(j)
        out.append({"recording": rec.name, "index": i, "voice": rec.voice, "version": rec.version,
                    "split": rec.split, "word": w.text, "phone": w.final_phone,
                    "phone_class": w.phone_class, "truth": w.label,
                    "decision": d.decision if d else "missing",
                    "confidence": d.confidence if d else 0.0,
                    "reason": d.reason if d else "not transcribed as scripted",
                    "start_s": d.start_s if d else None, "end_s": d.end_s if d else None,
                    "cons_start_s": d.consonant_start_s if d else None,
                    "cluster": bool(ev and ev.cluster_site),
                    "glottal": bool(ev and ev.glottal_site),
                    "x": x_by_index.get(j)})
    return out


# --- hama ------------------------------------------------------------------------------------

class Hama:
    """hama's phoneme recognizer, giving frame posteriors as well as the greedy path."""

    def __init__(self) -> None:
        import hama

        self.model = hama.ASRModel()
        self.tokens = self.model.decoder_tokens
        self.blank = self.model.blank_id

    def posteriors(self, x: np.ndarray) -> np.ndarray:
        """(frames, tokens) posteriors of 16 kHz float audio ``x``."""
        m = self.model
        wav = np.clip(np.asarray(x, np.float32), -1, 1).reshape(1, -1)
        log_probs, lengths = m.session.run(
            [m._log_probs_output_name, m._out_lengths_output_name],
            {m._waveform_input_name: wav,
             m._waveform_lengths_input_name: np.array([wav.shape[1]], np.int64)})
        lp = np.asarray(log_probs[0][: int(np.asarray(lengths).reshape(-1)[0])], np.float64)
        lp = lp - lp.max(axis=1, keepdims=True)
        p = np.exp(lp)
        return p / p.sum(axis=1, keepdims=True)

    def emissions(self, post: np.ndarray) -> list[tuple[int, str]]:
        """(frame, token) of the greedy CTC path (the package's own decoding, temperature
        and blank bias aside), word boundaries dropped."""
        out, prev = [], -1
        for f, tok in enumerate(np.argmax(post, axis=1)):
            if tok != prev and tok != self.blank and self.tokens[tok] != "<wb>":
                out.append((f, self.tokens[tok]))
            prev = tok
        return out

    def judge(self, post: np.ndarray, t0: float, row: dict) -> dict:
        """Evidence on one word from posteriors of audio starting at ``t0`` s."""
        start, end = row["start_s"] - t0, row["end_s"] - t0
        cons = (row["cons_start_s"] or row["end_s"]) - t0
        lo = max(start, min(cons, end - 0.12))
        hi = end + TOLERANCE_S
        inside = [(f, tok) for f, tok in self.emissions(post) if start <= f * FRAME_S < hi]
        vowels = [k for k, (_, tok) in enumerate(inside) if is_vowel(tok)]
        tail = [tok for _, tok in inside[vowels[-1] + 1:]] if vowels else [t for _, t in inside]
        variants = PHONE_IPA[row["phone"]]
        cls = CLASS_IPA[row["phone_class"]]
        ids = [k for k, t in enumerate(self.tokens) if t in variants]
        f0, f1 = int(lo / FRAME_S), max(int(lo / FRAME_S) + 1, int(np.ceil(hi / FRAME_S)))
        region = post[f0:f1]
        score = float(region[:, ids].sum(axis=1).max()) if len(region) else 0.0
        return {"hama_phones": " ".join(t for _, t in inside),
                "hama_phone_heard": any(t in variants for t in tail),
                "hama_class_heard": any(t in cls for t in tail),
                "hama_score": round(score, 4)}


def run_hama(rows: Sequence[dict], recordings, *, phone: bool = False, tag: str = "") -> dict:
    """hama evidence per word (keyed by recording and word), per-word crops and one pass
    over each whole recording, with the compute time of each; cached as JSON."""
    tag = tag or ("phone" if phone else "clean")
    path = OUT / f"hama_{tag}.json"
    if path.exists():
        return json.loads(path.read_text())
    model = Hama()
    audio = {r.name: (degrade_phone(r.samples) if phone else r.samples) for r in recordings}
    out, crop_s, crop_cpu, whole_s, whole_cpu, n = {}, 0.0, 0.0, 0.0, 0.0, 0
    by_rec: dict[str, list[dict]] = {}
    for row in rows:
        if row["start_s"] is not None:
            by_rec.setdefault(row["recording"], []).append(row)
    for name, words in by_rec.items():
        x = audio[name]
        t, c = time.perf_counter(), time.process_time()
        whole = model.posteriors(x)
        whole_s += time.perf_counter() - t
        whole_cpu += time.process_time() - c
        for row in words:
            a = max(0.0, row["start_s"] - CONTEXT_S)
            b = min(len(x) / SR, row["end_s"] + CONTEXT_S)
            t, c = time.perf_counter(), time.process_time()
            crop = model.judge(model.posteriors(x[int(a * SR):int(b * SR)]), a, row)
            crop_s += time.perf_counter() - t
            crop_cpu += time.process_time() - c
            n += 1
            full = model.judge(whole, 0.0, row)
            key = f"{name}/{row['index']}"
            out[key] = {**crop, **{f"whole_{k}": v for k, v in full.items()}}
    audio_s = sum(len(audio[k]) / SR for k in by_rec)
    out["_speed"] = {"words": n, "crop_wall_s": crop_s, "crop_cpu_s": crop_cpu,
                     "whole_wall_s": whole_s, "whole_cpu_s": whole_cpu, "audio_s": audio_s}
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False, indent=0))
    return out


def phone_cases(recordings):
    """The product's evidence on each recording's phone-line copy (300-3400 Hz, 8 kHz,
    8-bit mu-law, as hama hears it), Whisper run on that copy; cached."""
    from benchmarks.consonant_truth import transcribe
    from benchmarks.degrade import mulaw_round_trip, telephone_band
    from voicecoach.audio import from_array
    from voicecoach.measures.consonants import aligners
    from voicecoach.measures.consonants.cues import frame_features
    from voicecoach.measures.consonants.evidence import collect_evidence

    path = OUT / "cases_phone.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    out = []
    for rec in recordings:
        y = mulaw_round_trip(telephone_band(rec.samples, SR)).astype(np.float32)
        audio = from_array(y, 8_000)
        transcript = transcribe(rec, audio=audio, tag="phone_mulaw")
        ff = frame_features(audio.samples, audio.sr)
        out.append((rec, transcript,
                    collect_evidence(audio.samples, audio.sr, transcript, ff, *aligners())))
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def add_wide(hama: dict, rows: Sequence[dict], recordings, tag: str, *,
             phone: bool = False) -> dict:
    """``hama`` with the evidence of crops of ``WIDE_S`` each side added ("wide_" keys);
    cached as JSON."""
    path = OUT / f"hama_{tag}_wide.json"
    if not path.exists():
        model, out, wall, n = Hama(), {}, 0.0, 0
        audio = {r.name: (degrade_phone(r.samples) if phone else r.samples)
                 for r in recordings}
        for row in rows:
            if row["start_s"] is None:
                continue
            x = audio[row["recording"]]
            a = max(0.0, row["start_s"] - WIDE_S)
            b = min(len(x) / SR, row["end_s"] + WIDE_S)
            t = time.perf_counter()
            ev = model.judge(model.posteriors(x[int(a * SR):int(b * SR)]), a, row)
            wall += time.perf_counter() - t
            n += 1
            out[f"{row['recording']}/{row['index']}"] = {f"wide_{k}": v for k, v in ev.items()}
        out["_speed"] = {"words": n, "wall_s": wall}
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(out, ensure_ascii=False, indent=0))
    wide = json.loads(path.read_text())
    merged = {k: {**v, **wide.get(k, {})} for k, v in hama.items() if k != "_speed"}
    merged["_speed"] = {**hama.get("_speed", {}),
                        "wide_wall_s": wide["_speed"]["wall_s"]}
    return merged


def run_hama_people(people) -> dict:
    rows = current_rows(current_cases(people, "people"), held_out_voice=False)
    out = add_wide(run_hama(rows, people, tag="people"), rows, people, "people")
    out.pop("_speed", None)
    return out


def degrade_phone(x: np.ndarray) -> np.ndarray:
    """A phone-line copy (300-3400 Hz, 8 kHz, 8-bit mu-law) brought back to 16 kHz."""
    from scipy.signal import resample_poly

    from benchmarks.degrade import mulaw_round_trip, telephone_band

    y = mulaw_round_trip(telephone_band(x, SR))
    return resample_poly(y, 2, 1).astype(np.float32)[: len(x)]


# --- decisions and figures -------------------------------------------------------------------

def hama_decision(row: dict, ev: dict | None, key: str) -> str:
    """hama alone: "articulated" when its reading ``key`` heard the final, else "clipped";
    /t d/ cluster sites and glottal-/t/ sites that sound missing stay "uncertain", as in
    the product."""
    if ev is None:
        return "missing"
    heard = ev[key]
    if row["cluster"]:
        return "articulated" if heard else "uncertain"
    if not heard and row["glottal"]:
        return "uncertain"
    return "articulated" if heard else "clipped"


def combined_decision(row: dict, ev: dict | None, below: float, key: str = "hama_score"
                      ) -> str:
    """The current decision, turned to "clipped" where it said "articulated" but hama's
    posterior of the expected phone stays under ``below`` (never at cluster or glottal
    sites)."""
    d = row["decision"]
    if ev is None or d != "articulated" or row["cluster"] or row["glottal"]:
        return d
    return "clipped" if ev[key] < below else d


def figures(rows: Sequence[dict], decision: str = "decision") -> dict:
    """Balanced accuracy, true-positive rate on clipped finals, intact finals called
    clipped and uncertain share, over the words judged (not "missing")."""
    scored = [{**r, "decision": r[decision]} for r in rows if r[decision] != "missing"]
    binary = [r for r in scored if r["truth"] in ("clipped", "articulated")]
    clipped = [r for r in binary if r["truth"] == "clipped"]
    intact = [r for r in scored if r["version"] == "intact"]

    def share(xs, what):
        return float(np.mean([r["decision"] == what for r in xs])) if xs else float("nan")

    return {"n": len(scored), "ba": _balanced_accuracy(binary),
            "tpr": share(clipped, "clipped"), "false_clip": share(intact, "clipped"),
            "uncertain": share(scored, "uncertain")}


def auc(rows: Sequence[dict], key: str) -> float:
    """Area under the ROC of hama's score for articulated against clipped words."""
    pos = np.array([r[key] for r in rows if r["truth"] == "articulated"])
    neg = np.array([r[key] for r in rows if r["truth"] == "clipped"])
    if not len(pos) or not len(neg):
        return float("nan")
    return float(np.mean(pos[:, None] > neg[None, :]) + 0.5 * np.mean(pos[:, None] == neg[None, :]))


def choose_below(rows: Sequence[dict], key: str = "hama_score", added: float = 0.01) -> float:
    """The override threshold with the best balanced accuracy on ``rows`` while intact
    words called clipped rise by at most ``added`` (0 when none helps)."""
    base = figures(rows)
    best, best_t, cap = base["ba"], 0.0, base["false_clip"] + added
    for t in np.round(np.arange(0.01, 0.6, 0.01), 3):
        for r in rows:
            r["_c"] = combined_decision(r, r.get("_ev"), float(t), key)
        f = figures(rows, "_c")
        if f["false_clip"] <= cap and f["ba"] > best + 1e-9:
            best, best_t = f["ba"], float(t)
    return best_t


KINDS = (("crop", "hama_score"), ("wide", "wide_hama_score"), ("whole", "whole_hama_score"))


def hama_feature(r: dict, key: str = "whole_hama_score") -> float:
    """hama's posterior of the expected phone as log-odds, clipped to -4..4."""
    p = min(max(r[key], 1e-3), 1 - 1e-3)
    return float(np.clip(np.log(p / (1 - p)), -4.0, 4.0))


def fit_fused(rows: Sequence[dict], key: str = "whole_hama_score", l2: float = 1.0) -> dict:
    """Logistic weights per model class over the product's features plus hama's
    log-odds (class-balanced, as ``consonant_truth.fit_weights``), on ``rows``."""
    from benchmarks.consonant_truth import _logistic
    from voicecoach.measures.consonants.decide import MODEL_OF_CLASS

    out = {}
    usable = [r for r in rows if r["x"] is not None and r.get("_ev")
              and r["truth"] in ("articulated", "clipped")]
    for model in sorted({MODEL_OF_CLASS[r["phone_class"]] for r in usable}):
        mine = [r for r in usable if MODEL_OF_CLASS[r["phone_class"]] == model]
        x = np.array([np.r_[hama_feature(r, key), r["x"]] for r in mine])
        y = np.array([r["truth"] == "articulated" for r in mine], float)
        out[model] = _logistic(x, y, l2)
    return out


def fused_decision(r: dict, weights: dict, key: str = "whole_hama_score", *,
                   telephone: bool = False) -> str:
    """The product's decision rule (thresholds, cluster and glottal sites) on the
    probability of the fused model."""
    from voicecoach.measures.consonants import decide as d
    from voicecoach.measures.consonants.decide import MODEL_OF_CLASS

    if r["decision"] == "missing":
        return "missing"
    if r["x"] is None or not r.get("_ev"):
        return r["decision"]
    if telephone and r["phone_class"] != "nasal":
        return "uncertain"
    w = weights.get(MODEL_OF_CLASS[r["phone_class"]])
    if w is None:
        return r["decision"]
    p = 1.0 / (1.0 + np.exp(-float(np.r_[hama_feature(r, key), r["x"]] @ w)))
    said, clipped = ((d.TELEPHONE_SAID_ABOVE, d.TELEPHONE_CLIPPED_BELOW) if telephone
                     else (d.SAID_ABOVE, d.CLIPPED_BELOW))
    if r["cluster"]:
        return "uncertain" if p < d.CLUSTER_SAID_ABOVE else "articulated"
    if p >= said:
        return "articulated"
    if p <= clipped:
        return "uncertain" if r["glottal"] else "clipped"
    return "uncertain"


def attach(rows: Sequence[dict], hama: dict) -> list[dict]:
    out = []
    for r in rows:
        ev = hama.get(f"{r['recording']}/{r['index']}")
        r = {**r, "_ev": ev}
        if ev:
            r.update(ev)
        for key in ("hama_phone_heard", "hama_class_heard", "whole_hama_phone_heard",
                    "whole_hama_class_heard", "wide_hama_phone_heard",
                    "wide_hama_class_heard"):
            r[f"d_{key}"] = hama_decision(r, ev, key)
        out.append(r)
    return out


def table(title: str, lines: Sequence[tuple[str, dict]]) -> str:
    s = [f"\n{title}", f"{'':<46}{'n':>5}{'BA':>7}{'TPR':>7}{'falseclip':>10}{'uncert':>8}"]
    for label, f in lines:
        s.append(f"{label:<46}{f['n']:>5}{f['ba']:>7.3f}{f['tpr']:>7.3f}"
                 f"{f['false_clip']:>10.3f}{f['uncertain']:>8.3f}")
    return "\n".join(s)


def report(rows: list[dict], lovo: list[dict], speed: dict, title: str = "", *,
           telephone: bool = False) -> str:
    parts = []
    test = [r for r in rows if r["split"] == "test"]
    dev = [r for r in rows if r["split"] == "dev"]
    for kind, key in KINDS:
        w = fit_fused([r for r in dev if not telephone or r["phone_class"] == "nasal"], key)
        for r in rows:
            r[f"f_{kind}"] = fused_decision(r, w, key, telephone=telephone)
    sets = [("all", rows), ("held-out sentences", test)]
    if telephone:
        sets += [("nasals", [r for r in rows if r["phone_class"] == "nasal"]),
                 ("nasals, held-out sentences", [r for r in test if r["phone_class"] == "nasal"])]
    for label, rs in sets:
        parts.append(table(f"{title}{label}", [
            ("current measure (stored weights)", figures(rs)),
            ("fused, crops (fitted on dev sentences)", figures(rs, "f_crop")),
            ("fused, wide crops (fitted on dev sentences)", figures(rs, "f_wide")),
            ("fused, whole (fitted on dev sentences)", figures(rs, "f_whole")),
            ("hama alone, expected phone, word crops", figures(rs, "d_hama_phone_heard")),
            ("hama alone, phone class, word crops", figures(rs, "d_hama_class_heard")),
            ("hama alone, expected phone, wide crops", figures(rs, "d_wide_hama_phone_heard")),
            ("hama alone, expected phone, whole recording",
             figures(rs, "d_whole_hama_phone_heard")),
            ("hama alone, phone class, whole recording",
             figures(rs, "d_whole_hama_class_heard")),
        ]))
    judged = [r for r in rows if r.get("_ev")]
    parts.append(f"\n{title}AUC of hama's posterior (articulated vs clipped): word crops "
                 f"{auc(judged, 'hama_score'):.3f}, wide crops "
                 f"{auc(judged, 'wide_hama_score'):.3f}, whole recording "
                 f"{auc(judged, 'whole_hama_score'):.3f}")
    aligned = [{**r, "p_said": current_p(r, telephone=telephone)} for r in judged
               if r["x"] is not None and (not telephone or r["phone_class"] == "nasal")]
    parts.append(f"{title}AUC of the current measure's probability on the same aligned words: "
                 f"{auc(aligned, 'p_said'):.3f}")
    parts.append(misses(rows, title))
    parts.append(table(f"{title}per class (all sentences)", [
        (f"{cls}: {who}", figures([r for r in rows if r["phone_class"] == cls], key))
        for cls in CLASSES for who, key in (("current", "decision"),
                                            ("hama phone, crops", "d_hama_phone_heard"))
        if any(r["phone_class"] == cls for r in rows)]))
    parts.append(table(f"{title}per voice (all sentences)", [
        (f"{v}: {who}", figures([r for r in rows if r["voice"] == v], key))
        for v in sorted({r["voice"] for r in rows})
        for who, key in (("current", "decision"), ("hama phone, crops", "d_hama_phone_heard"),
                         ("hama phone, whole", "d_whole_hama_phone_heard"))]))
    parts.append(counts(rows, title))
    if lovo:
        parts.append(lovo_report(lovo, title, telephone=telephone))
        piper = [r for r in lovo if r["voice"] == "piper:joe"]
        if piper and not telephone:
            parts.append(table(f"{title}piper left out, by how its finals were removed", [
                (f"{m}: {who}", figures([r for r in piper if clipping_method(r) == m], key))
                for m in ("sample cut", "phoneme input")
                for who, key in (("current", "decision"), ("hama crops", "d_hama_phone_heard"),
                                 ("hama whole", "d_whole_hama_phone_heard"),
                                 ("fused whole", "f_whole"))]))
        parts.append(misses(lovo, f"{title}voices left out: "))
    if speed:
        n = max(speed["words"], 1)
        parts.append(f"\n{title}speed: {speed['words']} word crops in {speed['crop_wall_s']:.1f} s "
                     f"wall ({1000 * speed['crop_wall_s'] / n:.1f} ms a word, CPU "
                     f"{speed['crop_cpu_s']:.1f} s); whole recordings {speed['audio_s']:.0f} s of "
                     f"audio in {speed['whole_wall_s']:.1f} s wall (real-time factor "
                     f"{speed['whole_wall_s'] / speed['audio_s']:.3f}, CPU "
                     f"{speed['whole_cpu_s']:.1f} s)"
                     + (f"; wide crops {1000 * speed['wide_wall_s'] / n:.1f} ms a word"
                        if "wide_wall_s" in speed else ""))
    return "\n".join(parts)


def clipping_method(r: dict) -> str:
    """How a piper sentence's finals were removed: "sample cut" (even sentences) or
    "phoneme input" (see :mod:`benchmarks.consonant_corpus`)."""
    from benchmarks.consonant_corpus import GROUP, SENTENCES, _words

    g = int(r["recording"].rsplit("_", 1)[1])
    k = r["index"]
    for n, text in enumerate(SENTENCES[g * GROUP:(g + 1) * GROUP]):
        if k < len(_words(text)):
            return "sample cut" if (g * GROUP + n) % 2 == 0 else "phoneme input"
        k -= len(_words(text))
    raise ValueError(r["recording"])


def counts(rows: Sequence[dict], title: str = "") -> str:
    total: dict = {}
    for r in rows:
        t = total.setdefault(r["truth"], [0, 0])
        t[0] += 1
        t[1] += r["decision"] != "missing"
    return f"{title}words (written as scripted / in the script): " + ", ".join(
        f"{k} {v[1]} / {v[0]}" for k, v in sorted(total.items()))


def current_p(r: dict, *, telephone: bool = False) -> float:
    """The current measure's probability that the final was said (stored weights)."""
    from voicecoach.measures.consonants import decide as d

    w = np.array(d.TELEPHONE_WEIGHTS if telephone
                 else d.WEIGHTS[d.MODEL_OF_CLASS[r["phone_class"]]])
    return float(1.0 / (1.0 + np.exp(-float(r["x"] @ w))))


def misses(rows: Sequence[dict], title: str = "") -> str:
    """How often hama hears no final on the clipped words the current measure missed,
    and on the intact words it rightly called articulated (the price of overriding)."""
    judged = [r for r in rows if r.get("_ev")]
    missed = [r for r in judged if r["truth"] == "clipped" and r["decision"] != "clipped"]
    right = [r for r in judged if r["truth"] == "articulated" and r["decision"] == "articulated"]
    out = [f"{title}clipped words the current measure missed: {len(missed)}; "
           f"intact words it called articulated: {len(right)}"]
    for label, key in (("word crops", "hama_phone_heard"), ("wide crops", "wide_hama_phone_heard"),
                       ("whole recording", "whole_hama_phone_heard")):
        a = np.mean([not r[key] for r in missed]) if missed else float("nan")
        b = np.mean([not r[key] for r in right]) if right else float("nan")
        out.append(f"  hama ({label}) hears no final: {a:.3f} of the missed, "
                   f"{b:.3f} of the rightly articulated")
    return "\n".join(out)


def lovo_report(lovo: list[dict], title: str = "", *, telephone: bool = False) -> str:
    """Held-out voices: the current measure fitted on the other voices, hama alone, and
    the two combined with the override threshold chosen on the other voices' development
    sentences (crop and whole-recording posteriors)."""
    lines, pooled = [], {"current": [], "hama": [], "crop": [], "whole": []}
    for voice in sorted({r["voice"] for r in lovo}):
        mine = [r for r in lovo if r["voice"] == voice]
        others = [r for r in lovo if r["voice"] != voice and r["split"] == "dev"
                  and (not telephone or r["phone_class"] == "nasal")]
        for kind, key in KINDS:
            t = choose_below(others, key)
            for r in mine:
                r[f"c_{kind}"] = combined_decision(r, r.get("_ev"), t, key)
                r[f"t_{kind}"] = t
        for kind, key in KINDS:
            w = fit_fused(others, key)
            for r in mine:
                r[f"f_{kind}"] = fused_decision(r, w, key, telephone=telephone)
        lines += [(f"{voice}: current, fitted without it", figures(mine)),
                  (f"{voice}: hama alone (phone, crops)", figures(mine, "d_hama_phone_heard")),
                  (f"{voice}: combined, crops (t={mine[0]['t_crop']:.2f})",
                   figures(mine, "c_crop")),
                  (f"{voice}: combined, whole (t={mine[0]['t_whole']:.2f})",
                   figures(mine, "c_whole")),
                  (f"{voice}: fused feature, crops", figures(mine, "f_crop")),
                  (f"{voice}: fused feature, wide crops", figures(mine, "f_wide")),
                  (f"{voice}: fused feature, whole", figures(mine, "f_whole"))]
        pooled["current"] += mine
    lines += [("all voices left out: current", figures(pooled["current"])),
              ("all voices left out: hama alone", figures(pooled["current"],
                                                          "d_hama_phone_heard")),
              ("all voices left out: combined, crops", figures(pooled["current"], "c_crop")),
              ("all voices left out: combined, whole", figures(pooled["current"], "c_whole")),
              ("all voices left out: combined, wide", figures(pooled["current"], "c_wide")),
              ("all voices left out: fused feature, crops", figures(pooled["current"], "f_crop")),
              ("all voices left out: fused feature, wide",
               figures(pooled["current"], "f_wide")),
              ("all voices left out: fused feature, whole",
               figures(pooled["current"], "f_whole"))]
    return table(f"{title}each voice left out", lines)


def time_one(path: str, repeats: int = 3) -> str:
    """Time hama on one recording against the product's transcription and final-consonant
    stage (best of ``repeats``, wall and CPU seconds), and its memory."""
    import resource

    from voicecoach.audio import load
    from voicecoach.measures.consonants import measure_consonants
    from voicecoach.transcript.whisper import Transcriber

    audio = load(path)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    model = Hama()
    load_s = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    transcriber = Transcriber()

    def best(fn):
        runs = []
        for _ in range(repeats):
            t, c = time.perf_counter(), time.process_time()
            out = fn()
            runs.append((time.perf_counter() - t, time.process_time() - c))
        return out, min(r[0] for r in runs), min(r[1] for r in runs)

    transcript, tr_w, tr_c = best(lambda: transcriber.transcribe(audio))
    measures, co_w, co_c = best(lambda: measure_consonants(audio, transcript))
    words = [d for d in measures.words if d.phone_class in CLASSES]
    x = audio.samples

    def crops():
        for d in words:
            a, b = max(0.0, d.start_s - CONTEXT_S), d.end_s + CONTEXT_S
            model.posteriors(x[int(a * SR):int(b * SR)])

    _, cr_w, cr_c = best(crops)
    _, wh_w, wh_c = best(lambda: model.posteriors(x))
    rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    dur = audio.duration_s
    return "\n".join([
        f"{path}: {dur:.1f} s, {len(words)} consonant-final words judged",
        f"  hama model load {load_s:.2f} s, +{(rss1 - rss0) / 1024:.0f} MB; peak RSS "
        f"{rss2 / 1024:.0f} MB with Whisper loaded",
        f"  transcription (Whisper)       {tr_w:6.2f} s wall / {tr_c:6.2f} s CPU",
        f"  final consonants (current)    {co_w:6.2f} s wall / {co_c:6.2f} s CPU "
        f"({co_c / tr_c:.2f}x transcription CPU)",
        f"  hama, word crops              {cr_w:6.2f} s wall / {cr_c:6.2f} s CPU "
        f"({cr_c / tr_c:.2f}x transcription CPU, {1000 * cr_w / max(len(words), 1):.1f} ms "
        f"a word, real-time factor {cr_w / dur:.3f})",
        f"  hama, whole recording         {wh_w:6.2f} s wall / {wh_c:6.2f} s CPU "
        f"({wh_c / tr_c:.2f}x transcription CPU, real-time factor {wh_w / dur:.3f})"])


def paired_ci(rows: Sequence[dict], a: str, b: str, *, by: str = "recording",
              n: int = 2000) -> tuple[float, float, float]:
    """Balanced accuracy of decision ``b`` minus that of ``a``, with a 95 % interval from
    resampling whole groups of rows (recordings by default) with replacement."""
    groups: dict = {}
    for r in rows:
        groups.setdefault(r[by], []).append(r)
    keys, rng, diffs = list(groups), np.random.default_rng(0), []
    for _ in range(n):
        pick = [r for k in rng.integers(0, len(keys), len(keys)) for r in groups[keys[k]]]
        diffs.append(figures(pick, b)["ba"] - figures(pick, a)["ba"])
    lo, hi = np.nanpercentile(diffs, [2.5, 97.5])
    return figures(rows, b)["ba"] - figures(rows, a)["ba"], float(lo), float(hi)


def ci_report(stored: list[dict], lovo: list[dict], phone: list[dict] | None,
              people: list[dict] | None, phone_lovo: list[dict] | None = None) -> str:
    """Intervals of the differences the recommendation rests on."""
    test = [r for r in stored if r["split"] == "test"]
    cases = [("held-out sentences: fused whole - current", test, "f_whole", "recording"),
             ("held-out sentences: fused wide - current", test, "f_wide", "recording"),
             ("held-out sentences: fused crops - current", test, "f_crop", "recording"),
             ("voices left out: fused whole - current", lovo, "f_whole", "recording"),
             ("voices left out: fused wide - current", lovo, "f_wide", "recording"),
             ("voices left out: override whole - current", lovo, "c_whole", "recording"),
             ("voices left out, piper only: fused wide - current",
              [r for r in lovo if r["voice"] == "piper:joe"], "f_wide", "recording")]
    if phone:
        nasal = [r for r in phone if r["phone_class"] == "nasal" and r["split"] == "test"]
        cases.append(("phone line, nasals, held-out: fused crops - current", nasal, "f_crop",
                      "recording"))
    if phone_lovo:
        cases.append(("phone line, nasals, voices left out: fused crops - current",
                      phone_lovo, "f_crop", "recording"))
    if people:
        cases.append(("LibriVox reader: fused crops - current (by word)", people, "f_crop",
                      "index"))
    out = ["\nbalanced accuracy differences (95 % interval, groups resampled)"]
    for label, rows, key, by in cases:
        d, lo, hi = paired_ci(rows, "decision", key, by=by)
        out.append(f"  {label:<58} {d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
    return "\n".join(out)


def main(argv: Sequence[str]) -> None:
    if "--speed" in argv:
        for path in argv[argv.index("--speed") + 1:]:
            print(time_one(path))
        return
    recordings = build()
    cases = current_cases()
    stored = current_rows(cases, held_out_voice=False)
    lovo = current_rows(cases, held_out_voice=True)
    hama = add_wide(run_hama(stored, recordings), stored, recordings, "clean")
    speed = hama.pop("_speed")
    stored, lovo = attach(stored, hama), attach(lovo, hama)
    print(report(stored, lovo, speed))
    prow = people_rows = plovo = None
    if "--phone" in argv:
        prow = current_rows(phone_cases(recordings), held_out_voice=False, telephone=True)
        plovo = current_rows(phone_cases(recordings), held_out_voice=True, telephone=True)
        phone = add_wide(run_hama(prow, recordings, phone=True), prow, recordings, "phone",
                         phone=True)
        pspeed = phone.pop("_speed")
        prow = attach(prow, phone)
        plovo = [r for r in attach(plovo, phone) if r["phone_class"] == "nasal"]
        print(report(prow, plovo, pspeed, title="phone line: ", telephone=True))
    if "--people" in argv:
        from benchmarks import people_corpus

        people = people_corpus.build()
        people_rows = attach(current_rows(current_cases(people, "people"),
                                          held_out_voice=False), run_hama_people(people))
        dev = [r for r in stored if r["split"] == "dev"]
        lines = [("current measure (stored weights)", figures(people_rows))]
        for kind, key in KINDS:
            w = fit_fused(dev, key)
            for r in people_rows:
                r[f"f_{kind}"] = fused_decision(r, w, key)
            lines.append((f"fused, {kind} (fitted on the corpus)",
                          figures(people_rows, f"f_{kind}")))
        lines += [("hama alone, expected phone, word crops",
                   figures(people_rows, "d_hama_phone_heard")),
                  ("hama alone, expected phone, wide crops",
                   figures(people_rows, "d_wide_hama_phone_heard")),
                  ("hama alone, expected phone, whole",
                   figures(people_rows, "d_whole_hama_phone_heard"))]
        judged = [r for r in people_rows if r.get("_ev")]
        print(table("LibriVox reader (cut finals; nothing fitted on it)", lines))
        print(f"AUC: crops {auc(judged, 'hama_score'):.3f}, "
              f"wide {auc(judged, 'wide_hama_score'):.3f}, "
              f"whole {auc(judged, 'whole_hama_score'):.3f}")
    if "--ci" in argv:
        print(ci_report(stored, lovo, prow, people_rows, plovo))
    if "--dump" in argv:
        rows = lovo
        keep = ("voice", "version", "split", "word", "phone", "truth", "decision",
                "hama_phones", "hama_score", "whole_hama_phones", "whole_hama_score")
        (OUT / "rows.json").write_text(json.dumps([{k: r.get(k) for k in keep} for r in rows],
                                                  ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main(sys.argv[1:])
