"""Turns, response latency, overlaps, talk share and cross-party question gaps.

Pure interval cases with hand-computed answers, then speech-like bursts on two
channels at known times run through the real energy detector.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SR, build_timeline
from voicecoach.measures.activity import detect
from voicecoach.measures.intervals import Interval
from voicecoach.measures.questions import QuestionGap, QuestionMeasures
from voicecoach.measures.turns import (
    AGENT,
    CUSTOMER,
    build_turns,
    find_overlaps,
    measure_turns,
    questions_across,
    talk_share,
    without_crosstalk,
)
from voicecoach.transcript import Transcript, Word

EDGE_TOL_S = 0.05  # energy edges of a synthetic burst, seconds


def iv(a: float, b: float) -> Interval:
    return Interval(a, b)


def test_alternating_turns_give_one_latency_per_customer_turn():
    agent = [iv(0.5, 3.0), iv(7.0, 9.0)]
    customer = [iv(3.5, 5.0), iv(10.5, 12.0)]
    m = measure_turns(agent, customer, duration_s=13.0)
    assert [t.party for t in m.turns] == [AGENT, CUSTOMER, AGENT, CUSTOMER]
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [2.0]
    assert m.overlaps == ()
    assert m.talk_share == pytest.approx(4.5 / 7.5)
    assert m.median_latency_s == pytest.approx(2.0)


def test_pauses_inside_a_turn_do_not_split_it():
    # customer speaks in two stretches with a 1.2 s pause, then the agent answers
    turns = build_turns([iv(0, 2), iv(8.0, 10.0)], [iv(3, 4), iv(5.2, 6.5)])
    assert [(t.party, t.start_s, t.end_s) for t in turns] == [
        (AGENT, 0, 2), (CUSTOMER, 3, 6.5), (AGENT, 8.0, 10.0)]
    assert turns[1].speech_s == pytest.approx(2.3)


def test_agent_starting_before_the_customer_finishes_is_a_negative_latency_and_an_overlap():
    m = measure_turns([iv(0, 2), iv(5.4, 8.0)], [iv(2.5, 6.0)], duration_s=9.0)
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [-0.6]
    assert m.latencies[0].overlapped
    assert [(o.start_s, o.end_s, o.by) for o in m.overlaps] == [(5.4, 6.0, AGENT)]
    assert len(m.agent_overlaps) == 1


def test_customer_cutting_in_is_not_counted_against_the_agent():
    m = measure_turns([iv(0, 4.0), iv(6.0, 7.0)], [iv(3.0, 5.0)], duration_s=8.0)
    assert [(o.by) for o in m.overlaps] == [CUSTOMER]
    assert m.agent_overlaps == ()
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [1.0]


def test_a_backchannel_inside_the_other_turn_is_a_backchannel_not_a_turn_nor_an_overlap():
    # the agent says "mm-hm" in the middle of a long customer turn
    m = measure_turns([iv(0, 1.5), iv(4.0, 4.4), iv(9.0, 10.0)], [iv(2.0, 8.0)],
                      duration_s=11.0)
    assert [t.party for t in m.turns] == [AGENT, CUSTOMER, AGENT]
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [1.0]
    assert [(b.party, b.start_s, b.end_s) for b in m.backchannels] == [(AGENT, 4.0, 4.4)]
    assert m.overlaps == () and m.agent_overlaps == ()
    d = m.to_dict()
    assert d["backchannel_count"] == 1 and d["overlap_count"] == 0


def words(*spans: tuple[float, float, str]) -> Transcript:
    """A transcript with one word per (start_s, end_s, text)."""
    return Transcript(tuple(Word(t, a, b) for a, b, t in spans))


# The agent's sentence runs 0.5-6.0 s with a 180 ms pause at 3.0-3.18 s; the customer
# answers the agent's last words at 6.8 s and the agent answers that at 9.0 s.
AGENT_PAUSED = [iv(0.5, 3.0), iv(3.18, 6.0), iv(9.0, 10.0)]


@pytest.mark.parametrize(("customer", "why"), [
    ([iv(2.0, 3.2), iv(6.8, 8.0)], "the customer talks over the pause and on past it"),
    ([iv(2.0, 3.1), iv(6.8, 8.0)], "the customer stops inside the pause"),
    ([iv(3.05, 4.5), iv(6.8, 8.0)], "the customer starts inside the pause"),
    ([iv(3.04, 3.14), iv(6.8, 8.0)], "a short sound inside the pause"),
])
def test_a_pause_inside_the_agents_sentence_is_never_a_latency(customer, why):
    """A 180 ms pause in the agent's own sentence while the customer talks is a pause in
    the agent's turn, not an answer: the only latency is the real one (9.0 - 8.0 s)."""
    m = measure_turns(AGENT_PAUSED, customer, duration_s=11.0)
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [1.0], why
    assert [t.party for t in m.turns] == [AGENT, CUSTOMER, AGENT], why
    assert m.turns[0].end_s == 6.0
    assert m.agent_overlaps == (), why  # the customer spoke over the agent, not the reverse


