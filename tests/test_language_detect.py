"""The language per recording: which model hears it, what is measured in each language,
and that a take whose words cannot be used still gets pace, pauses and pitch."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.test_language_signal import syllable_train
from voicecoach.assess.targets import load_targets
from voicecoach.audio import from_array
from voicecoach.errors import TranscriptionError
from voicecoach.pipeline import analyze_audio
from voicecoach.transcript import Transcript, Word
from voicecoach.transcript.hear import hear, normalize_language
from voicecoach.transcript.language import UNKNOWN

SR = 16_000


class Model:
    """A fake transcriber that records the language it was asked for."""

    def __init__(self, transcript: Transcript, *, english_only: bool, model_id: str):
        self.transcript, self.english_only, self.model_id = transcript, english_only, model_id
        self.asked: list[str | None] = []
        self.model = object()

    def transcribe(self, audio, *, progress=None, on_words=None, language=None):
        self.asked.append(language)
        return self.transcript


def words(text: str, probability: float, language: str = "en", lang_p: float = 1.0):
    return Transcript(tuple(Word(t, 0.5 + 0.4 * i, 0.8 + 0.4 * i, probability)
                            for i, t in enumerate(text.split())), language, lang_p)


ENGLISH = words("Good morning this is Dana calling from Harbor Supply.", 0.9)
GARBLED = words("Jin dob ray move he on now wack", 0.3)
POLISH = words("Dzień dobry, mówi Anna Nowak z firmy Harbor.", 0.9, "pl", 0.97)
AUDIO = from_array(np.full(SR, 0.1, np.float32), SR)


def test_english_passes_the_english_check_and_stays_on_the_english_model():
    tiny = Model(ENGLISH, english_only=True, model_id="tiny.en")
    base = Model(POLISH, english_only=False, model_id="base")
    heard = hear(AUDIO, tiny, speech_s=4.0, multilingual=lambda: base)
    assert (heard.language, heard.source, heard.model) == ("en", "english check", "tiny.en")
    assert base.asked == []


def test_failed_english_check_hands_over_to_the_multilingual_model():
    tiny = Model(GARBLED, english_only=True, model_id="tiny.en")
    base = Model(POLISH, english_only=False, model_id="base")
    heard = hear(AUDIO, tiny, speech_s=4.0, multilingual=lambda: base)
    assert (heard.language, heard.source, heard.model) == ("pl", "detected", "base")
    assert heard.probability == pytest.approx(0.97)
    assert base.asked == [None] and heard.transcript is POLISH


def test_no_words_in_speech_also_asks_the_multilingual_model():
    tiny = Model(Transcript(()), english_only=True, model_id="tiny.en")
    base = Model(POLISH, english_only=False, model_id="base")
    assert hear(AUDIO, tiny, speech_s=6.0, multilingual=lambda: base).language == "pl"


def test_a_given_language_is_decoded_as_that_language_by_the_multilingual_model():
    tiny = Model(ENGLISH, english_only=True, model_id="tiny.en")
    base = Model(Transcript(()), english_only=False, model_id="base")
    heard = hear(AUDIO, tiny, language="ko", multilingual=lambda: base)
    assert (heard.language, heard.source, heard.model) == ("ko", "given", "base")
    assert tiny.asked == [] and base.asked == ["ko"]
    assert heard.transcript.language == "ko"


def test_given_english_stays_on_the_english_model():
    tiny = Model(ENGLISH, english_only=True, model_id="tiny.en")
    heard = hear(AUDIO, tiny, language="en", multilingual=lambda: pytest.fail("not needed"))
    assert (heard.language, heard.source, heard.model) == ("en", "given", "tiny.en")


def test_a_multilingual_default_model_names_the_language_itself():
    base = Model(POLISH, english_only=False, model_id="base")
    heard = hear(AUDIO, base, multilingual=lambda: pytest.fail("not needed"))
    assert (heard.language, heard.source) == ("pl", "detected")


def test_without_the_multilingual_model_the_language_is_unidentified_and_says_why():
    tiny = Model(GARBLED, english_only=True, model_id="tiny.en")

    def missing():
        raise TranscriptionError("the Whisper base model needs the packages x y")

    heard = hear(AUDIO, tiny, speech_s=4.0, multilingual=missing)
    assert heard.language == UNKNOWN and not heard.transcript.words
    assert "the multilingual model is not available" in heard.note


@pytest.mark.parametrize("code, expected", [("PL", "pl"), (" ko ", "ko"), ("en", "en"),
                                            (None, None)])
def test_language_codes_are_normalized(code, expected):
    assert normalize_language(code) == expected


def test_an_unknown_language_code_is_refused():
    with pytest.raises(ValueError, match="unknown language code 'xx'"):
        normalize_language("xx")


def _korean_take(rng):
    """Eleven phrases of voiced syllables (66 in all) with 1.0 s pauses: about 21 s."""
    x, spans = syllable_train([6] * 11, rng, pause_s=1.0)
    return from_array(x, SR), spans


def test_an_empty_transcript_in_a_given_language_still_gets_the_signal_measures(rng):
    audio, spans = _korean_take(rng)
    base = Model(Transcript((), "ko"), english_only=False, model_id="base")
    report = analyze_audio(audio, transcriber=base, language="ko", consonants=False)
    m = report.measures
    assert report.status == "ok" and m is not None and not m.transcribed
    assert m.language == "ko" and report.language.source == "given"
    assert m.pauses.count == len(spans) - 1
    assert m.pace.syllables_from == "signal" and m.pace.n_syllables == 66
    assert m.pace.articulation_sps == pytest.approx(66 / sum(s.duration_s for s in spans),
                                                    rel=0.05)
    assert m.pitch is not None and m.pitch.median_f0_hz == pytest.approx(140, rel=0.05)
    by_key = {f.key: f for f in report.assessment.findings}
    assert by_key["pace.articulation"].judged
    assert by_key["pauses.per_min"].judged
    assert by_key["pauses.longest_run"].judged
    for key in ("pace.rate", "pauses.words_between", "consonants.articulated"):
        assert not by_key[key].judged and by_key[key].detail.startswith(
            "not measured for Korean"), key
    assert not by_key["questions.gap"].judged
    assert report.assessment.score is not None
    out = report.to_dict()
    assert out["language"] == {"code": "ko", "name": "Korean", "probability": 1.0,
                               "source": "given", "model": "base", "measured_from": "signal"}
    json.dumps(out)


def test_a_detected_language_uses_its_transcript_for_questions(rng):
    """A "?" written in another language is a question; its gap is measured."""
    audio, spans = _korean_take(rng)
    texts = [f"frase{i}?" if i == 2 else f"frase{i}." for i in range(len(spans))]
    t = Transcript(tuple(Word(txt, s.start_s, s.end_s, 0.9) for txt, s in zip(texts, spans)),
                   "it", 0.95)
    base = Model(t, english_only=False, model_id="base")
    report = analyze_audio(audio, transcriber=base, consonants=False)
    q = report.measures.questions.questions
    assert len(q) == 1 and q[0].gap_s == pytest.approx(1.0, abs=0.05)
    assert report.language.language == "it" and report.measures.transcribed
    by_key = {f.key: f for f in report.assessment.findings}
    assert by_key["consonants.articulated"].detail.startswith("not measured for Italian")


def test_no_words_in_any_language_without_a_given_one_is_no_speech(rng):
    audio, _ = _korean_take(rng)
    tiny = Model(Transcript(()), english_only=True, model_id="tiny.en")
    base = Model(Transcript((), "ja", 0.3), english_only=False, model_id="base")
    from voicecoach.transcript import hear as hear_module

    original = hear_module._base
    hear_module._base = lambda: base
    try:
        report = analyze_audio(audio, transcriber=tiny, consonants=False)
    finally:
        hear_module._base = original
    assert report.status == "no speech" and "give --language" in report.message


def test_english_keeps_its_english_findings(rng):
    targets = load_targets()
    from voicecoach.assess.assess import assess
    from voicecoach.measures import Measures
    from voicecoach.measures.pace import PaceMeasures
    from voicecoach.measures.pauses import PauseMeasures
    from voicecoach.measures.questions import QuestionMeasures

    pace = PaceMeasures(130.0, 4.0, 130.0, 40, 60, 0.0, 20.0, 18.0)
    m = Measures(20.0, pace, PauseMeasures((), 0.0, 0.0, 0.0, 0.0, ()), QuestionMeasures(()))
    keys = {f.key for f in assess(m, targets).findings}
    assert "pace.rate" in keys and "pace.articulation" not in keys


def test_cli_refuses_an_unknown_language_in_one_line(capsys, tmp_path):
    from voicecoach.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", str(tmp_path / "take.wav"), "--language", "klingon"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "--language: unknown language code 'klingon'" in err and "Traceback" not in err
