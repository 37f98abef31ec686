"""Phone-level forced alignment with pocketsphinx's bundled US English acoustic model.

This is an edge module: it owns a pocketsphinx decoder (imported lazily). Audio
goes in as 16 kHz float32 samples, pronunciations as ARPAbet tuples; what comes
out are phone spans with their acoustic scores, in seconds from the start of the
samples given. The decoder is told every pronunciation explicitly (under a key
made from its phones), so the dictionary's reduced variants ("last(2) L AE S")
never slip in: the audio is scored against exactly the phones asked for.
A word given as ``None`` (a numeral, say, with no pronunciation) is aligned as
spoken noise (the model's ``+SPN+`` phone, as the word ``[SPEECH]``), which stands in
for it and takes up its time.

Between words the decoder may put silence only: its filler dictionary holds the
silence words alone, not the model's noise and spoken-noise loops. They cost 7 % of
the final-consonant stage's CPU and changed no decision on the test corpora, the
reader recorded by people included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

__all__ = ["PhoneSpan", "Segment", "Alignment", "PhoneAligner", "FRAME_S"]

FRAME_S = 0.01  # pocketsphinx frame shift
_FRAME = int(FRAME_S * 16_000)  # samples per frame at 16 kHz
_WINDOW = 410    # samples per analysis window (25.6 ms)
PHONE_PASS_TAIL_S = 0.25  # audio the phone pass keeps after the last word
_SILENCES = {"<sil>", "<s>", "</s>", "(NULL)", "SIL", "[SPEECH]"}
_STAND_IN = "[SPEECH]"  # aligned for a word with no pronunciation
Prons = Sequence[Sequence[str] | None]


@dataclass(frozen=True)
class PhoneSpan:
    """One aligned phone.

    Attributes
    ----------
    phone : str
        ARPAbet name ("T").
    start_s, end_s : float
        Span in seconds from the start of the aligned samples.
    score : float
        Acoustic log-likelihood of the span in pocketsphinx's scaled log units
        (higher is better; only differences between alignments of the same
        samples are meaningful).
    """

    phone: str
    start_s: float
    end_s: float
    score: float


@dataclass(frozen=True)
class Segment:
    """One word (or silence) of the word-level pass.

    Attributes
    ----------
    name : str
        Decoder word name (a pronunciation key, ``<sil>``, ``[SPEECH]``, ...).
    start_s, end_s : float
        Span in seconds from the start of the aligned samples.
    """

    name: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Alignment:
    """Per-word phone spans, the chosen pronunciations and the word-level segmentation.

    Attributes
    ----------
    words : tuple of tuple of PhoneSpan
        Phone spans per word (() for a word with no pronunciation, aligned as spoken
        noise, and for every word when only the word-level pass was run).
    variants : tuple of int
        Pronunciation variant chosen per word (1 = first, 2 = the alternative).
    segments : tuple of Segment
        The word-level pass's segmentation, silences included, in time order (only
        when just that pass was run).
    word_segments : tuple of int
        For each word, its index in ``segments`` (-1 for a word with no pronunciation).
    """

    words: tuple[tuple[PhoneSpan, ...], ...]
    variants: tuple[int, ...] = ()
    segments: tuple[Segment, ...] = ()
    word_segments: tuple[int, ...] = ()


def _key(phones: Sequence[str]) -> str:
    return "w_" + "_".join(p.lower() for p in phones)


class PhoneAligner:
    """Forced aligner owning one pocketsphinx decoder (created on first use).

    Parameters
    ----------
    coarse : bool
        Score the acoustic model on every other 10 ms frame only, with the two
        best Gaussians of each mixture (pocketsphinx ``ds=2, topn=2``): about 40%
        less CPU per pass, for word-level choices that need no phone timing.

    The decoder loads no pronunciation dictionary: every word is added with
    its pronunciation when first aligned.
    """

    def __init__(self, *, coarse: bool = False, fillers: bool = True) -> None:
        self._decoder = None
        self._known: set[str] = set()
        self._options = {"ds": 2, "topn": 2} if coarse else {}
        self._fillers = fillers
        self._fallback: PhoneAligner | None = None

    @property
    def decoder(self):
        if self._decoder is None:
            from pocketsphinx import Decoder

            from voicecoach.measures.consonants.model import model_dir

            hmm = model_dir()
            fillers = resources.files("voicecoach") / "data" / "silence_fillers.txt"
            with resources.as_file(fillers) as fdict:
                self._decoder = Decoder(
                    **({"hmm": hmm} if hmm else {}),
                    bestpath=False, lm=None, dict=None, fdict=str(fdict), loglevel="FATAL",
                    beam=1e-100, pbeam=1e-100, wbeam=1e-100, fsgusefiller=self._fillers,
                    **self._options,
                )
            self._decoder.add_word(_STAND_IN, "+SPN+", True)
        return self._decoder

    def _add(self, key: str, phones: Sequence[str]) -> None:
        if key not in self._known:
            self.decoder.add_word(key, " ".join(phones), True)
            self._known.add(key)

    def _words(self, prons: Prons, alternatives=None) -> str:
        keys = []
        for i, phones in enumerate(prons):
            if phones is None:
                keys.append(_STAND_IN)
                continue
            alt = alternatives[i] if alternatives else None
            key = _key(phones) if not alt else "v" + _key(phones) + "__" + _key(alt)
            self._add(key, phones)
            if alt:
                self._add(key + "(2)", alt)
            keys.append(key)
        return " ".join(keys)

    def align(self, samples: np.ndarray, prons: Prons,
              alternatives: Prons | None = None, *, phones: bool = True) -> Alignment | None:
        """Align ``samples`` (16 kHz float32) to the word pronunciations ``prons``.

        ``alternatives``, when given, holds for each word a second pronunciation
        (or None) the decoder may pick instead; ``Alignment.variants`` says which.
        The decoder makes a word-level pass and, when ``phones`` is true, a second,
        phone-level pass over the same audio (``Alignment.words``); without it the
        word-level segmentation is returned (``Alignment.segments``), for about 40%
        of the cost of both.

        When the decoder finds no path, the alignment is tried once more by a decoder
        without filler loops (pocketsphinx's optional silence word at every
        state), which finds one for most sentences that failed.

        Returns
        -------
        Alignment or None
            None when neither finds a path (too little audio for the phones, or audio
            that does not fit at all).
        """
        if not any(p is not None for p in prons) or len(samples) < int(0.05 * 16_000):
            return None
        found = self._align(samples, prons, alternatives, phones)
        if found is None and self._fillers:
            if self._fallback is None:
                self._fallback = PhoneAligner(coarse=bool(self._options), fillers=False)
            found = self._fallback._align(samples, prons, alternatives, phones)
        return found

    def _align(self, samples: np.ndarray, prons: Prons, alternatives: Prons | None,
               phones: bool) -> Alignment | None:
        pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype(np.int16).tobytes()
        dec = self.decoder
        try:
            dec.set_align_text(self._words(prons, alternatives))
            dec.start_utt()
            dec.process_raw(pcm, full_utt=True)
            dec.end_utt()
            if dec.hyp() is None:
                return None
            if not phones:
                return _from_segments(self._segments(), prons)
            dec.set_alignment()
            dec.start_utt()
            dec.process_raw(pcm[:2 * _phone_pass_samples(dec.seg())], full_utt=True)
            dec.end_utt()
            result = dec.get_alignment()
        except RuntimeError:
            return None
        return _collect(result, prons) if result is not None else None

    def _segments(self) -> tuple[Segment, ...]:
        """The word-level pass's segmentation."""
        return tuple(Segment(s.word, s.start_frame * FRAME_S, (s.end_frame + 1) * FRAME_S)
                     for s in self.decoder.seg())


