"""Pace, pauses and question gaps on signals with known timing and hand-made transcripts."""

import pytest
from conftest import SR, build_timeline

from voicecoach.measures.activity import detect
from voicecoach.measures.intervals import Interval
from voicecoach.measures.pace import measure_pace
from voicecoach.measures.pauses import measure_pauses
from voicecoach.measures.questions import decide_sentence, measure_questions
from voicecoach.transcript import Transcript, Word, split_sentences

TIME_TOL_S = 0.04  # 25 ms frames at a 10 ms hop, plus the bursts' 10 ms fades


def words_over(start_s: float, end_s: float, text: str, *, drift_s: float = 0.0) -> list[Word]:
    """Words spread evenly over a segment; ``drift_s`` shifts the first and last edges the way
    Whisper's boundaries drift."""
    tokens = text.split()
    step = (end_s - start_s) / len(tokens)
    out = [Word(t, start_s + i * step, start_s + (i + 1) * step) for i, t in enumerate(tokens)]
    out[0] = Word(out[0].text, out[0].start_s - drift_s, out[0].end_s)
    out[-1] = Word(out[-1].text, out[-1].start_s, out[-1].end_s + drift_s)
    return out


@pytest.fixture
def opening(rng):
    """Four phrases: a question, then 4.5 s of silence, a statement, a final question."""
    segments = [(0.5, 2.5), (2.9, 4.4), (8.9, 11.0), (11.6, 13.0)]
    texts = ["Good morning this is Dana.", "Is now a good time?",
             "I am calling about your invoice today.", "Can you pay by Friday?"]
    x = build_timeline(segments, 16.0, rng)
    words = []
    for (a, b), t in zip(segments, texts):
        words += words_over(a, b, t, drift_s=0.12)
    return x, Transcript(tuple(words)), segments


def test_pauses_found_with_energy_edges(opening):
    x, transcript, segs = opening
    pm = measure_pauses(transcript, detect(x, SR))
    expected = [(segs[i][1], segs[i + 1][0]) for i in range(len(segs) - 1)]
    assert pm.count == len(expected)
    for p, (a, b) in zip(pm.pauses, expected):
        assert p.start_s == pytest.approx(a, abs=TIME_TOL_S)
        assert p.end_s == pytest.approx(b, abs=TIME_TOL_S)
    span_s = segs[-1][1] - segs[0][0]
    assert pm.per_min == pytest.approx(3 / (span_s / 60), rel=0.02)
    assert pm.longest_s == pytest.approx(4.5, abs=TIME_TOL_S)
    assert [r.n_words for r in pm.runs] == [5, 5, 7, 5]
    assert pm.mean_words_between == pytest.approx(5.5)


def test_short_gaps_are_not_pauses(rng):
    segs = [(0.5, 2.0), (2.2, 4.0), (4.3, 6.0)]  # 200 ms (no) and 300 ms (yes)
    x = build_timeline(segs, 7.0, rng)
    words = words_over(0.5, 2.0, "one two three") + words_over(2.2, 4.0, "four five") + \
        words_over(4.3, 6.0, "six seven")
    pm = measure_pauses(Transcript(tuple(words)), detect(x, SR))
    assert pm.count == 1
    assert pm.pauses[0].duration_s == pytest.approx(0.3, abs=2 * TIME_TOL_S)


def test_pace_counts_spoken_words_over_energy_span(opening):
    x, transcript, segs = opening
    pace = measure_pace(transcript, detect(x, SR))
    span_s = segs[-1][1] - segs[0][0]
    assert pace.n_words == 22
    assert pace.span_start_s == pytest.approx(segs[0][0], abs=TIME_TOL_S)
    assert pace.span_end_s == pytest.approx(segs[-1][1], abs=TIME_TOL_S)
    assert pace.rate_wpm == pytest.approx(22 / span_s * 60, rel=0.01)
    waits = measure_questions(transcript, detect(x, SR), len(x) / SR).questions
    waited = measure_pace(transcript, detect(x, SR),
                          waits=[Interval(q.end_s, q.end_s + q.gap_s) for q in waits])
    assert waited.waiting_s == pytest.approx(4.5, abs=TIME_TOL_S)  # the last wait is past the span
    assert waited.rate_wpm == pytest.approx(22 / (span_s - 4.5) * 60, rel=0.01)
    speech_s = sum(b - a for a, b in segs)
    assert pace.phonation_s == pytest.approx(speech_s, abs=0.2)
    assert pace.first_sentence_wpm > 0