def test_the_issue_case_gives_no_zero_latency_needing_work():
    """The reported case: a 0.0 s latency judged "needs work" from the agent's own pause."""
    from voicecoach.assess.targets import load_targets
    from voicecoach.assess.twoparty import latency_findings

    m = measure_turns(AGENT_PAUSED[:2], [iv(2.0, 3.2)], duration_s=7.0)
    assert m.latencies == ()
    assert latency_findings(m, load_targets().twoparty) == []
    assert [(o.start_s, o.end_s, o.by) for o in m.overlaps] == [(2.0, 3.0, CUSTOMER)]


@pytest.mark.parametrize(("text", "backchannel", "latencies"), [
    ("Mhm.", True, [1.0]),
    ("Okay.", True, [1.0]),
    ("Yes.", True, [1.0]),
    ("No.", False, [0.5, 1.0]),
    ("Which one?", False, [0.5, 1.0]),
])
def test_a_short_word_in_the_agents_pause_is_a_backchannel_only_when_it_is_one(
        text, backchannel, latencies):
    # agent 0.5-3.0, pause of 1.2 s, agent 4.2-6.0; customer says one word at 3.3-3.7
    agent = [iv(0.5, 3.0), iv(4.2, 6.0), iv(9.0, 10.0)]
    customer = [iv(3.3, 3.7), iv(6.8, 8.0)]
    m = measure_turns(agent, customer, duration_s=11.0,
                      agent_words=words((0.5, 3.0, "invoice"), (4.2, 6.0, "March"),
                                        (9.0, 10.0, "thanks")),
                      customer_words=words((3.3, 3.7, text), (6.8, 8.0, "fine")))
    assert bool(m.backchannels) is backchannel
    if backchannel:
        assert m.backchannels[0].text == text and m.backchannels[0].party == CUSTOMER
    assert [round(lat.latency_s, 3) for lat in m.latencies] == latencies


def test_yes_in_answer_to_a_question_is_a_turn_not_a_backchannel():
    agent = [iv(0.5, 3.0), iv(4.2, 6.0)]
    m = measure_turns(agent, [iv(3.3, 3.7)], duration_s=7.0,
                      questions=_question(3.0),
                      customer_words=words((3.3, 3.7, "Yes.")))
    assert m.backchannels == ()
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [0.5]


def test_an_agent_okay_in_the_customers_pause_is_a_backchannel_but_not_when_it_leads_on():
    customer = [iv(1.0, 3.0), iv(3.8, 6.0)]
    # "Okay." while the customer pauses, then the customer goes on: a backchannel
    m = measure_turns([iv(3.2, 3.6), iv(7.0, 8.0)], customer, duration_s=9.0,
                      agent_words=words((3.2, 3.6, "Okay."), (7.0, 8.0, "thanks")))
    assert [b.party for b in m.backchannels] == [AGENT]
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [1.0]
    # "Okay." after the customer's turn and the agent goes on: it starts the agent's turn
    m = measure_turns([iv(6.3, 6.7), iv(7.0, 8.0)], customer, duration_s=9.0,
                      agent_words=words((6.3, 6.7, "Okay."), (7.0, 8.0, "thanks")))
    assert m.backchannels == ()
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [0.3]


