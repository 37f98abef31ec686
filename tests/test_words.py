import pytest

from voicecoach.measures.words import spoken_word_count, spoken_words, syllable_count
from voicecoach.transcript import Transcript, normalize_word


@pytest.mark.parametrize(
    "token, words",
    [
        ("$1,500.", ["one", "thousand", "five", "hundred", "dollars"]),
        ("452", ["four", "hundred", "fifty", "two"]),
        ("2.5%", ["two", "point", "five", "percent"]),
        ("21st", ["twenty", "one", "st"]),
        ("Hello,", ["Hello"]),
        ("1,000,000", ["one", "million"]),
        ("4729", ["four", "seven", "two", "nine"]),
        ("007", ["zero", "zero", "seven"]),
        ("2026", ["two", "thousand", "twenty", "six"]),
    ],
)
def test_spoken_words(token, words):
    assert spoken_words(token) == words


def test_word_count_of_odd_tokens():
    assert spoken_word_count("...") == 0 and spoken_word_count("—") == 0
    assert spoken_word_count(" ") == 0
    assert spoken_word_count("Ah-ha") == 2 and spoken_word_count("é") == 1


@pytest.mark.parametrize("token, n", [("payment", 2), ("invoice", 2), ("collection", 3),
                                      ("today", 2), ("time", 1), ("balance", 2), ("a", 1)])
def test_syllables(token, n):
    assert syllable_count(token) == n


def test_sentences_split_at_marks():
    t = Transcript.from_text("Hello there. Is now a good time? Great")
    assert [s.text for s in t.sentences] == ["Hello there.", "Is now a good time?", "Great"]
    assert [s.first_word for s in t.sentences] == [0, 2, 7]
    assert t.sentences[1].ends_with_question_mark
    assert normalize_word("“Payment?”") == "payment"
