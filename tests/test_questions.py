"""Question detection: syntax, the fusion with the final pitch, and accuracy on labelled sets."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import SR, FakeTranscriber, spread_words

from voicecoach.audio import Audio, load
from voicecoach.measures.activity import detect
from voicecoach.measures.pitch import measure_pitch
from voicecoach.measures.pitch.contour import SentenceContour
from voicecoach.measures.questions import decide_sentence, measure_questions
from voicecoach.measures.questions.decide import decide
from voicecoach.measures.questions.syntax import (
    DECLARATIVE,
    POSSIBLE,
    QUESTION,
    STATEMENT,
    read_syntax,
)
from voicecoach.transcript import Transcript

DATA = Path(__file__).resolve().parent / "data"
PRECISION_MIN = 0.95  # the requirement's question targets
RECALL_MIN = 0.90


def _as_recognized(item: dict) -> str:
    """The sentence as the recognizer wrote it: "." where it dropped the "?"."""
    text = item["text"]
    if item.get("recognizer_dropped_mark") and text.endswith("?"):
        text = text[:-1] + "."
    return text


def _without_mark(text: str) -> str:
    return text[:-1] + "." if text.endswith("?") else text


def _precision_recall(items: list[dict], text_of) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    wrong = []
    for item in items:
        found = decide_sentence(Transcript.from_text(text_of(item)).sentences[0]).question
        tp += found and item["question"]
        fp += found and not item["question"]
        fn += item["question"] and not found
        if found != item["question"]:
            wrong.append(item["text"])
    return tp / max(1, tp + fp), tp / max(1, tp + fn), wrong


def _load(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text())["sentences"]


def test_labelled_set_meets_the_question_targets_from_the_text_alone():
    """Precision and recall on the 118 labelled sentences, text alone (no pitch).

    Overall: the marks as the recognizer wrote them (its dropped "?" read as "."); the
    rising declaratives keep their "?". Syntax alone: every "?" removed, so only the
    wording decides (the four rising declaratives cannot be found that way).

    How the rules came about: they were written from English grammar (auxiliary
    inversion, wh-movement, subordinate and free-relative clauses, conditional, additive
    and negative inversion, tags) with this set's categories and sentences read first, so
    the set is not blind to them. No rule was changed after measuring on it (the first
    run gave these numbers). The held-out check below uses sentences written after the
    rules were fixed.
    """
    items = _load("question_sentences.json")
    assert len(items) == 118
    precision, recall, wrong = _precision_recall(items, _as_recognized)
    assert precision >= PRECISION_MIN and recall >= RECALL_MIN, wrong
    precision, recall, wrong = _precision_recall(items, lambda i: _without_mark(i["text"]))
    assert precision >= PRECISION_MIN and recall >= RECALL_MIN, wrong


def test_held_out_sentences_meet_the_question_targets():
    """110 sentences written after the rules were fixed, every question without its "?".

    The first 73 were decided right at their first run, except "Mr. Blake, is this a good
    time", which the transcript split at "Mr." (fixed there: titles end no sentence). The
    37 of batch 2 were first run with the rules unchanged: precision 0.967, recall 0.983
    over all 110; two rules were then corrected ("which of the dates suits you" is a
    partitive wh-phrase; "what happened was ..." has its second verb right after the
    first), so batch 2 is no longer blind to those two. "Is all fine on our end, thanks"
    is still taken for a question (an elliptical statement that reads as "Is all
    fine?").
    """
    items = _load("question_sentences_heldout.json")
    precision, recall, wrong = _precision_recall(items, lambda i: i["text"])
    assert precision >= PRECISION_MIN and recall >= RECALL_MIN, wrong


# Statements the old wording rule took for questions on real recordings.
@pytest.mark.parametrize("text", [
    "When forced to choose, he left.",
    "When you hear the tone, hang up.",
    "Had he married her, his life would have been different.",
    "What you will hear is a recording of the meeting.",
])
def test_statements_that_open_like_questions_are_not_questions(text):
    decision = decide_sentence(Transcript.from_text(text).sentences[0])
    assert not decision.question
    assert decision.syntax in {"subordinate clause", "conditional inversion", "free relative"}


@pytest.mark.parametrize("text, strength, form", [
    ("Could you confirm your date of birth.", QUESTION, "yes/no inversion"),
    ("Is now a good time to talk about the payment.", QUESTION, "yes/no inversion"),
    ("Has the bank contacted you.", QUESTION, "yes/no inversion"),
    ("Sarah, could you hold the line.", QUESTION, "yes/no inversion"),
    ("Good afternoon is this Mr. Patel.", QUESTION, "yes/no inversion"),  # no comma heard
    ("Hello am I speaking with Dana.", QUESTION, "yes/no inversion"),
    ("Hello this is Dana from Harbor Supply.", DECLARATIVE, "declarative"),
    ("When can we expect the payment.", QUESTION, "wh inversion"),
    ("At what time can you pay.", QUESTION, "wh inversion"),
    ("How many payments have you made.", QUESTION, "wh inversion"),
    ("What would work for you.", QUESTION, "subject wh-question"),
    ("Who handles the payments.", QUESTION, "subject wh-question"),
    ("If you can't pay today, when can you pay.", QUESTION, "wh inversion"),
    ("That's the full amount, isn't it.", QUESTION, "tag question"),
    ("You'll pay on the fifteenth, right.", POSSIBLE, "tag word"),
    ("Why?", POSSIBLE, "wh fragment"),
    ("What would work is a payment on Friday.", STATEMENT, "free relative"),
    ("What happened was the card expired.", STATEMENT, "free relative"),
    ("Which of the dates suits you.", QUESTION, "subject wh-question"),
    ("Why he left remains a mystery.", STATEMENT, "free relative"),
    ("When the payment arrives, we will close the account.", STATEMENT, "subordinate clause"),
    ("Should you have any questions, please call us.", STATEMENT, "conditional inversion"),
    ("Were it not for the late fee, I would pay today.", STATEMENT, "conditional inversion"),
    ("So do I.", STATEMENT, "additive inversion"),
    ("Never have I seen such an offer.", STATEMENT, "negative inversion"),
    ("What a relief.", STATEMENT, "exclamative"),
    ("Which is why we are calling.", STATEMENT, "sentential relative"),
    ("Who would have thought it, she said.", STATEMENT, "reported speech"),
    ("Have your card ready when you call.", DECLARATIVE, "main verb have"),
    ("Please have your account detailed ready.", DECLARATIVE, "imperative"),
    ("Please could you repeat that.", QUESTION, "yes/no inversion"),
    ("Don't forget to pay by Friday.", DECLARATIVE, "no subject after the auxiliary"),
    ("I wonder what the fee is for.", DECLARATIVE, "declarative"),
])
def test_syntax_reads_the_form(text, strength, form):
    reading = read_syntax(text.split())
    assert (reading.strength, reading.form) == (strength, form)


def test_a_second_person_subject_is_read():
    assert read_syntax("So you can pay on Friday.".split()).second_person
    assert read_syntax("Your payment went out.".split()).second_person
    assert not read_syntax("The payment went out.".split()).second_person
    assert not read_syntax("Thank you, Jordan.".split()).second_person


@pytest.mark.parametrize("text, marked, contour, slope_st, question, evidence", [
    ("It was due in March.", True, "unknown", 0.0, True, ("mark",)),  # "?" alone decides
    ("When can you pay.", False, "fall", -4.0, True, ("syntax",)),  # wh-questions fall
    ("Could you confirm that.", False, "fall", -4.0, True, ("syntax",)),
    ("We agreed on Friday, right.", False, "unknown", 0.0, True, ("syntax",)),
    ("We agreed on Friday, right.", False, "fall", -4.0, False, ("syntax",)),
    ("We agreed on Friday, right.", False, "rise", 3.0, True, ("syntax", "rise")),
    ("You received our letter.", False, "rise", 3.0, True, ("rise",)),  # rising declarative
    ("You received our letter.", False, "rise", 1.2, False, ("rise",)),  # not clearly
    ("It was due in March.", False, "rise", 4.0, False, ("rise",)),  # uptalk, no question
    ("Four seven nine.", False, "rise", 4.0, False, ("rise",)),  # a fragment: uptalk too
    ("When you hear the tone, hang up.", False, "rise", 5.0, False, ("rise",)),
    ("What you will hear is a recording.", False, "unknown", 0.0, False, ()),
])
def test_decision_fuses_mark_syntax_and_pitch(text, marked, contour, slope_st, question,
                                              evidence):
    d = decide(read_syntax(text.split()), marked=marked, contour=contour, slope_st=slope_st)
    assert (d.question, d.evidence) == (question, evidence)
    assert (d.confidence > 0.5) == question and 0.0 < d.confidence < 1.0


def test_confidence_grows_with_agreeing_evidence():
    reading = read_syntax("Could you confirm that.".split())
    alone = decide(reading, marked=False).confidence
    with_mark = decide(reading, marked=True).confidence
    with_rise = decide(reading, marked=True, contour="rise", slope_st=3.0).confidence
    falling = decide(reading, marked=False, contour="fall", slope_st=-3.0).confidence
    assert falling < alone < with_mark < with_rise


def test_a_low_rise_counts_as_a_rise_whatever_the_stretch_line_says():
    reading = read_syntax("You received our letter.".split())
    d = decide(reading, marked=False, contour="level", slope_st=-0.5, final_rise_st=4.0)
    assert d.question and d.contour == "rise" and d.evidence == ("rise",)


def _glide(segments: list[tuple[float, float, float, float]], total_s: float) -> np.ndarray:
    """Harmonic complexes (start_s, end_s, f0 at start, f0 at end; log-linear glide
    over each segment's last 0.6 s, steady before), silence between."""
    x = np.zeros(int(total_s * SR), np.float32)
    for start_s, end_s, f_start, f_end in segments:
        t = np.arange(int((end_s - start_s) * SR)) / SR
        glide = np.clip((t - (t[-1] - 0.6)) / 0.6, 0.0, 1.0)
        f0 = f_start * (f_end / f_start) ** glide
        phase = 2 * np.pi * np.cumsum(f0) / SR
        seg = sum(np.sin(k * phase) / k for k in range(1, 20))
        seg = 0.3 * seg / np.max(np.abs(seg)) * np.minimum(1.0, np.minimum(t, t[-1] - t) / 0.01)
        i = int(start_s * SR)
        x[i:i + len(seg)] = seg
    return x

def _glide_take(segments: list[tuple[float, float, float, float]], texts: list[str]):
    """An 18 s take of :func:`_glide` segments with ``texts`` spread over them: (audio,
    transcript, activity, pitch measures)."""
    x = _glide(segments, 18.0)
    audio = Audio(x, SR, path="glides.wav")
    transcript = spread_words([s[:2] for s in segments], texts)
    activity = detect(x, SR)
    return audio, transcript, activity, measure_pitch(audio, transcript, activity=activity)


def test_final_pitch_of_known_glides_decides_the_unmarked_sentences():
    """Known F0: each sentence steady at 150 Hz, then a final glide up to 210 Hz (+5.8 st)
    or down to 105 Hz. The transcript has no "?" anywhere."""
    segs = [(0.5, 2.5, 150, 210), (4.0, 6.0, 150, 105), (7.5, 9.5, 150, 210),
            (11.0, 13.0, 150, 105), (14.5, 16.5, 150, 210)]
    texts = ["You received our letter.", "You received our letter.",
             "It was due on the first of March.", "We agreed on Friday, right.",
             "What you will hear is a recording."]
    audio, transcript, activity, pitch = _glide_take(segs, texts)
    assert [c.contour for c in pitch.contours] == ["rise", "fall", "rise", "fall", "rise"]
    qm = measure_questions(transcript, activity, audio.duration_s, contours=pitch.contours)
    assert [q.sentence_index for q in qm.questions] == [0]  # only the rising declarative
    assert qm.questions[0].evidence == ("rise",) and qm.questions[0].contour == "rise"
    assert qm.questions[0].gap_s == pytest.approx(4.0 - 2.5, abs=0.05)
    aside = {d.sentence_index: d for d in qm.set_aside}
    assert aside[2].evidence == ("rise",)  # a rising statement is uptalk, not a question
    assert aside[3].syntax == "tag word" and aside[3].contour == "fall"
    assert aside[4].syntax == "free relative"
    without_pitch = measure_questions(transcript, activity, audio.duration_s)
    assert [q.sentence_index for q in without_pitch.questions] == [3]  # the tag, from wording


AUDIO = DATA / "question_audio"


def _spoken(row: dict):
    audio = load(AUDIO / row["file"])
    activity = detect(audio.samples, audio.sr)
    span = (activity.intervals[0].start_s, activity.intervals[-1].end_s)
    return audio, activity, spread_words([span], [row["transcript"]])


@pytest.mark.parametrize("row", json.loads((AUDIO / "sentences.json").read_text())["sentences"],
                         ids=lambda r: r["file"])
def test_spoken_sentences_are_decided_by_their_pitch(row):
    """espeak-ng speech (tests/data/question_audio/make_question_audio.py): the transcript
    never has the "?", so a rising declarative, a tag and the falling versions of both
    are told apart by the pitch alone; a rising free relative stays a statement and a
    falling wh-question stays a question."""
    audio, activity, transcript = _spoken(row)
    pitch = measure_pitch(audio, transcript, activity=activity)
    qm = measure_questions(transcript, activity, audio.duration_s, contours=pitch.contours)
    assert (qm.count == 1) == row["question"], pitch.contours[0]
    if row["question"] and "rise" in row["file"]:
        assert "rise" in qm.questions[0].evidence


def test_pipeline_hands_the_pitch_to_the_question_decision():
    """End to end with a stand-in transcriber: the unmarked rising declarative is a
    question only because the pipeline measured the pitch before the questions."""
    from voicecoach.pipeline import analyze_audio

    row = {"file": "rising_declarative.flac", "transcript": "You received our letter."}
    audio, _, transcript = _spoken(row)
    report = analyze_audio(audio, transcriber=FakeTranscriber(transcript), consonants=False)
    questions = report.measures.questions.questions
    assert [q.text for q in questions] == ["You received our letter."]
    assert questions[0].evidence == ("rise",) and not questions[0].marked
    as_json = report.to_dict()["measures"]["questions"]["questions"][0]
    assert as_json["evidence"] == ["rise"] and 0.5 < as_json["confidence"] < 1.0
    assert as_json["syntax"] == "declarative" and as_json["contour"] == "rise"


def test_a_question_that_rises_is_not_counted_as_uptalk():
    from voicecoach.assess.assess import assess
    from voicecoach.assess.targets import load_targets
    from voicecoach.measures import Measures
    from voicecoach.measures.pace import measure_pace
    from voicecoach.measures.pauses import measure_pauses

    segs = [(0.5, 2.5, 150, 210), (4.0, 6.0, 150, 105), (7.5, 9.5, 150, 105),
            (11.0, 13.0, 150, 105)]
    texts = ["You received our letter.", "It is due today.", "The amount is ninety.",
             "We can take a card."]
    audio, transcript, activity, pitch = _glide_take(segs, texts)
    qm = measure_questions(transcript, activity, audio.duration_s, contours=pitch.contours)
    assert qm.count == 1
    m = Measures(audio.duration_s, measure_pace(transcript, activity),
                 measure_pauses(transcript, activity), qm, pitch, None, None)
    endings = {f.key: f for f in assess(m, load_targets()).findings}["pitch.statement_endings"]
    assert "0 of 3 statements end rising" in endings.detail


def test_contour_reports_the_rise_from_the_final_low_point():
    """A fall onto a low point, then a rise on the last syllable: 150 -> 110 Hz, then up
    to 150 Hz over the last 0.2 s (+5.4 st)."""
    t = np.arange(int(1.2 * SR)) / SR
    f0 = np.where(t < 0.9, 150 * (110 / 150) ** np.clip((t - 0.6) / 0.3, 0, 1),
                  110 * (150 / 110) ** ((t - 0.9) / 0.3))
    phase = 2 * np.pi * np.cumsum(f0) / SR
    x = np.zeros(int(2.0 * SR), np.float32)
    seg = sum(np.sin(k * phase) / k for k in range(1, 20))
    x[int(0.4 * SR): int(0.4 * SR) + len(seg)] = 0.3 * seg / np.max(np.abs(seg))
    transcript = spread_words([(0.4, 1.6)], ["You received our letter."])
    pitch = measure_pitch(Audio(x, SR, path="lowrise.wav"), transcript,
                          activity=detect(x, SR))
    contour = pitch.contours[0]
    assert contour.final_rise_st == pytest.approx(12 * np.log2(150 / 110), abs=1.2)


def test_set_aside_and_json_fields():
    transcript = Transcript.from_text(
        "When you hear the tone, hang up. Could you confirm your address. It is due today.")
    from voicecoach.measures.activity import Activity

    activity = Activity(np.zeros(1), -60.0, -90.0, -20.0, ())  # no speech
    qm = measure_questions(transcript, activity, 10.0, contours=(
        SentenceContour(1, "", 0.0, "level", 0.1, False),))
    d = qm.to_dict()
    assert d["count"] == 1
    q = d["questions"][0]
    assert q["evidence"] == ["syntax"] and q["syntax"] == "yes/no inversion"
    assert q["contour"] == "level" and q["marked"] is False
    assert [a["syntax"] for a in d["set_aside"]] == ["subordinate clause"]
    assert d["set_aside"][0]["question"] is False


@pytest.mark.parametrize("text, sentences", [
    ("Mr. Blake, is this a good time.", ["Mr. Blake, is this a good time."]),
    ("Thank you, Dr. Lee. Can you hold?", ["Thank you, Dr. Lee.", "Can you hold?"]),
    ("It is invoice No. 479. Thanks.", ["It is invoice No. 479.", "Thanks."]),
    ("No. I cannot pay.", ["No.", "I cannot pay."]),
    ("Ask for Mr.", ["Ask for Mr."]),
])
def test_an_abbreviation_ends_no_sentence(text, sentences):
    assert [s.text for s in Transcript.from_text(text).sentences] == sentences


def test_a_question_after_a_title_is_one_sentence_and_a_question():
    decision = decide_sentence(Transcript.from_text("Mr. Blake, is this a good time.").sentences[0])
    assert decision.question and decision.syntax == "yes/no inversion"