def _phone_pass_samples(segments) -> int:
    """Samples of the utterance the phone pass needs: up to ``PHONE_PASS_TAIL_S`` after
    the word pass's last word, and at least a few frames into its last segment.

    pocketsphinx's phone pass scores every phone it has entered on every later frame,
    so the silence after the last word is its most expensive stretch; cutting it
    saves about 15 % of the pass. Nothing after the last word is measured.
    """
    segments = list(segments)
    words = [s.end_frame for s in segments if s.word not in _SILENCES]
    keep = max(max(words, default=segments[-1].end_frame) + 1
               + int(round(PHONE_PASS_TAIL_S / FRAME_S)), segments[-1].start_frame + 5)
    return keep * _FRAME + _WINDOW


def _from_segments(segments: tuple[Segment, ...], prons: Prons) -> Alignment | None:
    """An alignment with the word-level segmentation only (no phone spans)."""
    index = [i for i, s in enumerate(segments) if s.name not in _SILENCES]
    if len(index) != sum(p is not None for p in prons):
        return None
    found, it = [], iter(index)
    for p in prons:
        found.append(next(it) if p is not None else -1)
    variants = tuple(2 if i >= 0 and segments[i].name.endswith("(2)") else 1 for i in found)
    return Alignment(tuple(() for _ in prons), variants, segments, tuple(found))


def _collect(result, prons: Prons) -> Alignment | None:
    """Phone spans per word; a word with no pronunciation gets an empty tuple."""
    words, variants = [], []
    for seg in result:
        if seg.name in _SILENCES:
            continue
        variants.append(2 if seg.name.endswith("(2)") else 1)
        words.append(tuple(
            PhoneSpan(p.name, p.start * FRAME_S, (p.start + p.duration) * FRAME_S, float(p.score))
            for p in seg
        ))
    if len(words) != sum(p is not None for p in prons):
        return None
    spans, found, chosen = iter(words), [], iter(variants)
    out_variants = []
    for p in prons:
        found.append(next(spans) if p is not None else ())
        out_variants.append(next(chosen) if p is not None else 1)
    return Alignment(tuple(found), tuple(out_variants))
