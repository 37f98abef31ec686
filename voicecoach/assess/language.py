"""Findings for a take in a language other than English.

The language-independent guidelines are judged as for English: pauses, the silence
after each question, pitch. Pace is the articulation rate in syllables per second
(counted from the spelling where the language's spelling tells, else as nuclei in the
signal), against per-language targets. What needs the words of a language without a
word count, and final consonants (an English measure), is reported as "not measured for
<language>" with the reason: such a finding is not judged and stays out of the score.
"""

from __future__ import annotations

import numpy as np

from voicecoach.assess.assess import (
    Assessment,
    Finding,
    _amount,
    _pitch,
    _questions,
    conclude,
    finding,
    judge,
    lacking,
    not_judged,
)
from voicecoach.assess.targets import Targets
from voicecoach.measures import Measures
from voicecoach.measures.language import profile_for

__all__ = ["assess_language", "not_measured"]


def not_measured(name: str, why: str = "") -> str:
    """The reason of a finding a language does not allow: "not measured for Korean (...)"."""
    return f"not measured for {name}" + (f" ({why})" if why else "")


def _pace(m: Measures, t: Targets, name: str) -> list[Finding]:
    p, tp, te = m.pace, t.pace, t.evidence
    out: list[Finding] = []
    band = f"{tp.articulation_sps_min:.1f}-{tp.articulation_sps_max:.1f} syllables/s"
    counted = ("counted in the signal" if p.syllables_from == "signal"
               else "from the spelling")
    why = lacking((p.n_syllables, te.pace_min_syllables, "syllables"),
                  (p.phonation_s, te.pace_min_speech_s, "s of speech"))
    slow = p.articulation_sps < tp.articulation_sps_min
    tip = ("Pick up the pace a little; keep the pauses, don't stretch the syllables." if slow
           else "Slow down: say each syllable fully and let each full stop land.")
    detail = (f"{p.n_syllables} syllables ({counted}) in {p.phonation_s:.1f} s of speech, "
              f"pauses left out; {p.rate_sps:.1f} syllables/s with the pauses")
    out.append(not_judged("pace.articulation", "Speak at a calm pace", "pace", why,
                          unit="syllables/s", target=band, measured=p.articulation_sps)
               if why else
               finding("pace.articulation", "Speak at a calm pace", p.articulation_sps,
                       "syllables/s", band,
                       judge(p.articulation_sps, tp.articulation_sps_min,
                             tp.articulation_sps_max, tp.close_sps),
                       [(p.span_start_s, p.span_end_s)], tip, "pace", detail))
    words = "no words were recognized" if not m.transcribed else \
        "its written words are not counted as words"
    out.append(not_judged("pace.rate", "Words per minute", "pace", not_measured(name, words),
                          unit="wpm"))
    return out


def _pauses(m: Measures, t: Targets, name: str) -> list[Finding]:
    pm, tp, te = m.pauses, t.pauses, t.evidence
    if m.pace.span_s <= 0:
        return []
    target = f">= {tp.per_min_min:.0f} per min"
    why = lacking((m.pace.span_s, te.pauses_min_span_s, "s of speech"))
    out = [not_judged("pauses.per_min", "Pause more often", "pauses", why, unit="per min",
                      target=target, measured=pm.per_min) if why else
           finding("pauses.per_min", "Pause more often", pm.per_min, "per min", target,
                   judge(pm.per_min, tp.per_min_min, np.inf, tp.close_per_min),
                   [(p.start_s, p.end_s) for p in pm.pauses],
                   "Pause for a breath after every phrase: after your name, the company, the "
                   "amount.", "pauses",
                   f"{pm.count} pause{'' if pm.count == 1 else 's'}, mean {pm.mean_s:.2f} s, "
                   f"longest {pm.longest_s:.2f} s")]
    out.append(not_judged("pauses.words_between", "Speak in short phrases", "pauses",
                          not_measured(name, "a phrase's length is counted in words"),
                          unit="words"))
    run = max(pm.runs, key=lambda r: r.duration_s, default=None)
    if run is None:
        return out
    limit = f"<= {tp.longest_run_s_max:.0f} s"
    close_s = tp.close_words * tp.longest_run_s_max / max(tp.longest_run_words_max, 1)
    if len(pm.runs) < te.phrases_min_runs and run.duration_s < tp.longest_run_s_max:
        out.append(not_judged("pauses.longest_run", "No long stretches without a pause",
                              "pauses", f"not enough speech to judge (one phrase of "
                              f"{_amount(run.duration_s, 's')}; {te.phrases_min_runs} phrases "
                              "needed)", unit="s", target=limit, measured=run.duration_s))
        return out
    out.append(finding("pauses.longest_run", "No long stretches without a pause",
                       run.duration_s, "s", limit,
                       judge(run.duration_s, 0, tp.longest_run_s_max, close_s),
                       [(run.start_s, run.end_s)],
                       f"Put a pause into the stretch at {run.start_s:.1f}-{run.end_s:.1f} s.",
                       "pauses", f"longest stretch without a pause {run.duration_s:.1f} s"))
    return out


def _questions_or_why(m: Measures, t: Targets, name: str) -> list[Finding]:
    if m.transcribed:
        return _questions(m, t)
    return [not_judged("questions.gap", "Wait after your question", "questions",
                       f"not measured: no words were recognized in {name}, and a question "
                       "is found from its words", unit="s")]


def too_short(m: Measures, t: Targets) -> str:
    """One line saying the take is too short to score, or ""."""
    p, te = m.pace, t.evidence
    if p.n_syllables >= te.score_min_syllables and p.phonation_s >= te.score_min_speech_s:
        return ""
    return (f"Too short to score: {p.n_syllables} syllable{'' if p.n_syllables == 1 else 's'} "
            f"in {_amount(max(p.phonation_s, 0.0), 's')} of speech; a score needs at least "
            f"{te.score_min_syllables} syllables and {_amount(te.score_min_speech_s, 's')}.")


def assess_language(measures: Measures, targets: Targets) -> Assessment:
    """Judge a take in a language other than English (rules in the module docstring)."""
    profile = profile_for(measures.language)
    name = profile.name
    findings = (_pace(measures, targets, name) + _pauses(measures, targets, name)
                + _questions_or_why(measures, targets, name) + _pitch(measures, targets))
    if not profile.consonants:
        findings.append(not_judged("consonants.articulated", "Pronounce the final consonants",
                                   "consonants", not_measured(name, "an English measure until "
                                                              "there is evidence for more")))
    return conclude(findings, measures, targets, short=too_short(measures, targets))