def test_a_long_stretch_of_words_is_never_a_backchannel():
    m = measure_turns([iv(0.5, 3.0), iv(4.5, 6.0)], [iv(3.3, 3.9)], duration_s=7.0,
                      customer_words=words((3.3, 3.6, "yes"), (3.6, 3.75, "okay"),
                                           (3.75, 3.9, "right")))
    assert m.backchannels == ()
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [0.6]


@pytest.mark.parametrize(("overlap_s", "counted"), [(0.05, False), (0.19, False),
                                                      (0.21, True), (1.0, True)])
def test_overlaps_shorter_than_the_minimum_are_hand_over_jitter(overlap_s, counted):
    agent = [iv(3.0 - overlap_s, 5.0)]
    assert bool(find_overlaps(agent, [iv(1.0, 3.0)])) is counted


def test_talk_share_counts_simultaneous_speech_for_both():
    assert talk_share([iv(0, 3)], [iv(2, 3)]) == pytest.approx(0.75)
    assert talk_share([], []) == 0.0


def test_longest_monologue_is_the_longest_agent_turn():
    m = measure_turns([iv(0, 2), iv(3, 12), iv(15, 16)], [iv(2.5, 2.9), iv(13, 14)])
    mono = m.longest_monologue
    assert (mono.start_s, mono.end_s) == (3, 12)


def _question(end_s: float) -> QuestionMeasures:
    return QuestionMeasures((QuestionGap("Can you pay today?", 0, end_s, None, 99.0, True,
                                         True),))


def test_question_gap_ends_when_the_customer_speaks():
    q = questions_across(_question(2.0), [iv(0, 2.0), iv(9, 10)], [iv(3.5, 5.0)], 12.0)
    gap = q.questions[0]
    assert gap.next_speech_s == pytest.approx(3.5)
    assert gap.gap_s == pytest.approx(1.5)
    assert not gap.to_end_of_file


def test_question_gap_is_zero_when_the_customer_is_already_talking():
    q = questions_across(_question(2.0), [iv(0, 2.0)], [iv(1.5, 4.0)], 6.0)
    assert q.questions[0].gap_s == 0.0


def test_question_gap_runs_to_the_end_when_nobody_answers():
    q = questions_across(_question(2.0), [iv(0, 2.0)], [iv(0.2, 0.8)], 6.0)
    assert q.questions[0].to_end_of_file and q.questions[0].gap_s == pytest.approx(4.0)


def test_latencies_from_bursts_on_two_channels_match_the_layout(rng):
    """Energy edges from the real detector: latencies within 50 ms of the layout."""
    agent_s = [(0.5, 2.5), (4.0, 6.0), (10.3, 12.0), (15.0, 17.5)]
    customer_s = [(2.8, 3.7), (6.5, 9.0), (11.6, 14.2), (18.0, 19.0)]
    truth = [4.0 - 3.7, 10.3 - 9.0, 15.0 - 14.2]  # 0.3, 1.3 and 0.8 s
    total = 20.0
    left = build_timeline(agent_s, total, rng, noise_db=-70)
    right = build_timeline(customer_s, total, rng, noise_db=-70)
    a, c = detect(left, SR).intervals, detect(right, SR).intervals
    m = measure_turns(a, c, duration_s=total)
    assert len(m.latencies) == 3
    assert np.allclose([lat.latency_s for lat in m.latencies], truth, atol=EDGE_TOL_S)
    # 11.6-12.0: the customer starts while the agent is still talking
    assert [o.by for o in m.overlaps] == [CUSTOMER]
    assert m.overlaps[0].start_s == pytest.approx(11.6, abs=EDGE_TOL_S)
    agent_total = sum(b - a for a, b in agent_s)
    truth_share = agent_total / (agent_total + sum(b - a for a, b in customer_s))
    assert m.talk_share == pytest.approx(truth_share, abs=0.01)


