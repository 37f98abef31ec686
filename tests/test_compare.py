"""Comparing takes: directions against hand-computed values, the fold of per-question
findings, flips and the next step; the golden take's phrase alignment on word timings with
known differences; the command line on saved reports."""

from __future__ import annotations

import json
import math

import pytest

from voicecoach.cli import main
from voicecoach.compare import CompareError, compare, direction
from voicecoach.compare.phrases import (
    align_words,
    compare_word_timings,
    reference_phrases,
    script_offsets_s,
)
from voicecoach.compare.takes import TakeWord, folded_findings

INF = None  # an open side of a band in the JSON


def finding(key, measured, verdict, lo=None, hi=None, *, unit="wpm", score=None, tip="",
            guideline=None):
    band = None if lo is None and hi is None else {"lo": lo, "hi": hi}
    return {"key": key, "measured": measured, "verdict": verdict, "unit": unit, "band": band,
            "score": score if score is not None else {"on target": 1.0, "close": 0.5,
                                                      "needs work": 0.0}.get(verdict),
            "guideline": guideline or key, "tip": tip, "group": key.split(".")[0]}


def report(findings, *, name="take.wav", lang="en", next_steps=(), words=(), pauses=(),
           floor_hz=None, status="ok"):
    words = list(words)
    return {
        "schema_version": "1.6", "file": name, "status": status, "message": "",
        "language": {"code": lang}, "score": 70, "audio": {"duration_s": 20.0},
        "findings": findings, "next_steps": list(next_steps),
        "transcript": {"text": " ".join(w.text for w in words),
                       "words": [{"text": w.text + ("." if w.ends_sentence else ""),
                                  "start_s": w.start_s, "end_s": w.end_s} for w in words]},
        "measures": {"pauses": {"pauses": [{"start_s": a, "end_s": b} for a, b in pauses]},
                     "pitch": {"floor_f0_hz": floor_hz or 0.0, "unclear_reason": "",
                               "word_f0_hz": [None if math.isnan(w.f0_hz) else w.f0_hz
                                              for w in words]}},
    }


# direction: (before, after, band) -> expected, each computed by hand -----------------
@pytest.mark.parametrize("before, after, lo, hi, expected", [
    (180.0, 160.0, 120.0, 150.0, "toward"),  # 30 wpm over -> 10 over
    (160.0, 180.0, 120.0, 150.0, "away"),
    (140.0, 145.0, 120.0, 150.0, "kept on target"),
    (100.0, 119.0, 120.0, 150.0, "toward"),  # 20 under -> 1 under
    (181.0, 180.0, 120.0, 150.0, "same"),  # 1 wpm is under 1 % of the value: rounding
    (5.0, 8.0, 10.0, INF, "toward"),  # pauses per minute, no upper bound
    (12.0, 4.0, 10.0, INF, "away"),
    (0.8, 2.5, 3.0, 8.0, "toward"),  # the wait after a question
])
def test_direction_against_the_band(before, after, lo, hi, expected):
    v0 = "on target" if lo <= before <= (hi or math.inf) else "needs work"
    v1 = "on target" if lo <= after <= (hi or math.inf) else "needs work"
    assert direction(finding("m", before, v0, lo, hi), finding("m", after, v1, lo, hi)) \
        == expected


def test_direction_without_a_band_follows_the_verdicts_and_not_judged_is_unknown():
    said, missing = (finding("content.due_date", v, verdict, unit="step")
                     for v, verdict in ((1.0, "on target"), (0.0, "needs work")))
    assert direction(missing, said) == "toward" and direction(said, missing) == "away"
    assert direction(said, said) == "kept on target"
    withheld = finding("pace.rate", None, "not judged")
    assert direction(withheld, finding("pace.rate", 140.0, "on target", 120, 150)) == ""


def test_question_gaps_fold_into_the_shortest_wait():
    d = report([finding("questions.gap.1", 4.5, "on target", 3.0, 8.0, unit="s"),
                finding("questions.gap.4", 1.2, "needs work", 3.0, 8.0, unit="s"),
                finding("twoparty.latency.0", 0.4, "needs work", 2.0, INF, unit="s"),
                finding("twoparty.latency.median", 1.5, "close", 2.0, INF, unit="s")])
    folded = folded_findings(d)
    assert folded["questions.gap"]["measured"] == 1.2 and folded["questions.gap"]["count"] == 2
    assert folded["twoparty.latency.median"]["measured"] == 1.5  # the summary speaks for
    assert "twoparty.latency" not in folded  # the waits one by one
    assert "questions.gap.1" not in folded


