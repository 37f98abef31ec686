"""The English check: the rule on hand-made transcripts, and the real model on synthetic
speech in English and other languages."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from voicecoach.transcript import Transcript, Word
from voicecoach.transcript.language import (
    MIN_MEAN_WORD_PROBABILITY,
    MIN_WORDS,
    check_english,
)


def transcript(probabilities: list[float], language: str = "en",
               language_probability: float = 1.0) -> Transcript:
    words = tuple(Word(f"w{i}", i * 0.4, i * 0.4 + 0.3, p) for i, p in enumerate(probabilities))
    return Transcript(words, language, language_probability)


@pytest.mark.parametrize("probabilities, english", [
    ([0.9] * 20, True),
    ([MIN_MEAN_WORD_PROBABILITY] * 20, True),  # the threshold itself passes
    ([MIN_MEAN_WORD_PROBABILITY - 0.01] * 20, False),
    ([0.1] * (MIN_WORDS - 1), True),  # too few words to judge
    ([0.1] * MIN_WORDS, False),
    ([0.95] * 10 + [0.2] * 10, False),  # mean 0.575: a few sure words do not outvote the rest
])
def test_mean_word_probability_rule(probabilities, english):
    check = check_english(transcript(probabilities))
    assert check.english is english
    assert check.mean_word_probability == pytest.approx(sum(probabilities) / len(probabilities))
    assert check.n_words == len(probabilities)
    assert (check.message == "") is english


def test_message_names_the_evidence():
    check = check_english(transcript([0.3] * 12))
    assert check.message.startswith(
        "speech is not English: results for language-dependent measures withheld ("
        "the English model's mean word confidence is 0.30, below 0.60;")


def test_a_multilingual_model_s_own_detection_is_used():
    confident = check_english(transcript([0.95] * 12, "de", 0.93))
    unsure = check_english(transcript([0.95] * 12, "de", 0.3))
    assert not confident.english and "language 'de' (probability 0.93)" in confident.message
    assert unsure.english


@pytest.mark.parametrize("n_words, speech_s, english", [
    (4, 14.0, False),  # 0.29 words/s over 14 s of speech: the model recognized nothing
    (4, 6.0, True),  # 0.67 words/s: could be a short English "hello, can you hear me"
    (3, 3.0, True),  # too little speech to judge
    (0, 14.0, True),  # no words at all is the "no speech" report's business
])
def test_few_words_over_much_speech(n_words, speech_s, english):
    check = check_english(transcript([0.9] * n_words), speech_s=speech_s)
    assert check.english is english
    if not english:
        assert f"recognized only {n_words} words in {speech_s:.0f} s of speech" in check.message


def test_no_words_and_nan_probabilities():
    assert check_english(Transcript(())).english
    check = check_english(transcript([float("nan")] + [0.9] * 10))
    assert check.english and check.n_words == 10


# --- the real model on synthetic speech --------------------------------------------------

ATTEMPTS = 3
"""Speech the English model cannot decode makes faster-whisper fall back to sampling at
higher temperatures, so each run of the same non-English recording gives different
words: 12 runs of the German phrase below scored mean word probabilities 0.08 to 0.61,
one above the 0.60 threshold. A test passes when one of three runs is judged right;
benchmarks/language_check.py measures the per-run rates."""

PHRASES = {
    "en-us": "Good morning, this is Alex calling from Northside Supply. I am calling about "
             "the invoice that was due last week.",
    "de": "Guten Morgen, hier spricht Dana von der Firma Hafenbedarf. Ich rufe wegen der "
          "Rechnung Nummer vier sieben zwei neun an.",
    "es": "Buenos días, le habla Alex de Suministros del Norte. Le llamo por la factura que "
          "vencía la semana pasada.",
}


@pytest.mark.slow
@pytest.mark.parametrize("voice, english", [("en-us", True), ("de", False), ("es", False)])
def test_real_model_on_espeak_speech(tmp_path, voice, english):
    """The real model and check, end to end, on one recording per language. This checks
    the wiring, not the error rate: the check is not perfect (a German utterance of the
    same length scored 0.65 and passed as English); benchmarks/language_check.py
    measures the rates, and docs/hostile-input.md reports them."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed (apt-get install espeak-ng)")
    from voicecoach.audio import load
    from voicecoach.transcript.whisper import Transcriber

    path = tmp_path / f"{voice}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(path), PHRASES[voice]],
                   check=True)
    audio = load(path)
    checks = []
    for _ in range(ATTEMPTS):  # see ATTEMPTS: other languages are transcribed at random
        checks.append(check_english(Transcriber().transcribe(audio), speech_s=audio.duration_s))
        if checks[-1].english is english:
            break
    assert checks[-1].english is english, checks
