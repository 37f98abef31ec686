"""The report card's text helpers."""

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
