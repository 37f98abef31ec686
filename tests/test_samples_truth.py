"""The bundled samples agree with their truth files.

Checks each ``samples/*.truth.json`` against its audio, with helpers written
here (not the generator's), so a regenerated sample cannot drift silently:
duration, that the inserted pauses are silent and the segments are speech with
no internal pause, word counts, rates, question gaps, and what each sample is
said to be in samples/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TRUTHS = sorted(SAMPLES.glob("*.truth.json"))
EXPECTED = {"good_opening", "rushed_opening", "clipped_consonants", "high_monotone",
            "missing_facts_opening", "harsh_opening", "retake_opening", "trainer_reference"}

FRAME_S = 0.010
EDGE_S = 0.010  # guard at pause edges, in seconds
PAUSE_MAX_DBFS = -50.0  # pauses hold only the noise floor (about -66 dBFS RMS)
SPEECH_MIN_DBFS = -30.0  # RMS of a whole segment
SCAN_DB = -35.0  # a segment frame this far below the segment's loudest frame is "quiet"
MAX_INTERNAL_PAUSE_S = 0.2
TIME_TOL_S = 0.001


def _name(truth_path: Path) -> str:
    return truth_path.name.removesuffix(".truth.json")


def _load(truth_path: Path) -> tuple[dict, np.ndarray, int]:
    truth = json.loads(truth_path.read_text())
    samples, sr = sf.read(SAMPLES / truth["audio"], dtype="float32", always_2d=True)
    return truth, samples.mean(axis=1), sr


def _dbfs(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(x.astype(np.float64) ** 2)) + 1e-12))


def _frame_db(x: np.ndarray, sr: int) -> np.ndarray:
    hop = int(FRAME_S * sr)
    n = len(x) // hop
    rms = np.sqrt(np.mean(x[: n * hop].astype(np.float64).reshape(n, hop) ** 2, axis=1))
    return 20 * np.log10(rms + 1e-12)


def _longest_quiet_run_s(x: np.ndarray, sr: int) -> float:
    db = _frame_db(x, sr)
    quiet = db <= db.max() + SCAN_DB
    longest = run = 0
    for q in quiet:
        run = run + 1 if q else 0
        longest = max(longest, run)
    return longest * FRAME_S


def _cut(x: np.ndarray, sr: int, start_s: float, end_s: float) -> np.ndarray:
    return x[int(round(start_s * sr)) : int(round(end_s * sr))]


def test_the_expected_samples_exist_and_stay_small():
    assert EXPECTED <= {_name(p) for p in TRUTHS}
    total = sum(p.stat().st_size for p in SAMPLES.iterdir() if p.suffix in {".flac", ".wav"})
    assert total < 6_500_000  # eleven openings of 15-40 s under a -66 dBFS noise floor


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_name)
def test_header_matches_file(truth_path):
    truth, samples, sr = _load(truth_path)
    info = sf.info(SAMPLES / truth["audio"])
    assert truth["audio"] == _name(truth_path) + ".flac"
    assert truth["sr"] == sr == info.samplerate
    assert abs(truth["duration_s"] - len(samples) / sr) < TIME_TOL_S
    assert 15.0 <= truth["duration_s"] <= 40.0


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_name)
def test_timeline_is_consistent(truth_path):
    truth = json.loads(truth_path.read_text())
    segs = truth["segments"]
    assert truth["text"] == " ".join(s["text"] for s in segs)
    assert truth["n_words"] == len(truth["text"].split())
    assert truth["n_words"] == sum(len(s["text"].split()) for s in segs)
    assert not any(ch.isdigit() for ch in truth["text"])
    bounds = [t for s in segs for t in (s["start_s"], s["end_s"])]
    assert bounds == sorted(bounds) and 0 <= bounds[0] and bounds[-1] <= truth["duration_s"]
    assert truth["speech_span_s"] == [segs[0]["start_s"], segs[-1]["end_s"]]
    span_s = segs[-1]["end_s"] - segs[0]["start_s"]
    assert truth["rate_wpm"] == pytest.approx(truth["n_words"] / span_s * 60, abs=0.01)
    expected_pauses = [
        {"start_s": a["end_s"], "end_s": b["start_s"]} for a, b in zip(segs, segs[1:])
    ]
    assert truth["pauses"] == expected_pauses
    questions = [(i, s) for i, s in enumerate(segs) if s["kind"] == "question"]
    assert [q["text"] for q in truth["questions"]] == [s["text"] for _, s in questions]
    for q, (i, s) in zip(truth["questions"], questions):
        assert s["text"].endswith("?") and q["end_s"] == s["end_s"]
        nxt = segs[i + 1]["start_s"] if i + 1 < len(segs) else None
        assert q["next_speech_s"] == nxt
        until = truth["duration_s"] if nxt is None else nxt
        assert q["gap_s"] == pytest.approx(until - s["end_s"], abs=TIME_TOL_S)
    for c in truth["clipped_words"]:
        words = [w.strip("?.!").lower() for w in segs[c["segment"]]["text"].split()]
        assert c["word"].lower() in words


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_name)
def test_pauses_are_silent_and_segments_are_speech(truth_path):
    truth, x, sr = _load(truth_path)
    segs = truth["segments"]
    silences = [(0.0, segs[0]["start_s"]), (segs[-1]["end_s"], truth["duration_s"])]
    silences += [(p["start_s"], p["end_s"]) for p in truth["pauses"]]
    for start_s, end_s in silences:
        quiet = _cut(x, sr, start_s + EDGE_S, end_s - EDGE_S)
        if len(quiet):
            assert _dbfs(quiet) < PAUSE_MAX_DBFS, (start_s, end_s)
            assert np.max(np.abs(quiet)) < 10 ** (-40 / 20), (start_s, end_s)
    for s in segs:
        speech = _cut(x, sr, s["start_s"], s["end_s"])
        assert _dbfs(speech) > SPEECH_MIN_DBFS, s["text"]
        assert _longest_quiet_run_s(speech, sr) < MAX_INTERNAL_PAUSE_S, s["text"]
        db = _frame_db(speech, sr)
        # speech reaches the segment edges: loud frames within 30 ms of each end
        assert db[:3].max() > db.max() - 45 and db[-3:].max() > db.max() - 45, s["text"]


def _truth(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.truth.json").read_text())


def _question_gaps_s(truth: dict) -> list[float]:
    return [q["gap_s"] for q in truth["questions"]]


def _phrase_pauses_s(truth: dict) -> list[float]:
    q_ends = {q["end_s"] for q in truth["questions"]}
    return [p["end_s"] - p["start_s"] for p in truth["pauses"] if p["start_s"] not in q_ends]


def test_good_opening_is_calm_with_long_waits():
    t = _truth("good_opening")
    span_s = t["speech_span_s"][1] - t["speech_span_s"][0]
    waits_s = sum(q["gap_s"] for q in t["questions"] if q["next_speech_s"] is not None)
    assert t["engine"] == "piper"
    assert t["rate_wpm"] == pytest.approx(60 * t["n_words"] / span_s, abs=0.01)
    assert 120 <= 60 * t["n_words"] / (span_s - waits_s) <= 150  # the rate while speaking
    assert t["questions"] and all(4.0 <= g <= 5.0 for g in _question_gaps_s(t))
    assert all(0.4 <= p <= 0.9 for p in _phrase_pauses_s(t))


def test_rushed_opening_is_fast_with_short_waits():
    t, good = _truth("rushed_opening"), _truth("good_opening")
    assert t["text"] == good["text"] and t["rate_wpm"] >= 185
    assert t["questions"] and all(g < 1.0 for g in _question_gaps_s(t))
    assert all(p < 0.15 for p in _phrase_pauses_s(t))


def test_clipped_consonants_lists_stops_fricatives_and_nasals():
    t = _truth("clipped_consonants")
    phones = {c["phone"] for c in t["clipped_words"]}
    assert len(t["clipped_words"]) >= 6
    assert phones & {"P", "B", "T", "D", "K", "G"}
    assert phones & {"S", "Z", "F", "V", "TH", "DH", "SH", "ZH"}
    assert phones & {"M", "N", "NG"}


def _pitch_range_st(name: str) -> tuple[float, float]:
    """Median F0 (Hz) and 5-95 % F0 range (semitones) over the loud frames of segments."""
    import librosa

    truth, x, sr = _load(SAMPLES / f"{name}.truth.json")
    f0s = []
    for s in truth["segments"]:
        seg = _cut(x, sr, s["start_s"], s["end_s"]).astype(np.float64)
        f0 = librosa.yin(seg, fmin=60, fmax=500, sr=sr, frame_length=1024, hop_length=160)
        rms = librosa.feature.rms(y=seg, frame_length=1024, hop_length=160)[0][: len(f0)]
        f0s.append(f0[: len(rms)][rms > rms.max() * 10 ** (-20 / 20)])
    f0 = np.concatenate(f0s)
    st = 12 * np.log2(f0 / np.median(f0))
    return float(np.median(f0)), float(np.percentile(st, 95) - np.percentile(st, 5))


def test_high_monotone_is_high_and_flat_where_good_opening_is_not():
    mono_hz, mono_st = _pitch_range_st("high_monotone")
    good_hz, good_st = _pitch_range_st("good_opening")
    assert mono_hz > 180 and mono_st < 1.0
    assert good_hz < 150 and good_st > 2.0
