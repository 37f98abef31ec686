"""The two-party pipeline: channel handling, the agent's channel, and the sample call.

Fast tests use speech-like bursts at known times and a fake transcriber (the
measures do not depend on the recognizer's timing); the slow ones run the bundled
Whisper model on samples/two_party_call.flac and compare with its truth file.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf

from tests.conftest import SAMPLES, SR, build_timeline
from voicecoach.audio import from_array
from voicecoach.cli import main
from voicecoach.errors import VoicecoachWarning
from voicecoach.pipeline import analyze_two_party_audio
from voicecoach.transcript import Transcript, Word
from voicecoach.twoparty import NEEDS_CHANNELS, choose_agent_channel, is_dual_mono

LATENCY_TOL_S = 0.15
TALK_SHARE_TOL = 0.03
AGENT_S = [(0.5, 3.0), (5.6, 8.0), (12.0, 14.5)]
CUSTOMER_S = [(3.4, 5.0), (8.5, 10.5)]
TRUTH_LATENCIES_S = [5.6 - 5.0, 12.0 - 10.5]


def words_at(spans, text: str) -> Transcript:
    """A transcript with ``text`` spread evenly over each (start_s, end_s) span."""
    out = []
    tokens = text.split()
    for start_s, end_s in spans:
        step = (end_s - start_s) / len(tokens)
        out += [Word(t, start_s + i * step, start_s + (i + 0.8) * step)
                for i, t in enumerate(tokens)]
    return Transcript(tuple(out))


class FakeTranscriber:
    """Answers with a fixed transcript per channel name."""

    model_id = "fake"

    def __init__(self, by_channel: dict[str, Transcript]) -> None:
        self.by_channel = by_channel

    def transcribe(self, audio, *, progress=None, on_words=None) -> Transcript:
        return self.by_channel[audio.channel]


@pytest.fixture
def call(rng):
    left = build_timeline(AGENT_S, 16.0, rng, noise_db=-65)
    right = build_timeline(CUSTOMER_S, 16.0, rng, noise_db=-65)
    return np.stack([left, right], axis=1)


def fake(left_text: str, right_text: str) -> FakeTranscriber:
    return FakeTranscriber({
        "left": words_at(AGENT_S, left_text), "right": words_at(CUSTOMER_S, right_text),
        "mix": words_at(sorted(AGENT_S + CUSTOMER_S), left_text)})


AGENT_TEXT = "this is Dana calling from Harbor Supply about invoice four"
CUSTOMER_TEXT = "yes I will pay it next week"


def test_dual_mono_is_one_signal_up_to_a_gain(call, rng):
    x = call[:, 0]
    assert is_dual_mono(x, x)
    assert is_dual_mono(x, 0.5 * x)
    assert not is_dual_mono(call[:, 0], call[:, 1])
    assert not is_dual_mono(x, np.zeros_like(x))  # an empty channel is not dual mono
    assert not is_dual_mono(x, x + 0.5 * rng.standard_normal(len(x)).astype(np.float32) * 0.1)


@pytest.mark.parametrize(("left", "right", "name", "speech", "chosen"), [
    ("thanks Mr. Blake", "yes", "Jordan Blake", (5, 50), "left"),
    ("yes", "I am calling from Harbor Supply about the invoice", None, (50, 5), "right"),
    ("hello", "hello", None, (10, 30), "right"),
    ("hello", "hello", None, (20, 20.5), "left"),
])
def test_agent_channel_choice(left, right, name, speech, chosen):
    texts = {"left": Transcript.from_text(left), "right": Transcript.from_text(right)}
    ch, why = choose_agent_channel(texts, {"left": speech[0], "right": speech[1]}, name)
    assert ch == chosen and why


def test_stereo_call_gives_latencies_talk_share_and_findings(call):
    left, right = (from_array(call, SR, channel=c) for c in ("left", "right"))
    report = analyze_two_party_audio(left, right, transcriber=fake(AGENT_TEXT, CUSTOMER_TEXT),
                                     consonants=False)
    tp = report.two_party
    assert tp.status == "ok" and tp.agent_channel == "left" and "agent's phrases" in tp.chosen_by
    got = [lat.latency_s for lat in tp.turns.latencies]
    assert np.allclose(got, TRUTH_LATENCIES_S, atol=LATENCY_TOL_S)
    agent_s = sum(b - a for a, b in AGENT_S)
    share = agent_s / (agent_s + sum(b - a for a, b in CUSTOMER_S))
    assert tp.turns.talk_share == pytest.approx(share, abs=TALK_SHARE_TOL)
    keys = [f.key for f in report.assessment.findings]
    assert {"twoparty.latency.1", "twoparty.latency.2", "twoparty.latency.median",
            "twoparty.overlaps", "twoparty.talk_share"} <= set(keys)
    assert "twoparty" in report.assessment.group_scores
    # pace and pauses count only the agent's own turns: the customer's turns are not pauses
    own_s = sum(b - a for a, b in AGENT_S)
    assert report.measures.pace.rate_wpm == pytest.approx(30 / own_s * 60, rel=0.03)
    assert report.measures.pauses.count == 0
    d = report.to_dict()
    assert d["two_party"]["turns"]["latencies"][0]["latency_s"] == pytest.approx(0.6, abs=0.15)
    assert d["names"] is None


def test_the_agent_channel_can_be_given(call):
    left, right = (from_array(call, SR, channel=c) for c in ("left", "right"))
    report = analyze_two_party_audio(left, right, agent_channel="right", consonants=False,
                                     transcriber=fake(AGENT_TEXT, CUSTOMER_TEXT))
    assert report.two_party.agent_channel == "right" and report.audio.channel == "right"
    # the customer (left) answers the agent (right) twice
    assert len(report.two_party.turns.latencies) == 2


def test_mono_file_says_latency_needs_channels_and_gives_no_two_party_numbers(call):
    mono = from_array(call.mean(axis=1), SR, channel="left")
    report = analyze_two_party_audio(mono, None, consonants=False,
                                     transcriber=fake(AGENT_TEXT, CUSTOMER_TEXT))
    assert report.two_party.status == "mono" and report.two_party.turns is None
    assert any(NEEDS_CHANNELS in w for w in report.warnings)
    assert report.measures is not None
    assert not [f for f in report.assessment.findings if f.group == "twoparty"]
    assert report.to_dict()["two_party"]["turns"] is None


def test_dual_mono_file_is_treated_as_mono(call):
    same = np.stack([call[:, 0], call[:, 0]], axis=1)
    left, right = (from_array(same, SR, channel=c) for c in ("left", "right"))
    report = analyze_two_party_audio(left, right, consonants=False,
                                     transcriber=fake(AGENT_TEXT, CUSTOMER_TEXT))
    assert report.two_party.status == "dual mono"
    assert "dual mono" in report.warnings[0] and report.audio.channel == "mix"


def test_an_empty_channel_means_one_voice(call):
    empty = np.stack([call[:, 0], np.zeros(len(call), np.float32)], axis=1)
    left = from_array(empty, SR, channel="left")
    with pytest.warns(VoicecoachWarning, match="silence"):
        right = from_array(empty, SR, channel="right")
    report = analyze_two_party_audio(left, right, consonants=False,
                                     transcriber=fake(AGENT_TEXT, CUSTOMER_TEXT))
    assert report.two_party.status == "one voice" and report.audio.channel == "left"
    assert "right channel holds no speech" in report.two_party.message


def _truth() -> dict:
    return json.loads((SAMPLES / "two_party_call.truth.json").read_text())


@pytest.mark.slow
def test_sample_call_end_to_end_matches_its_truth(tmp_path, capsys):
    out = tmp_path / "call.json"
    code = main(["analyze", str(SAMPLES / "two_party_call.flac"), "--two-party",
                 "--customer-name", "Jordan Blake", "--no-consonants", "--json", "-q",
                 "--out", str(out)])
    assert code == 0
    d = json.loads(out.read_text())
    truth = _truth()
    tp = d["two_party"]
    assert tp["status"] == "ok" and tp["agent_channel"] == truth["two_party"]["agent_channel"]
    got = [lat["latency_s"] for lat in tp["turns"]["latencies"]]
    want = [lat["latency_s"] for lat in truth["two_party"]["latencies"]]
    assert len(got) == len(want)
    assert np.allclose(got, want, atol=LATENCY_TOL_S)
    assert tp["turns"]["talk_share"] == pytest.approx(truth["two_party"]["talk_share"],
                                                      abs=TALK_SHARE_TOL)
    assert tp["turns"]["overlaps"] == []
    uses = [u["start_s"] for u in d["names"]["uses"]]
    assert len(uses) == len(truth["name_uses"])
    # each use lies inside the phrase that says it
    phrases = [(s["start_s"], s["end_s"]) for s in truth["segments"] if s["party"] == "agent"]
    assert all(any(a - 0.3 <= u <= b for a, b in phrases) for u in uses)
    keys = {f["key"]: f for f in d["findings"]}
    assert keys["names.spacing"]["verdict"] == "needs work"
    assert keys["twoparty.latency.2"]["verdict"] == "on target"  # the 4.3 s answer
    assert keys["twoparty.latency.1"]["verdict"] == "needs work"  # the 0.4 s answer


@pytest.mark.slow
def test_sample_call_as_mono_reports_one_party_measures_only(tmp_path, capsys):
    x, sr = sf.read(SAMPLES / "two_party_call.flac", dtype="float32")
    mono = tmp_path / "mono.wav"
    sf.write(mono, x.mean(axis=1), sr)
    assert main(["analyze", str(mono), "--two-party", "--no-consonants", "-q"]) == 0
    card = capsys.readouterr().out
    assert "response latency" in card and "separate channels" in card
    assert "Count to five" not in card and "Two-party:" not in card
    assert "Speak at a calm pace" in card


@pytest.mark.slow
def test_customer_name_works_on_a_one_party_take(capsys):
    assert main(["analyze", str(SAMPLES / "good_opening.flac"), "--customer-name",
                 "Jordan Blake", "--no-consonants", "-q", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["two_party"] is None
    assert d["names"]["count"] == 1  # "Am I speaking with Jordan Blake?"
    assert {f["key"] for f in d["findings"]} >= {"names.count"}


def test_a_customer_name_without_a_name_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "x.wav", "--customer-name", "Mr."])
    assert exc.value.code == 2
    assert "first name or surname" in capsys.readouterr().err


@pytest.mark.parametrize("module", ["voicecoach.report.json", "voicecoach.twoparty",
                                    "voicecoach.result", "voicecoach.report.terminal"])
def test_the_result_and_report_stages_do_not_import_the_orchestration(module):
    """Data flows one way: reports and the two-party composition never import the
    pipeline that calls them."""
    import subprocess
    import sys

    code = (f"import sys, {module}; "
            "sys.exit('voicecoach.pipeline' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
