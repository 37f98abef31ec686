"""Accuracy of the final-consonant measure on synthetic ground truth.

The corpus (:mod:`benchmarks.consonant_corpus`) holds the same sentences by three
voices, intact and with final consonants left out (by phoneme input and by
cutting samples at known phone timing). The evaluation runs the real product
path: Whisper transcribes each recording,
:func:`voicecoach.measures.consonants.measure_consonants` decides every
consonant-final word, and transcript words are matched to the script; words
Whisper did not write as scripted cannot be judged and are counted apart.

``python -m benchmarks.consonant_truth`` prints the table; ``--fit`` prints the
decision weights fitted on the development sentences (as stored in
``voicecoach/measures/consonants/decide.py``); ``--tradeoff [--dev]`` prints what
moving the two decision thresholds does (on the development sentences only with
``--dev``): the best balanced accuracy under each cap on the share of "uncertain"
words; ``--voices`` judges each voice with weights fitted on the other voices;
``--phone`` judges the corpus through a phone line; ``--people`` judges a LibriVox
reader, and ``--noisy`` the reader and the corpus with white noise added.
"""

from __future__ import annotations

import difflib
import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from benchmarks import speechkit as sk
from benchmarks.consonant_corpus import CACHE, SR, Recording, TruthWord, _key, build

__all__ = ["evaluate", "summarize", "transcribe", "match_words", "fit_weights", "build"]

TARGET_BA = 0.85
TARGET_BA_CLASS = 0.75
TARGET_FALSE_CLIP = 0.05
TARGET_UNCERTAIN = 0.15


# --- evaluation ------------------------------------------------------------------------------

def transcribe(rec: Recording, cache: Path = CACHE, *, audio=None, tag: str = ""):
    """Whisper transcript of ``rec`` (the product's transcriber), cached as JSON.

    ``audio`` (with a ``tag`` naming it in the cache) replaces the recording's own
    samples, for a copy of it such as the phone-line one.
    """
    from voicecoach.audio import from_array
    from voicecoach.transcript import Transcript, Word

    samples = rec.samples if audio is None else audio.samples
    key = _key(rec.name, float(np.sum(samples ** 2)), *([tag] if tag else []))
    path = cache / f"{rec.name}{'_' + tag if tag else ''}_{key}.words.json"
    if path.exists():
        rows = json.loads(path.read_text())
        return Transcript(tuple(Word(*r) for r in rows))
    from voicecoach.transcript.whisper import Transcriber

    transcript = Transcriber().transcribe(from_array(rec.samples, SR) if audio is None else audio)
    rows = [[w.text, w.start_s, w.end_s, w.probability] for w in transcript.words]
    path.write_text(json.dumps(rows))
    return transcript


def _heard(rec: Recording, *, phone: bool = False):
    """(audio, Whisper transcript) of ``rec``, or of its phone-line copy (8 kHz)."""
    from voicecoach.audio import from_array

    if not phone:
        return from_array(rec.samples, SR), transcribe(rec)
    audio = from_array(sk.telephone(rec.samples, SR), 8_000)
    return audio, transcribe(rec, audio=audio, tag="phone")


def phone_line(recordings: Sequence[Recording] | None = None) -> list[dict]:
    """The corpus through a phone line (8 kHz, 300-3400 Hz, as the speech corpus's
    telephone copies), transcribed and judged by the product as an 8 kHz file would be:
    the accuracy rows with subset "phone line", and "phone line, held-out" (the telephone
    weights were fitted on the development sentences' copies)."""
    from voicecoach.measures.consonants import measure_consonants

    rows = []
    for rec in build() if recordings is None else recordings:
        audio, transcript = _heard(rec, phone=True)
        rows += _token_rows(rec, transcript, measure_consonants(audio, transcript).words)
    return (summarize(rows, subset="phone line")
            + summarize([r for r in rows if r["split"] == "test"], subset="phone line, held-out"))


def people() -> list[dict]:
    """A LibriVox reader, intact and with final consonants cut out
    (:mod:`benchmarks.people_corpus`), judged by the product: the accuracy rows with
    subset "people" (one reader; none of it was used for fitting)."""
    from benchmarks import people_corpus

    rows = []
    for rec in people_corpus.build():
        rows += score_recording(rec)[0]
    return summarize(rows, subset="people")