def _three_takes():
    rate = [(225.0, "needs work"), (178.0, "needs work"), (141.0, "on target")]
    gaps = [(0.8, "needs work"), (2.5, "close"), (4.5, "on target")]
    out = []
    for k, ((wpm, v_rate), (gap, v_gap)) in enumerate(zip(rate, gaps), 1):
        out.append(report(
            [finding("pace.rate", wpm, v_rate, 120.0, 150.0, tip="slow down"),
             finding("questions.gap.1", gap, v_gap, 3.0, 8.0, unit="s", tip="count to five"),
             finding("pitch.variation", 2.4, "on target", 2.0, INF, unit="st"),
             finding("content.due_date", 1.0 if k == 3 else 0.0,
                     "on target" if k == 3 else "needs work", unit="step")],
            name=f"take{k}.wav",
            next_steps=["questions.gap.1"] if k < 3 else []))
    return out


def test_three_takes_values_changes_directions_and_flips():
    c = compare(_three_takes())
    rows = {r.key: r for r in c.rows}
    assert set(rows) == {"pace.rate", "questions.gap", "pitch.variation"}  # steps not rows
    rate = rows["pace.rate"]
    assert rate.values == (225.0, 178.0, 141.0)
    assert rate.change == pytest.approx(-37.0)
    assert (rate.direction, rate.overall) == ("toward", "toward")
    gap = rows["questions.gap"]
    assert gap.change == pytest.approx(2.0) and gap.verdicts == ("needs work", "close",
                                                                 "on target")
    assert rows["pitch.variation"].direction == "kept on target"
    flips = {f.key: (f.before, f.after, f.better) for f in c.flips}
    assert flips == {"pace.rate": ("needs work", "on target", True),
                     "questions.gap": ("close", "on target", True),
                     "content.due_date": ("needs work", "on target", True)}
    assert c.next_key is None  # the latest take has nothing left to change
    two = compare(_three_takes()[:2])
    assert (two.next_key, two.next_tip) == ("questions.gap", "count to five")
    assert json.loads(json.dumps(c.to_dict(), allow_nan=False))["measures"][0]["values"]


def test_takes_that_cannot_be_compared_say_why():
    a, b = _three_takes()[:2]
    with pytest.raises(CompareError, match="different languages.*take2.wav is pl"):
        compare([a, {**b, "language": {"code": "pl"}}])
    with pytest.raises(CompareError, match="take2.wav: nothing to compare"):
        compare([a, {**b, "status": "no speech"}])
    with pytest.raises(CompareError, match="newer voicecoach"):
        compare([a, {**b, "schema_version": "2.0"}])


# the golden take: phrases aligned on word timings ---------------------------------------
def words(spec):
    """TakeWords from (text, start_s, end_s[, f0_hz]); a text ending in "." ends a sentence."""
    out = []
    for w in spec:
        text, a, b, *f0 = w
        out.append(TakeWord(text.rstrip("."), a, b, f0[0] if f0 else math.nan,
                            text.endswith(".")))
    return out


# The trainer: "the balance due is | eight hundred dollars. is now a good time." with a
# 0.5 s breath after "is" and 0.8 s between the sentences; evenly 0.4 s a word.
REF = words([("the", 0.0, 0.4), ("balance", 0.4, 0.8), ("due", 0.8, 1.2), ("is", 1.2, 1.6),
             ("eight", 2.1, 2.5), ("hundred", 2.5, 2.9), ("dollars.", 2.9, 3.3),
             ("is", 4.1, 4.5), ("now", 4.5, 4.9), ("a", 4.9, 5.3), ("good", 5.3, 5.7),
             ("time.", 5.7, 6.1)])
REF_PAUSES = [(1.6, 2.1), (3.3, 4.1)]
# The take: the first phrase in 1.0 s instead of 1.6 (0.25 s a word) and a 0.3 s breath;
# the rest as the trainer's, with a 0.8 s pause between the sentences; "a" not heard.
TAKE = words([("the", 0.0, 0.25), ("balance", 0.25, 0.5), ("due", 0.5, 0.75), ("is", 0.75, 1.0),
              ("eight", 1.3, 1.7), ("hundred", 1.7, 2.1), ("dollars.", 2.1, 2.5),
              ("is", 3.3, 3.7), ("now", 3.7, 4.1), ("good", 4.5, 4.9), ("time.", 4.9, 5.3)])
