"""Targets loading and verdicts on hand-made measures with known answers."""

import dataclasses
import json
import re

import pytest

from voicecoach.assess.assess import (
    CLOSE,
    NEEDS_WORK,
    NOT_JUDGED,
    ON_TARGET,
    assess,
    finding,
    not_judged,
)
from voicecoach.assess.targets import load_targets
from voicecoach.errors import TargetsError
from voicecoach.measures import Measures
from voicecoach.measures.consonants import ConsonantDecision, ConsonantMeasures
from voicecoach.measures.intervals import Interval
from voicecoach.measures.pace import PaceMeasures
from voicecoach.measures.pauses import PauseMeasures, Run
from voicecoach.measures.pitch import PitchMeasures
from voicecoach.measures.pitch.contour import SentenceContour
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


# Enough evidence, or no verdict --------------------------------------------------------

def clipped_words(n_articulated: int, n_clipped: int) -> ConsonantMeasures:
    words = tuple(ConsonantDecision(f"word{i}", i, i * 0.5, i * 0.5 + 0.3, "T", "stop",
                                    "clipped" if i < n_clipped else "articulated", 0.9,
                                    i * 0.5 + 0.25, i * 0.5 + 0.3, "")
                  for i in range(n_articulated + n_clipped))
    share = n_articulated / max(1, n_articulated + n_clipped)
    return ConsonantMeasures(words, share, 0)


def short_question_take() -> Measures:
    """A 1.5 s take: "Am I speaking with Jordan Blake?", 6 words, no pause, the recording
    ending 0.3 s after the question, one consonant-final word judged (and clipped)."""
    pace = PaceMeasures(240.0, 5.0, 240.0, 6, 9, 0.2, 1.7, 1.5, 0.0, 0.2, 1.7)
    pauses = PauseMeasures((), 0.0, 0.0, 0.0, 6.0, (Run(0.2, 1.7, 6),))
    q = QuestionGap("Am I speaking with Jordan Blake?", 0, 1.7, None, 0.3, True, True)
    return Measures(2.0, pace, pauses, QuestionMeasures((q,)), consonants=clipped_words(0, 1))


def by_key(a) -> dict:
    return {f.key: f for f in a.findings}


def test_a_short_question_take_is_not_told_to_pause_and_gets_no_score():
    a = assess(short_question_take(), load_targets())
    f = by_key(a)
    assert a.score is None
    assert a.message == ("Too short to score: 6 words in 1.5 s of speech; a score needs at "
                         "least 20 words and 10 s.")
    assert f["pauses.per_min"].verdict == NOT_JUDGED
    assert f["pauses.per_min"].detail == "not enough speech to judge (1.5 s of speech, 20 s needed)"
    assert f["pace.rate"].detail == ("not enough speech to judge (6 words, 20 needed; "
                                     "1.5 s of speech, 10 s needed)")
    assert f["consonants.articulated"].verdict == NOT_JUDGED  # no 0 % from one word
    assert f["consonants.articulated"].detail == ("not enough speech to judge (1 word judged, "
                                                  "8 needed)")
    assert f["questions.gap.0"].verdict == NOT_JUDGED
    assert all(f.verdict == NOT_JUDGED for f in a.findings)
    assert not a.next_steps  # nothing to "pause more" about
    assert not any("ause" in s.tip for s in a.next_steps)


@pytest.mark.parametrize("gap_s, verdict", [(0.6, NOT_JUDGED), (2.9, NOT_JUDGED),
                                            (3.0, ON_TARGET), (5.0, ON_TARGET)])
def test_a_question_at_the_very_end_is_judged_only_when_its_silence_meets_the_target(gap_s,
                                                                                      verdict):
    m = measures(135, 12, 4.5)
    last = QuestionGap("Is now a good time?", 7, 55.0, None, gap_s, True, True)
    m = dataclasses.replace(m, questions=QuestionMeasures(m.questions.questions + (last,)))
    a = assess(m, load_targets())
    f = by_key(a)["questions.gap.7"]
    assert f.verdict == verdict
    assert f.where == ((55.0, 55.0 + gap_s),)
    if verdict == NOT_JUDGED:
        assert f"not judged: the recording ended {gap_s:.1f} s after the question" in f.detail
        assert a.score == 100  # left out, not counted as a rushed wait
        assert f not in a.next_steps


def test_findings_not_judged_do_not_move_the_score():
    t = load_targets()
    m = measures(190, 6, 0.8)  # scored, off target in pace, pauses and the question
    base = assess(m, t)
    thin = assess(dataclasses.replace(m, consonants=clipped_words(2, 3)), t)
    assert by_key(thin)["consonants.articulated"].verdict == NOT_JUDGED
    assert thin.score == base.score and thin.group_scores == base.group_scores
    judged = assess(dataclasses.replace(m, consonants=clipped_words(5, 3)), t)
    assert by_key(judged)["consonants.articulated"].verdict == NEEDS_WORK
    assert judged.score < base.score  # the same group does count once judged
    # Renormalized over what was judged: the score equals the weighted mean of the rest.
    w = vars(t.score)
    expect = sum(w[g] * s for g, s in base.group_scores.items()) / sum(
        w[g] for g in base.group_scores)
    assert thin.score == round(100 * expect)


