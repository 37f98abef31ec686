"""Scoring of the per-condition benchmark on hand-made reports with known answers."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from benchmarks.condition_scores import not_judged_verdict, score_report, summarize

TRUTH = {
    "segments": [{"start_s": 0.5, "end_s": 3.0, "kind": "statement"},
                 {"start_s": 3.5, "end_s": 5.0, "kind": "question"},
                 {"start_s": 8.0, "end_s": 10.0, "kind": "statement"}],
    "pauses": [{"start_s": 3.0, "end_s": 3.5}, {"start_s": 5.0, "end_s": 8.0}],
    "questions": [{"end_s": 5.0, "next_speech_s": 8.0, "gap_s": 3.0}],
    "n_words": 20, "speech_span_s": [0.5, 10.0],
}
TRUE_WPM = 60 * 20 / (9.5 - 3.0)


def _report(*, pauses, questions, rate_wpm, f0_hz, verdicts=None):
    q = [NS(end_s=e, gap_s=g, sentence_index=i) for i, (e, g) in enumerate(questions)]
    m = NS(pauses=NS(pauses=[NS(start_s=a, end_s=b) for a, b in pauses]),
           questions=NS(questions=q), pace=NS(rate_wpm=rate_wpm, n_words=20),
           pitch=NS(median_f0_hz=f0_hz))
    verdicts = verdicts or {}
    keys = ["pace.rate", "pauses.per_min", "pitch.variation",
            *[f"questions.gap.{i}" for i in range(len(q))]]
    findings = [NS(key=k, verdict=verdicts.get(k, "on target")) for k in keys]
    return NS(status="ok", measures=m, assessment=NS(findings=findings))


def test_a_right_report_scores_full_marks_and_no_wrong_verdicts():
    r = _report(pauses=[(3.02, 3.48), (5.05, 7.95)], questions=[(5.0, 3.05)],
                rate_wpm=TRUE_WPM * 1.02, f0_hz=100.0)
    s = score_report(r, TRUTH, 100.0 * 2 ** (0.4 / 12))
    row = summarize("x", "", [s], lenient=False)
    assert (row["pause_f1"], row["gaps"], row["f0"], row["rate"]) == (1.0, 1.0, 1.0, 1.0)
    assert (row["q_precision"], row["q_recall"], row["wrong"]) == (1.0, 1.0, 0)


def test_wrong_measures_are_scored_wrong_and_counted_as_confident_when_judged():
    # one pause edge 150 ms off, gap 300 ms off, a statement taken for a question,
    # rate 10 % off, F0 an octave off
    r = _report(pauses=[(3.15, 3.5), (5.0, 8.0)], questions=[(5.0, 3.3), (10.0, 1.0)],
                rate_wpm=TRUE_WPM * 1.1, f0_hz=200.0)
    s = score_report(r, TRUTH, 100.0)
    row = summarize("x", "", [s], lenient=False)
    assert row["pause_f1"] == pytest.approx(0.5)
    assert (row["gaps"], row["f0"], row["rate"]) == (0.0, 0.0, 0.0)
    assert (row["q_precision"], row["q_recall"]) == (0.5, 1.0)
    # two question findings, rate, pitch, pauses (file F1 0.5): five confident wrong
    assert row["wrong"] == 5
    assert row["rate_met"] is False and row["wrong_met"] is None


def test_withheld_findings_are_acceptable_only_when_lenient():
    nj = not_judged_verdict()
    assert nj is not None
    r = _report(pauses=[], questions=[(5.0, 9.0)], rate_wpm=TRUE_WPM * 2, f0_hz=300.0,
                verdicts={"pace.rate": nj, "pauses.per_min": nj, "pitch.variation": nj,
                          "questions.gap.0": nj})
    s = score_report(r, TRUTH, 100.0)
    strict, lenient = (summarize("x", "", [s], lenient=flag) for flag in (False, True))
    assert (strict["gaps"], strict["f0"], strict["rate"], strict["pause_f1"]) == (0, 0, 0, 0)
    assert (lenient["gaps"], lenient["f0"], lenient["rate"]) == (1.0, 1.0, 1.0)
    assert lenient["pause_f1"] is None and lenient["pause_f1_met"] is None
    assert lenient["wrong"] == 0 and lenient["wrong_met"] is True
    assert lenient["withheld"] == 1.0


def test_missing_truth_keys_are_not_scored():
    r = _report(pauses=[], questions=[], rate_wpm=150.0, f0_hz=120.0)
    s = score_report(r, {"f0_median_hz": 120.0}, 120.0)
    row = summarize("real:x", "", [s], lenient=False)
    assert row["f0"] == 1.0
    assert row["pause_f1"] is None and row["gaps"] is None and row["rate"] is None
    assert row["q_precision"] is None and row["pause_f1_met"] is None
