"""Evidence for each consonant-final word: alignment, pronunciation choice and cues.

The transcript is aligned sentence by sentence (tokens with no pronunciation,
such as numerals, stand in as spoken noise), each sentence cut from the audio
with a little room on both sides taken from Whisper's word times. For each
consonant-final word the aligned span of its final consonant is kept (the
phone-level alignment with full pronunciations), and a goodness-of-pronunciation
style choice is taken from one more, word-level, alignment of the same sentence
in which every consonant-final word may be read either with its full
pronunciation or without its final consonant: which one the decoder picks.
That alignment needs no phone timing, so it is made by a coarse decoder
(:class:`.align.PhoneAligner` with ``coarse=True``), at about a quarter of the
CPU of the two passes of the phone-level one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from voicecoach.measures.consonants.align import FRAME_S, Alignment, PhoneAligner, PhoneSpan
from voicecoach.measures.consonants.cues import FrameFeatures, span_cues
from voicecoach.measures.consonants.lexicon import (
    Pronunciation,
    is_vowel,
    phone_class,
    pronounce,
)
from voicecoach.transcript import Sentence, Transcript, Word

__all__ = ["WordEvidence", "collect_evidence", "sentence_evidence", "is_final_consonant",
           "is_cluster_site", "is_glottal_site"]

PAD_BEFORE_S = 0.2
PAD_AFTER_S = 0.35
EXPECTED_S = 0.08   # assumed span of a final consonant that could not be aligned
TAIL_S = 0.12       # the window after the word's last vowel or consonant before the final one


@dataclass(frozen=True)
class WordEvidence:
    """What is known about one consonant-final word before the decision.

    Times are seconds from the start of the recording. ``chose_short`` is True
    when the decoder, free to read the word with or without its final consonant,
    chose without; None when that alignment failed. ``cues`` are taken over the
    aligned span of the final consonant; ``tail_cues`` over a fixed ``TAIL_S``
    window from where that span starts (the end of the phone before it), so they
    still hold the closure, release or noise when the aligner placed the span badly.
    """

    word_index: int
    word: str
    start_s: float
    end_s: float
    pron: Pronunciation
    cluster_site: bool
    aligned: bool
    consonant_start_s: float
    consonant_end_s: float
    cues: dict[str, float] = field(default_factory=dict)
    tail_cues: dict[str, float] = field(default_factory=dict)
    fit_per_frame: float | None = None   # consonant's acoustic score per frame minus the word's
    next_context: str = ""               # "pause", "vowel" or "consonant" after the word
    chose_short: bool | None = None      # the aligner preferred the pronunciation without it
    glottal_site: bool = False           # a /t/ after a vowel before a consonant-initial word

    @property
    def final_phone(self) -> str:
        return self.pron.final_phone

    @property
    def phone_class(self) -> str:
        return phone_class(self.pron.final_phone)


def is_final_consonant(pron: Pronunciation | None) -> bool:
    """Consonant-final words: any final consonant but R (a rhotic vowel ending in US speech)."""
    return (pron is not None and len(pron.phones) >= 2 and not is_vowel(pron.final_phone)
            and pron.final_phone != "R")


def is_cluster_site(pron: Pronunciation, next_pron: Pronunciation | None) -> bool:
    """A final consonant fluent speech drops before a consonant-initial word.

    /t, d/ after a consonant ("las(t) week"), and the /v/ of "of" ("firs(t) o(f) March").
    """
    p = pron.phones
    if next_pron is None or is_vowel(next_pron.phones[0]):
        return False
    return (len(p) >= 2 and p[-1] in ("T", "D") and not is_vowel(p[-2])) or pron.word == "of"


def is_glottal_site(pron: Pronunciation, next_pron: Pronunciation | None) -> bool:
    """A final /t/ after a vowel before a consonant-initial word ("i(t) was", "tha(t) man").

    American English usually makes it a glottal stop there, with no closure release
    to hear: a /t/ that sounds missing is normal speech, not a clipped consonant.
    """
    p = pron.phones
    return (next_pron is not None and not is_vowel(next_pron.phones[0])
            and len(p) >= 2 and p[-1] == "T" and is_vowel(p[-2]))


def _pronounce(text: str, norm: str) -> Pronunciation | None:
    """A word's pronunciation; spelled-out acronyms ("ACH") the rules cannot guess."""
    pron = pronounce(norm)
    letters = "".join(c for c in text if c.isalpha())
    if pron is not None and pron.guessed and len(letters) > 1 and letters.isupper():
        return None
    return pron


def _chunks(sentence: Sentence) -> list[list[tuple[int, Pronunciation | None]]]:
    """The sentence's words with transcript indices and pronunciations (None if unknown)."""
    chunk = [(sentence.first_word + k, _pronounce(w.text, w.norm))
             for k, w in enumerate(sentence.words)]
    return [chunk] if any(p is not None for _, p in chunk) else []


BaselineMaterial = list[tuple[str, dict[str, float]]]  # (phone class, cues)


