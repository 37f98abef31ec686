"""Targets loading and verdicts on hand-made measures with known answers."""

import dataclasses
import re

import pytest

from voicecoach.assess.assess import CLOSE, NEEDS_WORK, ON_TARGET, assess
from voicecoach.assess.targets import load_targets
from voicecoach.errors import TargetsError
from voicecoach.measures import Measures
from voicecoach.measures.intervals import Interval
from voicecoach.measures.pace import PaceMeasures
from voicecoach.measures.pauses import PauseMeasures, Run
from voicecoach.measures.questions import QuestionGap, QuestionMeasures


def measures(rate_wpm: float, pauses_per_min: float, gap_s: float) -> Measures:
    span_s = 60.0
    pace = PaceMeasures(rate_wpm, 4.0, rate_wpm, int(rate_wpm), int(rate_wpm * 1.4), 0.0, span_s,
                        50.0)
    n = int(pauses_per_min)
    pauses = tuple(Interval(i * 5.0, i * 5.0 + 0.5) for i in range(1, n + 1))
    runs = tuple(Run(i * 5.0, i * 5.0 + 4.5, 8) for i in range(n + 1))
    pm = PauseMeasures(pauses, float(n), 0.5, 0.5, 8.0, runs)
    q = QuestionGap("Is now a good time?", 1, 10.0, 10.0 + gap_s, gap_s, False, True)
    return Measures(span_s, pace, pm, QuestionMeasures((q,)))


def test_defaults_match_guidance():
    t = load_targets()
    assert (t.pace.rate_wpm_min, t.pace.rate_wpm_max) == (120, 150)
    assert t.pauses.per_min_min == 10 and t.questions.gap_s_min == 3.0
    assert t.consonants.articulated_share_min == 0.9 and t.pitch.variation_st_min == 2.0


def test_override_and_unknown_keys(tmp_path):
    good = tmp_path / "team.toml"
    good.write_text("[questions]\ngap_s_min = 2.0\n")
    assert load_targets(good).questions.gap_s_min == 2.0
    assert load_targets(good).pace.rate_wpm_max == 150
    for text, message in [("[questions]\ngap_min = 2\n", "unknown key 'gap_min'"),
                          ("[speed]\nx = 1\n", r"unknown section \[speed\]"),
                          ("[pace]\nrate_wpm_min = 'slow'\n", "must be a number"),
                          ("[pace\n", "not valid TOML")]:
        bad = tmp_path / "bad.toml"
        bad.write_text(text)
        with pytest.raises(TargetsError, match=message):
            load_targets(bad)
    with pytest.raises(TargetsError, match="cannot read"):
        load_targets(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "rate_wpm, verdict",
    [(135, ON_TARGET), (120, ON_TARGET), (155, CLOSE), (112, CLOSE), (185, NEEDS_WORK),
     (90, NEEDS_WORK)],
)
def test_rate_verdicts(rate_wpm, verdict):
    a = assess(measures(rate_wpm, 12, 4.5), load_targets())
    rate = next(f for f in a.findings if f.key == "pace.rate")
    assert rate.verdict == verdict
    assert rate.measured == rate_wpm


@pytest.mark.parametrize("gap_s, verdict", [(4.5, ON_TARGET), (2.5, CLOSE), (0.8, NEEDS_WORK),
                                            (7.0, ON_TARGET), (8.8, CLOSE), (9.5, NEEDS_WORK)])
def test_question_gap_verdicts(gap_s, verdict):
    a = assess(measures(135, 12, gap_s), load_targets())
    gap = next(f for f in a.findings if f.key.startswith("questions.gap"))
    assert gap.verdict == verdict
    assert gap.where == ((10.0, 10.0 + gap_s),)


def test_score_orders_good_above_rushed_and_lists_next_steps():
    t = load_targets()
    good = assess(measures(135, 12, 4.5), t)
    rushed = assess(measures(190, 2, 0.5), t)
    assert good.score == 100 and not good.next_steps
    assert rushed.score < 40
    keys = [f.key for f in rushed.next_steps]
    assert len(keys) == 3 and "pace.rate" in keys and any(k.startswith("questions") for k in keys)
    assert all(f.verdict == NEEDS_WORK for f in rushed.next_steps)


@pytest.mark.parametrize("toml, message", [
    ("[pace]\nrate_wpm_min = 200\n", "rate_wpm_min (200) is above rate_wpm_max (150.0)"),
    ("[questions]\nclose_gap_s = -1\n", "close_gap_s must not be negative"),
    ("[score]\npace = 0\npauses = 0\nquestions = 0\npitch = 0\nconsonants = 0\n"
     "twoparty = 0\nnames = 0\n", "weights are all zero"),
])
def test_contradictory_targets_are_refused(tmp_path, toml, message):
    path = tmp_path / "team.toml"
    path.write_text(toml)
    with pytest.raises(TargetsError, match=re.escape(message)):
        load_targets(path)


@pytest.mark.parametrize("n_words, run_s, verdict, score", [
    (10, 5.0, ON_TARGET, 1.0),
    (10, 6.6, CLOSE, 0.75),        # 0.6 s over 6 s; close within 3 words' worth (1.2 s)
    (10, 7.5, NEEDS_WORK, 0.375),  # 1.5 s over: the score falls on with the seconds
    (17, 5.0, CLOSE, 2 / 3),       # 2 words over 15
])
def test_longest_run_is_judged_on_words_and_seconds(n_words, run_s, verdict, score):
    m = measures(135, 12, 4.5)
    pm = dataclasses.replace(m.pauses, runs=(Run(20.0, 20.0 + run_s, n_words),))
    f = next(f for f in assess(dataclasses.replace(m, pauses=pm), load_targets()).findings
             if f.key == "pauses.longest_run")
    assert f.verdict == verdict and f.score == pytest.approx(score)