def noisy(snr_db: Sequence[float] = (40.0, 30.0, 20.0)) -> list[dict]:
    """The LibriVox reader and the corpus with white noise added at each signal-to-noise
    ratio (dB, over the speech's power), judged by the product with the clean
    recordings' transcripts, so that only the final-consonant stage hears the noise: the
    accuracy rows with subsets "people, SNR N dB" and "corpus, SNR N dB"."""
    from benchmarks import people_corpus
    from voicecoach.audio import from_array
    from voicecoach.measures.consonants import measure_consonants

    out = []
    for label, recordings in (("people", people_corpus.build()), ("corpus", build())):
        cases = []
        for k, rec in enumerate(recordings):
            audio, transcript = _heard(rec)
            x = audio.samples
            speech_power = float(np.mean(x[np.abs(x) > 0.01] ** 2))
            noise = np.random.default_rng(k).standard_normal(len(x)) * np.sqrt(speech_power)
            cases.append((rec, audio, transcript, noise))
        for snr in snr_db:
            rows = []
            for rec, audio, transcript, noise in cases:
                noisy_x = audio.samples + (noise / 10 ** (snr / 20)).astype(np.float32)
                rows += _token_rows(rec, transcript, measure_consonants(
                    from_array(noisy_x, audio.sr), transcript).words)
            out += summarize(rows, subset=f"{label}, SNR {snr:g} dB")
    return out


def match_words(truth: Sequence[TruthWord], transcript) -> dict[int, int]:
    """Script word index -> transcript word index, for words Whisper wrote as scripted."""
    from voicecoach.transcript import normalize_word

    said = [normalize_word(w.text) for w in transcript.words]
    sm = difflib.SequenceMatcher(a=[w.text for w in truth], b=said, autojunk=False)
    pairs = {}
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            pairs[a + k] = b + k
    return pairs


def score_recording(rec: Recording) -> tuple[list[dict], float, float]:
    """Per-token rows (truth vs decision), the stage's run time and the audio duration, s."""
    from voicecoach.measures.consonants import measure_consonants

    audio, transcript = _heard(rec)
    t0 = time.perf_counter()
    measures = measure_consonants(audio, transcript)
    elapsed = time.perf_counter() - t0
    return _token_rows(rec, transcript, measures.words), elapsed, audio.duration_s


def _token_rows(rec: Recording, transcript, decisions) -> list[dict]:
    """One row per consonant-final script word: its truth and the decision on it."""
    by_index = {d.word_index: d for d in decisions}
    pairs = match_words(rec.words, transcript)
    rows = []
    for i, w in enumerate(rec.words):
        if not w.label:
            continue
        d = by_index.get(pairs.get(i, -1))
        rows.append({"recording": rec.name, "voice": rec.voice, "version": rec.version,
                     "split": rec.split, "word": w.text, "phone": w.final_phone,
                     "phone_class": w.phone_class, "truth": w.label,
                     "decision": d.decision if d else "missing",
                     "confidence": d.confidence if d else 0.0,
                     "reason": d.reason if d else "not transcribed as scripted"})
    return rows


def _balanced_accuracy(rows: Sequence[dict]) -> float:
    """Mean of recall on clipped and on articulated tokens; uncertain ones are left out."""
    recalls = []
    for label in ("clipped", "articulated"):
        decided = [r for r in rows if r["truth"] == label and r["decision"] in
                   ("clipped", "articulated")]
        if decided:
            recalls.append(np.mean([r["decision"] == label for r in decided]))
    return float(np.mean(recalls)) if recalls else float("nan")


def _row(metric: str, value: float, target: str, met: bool, subset: str = "all") -> dict:
    return {"measure": "consonants", "metric": metric, "subset": subset,
            "value": round(float(value), 3), "target": target, "met": bool(met)}


