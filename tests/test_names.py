"""Finding the customer's name in a transcript, fuzzily, and judging its use."""

from __future__ import annotations

import pytest

from voicecoach.assess.assess import CLOSE, NEEDS_WORK, ON_TARGET
from voicecoach.assess.targets import load_targets
from voicecoach.assess.twoparty import name_findings
from voicecoach.measures.names import find_name_uses, is_name_match, name_parts
from voicecoach.transcript import Transcript, Word


def transcript(*timed: tuple[float, str]) -> Transcript:
    """Words at given start times, 0.3 s each: (start_s, "text with spaces")."""
    words = []
    for start_s, text in timed:
        for i, token in enumerate(text.split()):
            words.append(Word(token, start_s + 0.35 * i, start_s + 0.35 * i + 0.3))
    return Transcript(tuple(words))


@pytest.mark.parametrize(("name", "parts"), [
    ("Mr. Kowalski", ("kowalski",)),
    ("Anna Kowalski", ("anna", "kowalski")),
    ("Dr. J. O'Brien", ("obrien",)),
    ("mrs smith-jones", ("smith-jones",)),
])
def test_name_parts_drop_titles_and_initials(name, parts):
    assert name_parts(name) == parts


@pytest.mark.parametrize(("spoken", "part", "match"), [
    ("Kowalski,", "kowalski", True),
    ("Kowalsky", "kowalski", True),       # recognizer's spelling
    ("Kovalski", "kowalski", True),
    ("Blake's", "blake", True),
    ("Black", "blake", False),             # a different word
    ("Jordan", "jordan", True),
    ("Jordon", "jordan", True),
    ("Blame", "blake", False),             # short names must be exact
    ("Kowalczyk", "kowalski", False),
    ("Lee", "li", False),                  # short names must be exact
    ("Li", "li", True),
    ("calling", "collins", False),
])
def test_fuzzy_match(spoken, part, match):
    assert is_name_match(spoken, part) is match


def test_full_name_with_title_is_one_use_and_first_name_alone_counts():
    t = transcript((0.0, "Good morning Mr. Jordan Blake how are you?"),
                   (20.0, "Thank you Jordan that helps."),
                   (45.0, "So Mr. Blake can we agree on Friday?"))
    uses = find_name_uses(t, "Jordan Blake")
    assert [u.text for u in uses.uses] == ["Mr. Jordan Blake", "Jordan", "Mr. Blake"]
    assert [round(u.start_s, 2) for u in uses.uses] == [0.7, 20.7, 45.35]
    assert uses.close_pairs(15.0) == []


def test_surname_split_in_two_words_is_found():
    t = transcript((1.0, "Hello Mister Ko walski this is Dana."))
    uses = find_name_uses(t, "Mr. Kowalski")
    assert [u.text for u in uses.uses] == ["Mister Ko walski"]


def test_common_word_name_counts_only_when_it_reads_as_a_name():
    t = transcript((0.0, "Will you pay today?"), (5.0, "Thanks Will see you."),
                   (30.0, "We will call."))
    uses = find_name_uses(t, "Will Turner")
    assert [u.start_s for u in uses.uses] == [5.35]


def test_no_usable_name_is_an_error_that_says_what_to_give():
    with pytest.raises(ValueError, match="first name or surname"):
        find_name_uses(transcript((0, "hello")), "Mr. J.")


@pytest.mark.parametrize(("starts", "verdict"), [
    ((), NEEDS_WORK), ((1.0,), CLOSE), ((1.0, 30.0), ON_TARGET),
    ((1.0, 30.0, 60.0), ON_TARGET), ((1.0, 20.0, 40.0, 60.0), CLOSE),
    ((1.0, 20.0, 40.0, 60.0, 80.0), NEEDS_WORK),
])
def test_count_verdicts_follow_the_guidance(starts, verdict):
    t = transcript(*[(s, "thanks Kowalski") for s in starts], (100.0, "goodbye"))
    f = name_findings(find_name_uses(t, "Kowalski"), load_targets().names)[0]
    assert f.key == "names.count" and f.measured == len(starts) and f.verdict == verdict


def test_two_uses_within_fifteen_seconds_are_flagged_with_their_times():
    t = transcript((1.0, "thanks Kowalski"), (10.0, "right Kowalski"), (40.0, "bye Kowalski"))
    findings = {f.key: f for f in name_findings(find_name_uses(t, "Kowalski"),
                                                load_targets().names)}
    spacing = findings["names.spacing"]
    assert spacing.verdict == NEEDS_WORK
    assert spacing.measured == pytest.approx(9.0)
    assert spacing.where == ((1.35, 10.65),)