TAKE_PAUSES = [(1.0, 1.3), (2.5, 3.3)]
# The same take without the breath: the first phrase's end is then inside running speech.
RUN_ON = [w if k < 4 else TakeWord(w.text, w.start_s - 0.3, w.end_s - 0.3, w.f0_hz,
                                   w.ends_sentence) for k, w in enumerate(TAKE)]
RUN_ON_PAUSES = [(2.2, 3.0)]


def test_the_reference_is_cut_at_its_pauses_and_sentence_ends():
    assert reference_phrases(REF, REF_PAUSES) == [(0, 4), (4, 7), (7, 12)]


def test_alignment_pairs_the_same_words_in_order_and_skips_the_missing_one():
    pairs = align_words([w.text for w in REF], [w.text for w in TAKE])
    assert (9, 8) not in pairs and (10, 9) in pairs and len(pairs) == 11


def test_phrase_timings_and_the_differences_named():
    phrases = compare_word_timings(REF, TAKE, ref_pauses_s=REF_PAUSES, take_pauses_s=TAKE_PAUSES)
    first, second, third = phrases
    assert (first.reference.duration_s, first.take.duration_s) == pytest.approx((1.6, 1.0))
    assert (first.reference.pause_after_s, first.take.pause_after_s) == pytest.approx((0.5, 0.3))
    assert (second.pause_before_ref_s, second.pause_before_take_s) == pytest.approx((0.5, 0.3))
    assert second.take.duration_s == pytest.approx(1.2)  # as the trainer's
    assert (second.reference.pause_after_s, second.take.pause_after_s) == pytest.approx((0.8, 0.8))
    assert third.n_matched == 4 and third.take.duration_s == pytest.approx(2.0)
    assert all(p.reference.anchored and p.take.anchored for p in phrases)


def test_the_largest_differences_come_first_in_words():
    from voicecoach.compare.phrases import compare_with_reference

    ref = report([], name="trainer.wav", words=REF, pauses=REF_PAUSES)
    c = compare_with_reference(ref, report([], words=TAKE, pauses=TAKE_PAUSES))
    # 1.0 s against 1.6 s is named; a 0.3 s breath against 0.5 s is within what is told apart
    assert [(d.kind, d.phrase) for d in c.differences] == [("rushed", 0)]
    assert c.differences[0].message == 'you rushed "the balance due is": 1.0 s against 1.6 s'
    assert (c.matched_words, c.reference_words) == (11, 12)


def test_a_length_timed_from_word_times_alone_is_named_only_over_a_timed_run():
    from voicecoach.compare.phrases import compare_with_reference

    ref = report([], name="trainer.wav", words=REF, pauses=REF_PAUSES)
    c = compare_with_reference(ref, report([], words=RUN_ON, pauses=RUN_ON_PAUSES))
    first = c.phrases[0]
    assert first.take.loose_edges == 1 and first.take.duration_s == pytest.approx(1.0)
    # Its length alone is not named; the two phrases it runs together, from the silence
    # before the first to the one after the second, are: 2.2 s against 2.8 s spoken.
    assert [(d.kind, d.phrase, d.through) for d in c.differences] == [
        ("pause_short", 0, 0), ("rushed", 0, 1)]
    assert c.differences[0].message == ('you left 0.0 s after "the balance due is" where the '
                                        'trainer paused 0.5 s')
    assert c.differences[1].message == ('you rushed "the balance due … eight hundred dollars": '
                                        '2.2 s against 2.8 s')


def test_pitch_is_compared_above_each_speakers_own_floor():
    from voicecoach.compare.phrases import compare_with_reference

    # The trainer at 100 Hz floor, words at 112-133 Hz (2-5 st up); the take at 200 Hz
    # floor, its words 8 st up and flat: higher above its own floor and flatter.
    st = [2.0, 5.0, 2.0, 3.0]
    ref = words([(w.text, w.start_s, w.end_s, 100 * 2 ** (s / 12)) for w, s in zip(REF, st)])
    take = words([(w.text, w.start_s, w.end_s, 200 * 2 ** (8 / 12)) for w in REF[:4]])
    c = compare_with_reference(report([], words=ref, floor_hz=100.0, name="trainer.wav"),
                               report([], words=take, floor_hz=200.0))
    kinds = {d.kind: d for d in c.differences}
    assert set(kinds) == {"higher", "flatter"}
    p = c.phrases[0]
    assert p.reference.level_st == pytest.approx(2.5, abs=0.01)
    assert p.take.level_st == pytest.approx(8.0, abs=0.01)
    assert (p.reference.movement_st, p.take.movement_st) == pytest.approx((3.0, 0.0), abs=0.01)