def test_numbers_count_as_spoken_words(rng):
    x = build_timeline([(0.5, 3.5)], 4.0, rng)
    words = words_over(0.5, 3.5, "You owe $1,500 today.")
    pace = measure_pace(Transcript(tuple(words)), detect(x, SR))
    assert pace.n_words == 8  # you owe one thousand five hundred dollars today


def test_question_gaps_against_truth(opening):
    x, transcript, segs = opening
    qm = measure_questions(transcript, detect(x, SR), len(x) / SR)
    assert [q.text for q in qm.questions] == ["Is now a good time?", "Can you pay by Friday?"]
    first, last = qm.questions
    assert first.gap_s == pytest.approx(4.5, abs=TIME_TOL_S)
    assert first.next_speech_s == pytest.approx(8.9, abs=TIME_TOL_S)
    assert not first.to_end_of_file
    assert last.to_end_of_file and last.next_speech_s is None
    assert last.gap_s == pytest.approx(16.0 - 13.0, abs=TIME_TOL_S)


@pytest.mark.parametrize(
    "text, question, marked",
    [
        ("Is now a good time?", True, True),
        ("Could you confirm your address", True, False),
        ("When will the payment arrive.", True, False),
        ("Will you call me by Wednesday", True, False),
        ("I am calling about your invoice.", False, False),
        ("What a day!", False, False),
        ("Is", False, False),
    ],
)
def test_question_detection(text, question, marked):
    sentence = split_sentences(Transcript.from_text(text).words)[0]
    decision = decide_sentence(sentence)
    assert (decision.question, "mark" in decision.evidence) == (question, marked)


def test_empty_transcript_gives_zero_measures(rng):
    x = build_timeline([(0.5, 1.5)], 2.0, rng)
    act = detect(x, SR)
    empty = Transcript(())
    assert measure_pace(empty, act).rate_wpm == 0.0
    assert measure_pauses(empty, act).count == 0
    assert measure_questions(empty, act, 2.0).count == 0


@pytest.mark.parametrize("drift_s", [-0.3, 0.0, 0.45, 3.0])
@pytest.mark.parametrize("gap_s", [0.3, 0.5, 1.0, 6.0])
def test_question_gap_survives_whisper_drift(rng, gap_s, drift_s):
    """Whisper's last word end may fall short of the sound or run into the silence."""
    segs = [(0.5, 2.0), (2.0 + gap_s, 4.0 + gap_s)]
    x = build_timeline(segs, segs[-1][1] + 1.0, rng)
    words = words_over(0.5, 2.0, "Can you pay today?") + words_over(*segs[1], "Thank you.")
    last = words[3]
    drift_s = min(drift_s, gap_s - 0.05)  # Whisper never ends a word after the next one starts
    words[3] = Word(last.text, last.start_s, last.end_s + drift_s)
    qm = measure_questions(Transcript(tuple(words)), detect(x, SR), len(x) / SR)
    assert qm.questions[0].gap_s == pytest.approx(gap_s, abs=TIME_TOL_S)


def test_speaker_going_straight_on_gives_a_tiny_gap(rng):
    segs = [(0.5, 2.0), (2.15, 4.0)]
    x = build_timeline(segs, 5.0, rng)
    words = words_over(0.5, 2.0, "Can you pay today?") + words_over(2.15, 4.0, "Thank you.")
    qm = measure_questions(Transcript(tuple(words)), detect(x, SR), 5.0)
    assert qm.questions[0].gap_s < 0.2