def summarize(tokens: Sequence[dict], *, subset: str = "all") -> list[dict]:
    """Accuracy rows over token rows (see :func:`score_recording`)."""
    scored = [r for r in tokens if r["decision"] != "missing"]
    binary = [r for r in scored if r["truth"] in ("clipped", "articulated")]
    ba = _balanced_accuracy(binary)
    rows = [_row("balanced accuracy", ba, f">= {TARGET_BA}", ba >= TARGET_BA, subset)]
    for cls in ("stop", "fricative", "nasal", "affricate"):
        sub = [r for r in binary if r["phone_class"] == cls]
        if any(r["truth"] == "clipped" for r in sub):
            v = _balanced_accuracy(sub)
            rows.append(_row(f"balanced accuracy, {cls}s", v, f">= {TARGET_BA_CLASS}",
                             v >= TARGET_BA_CLASS, subset))
    intact = [r for r in scored if r["version"] == "intact"]
    fc = np.mean([r["decision"] == "clipped" for r in intact]) if intact else float("nan")
    rows.append(_row("intact words called clipped, share", fc, f"<= {TARGET_FALSE_CLIP}",
                     fc <= TARGET_FALSE_CLIP, subset))
    unc = np.mean([r["decision"] == "uncertain" for r in scored]) if scored else float("nan")
    rows.append(_row("uncertain, share of words", unc, f"<= {TARGET_UNCERTAIN}",
                     unc <= TARGET_UNCERTAIN, subset))
    clus = [r for r in scored if r["truth"] == "cluster"]
    if clus:
        v = np.mean([r["decision"] == "clipped" for r in clus])
        rows.append(_row("/t d/ cluster sites called clipped, share", v, "0", v == 0, subset))
    return rows


def evaluate(recordings: Sequence[Recording] | None = None) -> list[dict]:
    """Accuracy rows (measure, metric, subset, value, target, met) for final consonants.

    Subsets: all tokens; the held-out sentences (the decision weights were fitted on
    the others); each voice. The last rows describe the corpus and the stage's speed
    (seconds of computing per second of audio, Whisper excluded; target "-": reported).
    """
    recordings = build() if recordings is None else recordings
    tokens, busy_s, audio_s = [], 0.0, 0.0
    for rec in recordings:
        rows, elapsed, duration = score_recording(rec)
        tokens += rows
        busy_s += elapsed
        audio_s += duration
    n = len(tokens)
    covered = np.mean([r["decision"] != "missing" for r in tokens]) if n else float("nan")
    clipped = np.mean([r["truth"] == "clipped" for r in tokens]) if n else float("nan")
    judged = [r for r in tokens if r["decision"] != "missing"]
    judged_clipped = np.mean([r["truth"] == "clipped" for r in judged]) if judged else 0.0
    voices = {r["voice"] for r in tokens}
    out = summarize(tokens)
    out += summarize([r for r in tokens if r["split"] == "test"], subset="held-out")
    for voice in sorted(voices):
        out += summarize([r for r in tokens if r["voice"] == voice], subset=voice)[:1]
    out += [_row("consonant-final tokens", n, ">= 300", n >= 300),
            _row("clipped, share of tokens", clipped, ">= 0.3", clipped >= 0.3),
            _row("voices", len(voices), ">= 3", len(voices) >= 3),
            _row("tokens Whisper wrote as scripted, share", covered, "-", True),
            _row("clipped, share of tokens Whisper wrote as scripted", judged_clipped, "-", True),
            _row("stage speed, s per s of audio", busy_s / max(audio_s, 1e-9), "-", True)]
    return out


def main() -> None:
    _print_rows(evaluate())


def _print_rows(rows: Sequence[dict]) -> None:
    width = max(len(r["metric"]) for r in rows)
    sub = max(16, *(len(r["subset"]) + 1 for r in rows))
    print(f"{'metric':<{width}}  {'subset':<{sub}}{'value':>8}  {'target':>8}  met")
    for r in rows:
        print(f"{r['metric']:<{width}}  {r['subset']:<{sub}}{r['value']:>8.3f}  {r['target']:>8}  "
              f"{'yes' if r['met'] else 'NO'}")


