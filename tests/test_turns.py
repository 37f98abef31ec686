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


def test_a_backchannel_inside_the_other_turn_is_an_overlap_but_not_a_turn():
    # the agent says "mm-hm" in the middle of a long customer turn
    m = measure_turns([iv(0, 1.5), iv(4.0, 4.4), iv(9.0, 10.0)], [iv(2.0, 8.0)],
                      duration_s=11.0)
    assert [t.party for t in m.turns] == [AGENT, CUSTOMER, AGENT]
    assert [round(lat.latency_s, 3) for lat in m.latencies] == [1.0]
    assert [(o.start_s, o.end_s, o.by) for o in m.overlaps] == [(4.0, 4.4, AGENT)]


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