def test_not_judged_findings_are_valid_json():
    f = not_judged("pitch.variation", "Not monotone", "pitch", "pitch unclear: noisy recording")
    d = f.to_dict()
    assert d["verdict"] == "not judged" and d["measured"] is None and d["score"] is None
    assert d["detail"] == "pitch unclear: noisy recording" and d["where"] == []
    assert json.loads(json.dumps(d, allow_nan=False)) == d
    assert not f.judged and finding("x", "g", 1.0, "s", "t", (ON_TARGET, 1.0), [], "", "p").judged


@pytest.mark.parametrize("n_judged, verdict", [(1, NOT_JUDGED), (7, NOT_JUDGED), (8, CLOSE)])
def test_final_consonants_need_enough_judged_words(n_judged, verdict):
    m = dataclasses.replace(measures(135, 12, 4.5), consonants=clipped_words(n_judged - 1, 1))
    assert by_key(assess(m, load_targets()))["consonants.articulated"].verdict == verdict


def test_phrases_need_a_pause_or_a_long_run():
    t = load_targets()
    m = short_question_take()
    f = by_key(assess(m, t))
    assert f["pauses.words_between"].verdict == f["pauses.longest_run"].verdict == NOT_JUDGED
    long_run = dataclasses.replace(
        m, pace=dataclasses.replace(m.pace, n_words=18),
        pauses=dataclasses.replace(m.pauses, runs=(Run(0.2, 6.2, 18),)))
    assert by_key(assess(long_run, t))["pauses.longest_run"].verdict == CLOSE


def test_a_pitch_unclear_reason_withholds_every_pitch_finding():
    pitch = PitchMeasures(300.0, 250.0, 3.2, 9.0, 2.5, 0.6, (), confident_voiced_s=12.0)
    m = dataclasses.replace(measures(135, 12, 4.5), pitch=pitch)
    assert by_key(assess(m, load_targets()))["pitch.variation"].verdict == ON_TARGET
    unclear = dataclasses.replace(pitch, unclear_reason="pitch unclear: noisy recording")
    f = by_key(assess(dataclasses.replace(m, pitch=unclear), load_targets()))
    assert f["pitch.variation"].verdict == NOT_JUDGED
    assert f["pitch.variation"].detail == "pitch unclear: noisy recording"


def test_evidence_targets_load_and_refuse_unknown_keys(tmp_path):
    team = tmp_path / "team.toml"
    team.write_text("[evidence]\npace_min_words = 30\n")
    assert load_targets(team).evidence.pace_min_words == 30
    team.write_text("[evidence]\npace_words = 30\n")
    with pytest.raises(TargetsError, match="unknown key 'pace_words' in \\[evidence\\]"):
        load_targets(team)


def test_a_sentence_cut_off_by_the_end_of_the_recording_has_no_known_ending():
    def contour(text, end_s, kind):
        return SentenceContour(0, text, end_s, kind, -3.0 if kind == "fall" else 3.0, False)

    pitch = PitchMeasures(120.0, 100.0, 3.2, 9.0, 2.5, 0.6, (
        contour("Good morning.", 10.0, "fall"), contour("I am calling about your", 59.8, "rise")))
    m = dataclasses.replace(measures(135, 12, 4.5), pitch=pitch)
    f = by_key(assess(m, load_targets()))["pitch.statement_endings"]
    assert f.verdict == NOT_JUDGED and "1 statement with a clear ending, 2 needed" in f.detail
    ended = dataclasses.replace(pitch, contours=(pitch.contours[0], contour(
        "I am calling about your invoice.", 59.8, "rise")))
    f = by_key(assess(dataclasses.replace(m, pitch=ended), load_targets()))
    assert f["pitch.statement_endings"].measured == 0.5


def test_few_judged_words_through_a_phone_line_say_why():
    cm = dataclasses.replace(clipped_words(3, 0), telephone_band=True)
    f = by_key(assess(dataclasses.replace(measures(135, 12, 4.5), consonants=cm),
                      load_targets()))["consonants.articulated"]
    assert f.verdict == NOT_JUDGED
    assert f.detail == ("not enough speech to judge (3 words judged, 8 needed): through a phone "
                        "line only m, n and ng endings can be judged")


def test_each_finding_carries_the_band_it_was_judged_against():
    from voicecoach.assess.assess import finding, judge

    judged = judge(170.0, 120.0, 150.0, 10.0)
    f = finding("pace.rate", "calm", 170.0, "wpm", "120-150 wpm", judged, [], "slower", "pace")
    assert (f.verdict, f.band) == (NEEDS_WORK, (120.0, 150.0))
    assert f.to_dict()["band"] == {"lo": 120.0, "hi": 150.0}
    open_top = finding("pauses.per_min", "more", 4.0, "per min", ">= 10", judge(4.0, 10.0,
                       float("inf"), 3.0), [], "breathe", "pauses")
    assert open_top.to_dict()["band"] == {"lo": 10.0, "hi": None}
    step = finding("content.greeting", "greet", 1.0, "step", "said", (ON_TARGET, 1.0), [], "",
                   "content")
    assert step.band is None and step.to_dict()["band"] is None
