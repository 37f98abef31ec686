"""The report card's text helpers."""

import pytest

from voicecoach.assess.assess import Finding
from voicecoach.report.terminal import _where


def _finding(where):
    return Finding("consonants.final", "Pronounce the final consonants", 0.8, "%", ">= 90%",
                   "needs work", 0.5, tuple(where), "", "consonants")


def test_a_span_shorter_than_the_shown_precision_is_one_time():
    assert _where(_finding([(1.17, 1.24), (6.70, 6.74), (12.0, 13.1)])) == \
        "at 1.2s, 6.7s, 12.0-13.1s"


def test_more_than_four_places_are_counted_not_listed():
    assert _where(_finding([(float(i), i + 1.0) for i in range(6)])).endswith(" +2 more")
    assert _where(_finding([])) == ""


# Enough evidence, or no verdict: the card as an agent reads it --------------------------

def _card_of(rng, segs, texts, total_s):
    from conftest import SR, FakeTranscriber, build_timeline, spread_words

    from voicecoach.audio import from_array
    from voicecoach.pipeline import analyze_audio
    from voicecoach.report.terminal import render

    audio = from_array(build_timeline(segs, total_s, rng), SR, path="take.wav")
    report = analyze_audio(audio, transcriber=FakeTranscriber(spread_words(segs, texts)),
                           consonants=False)
    return report, render(report)


def _line(card: str, guideline: str) -> tuple[str, str]:
    lines = card.splitlines()
    k = next(i for i, line in enumerate(lines) if guideline in line)
    return lines[k], lines[k + 1]


def test_a_short_question_take_says_it_is_too_short_and_judges_nothing_it_cannot(rng):
    report, card = _card_of(rng, [(0.3, 1.8)], ["Am I speaking with Jordan Blake?"], 2.1)
    assert report.score is None
    assert "Score:" not in card
    assert "Too short to score: 6 words in 1.5 s of speech; a score needs at least 20 words " \
           "and 10 s." in card.splitlines()
    pause, why = _line(card, "Pause more often")
    assert pause.startswith(" – ") and "not judged" in pause and "0.0 per min" not in pause
    assert why.strip() == "not enough speech to judge (1.5 s of speech, 20 s needed)"
    wait, why = _line(card, "Wait after your question")
    assert wait.startswith(" – ") and "the recording ended 0.3 s after the question" in why
    how = card.split("What you said")[0]  # what was said is credited, the rest not judged
    assert not any(line.startswith((" ✓", " ✗", " ~")) for line in how.splitlines())
    assert " ✓ Check you have the right person" in card
    assert not any(line.startswith((" ✗", " ~")) for line in card.splitlines())
    assert "pause more" not in card.lower().split("next take")[1]
    assert "Next take: record a longer take so it can be scored." in card


@pytest.mark.parametrize("silence_s, mark, text", [
    (0.6, "–", "not judged: the recording ended 0.6 s after the question"),
    (5.0, "✓", "silent until the recording ended"),
])
def test_a_question_at_the_very_end_of_the_recording(rng, silence_s, mark, text):
    segs = [(0.5, 4.5), (5.0, 9.0), (9.5, 13.5)]
    texts = ["Good morning this is Dana calling from Harbor Supply about your account.",
             "I am calling about invoice number forty seven twenty nine today.",
             "Is now a good time to talk about the payment?"]
    report, card = _card_of(rng, segs, texts, 13.5 + silence_s)
    wait, why = _line(card, "Wait after your question")
    assert wait.startswith(f" {mark} ") and text in why
    gap = next(f for f in report.assessment.findings if f.key.startswith("questions.gap"))
    assert gap.measured == pytest.approx(silence_s, abs=0.1)
    assert report.score is not None
    assert ("questions" in report.assessment.group_scores) == (mark == "✓")  # else left out


def test_a_short_take_in_json_is_strict_with_no_score_and_says_why(rng):
    import json

    from voicecoach.report.json import dumps

    report, _ = _card_of(rng, [(0.3, 1.8)], ["Am I speaking with Jordan Blake?"], 2.1)
    d = json.loads(dumps(report))  # strict: a NaN would raise
    assert d["status"] == "ok" and d["score"] is None
    assert d["message"].startswith("Too short to score: 6 words in 1.5 s of speech")
    pauses = next(f for f in d["findings"] if f["key"] == "pauses.per_min")
    assert pauses["verdict"] == "not judged" and pauses["score"] is None
    assert pauses["detail"] == "not enough speech to judge (1.5 s of speech, 20 s needed)"
    assert d["next_steps"] == []
