"""Clipped final consonants: a decision, with its evidence, for every consonant-final word.

For every transcribed word the expected pronunciation comes from the CMU
pronouncing dictionary (:mod:`.lexicon`). Words ending in a consonant (any but
R, which in US speech is part of the vowel) are aligned at phone level with
pocketsphinx (:mod:`.align`), sentence by sentence using Whisper's word times;
then two kinds of evidence are weighed (:mod:`.decide`):

- a goodness-of-pronunciation style choice: the sentence aligned once more with
  every such word free to be read with or without its final consonant, and
  which reading the decoder picked (see :mod:`.evidence`);
- an acoustic cue of the consonant's class (stop closure and release burst,
  fricative high-band noise, nasal low-band murmur) judged against the same
  speaker's other consonants of that class.

A /t, d/ after a consonant and before a consonant-initial word ("las(t) week")
is normally dropped in fluent speech, so it is never called clipped: it is
"uncertain". A sentence that cannot be aligned leaves its words "uncertain".
"""

from __future__ import annotations

from dataclasses import dataclass

from voicecoach.audio import Audio
from voicecoach.transcript import Transcript

__all__ = ["ConsonantDecision", "ConsonantMeasures", "measure_consonants"]


@dataclass(frozen=True)
class ConsonantDecision:
    """The verdict on one consonant-final word.

    Attributes
    ----------
    word : str
        The word as transcribed.
    word_index : int
        Its index in ``Transcript.words``.
    start_s, end_s : float
        The word's span in seconds (aligned when alignment succeeded).
    final_phone : str
        ARPAbet name of the expected final consonant ("T").
    phone_class : str
        "stop", "fricative", "nasal", "affricate" or "approximant".
    decision : str
        "articulated", "clipped" or "uncertain".
    confidence : float
        0..1, how sure the decision is (0.5 or less for "uncertain").
    consonant_start_s, consonant_end_s : float
        Span of the final consonant in seconds: aligned, or expected at the word end.
    reason : str
        Short explanation ("consonant heard", "cluster before consonant", ...).
    """

    word: str
    word_index: int
    start_s: float
    end_s: float
    final_phone: str
    phone_class: str
    decision: str
    confidence: float
    consonant_start_s: float
    consonant_end_s: float
    reason: str

    def to_dict(self) -> dict:
        return {
            "word": self.word, "word_index": self.word_index,
            "start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3),
            "final_phone": self.final_phone, "phone_class": self.phone_class,
            "decision": self.decision, "confidence": round(self.confidence, 3),
            "consonant_start_s": round(self.consonant_start_s, 3),
            "consonant_end_s": round(self.consonant_end_s, 3), "reason": self.reason,
        }


@dataclass(frozen=True)
class ConsonantMeasures:
    """Final-consonant decisions for one recording.

    Attributes
    ----------
    words : tuple of ConsonantDecision
        Every consonant-final word, in transcript order.
    articulated_share : float
        articulated / (articulated + clipped), 0..1; uncertain words are left out
        (1.0 when nothing was decided).
    n_uncertain : int
        Number of words decided "uncertain".
    telephone_band : bool
        The audio came through a phone line (8 kHz or less, or nothing above 4 kHz):
        only nasal endings (m, n, ng) are judged there, so the share is theirs.
    """

    words: tuple[ConsonantDecision, ...]
    articulated_share: float
    n_uncertain: int
    telephone_band: bool = False

    @property
    def clipped(self) -> tuple[ConsonantDecision, ...]:
        """The words whose final consonant was not heard, in time order."""
        return tuple(d for d in self.words if d.decision == "clipped")

    @property
    def n_articulated(self) -> int:
        return sum(d.decision == "articulated" for d in self.words)

    def to_dict(self) -> dict:
        return {
            "articulated_share": round(self.articulated_share, 4),
            "n_words": len(self.words), "n_articulated": self.n_articulated,
            "n_clipped": len(self.clipped), "n_uncertain": self.n_uncertain,
            "telephone_band": self.telephone_band,
            "clipped": [{"word": d.word, "start_s": round(d.start_s, 3),
                         "consonant_start_s": round(d.consonant_start_s, 3)}
                        for d in self.clipped],
            "words": [d.to_dict() for d in self.words],
        }

    @classmethod
    def from_decisions(cls, decisions: list[ConsonantDecision], *, telephone_band: bool = False
                       ) -> ConsonantMeasures:
        n_art = sum(d.decision == "articulated" for d in decisions)
        n_clip = sum(d.decision == "clipped" for d in decisions)
        share = n_art / (n_art + n_clip) if n_art + n_clip else 1.0
        n_unc = sum(d.decision == "uncertain" for d in decisions)
        return cls(tuple(decisions), share, n_unc, telephone_band)


def aligners():
    """A new phone-level aligner and a new coarse one, for one recording.

    A decoder adapts its cepstral mean normalization to what it aligns, so decoders
    are never shared between recordings (a result must not depend on the recording
    before it), nor between threads (a decoder is not thread-safe). Creating one
    costs about 10 ms.
    """
    from voicecoach.measures.consonants.align import PhoneAligner

    return PhoneAligner(), PhoneAligner(coarse=True)


def measure_consonants(audio: Audio, transcript: Transcript) -> ConsonantMeasures:
    """Decide, for every consonant-final word, whether its final consonant was said.

    Parameters
    ----------
    audio : Audio
        The recording (16 kHz mono float32).
    transcript : Transcript
        Its words with times (Whisper's), grouped in sentences.

    Returns
    -------
    ConsonantMeasures
        One :class:`ConsonantDecision` per consonant-final word.

    Raises
    ------
    ImportError
        If pocketsphinx (the aligner and its dictionary) is not installed.
    """
    require_pocketsphinx()
    from voicecoach.measures.consonants.cues import frame_features
    from voicecoach.measures.consonants.evidence import collect_evidence

    if not transcript.words:
        return ConsonantMeasures((), 1.0, 0)
    ff = frame_features(audio.samples, audio.sr)
    evidence, baseline = collect_evidence(audio.samples, audio.sr, transcript, ff, *aligners())
    return decide_measures(evidence, baseline, audio)


def require_pocketsphinx() -> None:
    """Raise ImportError, saying how to fix it, when pocketsphinx is not installed."""
    import importlib.util

    if importlib.util.find_spec("pocketsphinx") is None:
        raise ImportError("the final-consonant analysis needs pocketsphinx: "
                          "pip install pocketsphinx")


def decide_measures(evidence, baseline, audio: Audio) -> ConsonantMeasures:
    """The decisions on all words from their evidence and the speaker's baseline material."""
    from voicecoach.measures.consonants.decide import decide_all

    telephone = audio.telephone_band
    return ConsonantMeasures.from_decisions(decide_all(evidence, baseline, telephone=telephone),
                                            telephone_band=telephone)