def test_a_take_off_the_script_is_not_compared_phrase_by_phrase():
    from voicecoach.compare.phrases import compare_with_reference

    other = words([("hello", 0.0, 0.4), ("there", 0.4, 0.8), ("friend.", 0.8, 1.2)])
    c = compare_with_reference(report([], words=REF, name="trainer.wav"), report([], words=other))
    assert c.phrases == () and "does not follow the reference's script (0 of 12" in c.message


def test_script_offsets_line_up_the_first_shared_word():
    late = [TakeWord(w.text, w.start_s + 1.5, w.end_s + 1.5) for w in TAKE]
    assert script_offsets_s([REF, late]) == pytest.approx((0.0, 1.5))
    assert script_offsets_s([REF, words([("hello", 0, 1)])]) is None


# the command line on saved reports ------------------------------------------------------
def _saved(tmp_path, data, name):
    path = tmp_path / name
    path.write_text(json.dumps(data), "utf-8")
    return str(path)


def test_compare_command_on_saved_reports(tmp_path, capsys):
    paths = [_saved(tmp_path, d, f"take{k}.json") for k, d in enumerate(_three_takes(), 1)]
    html = tmp_path / "c.html"
    assert main(["compare", *paths, "--html", str(html)]) == 0
    out = capsys.readouterr().out
    assert "voicecoach comparison: 3 takes" in out
    assert "↑ -37 toward the target; since take 1: toward the target" in out
    assert "✓ pace.rate: needs work -> on target" in out
    assert "Every judged measure is on target" in out
    page = html.read_text("utf-8")
    assert "toward the target" in page and "<img" not in page  # saved reports: no timelines
    assert main(["compare", *paths[:2], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["compare_schema_version"] == "1.0"
    assert data["next"] == {"key": "questions.gap", "tip": "count to five"}


def test_compare_command_errors_are_one_line(tmp_path, capsys):
    a, b = (_saved(tmp_path, d, f"t{k}.json") for k, d in enumerate(_three_takes()[:2]))
    with pytest.raises(SystemExit) as exit_:
        main(["compare", a])
    assert exit_.value.code == 2
    assert "give two or more takes" in capsys.readouterr().err
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", "utf-8")
    assert main(["compare", a, str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"voicecoach: {bad}: cannot read the saved report (not JSON)"
    polish = _saved(tmp_path, {**json.loads(open(b).read()), "language": {"code": "pl"}},
                    "pl.json")
    assert main(["compare", a, polish]) == 1
    assert "takes in different languages cannot be compared" in capsys.readouterr().err


def test_a_file_name_with_markup_is_escaped_on_the_page():
    from voicecoach.report.compare_html import render_comparison_page

    takes = _three_takes()
    takes[0]["file"] = "take<img src=x onerror=alert(1)>.wav"
    page = render_comparison_page(compare(takes))
    assert "<img src=x" not in page and "take&lt;img src=x onerror=alert(1)&gt;.wav" in page


def test_word_edges_are_put_on_the_silences_the_signal_found():
    from voicecoach.compare.phrases import snap_to_silence

    # The recognizer ran "is" 0.3 s into the pause and started "eight" 0.2 s late.
    heard = [TakeWord("due", 0.1, 0.5), TakeWord("is", 0.5, 1.3), TakeWord("eight", 1.7, 2.0),
             TakeWord("dollars", 2.0, 2.6)]
    snapped = snap_to_silence(heard, [(1.0, 1.5)], span_s=(0.3, 2.4))
    assert [t for w in snapped for t in (w.start_s, w.end_s)] == pytest.approx(
        [0.3, 0.5, 0.5, 1.0, 1.5, 2.0, 2.0, 2.4])
    # An edge further than a second from the silence is not the silence's: left alone.
    far = snap_to_silence(heard, [(3.5, 4.0)])
    assert [(w.start_s, w.end_s) for w in far] == [(w.start_s, w.end_s) for w in heard]


def test_an_unreadable_recording_is_one_line_and_exit_1(tmp_path, capsys):
    a = _saved(tmp_path, _three_takes()[0], "t1.json")
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00not really audio")
    assert main(["compare", a, str(broken), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("voicecoach: ") and "broken.wav" in err[0]
    assert "Traceback" not in err[0]