def _cases(recordings: Sequence[Recording], *, phone: bool = False) -> list[tuple]:
    """(recording, transcript, (evidence, baseline material)) per recording, collected
    by the product's own aligners (from the phone-line copy when ``phone``)."""
    from voicecoach.measures.consonants import aligners
    from voicecoach.measures.consonants.cues import frame_features
    from voicecoach.measures.consonants.evidence import collect_evidence

    out = []
    for rec in recordings:
        audio, transcript = _heard(rec, phone=phone)
        ff = frame_features(audio.samples, audio.sr)
        out.append((rec, transcript,
                    collect_evidence(audio.samples, audio.sr, transcript, ff, *aligners())))
    return out


def _decided_rows(cases: Sequence[tuple], *, telephone: bool = False,
                  **thresholds: float) -> list[dict]:
    """Token rows (see :func:`score_recording`) of every case, decided again."""
    from voicecoach.measures.consonants.decide import decide_all

    rows = []
    for rec, transcript, (evidence, material) in cases:
        rows += _token_rows(rec, transcript, decide_all(evidence, material, telephone=telephone,
                                                        **thresholds))
    return rows


def tradeoff(recordings: Sequence[Recording] | None = None, *, step: float = 0.025,
             phone: bool = False) -> list[dict]:
    """Balanced accuracy against the share of "uncertain" as the two thresholds move.

    The evidence is collected once; every pair of thresholds on a grid of ``step``
    (clipped below <= said above) decides all words again. One row per pair:
    ``said_above``, ``clipped_below``, ``ba``, ``false_clip`` (intact words called
    clipped), ``uncertain``. With ``phone``, the phone-line copies' nasal-final words,
    decided as telephone audio.
    """
    cases = _cases(build() if recordings is None else recordings, phone=phone)
    grid = np.round(np.arange(step, 1.0, step), 6)
    out = []
    for said in grid:
        for clipped in grid[grid <= said]:
            rows = _decided_rows(cases, telephone=phone, said_above=float(said),
                                 clipped_below=float(clipped))
            if phone:
                rows = [r for r in rows if r["phone_class"] == "nasal"]
            got = {r["metric"]: r["value"] for r in summarize(rows)}
            out.append({"said_above": float(said), "clipped_below": float(clipped),
                        "ba": got["balanced accuracy"],
                        "false_clip": got["intact words called clipped, share"],
                        "uncertain": got["uncertain, share of words"]})
    return out


def leave_one_voice_out(recordings: Sequence[Recording] | None = None) -> list[dict]:
    """Each voice judged with weights fitted on the other voices' development sentences.

    The thresholds stay as they are. Returns, per voice left out, the summary rows of
    :func:`summarize` with that voice as the subset.
    """
    from voicecoach.measures.consonants import decide

    cases = _cases(build() if recordings is None else recordings)  # collected once
    out, stored = [], decide.WEIGHTS
    try:
        for voice in sorted({c[0].voice for c in cases}):
            decide.WEIGHTS = fit_weights(cases=[c for c in cases if c[0].voice != voice])
            rows = _decided_rows([c for c in cases if c[0].voice == voice])
            out += summarize(rows, subset=f"{voice} left out")
    finally:
        decide.WEIGHTS = stored
    return out


def print_tradeoff(rows: Sequence[dict], *, phone: bool = False) -> None:
    """The thresholds in use, and the best balanced accuracy under each cap on uncertain."""
    from voicecoach.measures.consonants import decide

    said_above, clipped_below = ((decide.TELEPHONE_SAID_ABOVE, decide.TELEPHONE_CLIPPED_BELOW)
                                 if phone else (decide.SAID_ABOVE, decide.CLIPPED_BELOW))

    def show(label: str, r: dict | None) -> None:
        if r is None:
            print(f"{label:<34} none meets it")
            return
        print(f"{label:<34} said >= {r['said_above']:.3f}, clipped <= {r['clipped_below']:.3f}: "
              f"balanced accuracy {r['ba']:.3f}, uncertain {r['uncertain']:.3f}, "
              f"intact called clipped {r['false_clip']:.3f}")

    current = min(rows, key=lambda r: abs(r["said_above"] - said_above)
                  + abs(r["clipped_below"] - clipped_below))
    show("thresholds in use", current)
    for cap in (TARGET_UNCERTAIN, 0.20, 0.25):
        ok = [r for r in rows if r["uncertain"] <= cap and r["false_clip"] <= TARGET_FALSE_CLIP]
        # ties go to fewer intact words called clipped: when in doubt, "uncertain"
        best = max(ok, key=lambda r: (r["ba"], -r["false_clip"], -r["uncertain"]), default=None)
        show(f"best with uncertain <= {cap:.2f}", best)


