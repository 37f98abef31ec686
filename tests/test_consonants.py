"""Tests of the final-consonant measure: lexicon, cues, decisions and the whole stage."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLES, spread_words

from voicecoach.audio import Audio, from_array, load
from voicecoach.measures.consonants import (
    ConsonantDecision,
    ConsonantMeasures,
    measure_consonants,
)
from voicecoach.measures.consonants.cues import Baseline, frame_features, span_cues
from voicecoach.measures.consonants.decide import decide
from voicecoach.measures.consonants.evidence import (
    WordEvidence,
    is_cluster_site,
    is_final_consonant,
    is_glottal_site,
)
from voicecoach.measures.consonants.lexicon import (
    guess_pronunciation,
    phone_class,
    pronounce,
)
from voicecoach.transcript import Transcript, Word

SR = 16_000


# --- lexicon ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "word, final, cls",
    [("payment", "T", "stop"), ("balance", "S", "fricative"), ("morning", "NG", "nasal"),
     ("march", "CH", "affricate"), ("call", "L", "approximant"), ("week", "K", "stop"),
     ("budget", "T", "stop"), ("today", "EY", "vowel")],
)
def test_dictionary_final_phone_and_class(word, final, cls):
    pron = pronounce(word)
    assert pron is not None and not pron.guessed
    assert pron.final_phone == final
    assert phone_class(final) == cls


def test_dictionary_lookup_matches_the_parsed_file():
    from pocketsphinx import get_model_path

    from voicecoach.measures.consonants.lexicon import _dictionary

    first: dict[str, str] = {}
    path = Path(get_model_path()) / "en-us" / "cmudict-en-us.dict"
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word and phones.strip():
            first.setdefault(word, phones.strip())
    lookup = _dictionary()
    assert len(first) > 120_000
    assert all(lookup.get(w) == p for w, p in first.items())
    assert [lookup.get(w) for w in ("", "a(2)", "zzzzz", "hello world")] == [None] * 4


def test_primary_pronunciation_is_used_not_reduced_variant():
    # the dictionary also lists "last(2) L AE S"; the expected form keeps the T
    assert pronounce("last").phones == ("L", "AE", "S", "T")


@pytest.mark.parametrize(
    "word, final",
    [("zorbitz", "Z"), ("quandrock", "K"), ("vellamint", "T"), ("brannigash", "SH")],
)
def test_unknown_words_get_rule_based_pronunciation(word, final):
    pron = pronounce(word)
    assert pron is not None and pron.guessed
    assert pron.final_phone == final
    assert guess_pronunciation(word) == pron.phones


def test_hyphenated_word_read_part_by_part():
    pron = pronounce("follow-up")
    assert pron.phones == pronounce("follow").phones + pronounce("up").phones
    assert pron.final_phone == "P" and not pron.guessed


def test_unknown_acronym_is_not_guessed_but_known_one_is_read():
    from voicecoach.measures.consonants.evidence import _pronounce

    assert _pronounce("ACHX,", "achx") is None          # letter names, not a word
    assert _pronounce("Zorbitz", "zorbitz").guessed      # a name: rules apply
    assert _pronounce("NASA", "nasa").phones == pronounce("nasa").phones


def test_tokens_without_letters_have_no_pronunciation():
    assert pronounce("250") is None
    assert pronounce("") is None


@pytest.mark.parametrize(
    "word, expected", [("payment", True), ("your", False), ("today", False), ("is", True),
                       ("call", True)],
)
def test_consonant_final_words(word, expected):
    assert is_final_consonant(pronounce(word)) is expected


@pytest.mark.parametrize(
    "word, nxt, expected",
    [("last", "week", True), ("last", "a", False), ("last", None, False),
     ("account", "today", True), ("bad", "week", False), ("send", "the", True),
     ("of", "March", True), ("of", "us", False), ("love", "March", False)],
)
def test_cluster_site(word, nxt, expected):
    assert is_cluster_site(pronounce(word), pronounce(nxt) if nxt else None) is expected


@pytest.mark.parametrize(
    "word, nxt, expected",
    [("it", "was", True), ("that", "man", True), ("it", "is", False), ("it", None, False),
     ("last", "week", False), ("good", "morning", False), ("about", "the", True)],
)
def test_glottal_site(word, nxt, expected):
    assert is_glottal_site(pronounce(word), pronounce(nxt) if nxt else None) is expected


# --- cues ------------------------------------------------------------------------------------

def _tone(f_hz: float, dur_s: float, amp: float = 0.3) -> np.ndarray:
    t = np.arange(int(dur_s * SR)) / SR
    return (amp * np.sin(2 * np.pi * f_hz * t)).astype(np.float32)


def test_cues_separate_noise_from_low_tone():
    rng = np.random.default_rng(0)
    noise = (0.1 * rng.standard_normal(int(0.2 * SR))).astype(np.float32)
    x = np.concatenate([_tone(200, 0.2), noise, np.zeros(int(0.2 * SR), np.float32)])
    ff = frame_features(x, SR)
    low = span_cues(ff, 0.05, 0.15)
    hiss = span_cues(ff, 0.25, 0.35)
    quiet = span_cues(ff, 0.45, 0.55)
    assert hiss["high_db"] > low["high_db"] + 20.0
    assert low["low_db"] > hiss["low_db"] + 10.0
    assert quiet["level_db"] < -60.0
    assert abs(low["level_db"]) < 6.0


def test_burst_cue_sees_release_after_closure():
    rng = np.random.default_rng(1)
    x = np.zeros(int(0.3 * SR), np.float32)
    x[: int(0.1 * SR)] = _tone(150, 0.1)
    x[int(0.18 * SR): int(0.19 * SR)] = 0.3 * rng.standard_normal(int(0.01 * SR))
    ff = frame_features(x, SR)
    assert span_cues(ff, 0.1, 0.19)["burst_db"] > 20.0
    assert span_cues(ff, 0.1, 0.19)["closure_db"] < -20.0


def test_baseline_z_in_spreads():
    cues = [dict(level_db=v, high_db=0.0, low_db=0.0, burst_db=0.0, closure_db=0.0)
            for v in (-10.0, -12.0, -8.0, -10.0)]
    b = Baseline.from_cues(cues)
    assert b.median["level_db"] == pytest.approx(-10.0)
    assert b.spread["level_db"] == pytest.approx(3.0)  # floor of 3 dB
    z = b.z(dict(level_db=-16.0, high_db=0.0, low_db=0.0, burst_db=0.0, closure_db=0.0))
    assert z["level_db"] == pytest.approx(-2.0)


# --- decisions -------------------------------------------------------------------------------

def _evidence(**kw) -> WordEvidence:
    base = dict(word_index=0, word="last", start_s=1.0, end_s=1.4, pron=pronounce("last"),
                cluster_site=False, aligned=True, consonant_start_s=1.33,
                consonant_end_s=1.4, fit_per_frame=0.0,
                next_context="pause", chose_short=False,
                cues=dict(level_db=-20.0, high_db=-10.0, low_db=-10.0, burst_db=10.0,
                          closure_db=-10.0))
    base.update(kw)
    return WordEvidence(**base)


def test_unaligned_word_is_uncertain_with_expected_span():
    d = decide(_evidence(aligned=False, chose_short=None), None)
    assert d.decision == "uncertain"
    assert d.reason == "alignment failed"
    assert d.consonant_end_s == pytest.approx(1.4)


def test_cluster_before_consonant_is_never_clipped():
    weak = _evidence(cluster_site=True, consonant_start_s=1.37,
                     chose_short=True, next_context="consonant")
    d = decide(weak, None)
    assert d.decision == "uncertain"
    assert d.reason == "cluster before consonant"


def test_glottal_t_before_consonant_is_never_clipped():
    from voicecoach.measures.consonants.decide import probability_said

    ev = _evidence(word="it", pron=pronounce("it"), consonant_start_s=1.37, chose_short=True,
                   next_context="consonant")
    p = probability_said(ev, None)
    assert decide(ev, None, clipped_below=p + 0.01).decision == "clipped"
    d = decide(replace(ev, glottal_site=True), None, clipped_below=p + 0.01)
    assert (d.decision, d.reason) == ("uncertain", "glottal /t/ before consonant")
    said = decide(replace(ev, glottal_site=True), None, said_above=p - 0.01)
    assert said.decision == "articulated"  # a /t/ that is heard there still counts


def test_strong_evidence_either_way():
    cues = [dict(level_db=-20.0, high_db=-10.0, low_db=-5.0, burst_db=12.0, closure_db=-15.0)
            for _ in range(5)]
    baseline = Baseline.from_cues(cues)
    gone = dict(level_db=-5.0, high_db=-25.0, low_db=-5.0, burst_db=0.0, closure_db=0.0)
    clipped = decide(_evidence(consonant_start_s=1.37, chose_short=True,
                               fit_per_frame=-90.0, cues=gone, tail_cues=gone), baseline)
    said = decide(_evidence(consonant_start_s=1.28, chose_short=False,
                            fit_per_frame=30.0, cues=cues[0], tail_cues=cues[0]), baseline)
    assert clipped.decision == "clipped"
    assert said.decision == "articulated"
    assert 0.5 < clipped.confidence <= 1.0 and 0.5 < said.confidence <= 1.0


def test_thresholds_move_words_into_and_out_of_uncertain():
    from voicecoach.measures.consonants.decide import probability_said

    ev = _evidence(consonant_start_s=1.33, chose_short=False)
    p = probability_said(ev, None)
    assert decide(ev, None, said_above=p - 0.01).decision == "articulated"
    assert decide(ev, None, said_above=p + 0.01, clipped_below=0.0).decision == "uncertain"
    assert decide(ev, None, said_above=1.0, clipped_below=p + 0.01).decision == "clipped"


def test_measures_share_and_dict():
    def dec(i, decision):
        return ConsonantDecision(f"w{i}", i, i, i + 0.3, "T", "stop", decision, 0.8,
                                 i + 0.2, i + 0.3, "test")

    m = ConsonantMeasures.from_decisions(
        [dec(0, "articulated"), dec(1, "clipped"), dec(2, "articulated"), dec(3, "uncertain")])
    assert m.articulated_share == pytest.approx(2 / 3)
    assert m.n_uncertain == 1
    assert [d.word for d in m.clipped] == ["w1"]
    out = m.to_dict()
    assert out["n_clipped"] == 1 and len(out["words"]) == 4
    assert out["clipped"][0]["start_s"] == pytest.approx(1.0)


# --- the whole stage on synthesized speech ---------------------------------------------------

ESPEAK = shutil.which("espeak-ng")
TEXT = "We need the budget plan for this month."
# espeak-ng phoneme mnemonics of TEXT word by word, and the same with final sounds left out
INTACT = "wi: n'i:d D@ b'VdZIt pl'an fO@ DIs m'VnT"
CLIPPED = "wi: n'i: D@ b'VdZI pl'a fO@ DI m'Vn"


def _espeak(phonemes: str) -> np.ndarray:
    import soundfile as sf

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "x.wav"
        subprocess.run([ESPEAK, "-v", "en-us", "-s", "150", "-w", str(wav),
                        f"[[{phonemes}]]"], check=True, capture_output=True)
        x, sr = sf.read(wav, dtype="float32")
    pad = np.zeros(int(0.4 * sr), np.float32)
    return from_array(np.concatenate([pad, x, pad]), sr)


def _transcript(audio) -> Transcript:
    """Evenly spread word times over the speech (a stand-in for Whisper's times)."""
    words = TEXT.split()
    start, end = 0.4, audio.duration_s - 0.4
    step = (end - start) / len(words)
    return Transcript(tuple(Word(w, start + i * step, start + (i + 1) * step)
                            for i, w in enumerate(words)))


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
def test_stage_tells_clipped_from_intact_speech():
    intact = _espeak(INTACT)
    clipped = _espeak(CLIPPED)
    a = measure_consonants(intact, _transcript(intact))
    b = measure_consonants(clipped, _transcript(clipped))
    # need, budget, plan, this, month (+ "for" ends in R: not counted)
    assert [d.word for d in a.words] == ["need", "budget", "plan", "this", "month."]
    assert len(a.clipped) <= 1 and len(b.clipped) >= 3   # of five words each
    assert a.articulated_share - b.articulated_share >= 0.5
    for d in a.words:
        assert d.start_s <= d.consonant_start_s < d.consonant_end_s <= d.end_s + 1e-6


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
def test_word_level_alignment_with_alternatives():
    from voicecoach.measures.consonants.align import PhoneAligner

    words = [w.strip(".").lower() for w in TEXT.split()]
    prons = [pronounce(w).phones for w in words]
    alts = [pronounce(w).phones[:-1] if is_final_consonant(pronounce(w)) else None
            for w in words]
    al = PhoneAligner(coarse=True).align(_espeak(CLIPPED).samples, prons, alts, phones=False)
    assert al is not None
    assert all(w == () for w in al.words)       # no phone-level pass was made
    assert len(al.word_segments) == len(al.variants) == len(prons)
    starts = [al.segments[i].start_s for i in al.word_segments]
    assert starts == sorted(starts)
    for i, variant, alt in zip(al.word_segments, al.variants, alts):
        assert al.segments[i].name.endswith("(2)") == (variant == 2)
        assert alt is not None or variant == 1  # only words given an alternative may switch
    assert sum(v == 2 for v in al.variants) >= 3  # most clipped words are read short


def test_sentence_that_cannot_be_aligned_leaves_its_words_uncertain():
    rng = np.random.default_rng(3)
    audio = from_array((0.05 * rng.standard_normal(2 * SR)).astype(np.float32), SR)
    # "Last payment." squeezed into 0.1 s: too short for its ten phones
    transcript = Transcript((Word("Okay.", 0.0, 0.5), Word("Last", 0.5, 0.55),
                             Word("payment.", 0.55, 0.6), Word("Thanks.", 0.61, 1.5)))
    m = measure_consonants(audio, transcript)
    by_word = {d.word: d for d in m.words}
    assert set(by_word) == {"Last", "payment.", "Thanks."}
    for w in ("Last", "payment."):
        assert by_word[w].decision == "uncertain"
        assert by_word[w].reason == "alignment failed"


def test_empty_transcript():
    audio = from_array(np.zeros(SR, np.float32), SR)
    m = measure_consonants(audio, Transcript(()))
    assert m.words == () and m.n_uncertain == 0


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
def test_numeral_in_sentence_is_aligned_as_spoken_noise():
    # "We need 7 by this month." spoken with "seven"; the transcript writes the numeral
    audio = _espeak("wi: n'i:d s'Ev@n baI DIs m'VnT")
    words = "We need 7 by this month.".split()
    start, end = 0.4, audio.duration_s - 0.4
    step = (end - start) / len(words)
    transcript = Transcript(tuple(Word(w, start + i * step, start + (i + 1) * step)
                                  for i, w in enumerate(words)))
    m = measure_consonants(audio, transcript)
    assert [d.word for d in m.words] == ["need", "this", "month."]
    assert all(d.reason != "alignment failed" for d in m.words)
    assert m.articulated_share >= 0.6


def test_telephone_fricative_without_clear_evidence_says_why():
    from voicecoach.measures.consonants import decide as rules

    # find a fricative whose evidence falls between the two thresholds
    for cons_s in np.arange(0.03, 0.2, 0.005):
        ev = _evidence(word="this", pron=pronounce("this"), consonant_start_s=1.4 - cons_s,
                       chose_short=None, fit_per_frame=0.0,
                       next_context="consonant")
        if rules.CLIPPED_BELOW < rules.probability_said(ev, None) < rules.SAID_ABOVE:
            break
    else:
        pytest.fail("no consonant length gives in-between evidence")
    assert decide(ev, None, telephone=True).reason == "telephone band"
    assert decide(ev, None, telephone=False).reason == "weak evidence"
    assert decide(ev, None, telephone=True).decision == "uncertain"


@pytest.mark.slow
def test_samples_with_real_transcription():
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber()
    good_audio = load(SAMPLES / "good_opening.flac")
    good = measure_consonants(good_audio, transcriber.transcribe(good_audio))
    clip_audio = load(SAMPLES / "clipped_consonants.flac")
    clip = measure_consonants(clip_audio, transcriber.transcribe(clip_audio))
    truth = json.loads((SAMPLES / "clipped_consonants.truth.json").read_text())
    dropped = {c["word"].lower() for c in truth["clipped_words"]}
    assert len(good.words) >= 20
    assert len(good.clipped) <= 0.05 * len(good.words)  # the target for words said in full
    named = {d.word.strip(",.?").lower() for d in clip.clipped}
    assert named <= dropped                         # every word named was in fact clipped
    assert len(named) >= 3                          # and most that Whisper wrote as said
    assert clip.articulated_share < good.articulated_share


# --- measured while the transcript is written ------------------------------------------------

def _sample_transcript(name: str) -> tuple:
    """A sample and a transcript of its truth text, each phrase's words spread over it."""
    segments = json.loads((SAMPLES / f"{name}.truth.json").read_text())["segments"]
    transcript = spread_words([(s["start_s"], s["end_s"]) for s in segments],
                              [s["text"] for s in segments])
    return load(SAMPLES / f"{name}.flac"), transcript


@pytest.mark.parametrize("background", [True, False])
def test_stream_gives_what_the_whole_transcript_gives(background):
    from voicecoach.measures.consonants.stream import ConsonantStream

    audio, transcript = _sample_transcript("clipped_consonants")
    assert len(transcript.sentences) >= 5
    whole = measure_consonants(audio, transcript)
    stream = ConsonantStream(audio, background=background)
    assert (stream._worker.thread is None) is not background  # one core: no second thread
    for i in range(0, len(transcript.words), 4):
        stream.add_words(transcript.words[i:i + 4])
    if not background:
        assert not stream._worker.results  # nothing aligned before finish
    assert stream.finish(transcript) == whole
    assert whole.words and {d.decision for d in whole.words} >= {"articulated"}


def test_stream_starts_over_when_the_final_words_differ():
    from voicecoach.measures.consonants.stream import ConsonantStream

    audio, transcript = _sample_transcript("good_opening")
    stream = ConsonantStream(audio)
    first = transcript.words[0]
    stream.add_words([Word("Hello", first.start_s, first.end_s), *transcript.words[1:12]])
    assert stream._queued  # sentences were handed over with a word that turned out different
    old_worker = stream._worker
    assert stream.finish(transcript) == measure_consonants(audio, transcript)
    assert stream._worker is not old_worker


def test_stream_cancel_ends_the_thread_and_finish_still_answers():
    from voicecoach.measures.consonants.stream import ConsonantStream

    audio, transcript = _sample_transcript("good_opening")
    stream = ConsonantStream(audio)
    stream.add_words(transcript.words)
    worker = stream._worker
    stream.cancel()
    worker.thread.join(timeout=30)
    assert not worker.thread.is_alive()
    assert stream.finish(transcript) == measure_consonants(audio, transcript)
    assert ConsonantStream(audio).finish(Transcript(())).words == ()


def test_result_does_not_depend_on_the_recording_before():
    audio, transcript = _sample_transcript("good_opening")
    other, other_transcript = _sample_transcript("clipped_consonants")
    first = measure_consonants(audio, transcript)
    measure_consonants(other, other_transcript)
    assert measure_consonants(audio, transcript) == first


def test_aligner_tries_once_more_without_filler_loops(monkeypatch):
    from voicecoach.measures.consonants.align import PhoneAligner

    tried = []

    def fake_align(self, samples, prons, alternatives, phones):
        tried.append(self._fillers)
        return None if self._fillers else "aligned"

    monkeypatch.setattr(PhoneAligner, "_align", fake_align)
    aligner = PhoneAligner()
    assert aligner.align(np.zeros(SR, np.float32), [("AH",)]) == "aligned"
    assert aligner.align(np.zeros(SR, np.float32), [("AH",)]) == "aligned"
    assert tried == [True, False, True, False]
    assert aligner._fallback is not None and not aligner._fallback._fillers


def test_phone_pass_keeps_a_quarter_second_after_the_last_word():
    from types import SimpleNamespace as Seg

    from voicecoach.measures.consonants.align import _phone_pass_samples

    def segs(*rows):
        return [Seg(word=w, start_frame=a, end_frame=b) for w, a, b in rows]

    frames = segs(("<sil>", 0, 19), ("w_n_iy_d", 20, 59), ("w_b_ah_jh", 60, 99),
                  ("<sil>", 100, 299))
    assert _phone_pass_samples(frames) == 125 * 160 + 410   # last word ends at frame 99
    # noise or spoken noise at the very end is kept, with a few frames to align it in
    late = frames[:-1] + segs(("<sil>", 100, 289), ("[SPEECH]", 290, 299))
    assert _phone_pass_samples(late) == 295 * 160 + 410
    # the fallback aligner may end on the word itself: nothing is cut then
    assert _phone_pass_samples(frames[:-1]) >= 100 * 160 + 410


def test_decoder_puts_only_silence_between_words():
    from voicecoach.measures.consonants.align import PhoneAligner

    decoder = PhoneAligner().decoder
    assert decoder.lookup_word("<sil>") == "SIL"
    assert decoder.lookup_word("[NOISE]") is None
    assert decoder.lookup_word("[SPEECH]") == "+SPN+"   # the stand-in for unknown words


def test_on_telephone_audio_only_nasal_endings_are_judged():
    said = dict(level_db=-20.0, high_db=-10.0, low_db=-5.0, burst_db=12.0, closure_db=-15.0)
    baseline = Baseline.from_cues([said] * 5)
    gone = dict(level_db=-5.0, high_db=-25.0, low_db=-5.0, burst_db=0.0, closure_db=0.0)
    weak = dict(consonant_start_s=1.37, chose_short=True, fit_per_frame=-90.0, cues=gone,
                tail_cues=gone)
    stop = _evidence(**weak)
    nasal = _evidence(word="then", pron=pronounce("then"), **weak)
    # a threshold every word falls under: clipped on wide-band audio
    assert decide(stop, baseline, clipped_below=0.99, said_above=1.0).decision == "clipped"
    # on the phone a stop is never judged, whatever its evidence; a nasal is
    for kw in ({}, {"clipped_below": 0.99, "said_above": 1.0}):
        on_phone = decide(stop, baseline, telephone=True, **kw)
        assert (on_phone.decision, on_phone.reason) == ("uncertain", "telephone band")
    assert decide(nasal, baseline, telephone=True).decision == "clipped"
    clear = decide(_evidence(word="then", pron=pronounce("then"), consonant_start_s=1.25,
                             chose_short=False, fit_per_frame=30.0), baseline, telephone=True)
    assert clear.decision == "articulated"


def test_a_phone_line_stored_at_a_high_rate_is_judged_as_a_phone_line():
    from voicecoach.measures.consonants import decide_measures

    wide = Audio(np.zeros(SR, np.float32), source_sr=44_100)  # the rate alone says wide band
    assert not decide_measures([], [], wide).telephone_band
    assert decide_measures([], [], replace(wide, telephone_band=True)).telephone_band


def test_telephone_band_finding_says_only_nasals_are_judged():
    from voicecoach.assess.assess import _consonants
    from voicecoach.assess.targets import load_targets
    from voicecoach.measures import Measures

    word = ConsonantDecision("then", 0, 1.0, 1.3, "N", "nasal", "articulated", 0.9, 1.2, 1.3,
                             "consonant heard")
    stop = ConsonantDecision("met", 1, 1.4, 1.7, "T", "stop", "uncertain", 0.5, 1.6, 1.7,
                             "telephone band")
    said = ConsonantMeasures.from_decisions([word] * 8)
    phone = ConsonantMeasures.from_decisions([word] * 8 + [stop], telephone_band=True)
    nothing = ConsonantMeasures.from_decisions([stop] * 4, telephone_band=True)
    targets = load_targets()

    def findings(cm):
        return _consonants(Measures(10.0, None, None, None, None, cm, None), targets)

    assert [f.key for f in findings(said)] == ["consonants.articulated"]
    assert "phone line" not in findings(said)[0].detail
    (on_phone,) = findings(phone)
    assert on_phone.detail.endswith("8 of 9 consonant-final words judged: through a phone "
                                    "line only m, n and ng endings can be")
    assert findings(nothing) == [] and phone.to_dict()["telephone_band"] is True