def collect_evidence(
    samples: np.ndarray, sr: int, transcript: Transcript, ff: FrameFeatures,
    aligner: PhoneAligner, chooser: PhoneAligner | None = None,
) -> tuple[list[WordEvidence], BaselineMaterial]:
    """Evidence for every consonant-final word, and (class, cues) of all other consonants.

    ``aligner`` makes the phone-level alignment; ``chooser`` (by default the same
    aligner; a coarse one is cheaper) the word-level choice between full and
    shortened pronunciations. The second list is the speaker's baseline material:
    every aligned consonant that is not word-final, as (phone class, cues).
    """
    evidence: list[WordEvidence] = []
    baseline: BaselineMaterial = []
    for sentence in transcript.sentences:
        ev, base = sentence_evidence(samples, sr, transcript.words, sentence, ff, aligner,
                                     chooser)
        evidence += ev
        baseline += base
    return evidence, baseline


def sentence_evidence(
    samples: np.ndarray, sr: int, words: Sequence[Word], sentence: Sentence,
    ff: FrameFeatures, aligner: PhoneAligner, chooser: PhoneAligner | None = None,
) -> tuple[list[WordEvidence], BaselineMaterial]:
    """:func:`collect_evidence` for one sentence.

    ``words`` are the transcript's words up to at least the one after the sentence
    (when there is one): the sentence is cut from the audio with room up to its
    neighbours, and a final /t, d/ is judged by the word that follows.
    """
    chooser = aligner if chooser is None else chooser
    evidence: list[WordEvidence] = []
    baseline: BaselineMaterial = []
    for chunk in _chunks(sentence):
        first, last = chunk[0][0], chunk[-1][0]
        prev_end = words[first - 1].end_s if first > 0 else 0.0
        next_start = words[last + 1].start_s if last + 1 < len(words) else len(samples) / sr
        t0 = max(0.0, words[first].start_s - min(PAD_BEFORE_S, words[first].start_s - prev_end))
        t1 = min(len(samples) / sr, words[last].end_s
                 + max(0.05, min(PAD_AFTER_S, next_start - words[last].end_s)))
        seg = samples[int(t0 * sr):int(t1 * sr)]
        prons = [p.phones if p else None for _, p in chunk]
        al = aligner.align(seg, prons)
        choice = None
        if al is not None:
            alts = [p.phones[:-1] if is_final_consonant(p) else None for _, p in chunk]
            choice = chooser.align(seg, prons, alts, phones=False)
        evidence += _chunk_evidence(t0, chunk, words, al, ff, choice)
        if al is not None:
            baseline += _baseline_material(al, t0, ff)
    return evidence, baseline


def _baseline_material(al: Alignment, t0: float, ff: FrameFeatures):
    out = []
    for phones in al.words:  # empty for words aligned as spoken noise
        for p in phones[:-1]:
            cls = phone_class(p.phone)
            if cls != "vowel":
                out.append((cls, span_cues(ff, t0 + p.start_s, t0 + p.end_s)))
    return out


def _chunk_evidence(t0, chunk, words, al, ff, choice) -> list[WordEvidence]:
    out = []
    for k, (index, pron) in enumerate(chunk):
        if not is_final_consonant(pron):
            continue
        nxt = _next_pron(words, index)
        w = words[index]
        common = dict(word_index=index, word=w.text, start_s=w.start_s, end_s=w.end_s, pron=pron,
                      cluster_site=is_cluster_site(pron, nxt),
                      glottal_site=is_glottal_site(pron, nxt))
        if al is None:
            out.append(WordEvidence(**common, aligned=False,
                                    consonant_start_s=max(w.start_s, w.end_s - EXPECTED_S),
                                    consonant_end_s=w.end_s))
            continue
        cons = al.words[k][-1]
        word_phones = al.words[k]
        out.append(WordEvidence(
            **{**common, "start_s": t0 + word_phones[0].start_s, "end_s": t0 + cons.end_s},
            aligned=True, consonant_start_s=t0 + cons.start_s, consonant_end_s=t0 + cons.end_s,
            cues=span_cues(ff, t0 + cons.start_s, t0 + cons.end_s),
            tail_cues=span_cues(ff, t0 + cons.start_s, t0 + cons.start_s + TAIL_S),
            fit_per_frame=_fit_per_frame(word_phones),
            next_context=_next_context(al, k, nxt),
            chose_short=None if choice is None else choice.variants[k] == 2,
        ))
    return out


def _per_frame(p: PhoneSpan) -> float:
    return p.score / max(1.0, round((p.end_s - p.start_s) / FRAME_S))


def _fit_per_frame(phones: Sequence[PhoneSpan]) -> float:
    """Per-frame score of the final phone minus the mean per-frame score of the others."""
    rest = [_per_frame(p) for p in phones[:-1]]
    return _per_frame(phones[-1]) - float(np.mean(rest))


def _next_context(al: Alignment, k: int, nxt: Pronunciation | None) -> str:
    if k + 1 >= len(al.words) or nxt is None or not al.words[k + 1]:
        return "pause"
    gap_s = al.words[k + 1][0].start_s - al.words[k][-1].end_s
    if gap_s >= 0.1:
        return "pause"
    return "vowel" if is_vowel(al.words[k + 1][0].phone) else "consonant"


def _next_pron(words, index: int) -> Pronunciation | None:
    if index + 1 >= len(words):
        return None
    return _pronounce(words[index + 1].text, words[index + 1].norm)
