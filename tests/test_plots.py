"""The timeline plot draws what the report measured."""

import numpy as np
from conftest import SR, FakeTranscriber, build_timeline, spread_words

from voicecoach.audio import from_array
from voicecoach.pipeline import analyze_audio
from voicecoach.report.plots import save_timeline, timeline


def make_report(rng):
    segs = [(0.5, 2.5), (2.9, 4.4), (8.9, 11.0)]
    texts = ["Good morning this is Dana.", "Is now a good time?", "I am calling today."]
    audio = from_array(build_timeline(segs, 12.0, rng), SR)
    return analyze_audio(audio, transcriber=FakeTranscriber(spread_words(segs, texts)),
                         consonants=False)


def test_timeline_marks_pauses_and_gaps(rng):
    report = make_report(rng)
    fig = timeline(report)
    level_ax, pitch_ax = fig.axes
    assert level_ax.get_xlim() == (0.0, 12.0)
    texts = [t.get_text() for t in level_ax.texts]
    assert texts == [f"gap {report.measures.questions.questions[0].gap_s:.1f} s"]
    assert "2 pauses" in level_ax.get_title(loc="left")
    assert np.isfinite(pitch_ax.get_ylim()).all()


def test_save_writes_a_png(rng, tmp_path):
    path = tmp_path / "take.png"
    save_timeline(make_report(rng), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000