def token_features(cases: Sequence[tuple], *, telephone: bool = False
                   ) -> list[tuple[str, str, str, np.ndarray]]:
    """(model class, truth label, split, evidence vector) of every aligned scripted token
    of ``cases`` (see :func:`_cases`); with ``telephone``, of the nasal-final ones only,
    with the evidence of telephone audio (model class "telephone")."""
    from voicecoach.measures.consonants.decide import MODEL_OF_CLASS, baselines_for, features

    out = []
    for rec, transcript, (evidence, material) in cases:
        by_index = {ev.word_index: (ev, b) for ev, b in
                    zip(evidence, baselines_for(evidence, material))}
        for i, j in match_words(rec.words, transcript).items():
            w = rec.words[i]
            if w.label in ("articulated", "clipped") and j in by_index and by_index[j][0].aligned:
                ev, b = by_index[j]
                if telephone and ev.phone_class == "nasal":
                    out.append(("telephone", w.label, rec.split, features(ev, b, telephone=True)))
                elif not telephone:
                    out.append((MODEL_OF_CLASS[ev.phone_class], w.label, rec.split,
                                features(ev, b)))
    return out


def fit_weights(recordings: Sequence[Recording] | None = None, *, l2: float = 1.0,
                cases: Sequence[tuple] | None = None, phone: bool = False
                ) -> dict[str, tuple[float, ...]]:
    """Logistic weights per model class, fitted on the development sentences only
    (of ``recordings``, or of evidence already collected as ``cases``). With ``phone``,
    the telephone weights (model "telephone"), on the phone-line copies' nasal endings.

    Classes are weighted equally (clipped and articulated tokens count the same in
    total), so the fitted bias does not depend on how many words the corpus clipped.
    Evidence features (the first ``ORIENTED``) that come out with a negative weight
    are held at 0 and the rest refitted: by construction they point towards "said".
    """
    from voicecoach.measures.consonants.decide import ORIENTED

    if cases is None:
        cases = _cases(build() if recordings is None else recordings, phone=phone)
    rows = [r for r in token_features(cases, telephone=phone) if r[2] == "dev"]
    weights = {}
    for model in sorted({r[0] for r in rows}):
        x = np.array([r[3] for r in rows if r[0] == model])
        y = np.array([r[1] == "articulated" for r in rows if r[0] == model], float)
        keep = np.ones(x.shape[1], bool)
        while True:
            w = np.zeros(x.shape[1])
            w[keep] = _logistic(x[:, keep], y, l2)
            negative = np.flatnonzero(w[:ORIENTED] < 0)
            if not len(negative):
                break
            keep[negative] = False
        weights[model] = tuple(round(float(v), 2) for v in w)
    return weights


def _logistic(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Class-balanced L2 logistic regression by Newton steps (last column is the bias)."""
    sw = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    w = np.zeros(x.shape[1])
    reg = l2 * np.r_[np.ones(len(w) - 1), 0.0]
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (sw * (p - y)) + reg * w
        hess = (x.T * (sw * p * (1 - p))) @ x + np.diag(reg)
        w -= np.linalg.solve(hess, grad)
    return w


if __name__ == "__main__":
    import sys

    phone = "--phone" in sys.argv  # the phone-line copies (telephone weights, nasals)
    if "--fit" in sys.argv:
        print(fit_weights(phone=phone))
    elif "--voices" in sys.argv:
        _print_rows(leave_one_voice_out())
    elif "--people" in sys.argv:
        _print_rows(people())
    elif "--noisy" in sys.argv:
        _print_rows(noisy())
    elif "--tradeoff" in sys.argv:
        dev = "--dev" in sys.argv  # thresholds are chosen on the development sentences
        print_tradeoff(tradeoff([r for r in build() if r.split == "dev"] if dev else None,
                                phone=phone), phone=phone)
    elif phone:
        _print_rows(phone_line())
    else:
        main()