def test_the_other_party_leaking_in_is_not_speech(rng):
    """Agent bursts leak into the customer's channel at -30 dB: they must not extend the
    customer's turn nor show up as customer speech."""
    total = 8.0
    agent = build_timeline([(3.1, 6.5)], total, rng)
    own = build_timeline([(1.0, 3.0)], total, rng)
    noise = (10 ** (-60 / 20) * rng.standard_normal(len(own))).astype(np.float32)
    customer = own + 10 ** (-30 / 20) * agent + noise
    a, c = detect(agent, SR), detect(customer, SR)
    kept = without_crosstalk(c, a)
    assert len(kept) == 1
    assert kept[0].start_s == pytest.approx(1.0, abs=EDGE_TOL_S)
    assert kept[0].end_s == pytest.approx(3.0, abs=EDGE_TOL_S)
    echo_only = detect(10 ** (-30 / 20) * agent + noise, SR)
    assert echo_only.intervals  # the detector alone takes the echo for speech...
    assert without_crosstalk(echo_only, a) == ()  # ...the cross-channel check does not


def test_crosstalk_check_keeps_both_parties_when_they_really_talk_together(rng):
    total = 6.0
    agent = build_timeline([(1.0, 4.0)], total, rng, noise_db=-70)
    customer = build_timeline([(3.0, 5.0)], total, rng, noise_db=-70)
    a, c = detect(agent, SR), detect(customer, SR)
    kept = without_crosstalk(c, a)
    assert [(round(iv.start_s, 1), round(iv.end_s, 1)) for iv in kept] == [(3.0, 5.0)]


def test_mirroring_ratios_from_known_rates_and_levels(rng):
    """Agent answers at 180 wpm and 2x the amplitude of a 120 wpm customer."""
    from voicecoach.assess.assess import NEEDS_WORK
    from voicecoach.assess.targets import load_targets
    from voicecoach.assess.twoparty import mirroring_findings
    from voicecoach.measures.mirroring import measure_mirroring
    from voicecoach.transcript import Transcript, Word

    total = 8.0
    customer = build_timeline([(1.0, 3.0)], total, rng, noise_db=-70)
    agent = 2.0 * build_timeline([(4.0, 6.0)], total, rng, noise_db=-76)
    a, c = detect(agent, SR), detect(customer, SR)
    m = measure_turns(a.intervals, c.intervals, duration_s=total)

    def spread(start_s: float, n: int) -> Transcript:
        step = 2.0 / n
        return Transcript(tuple(Word("word", start_s + i * step, start_s + (i + 0.8) * step)
                                for i in range(n)))

    mirror = measure_mirroring(m.turns, m.latencies, spread(4.0, 6), spread(1.0, 4), a, c)
    (turn,) = mirror.turns
    assert turn.agent_rate_wpm == pytest.approx(180, rel=0.05)
    assert turn.customer_rate_wpm == pytest.approx(120, rel=0.05)
    assert turn.rate_ratio == pytest.approx(1.5, rel=0.07)
    assert turn.loudness_ratio == pytest.approx(2.0, rel=0.1)
    findings = {f.key: f for f in mirroring_findings(mirror, load_targets().twoparty)}
    assert findings["twoparty.mirror.rate"].verdict == NEEDS_WORK
    assert findings["twoparty.mirror.loudness"].verdict == NEEDS_WORK


def test_who_broke_the_silence_after_a_question_and_the_credit_for_it():
    from voicecoach.assess.assess import NEEDS_WORK, ON_TARGET, Finding
    from voicecoach.assess.twoparty import credit_customer_answers

    qs = QuestionMeasures((QuestionGap("Can you pay?", 0, 2.0, None, 0.0, True, True),
                           QuestionGap("Will Friday work?", 3, 8.0, None, 0.0, True, True)))
    # the customer answers the first after 0.8 s; the agent talks again 1.0 s after the second
    m = measure_turns([iv(0, 2.0), iv(5.0, 8.0), iv(9.0, 10.0)], [iv(2.8, 4.0)], questions=qs,
                      duration_s=11.0)
    assert m.customer_answered == (True, False)
    assert [round(q.gap_s, 3) for q in m.questions.questions] == [0.8, 1.0]

    def rushed(key: str) -> Finding:
        return Finding(key, "Wait after your question", 0.8, "s", ">= 3 s", NEEDS_WORK, 0.0,
                       (), "wait", "questions")

    out = credit_customer_answers([rushed("questions.gap.0"), rushed("questions.gap.3")], m)
    assert [f.verdict for f in out] == [ON_TARGET, NEEDS_WORK]
    assert "customer answered after 0.8 s" in out[0].detail
