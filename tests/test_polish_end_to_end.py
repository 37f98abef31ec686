"""A Polish take end to end: the real pipeline (tiny.en's check hands it to the bundled
multilingual base model) on samples/polish_opening.flac, against its truth."""

import json

import pytest
from conftest import SAMPLES

from voicecoach.assess.assess import ON_TARGET
from voicecoach.pipeline import analyze
from voicecoach.report.terminal import render

pytestmark = pytest.mark.slow

EDGE_TOL_S = 0.08  # pause edges within 80 ms
GAP_TOL_S = 0.15  # the silence after a question within 150 ms
RATE_TOL = 0.08  # syllables per second within 8 % (the recognizer writes numbers as digits)


@pytest.fixture(scope="module")
def report():
    return analyze(SAMPLES / "polish_opening.flac", consonants=False)


@pytest.fixture(scope="module")
def truth():
    return json.loads((SAMPLES / "polish_opening.truth.json").read_text())


def test_the_language_is_found(report):
    assert report.language.language == "pl" and report.language.source == "detected"


def test_the_pauses_match_truth(report, truth):
    found = report.measures.pauses.pauses
    true = truth["pauses"]
    assert len(found) == len(true)
    for p, t in zip(found, true):
        assert p.start_s == pytest.approx(t["start_s"], abs=EDGE_TOL_S)
        assert p.end_s == pytest.approx(t["end_s"], abs=EDGE_TOL_S)


def test_the_articulation_rate_matches_the_hand_counted_syllables(report, truth):
    pace = report.measures.pace
    assert pace.syllables_from == "transcript"
    assert pace.articulation_sps == pytest.approx(truth["articulation_sps"], rel=RATE_TOL)
    verdicts = {f.key: f.verdict for f in report.assessment.findings}
    assert verdicts["pace.articulation"] == ON_TARGET  # the truth, 3.6/s, is in 3.2-4.3


def test_the_questions_found_are_true_with_their_silence(report, truth):
    """Every question found is one of the script's, its gap within 150 ms; the closing
    "Czy to dobry moment ...?" is found (base writes its "czy" and "?")."""
    true = {round(q["end_s"], 1): q for q in truth["questions"]}
    found = report.measures.questions.questions
    assert any(abs(q.end_s - truth["questions"][-1]["end_s"]) <= GAP_TOL_S for q in found)
    for q in found:
        match = [t for t in true.values() if abs(t["end_s"] - q.end_s) <= 0.3]
        assert match, q.text
        assert q.gap_s == pytest.approx(match[0]["gap_s"], abs=GAP_TOL_S)


def test_the_card_is_in_polish(report):
    card = render(report)
    assert "karta oceny" in card and "sylab/s" in card
