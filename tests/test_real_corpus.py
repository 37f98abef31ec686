"""The truths of the real recordings, derived from their reference files."""

import numpy as np
import pytest

from benchmarks import real_corpus


def test_pauses_are_the_long_silences_between_words():
    sentences = [{"text": "a b c", "words": [["<sil>", 0.0, 0.2], ["a", 0.2, 0.3],
                                              ["<sil>", 0.5, 0.3], ["b", 0.8, 0.2],
                                              ["c", 1.1, 0.4]]},
                 {"text": "d", "words": [["d", 0.1, 0.5], ["</s>", 0.6, 0.1]]}]
    truth = real_corpus.words_truth(sentences, [0.0, 2.0])
    assert truth["n_words"] == 4
    assert truth["speech_span_s"] == [0.2, 2.6]
    # 0.5-0.8 is a pause; 1.0-1.1 is too short; 1.5-2.1 spans the join
    assert truth["pauses"] == [{"start_s": 0.5, "end_s": 0.8}, {"start_s": 1.5, "end_s": 2.1}]
    assert [s["kind"] for s in truth["segments"]] == ["statement", "statement"]
    assert truth["segments"][1] == {"start_s": 2.1, "end_s": 2.6, "text": "d",
                                    "kind": "statement"}


def test_f0_reference_is_the_median_of_voiced_frames():
    track = np.zeros((10, 4))
    track[3:8, 0] = [100.0, 110.0, 120.0, 130.0, 400.0]
    truth = real_corpus.f0_truth(track, "s")
    assert truth["f0_median_hz"] == pytest.approx(120.0)
    assert truth["segments"][0]["start_s"] == pytest.approx(0.03)
    assert truth["segments"][0]["end_s"] == pytest.approx(0.08)
    with pytest.raises(ValueError):
        real_corpus.f0_truth(np.zeros((5, 4)), "s")


def test_shipped_references(tmp_path):
    recs = {r.name: r for r in real_corpus.recordings(tmp_path)}
    assert set(recs) == {"librivox_austen", "mfa_acoustic_corpus", "mfa_cold_corpus",
                         "ptdb_F01_sa1", "ptdb_M01_sa1"}
    lib = recs["librivox_austen"].truth
    assert lib["n_words"] == 71 and len(lib["pauses"]) == 4 and len(lib["segments"]) == 5
    assert 180 < recs["ptdb_F01_sa1"].truth["f0_median_hz"] < 210
    assert 100 < recs["ptdb_M01_sa1"].truth["f0_median_hz"] < 125
    assert all(r.path.exists() for r in recs.values())
    acoustic, cold = recs["mfa_acoustic_corpus"].truth, recs["mfa_cold_corpus"].truth
    assert (acoustic["n_words"], len(acoustic["pauses"])) == (56, 6)
    assert (cold["n_words"], len(cold["pauses"])) == (58, 7)
    assert "segments" not in acoustic


def test_fillers_end_a_silence_but_are_no_words():
    text = "\n".join(['"IntervalTier"', '"words"', "0", "2", "4",
                      "0", "0.5", '""', "0.5", "0.9", '"so"', "0.9", "1.3", '""',
                      "1.3", "1.6", '"um"'])
    words = real_corpus.textgrid_words(text)
    assert words[1] == ["so", 0.5, pytest.approx(0.4)]
    truth = real_corpus.words_truth([{"text": "so um", "words": words}], [0.0],
                                    segments=False)
    assert truth["n_words"] == 1
    assert truth["pauses"] == [{"start_s": 0.9, "end_s": 1.3}]
    assert truth["speech_span_s"] == [0.5, 1.6]
    with pytest.raises(ValueError):
        real_corpus.textgrid_words(text, tier="phones")
