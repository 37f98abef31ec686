"""From evidence to a decision: articulated, clipped or uncertain.

Four pieces of evidence, each on a scale of about -3..3 (> 0 favours "said"):

- ``duration``: log of the aligned final consonant's length over the aligner's
  minimum (3 frames, 30 ms); a consonant that is not there gets squeezed to it;
- ``choice``: +1 when the aligner, free to pick the full or the shortened
  pronunciation of every word of the sentence, picked the full one, -1 if not;
- ``fit``: how well the consonant's model fits its frames compared with the
  rest of the word (per-frame score difference / 30);
- ``cue``: the class cue against the speaker's own baseline (see :func:`class_cue`).

Each of these is oriented so that larger means "said", and a fitted weight may
not turn that around (it is held at 0 instead). Three context terms let the
weighing depend on what follows the word: a pause, a vowel, and the duration
evidence before a pause (where a released consonant is longest). Five more terms
are the cues of a fixed 120 ms window from where the final consonant's aligned
span starts, each against the speaker's baseline (``tail_*``): they hold the
closure and release, or the fricative noise, even when the aligner squeezed or
misplaced the consonant's span, and their weights may take either sign.

They are weighed by a logistic model per consonant class (``WEIGHTS``); the
probability that the consonant was said is the confidence. Between the two
thresholds the word is "uncertain": it is never guessed. The weights and the
thresholds were chosen once on the development half of the synthetic ground truth
and are checked on the held-out half, and on each voice judged with weights fitted
on the other voices only (``benchmarks/consonant_truth.py``). Through a phone line
only nasal endings are judged, by their own weights (``TELEPHONE_WEIGHTS``), fitted
on telephone copies of the development sentences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from voicecoach.measures.consonants import ConsonantDecision
from voicecoach.measures.consonants.cues import Baseline
from voicecoach.measures.consonants.evidence import WordEvidence

__all__ = ["decide_all", "decide", "class_cue", "features", "FEATURES", "WEIGHTS",
           "TELEPHONE_WEIGHTS"]

MIN_BASELINE = 3          # consonants of a class needed for a speaker baseline
FEATURES = ("duration", "choice", "fit", "cue",
            "pause_after", "vowel_after", "duration_before_pause",
            "tail_level", "tail_high", "tail_low", "tail_burst", "tail_closure", "bias")
TAIL_CUES = ("level_db", "high_db", "low_db", "burst_db", "closure_db")
ORIENTED = 4  # the first four features must not get negative weights
# Fitted by benchmarks.consonant_truth.fit_weights() on the development sentences.
WEIGHTS: dict[str, tuple[float, ...]] = {
    "stop": (1.5, 0.72, 0.0, 0.0, 1.16, -0.12, -1.06, -0.42, 0.18, -0.02, 0.55, 0.2, 0.13),
    "fricative": (2.58, 0.76, 0.42, 0.0, 0.89, -0.62, 0.36, -0.84, -1.07, -1.16, -0.13, 0.17,
                  -1.66),
    "nasal": (1.57, 0.53, 0.86, 0.0, 0.5, -1.25, 1.2, -0.27, -0.25, -0.71, 0.43, -0.01, -1.53),
}
MODEL_OF_CLASS = {"stop": "stop", "fricative": "fricative", "affricate": "fricative",
                  "nasal": "nasal", "approximant": "nasal"}
# Chosen on the development sentences (benchmarks.consonant_truth --tradeoff --dev): the
# best balanced accuracy with at most 15 % uncertain and 5 % of intact words called
# clipped, ties going to fewer intact words called clipped.
SAID_ABOVE = 0.55         # probability said >= this: "articulated"
CLIPPED_BELOW = 0.325     # probability said <= this: "clipped"
CLUSTER_SAID_ABOVE = 0.4  # a /t d/ cluster site under this is "uncertain", never "clipped"
# Through a phone line (300-3400 Hz) the release bursts and hiss the stops and fricatives
# are judged by are gone, and the wide-band weights called a fifth of the words said in
# full clipped; the nasal murmur is in the band. So there only nasal endings are judged,
# by weights fitted on the telephone copies of the development sentences with the
# high-band cues left out (benchmarks.consonant_truth --fit --phone) and thresholds
# chosen on them by the same rule (--tradeoff --dev --phone).
TELEPHONE_WEIGHTS = (0.98, 0.94, 0.54, 0.38, 0.49, -0.8, -0.14, -0.16, 0.0, -0.17, 0.0, -0.03,
                     -0.24)
TELEPHONE_SAID_ABOVE = 0.5
TELEPHONE_CLIPPED_BELOW = 0.175
_CLASS_CUES = {
    # cue name and its sign: which direction means "the consonant is there"
    "stop": (("burst_db", 1.0), ("closure_db", -1.0), ("level_db", -1.0)),
    "affricate": (("high_db", 1.0), ("burst_db", 1.0)),
    "fricative": (("high_db", 1.0),),
    "nasal": (("low_db", 1.0), ("high_db", -1.0)),
    "approximant": (("low_db", 1.0),),
}


def class_cue(ev: WordEvidence, baseline: Baseline | None, *, telephone: bool = False) -> float:
    """The class cue of the final consonant in baseline spreads (> 0 = like the speaker's own).

    Stops: a release burst, a closure dip, a quiet span; fricatives: high-band
    noise; nasals: low-band murmur without hiss. On telephone audio the high band
    is gone, so cues that need it are left out.
    """
    if baseline is None or not ev.cues:
        return 0.0
    z = baseline.z(ev.cues)
    terms = [sign * z[name] for name, sign in _CLASS_CUES[ev.phone_class]
             if not (telephone and name in ("high_db", "burst_db"))]
    return float(np.clip(np.mean(terms), -3.0, 3.0)) if terms else 0.0


def tail_terms(ev: WordEvidence, baseline: Baseline | None, *, telephone: bool = False
               ) -> list[float]:
    """Each cue of the window after the phone before the final consonant, in baseline
    spreads of the speaker's consonants of that class (0 without a baseline, and for the
    high-band cues on telephone audio)."""
    if baseline is None or not ev.tail_cues:
        return [0.0] * len(TAIL_CUES)
    z = baseline.z(ev.tail_cues)
    return [0.0 if telephone and name in ("high_db", "burst_db")
            else float(np.clip(z[name], -3.0, 3.0)) for name in TAIL_CUES]


def features(ev: WordEvidence, baseline: Baseline | None, *, telephone: bool = False
             ) -> np.ndarray:
    """The evidence vector (see ``FEATURES``) of an aligned word."""
    dur_s = max(ev.consonant_end_s - ev.consonant_start_s, 0.03)
    duration = math.log(dur_s / 0.03) / math.log(2.0)
    choice = 0.0 if ev.chose_short is None else (-1.0 if ev.chose_short else 1.0)
    pause = float(ev.next_context == "pause")
    return np.array([
        duration,
        choice,
        float(np.clip((ev.fit_per_frame or 0.0) / 30.0, -3.0, 3.0)),
        class_cue(ev, baseline, telephone=telephone),
        pause,
        float(ev.next_context == "vowel"),
        duration * pause,
        *tail_terms(ev, baseline, telephone=telephone),
        1.0,
    ])


def probability_said(ev: WordEvidence, baseline: Baseline | None, *,
                     telephone: bool = False) -> float:
    """Probability, 0..1, that the final consonant was articulated (on telephone audio, by
    the telephone weights, which are for nasals)."""
    w = np.array(TELEPHONE_WEIGHTS if telephone else WEIGHTS[MODEL_OF_CLASS[ev.phone_class]])
    score = float(features(ev, baseline, telephone=telephone) @ w)
    return 1.0 / (1.0 + math.exp(-score))


def decide(ev: WordEvidence, baseline: Baseline | None, *, telephone: bool = False,
           said_above: float | None = None, clipped_below: float | None = None
           ) -> ConsonantDecision:
    """The decision on one word given its evidence and the speaker's class baseline.

    ``said_above`` and ``clipped_below`` are the probability thresholds of "articulated"
    and "clipped" (between them: "uncertain"); by default those chosen for wide-band or
    for telephone audio. On telephone audio only nasal endings are judged.
    """
    def out(decision: str, confidence: float, reason: str) -> ConsonantDecision:
        return ConsonantDecision(ev.word, ev.word_index, ev.start_s, ev.end_s, ev.final_phone,
                                 ev.phone_class, decision, round(confidence, 3),
                                 ev.consonant_start_s, ev.consonant_end_s, reason)

    if not ev.aligned:
        return out("uncertain", 0.0, "alignment failed")
    if telephone and ev.phone_class != "nasal":
        return out("uncertain", 0.5, "telephone band")
    if said_above is None:
        said_above = TELEPHONE_SAID_ABOVE if telephone else SAID_ABOVE
    if clipped_below is None:
        clipped_below = TELEPHONE_CLIPPED_BELOW if telephone else CLIPPED_BELOW
    p = probability_said(ev, baseline, telephone=telephone)
    if ev.cluster_site:
        if p < CLUSTER_SAID_ABOVE:
            return out("uncertain", 0.5, "cluster before consonant")
        return out("articulated", p, "consonant heard")
    if p >= said_above:
        return out("articulated", p * (0.8 if ev.pron.guessed else 1.0),
                   "pronunciation guessed" if ev.pron.guessed else "consonant heard")
    if p <= clipped_below:
        if ev.glottal_site:
            return out("uncertain", 0.5, "glottal /t/ before consonant")
        return out("clipped", (1.0 - p) * (0.8 if ev.pron.guessed else 1.0),
                   "pronunciation guessed" if ev.pron.guessed else "consonant missing")
    return out("uncertain", 0.5, "weak evidence")


def decide_all(evidence: Sequence[WordEvidence], material: Sequence[tuple[str, dict]], *,
               telephone: bool = False, **thresholds: float) -> list[ConsonantDecision]:
    """Decisions for all words; baselines come from the speaker's non-final consonants.

    ``thresholds`` (``said_above``, ``clipped_below``) are passed on to :func:`decide`.
    """
    return [decide(ev, b, telephone=telephone, **thresholds)
            for ev, b in zip(evidence, baselines_for(evidence, material))]


def baselines_for(evidence: Sequence[WordEvidence], material: Sequence[tuple[str, dict]]
                  ) -> list[Baseline | None]:
    """The speaker baseline of each word's consonant class (None with too few examples)."""
    baselines: dict[str, Baseline] = {}
    for cls in {ev.phone_class for ev in evidence}:
        cues = [c for k, c in material if k == cls]
        if len(cues) >= MIN_BASELINE:
            baselines[cls] = Baseline.from_cues(cues)
    return [baselines.get(ev.phone_class) for ev in evidence]
