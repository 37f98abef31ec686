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
    _floor_s,
    _pitch,
    _questions,
    conclude,
    finding,
    judge,
    lacking,
    not_judged,
)
from voicecoach.assess.content import content_findings
from voicecoach.assess.targets import Targets
from voicecoach.i18n import catalog
from voicecoach.i18n import t as _t
from voicecoach.measures import Measures
from voicecoach.measures.language import profile_for

__all__ = ["assess_language", "not_measured", "language_label"]


def not_measured(name: str, why: str = "") -> str:
    """The reason of a finding a language does not allow: "not measured for Korean (...)"."""
    return _t("why.not_measured_because", language=name, why=why) if why else \
        _t("why.not_measured", language=name)


def language_label(code: str, name: str) -> str:
    """The language's name, written in the report's language where the catalogs have it."""
    return _t(f"language.{code}") if f"language.{code}" in catalog("en") else name


def _pace(m: Measures, t: Targets, name: str) -> list[Finding]:
    p, tp, te = m.pace, t.pace, t.evidence
    out: list[Finding] = []
    band = _t("target.sps_band", lo=tp.articulation_sps_min, hi=tp.articulation_sps_max)
    counted = (_t("detail.syllables.signal") if p.syllables_from == "signal"
               else _t("detail.syllables.spelling"))
    why = lacking((p.n_syllables, te.pace_min_syllables, "syllables"),
                  (p.phonation_s, te.pace_min_speech_s, "s of speech"))
    slow = p.articulation_sps < tp.articulation_sps_min
    tip = _t("tip.pace.faster_syllables") if slow else _t("tip.pace.slower_syllables")
    detail = _t("detail.pace.syllables", n_syllables=p.n_syllables, counted=counted,
                phonation_s=p.phonation_s, rate_sps=p.rate_sps)
    calm = _t("guideline.pace.rate")
    out.append(not_judged("pace.articulation", calm, "pace", why,
                          unit="syllables/s", target=band, measured=p.articulation_sps)
               if why else
               finding("pace.articulation", calm, p.articulation_sps,
                       "syllables/s", band,
                       judge(p.articulation_sps, tp.articulation_sps_min,
                             tp.articulation_sps_max, tp.close_sps),
                       [(p.span_start_s, p.span_end_s)], tip, "pace", detail))
    words = (_t("why.no_words") if not m.transcribed else
             _t("why.pace_in_syllables") if p.syllables_from == "transcript" else
             _t("why.words_not_counted"))
    out.append(not_judged("pace.rate", _t("guideline.pace.words_per_minute"), "pace",
                          not_measured(name, words), unit="wpm"))
    return out


def _pauses(m: Measures, t: Targets, name: str) -> list[Finding]:
    pm, tp, te = m.pauses, t.pauses, t.evidence
    if m.pace.span_s <= 0:
        return []
    target = _t("target.per_min_at_least", n=tp.per_min_min)
    why = lacking((m.pace.span_s, te.pauses_min_span_s, "s of speech"))
    more = _t("guideline.pauses.per_min")
    out = [not_judged("pauses.per_min", more, "pauses", why, unit="per min",
                      target=target, measured=pm.per_min) if why else
           finding("pauses.per_min", more, pm.per_min, "per min", target,
                   judge(pm.per_min, tp.per_min_min, np.inf, tp.close_per_min),
                   [(p.start_s, p.end_s) for p in pm.pauses],
                   _t("tip.pauses.breathe"), "pauses",
                   _t("detail.pauses.summary", count=pm.count, mean_s=pm.mean_s,
                      longest_s=pm.longest_s))]
    out.append(not_judged("pauses.words_between", _t("guideline.pauses.words_between"),
                          "pauses", not_measured(name, _t("why.phrase_in_words")),
                          unit="words"))
    run = max(pm.runs, key=lambda r: r.duration_s, default=None)
    if run is None:
        return out
    limit = _t("target.longest_stretch_s", seconds=tp.longest_run_s_max)
    stretch = _t("guideline.pauses.longest_run")
    close_s = tp.close_words * tp.longest_run_s_max / max(tp.longest_run_words_max, 1)
    if len(pm.runs) < te.phrases_min_runs and run.duration_s < tp.longest_run_s_max:
        out.append(not_judged("pauses.longest_run", stretch, "pauses",
                              _t("why.one_phrase", seconds=_floor_s(run.duration_s),
                                 least_runs=te.phrases_min_runs),
                              unit="s", target=limit, measured=run.duration_s))
        return out
    out.append(finding("pauses.longest_run", stretch,
                       run.duration_s, "s", limit,
                       judge(run.duration_s, 0, tp.longest_run_s_max, close_s),
                       [(run.start_s, run.end_s)],
                       _t("tip.pauses.break_run", start_s=run.start_s, end_s=run.end_s),
                       "pauses", _t("detail.pauses.longest_stretch", seconds=run.duration_s)))
    return out


def _questions_or_why(m: Measures, t: Targets, name: str) -> list[Finding]:
    if m.transcribed:
        return _questions(m, t)
    return [not_judged("questions.gap", _t("guideline.questions.gap"), "questions",
                       _t("why.questions_no_words", language=name), unit="s")]


def too_short(m: Measures, t: Targets) -> str:
    """One line saying the take is too short to score, or ""."""
    p, te = m.pace, t.evidence
    if p.n_syllables >= te.score_min_syllables and p.phonation_s >= te.score_min_speech_s:
        return ""
    return _t("too_short.syllables", n_syllables=p.n_syllables,
              speech_s=_floor_s(max(p.phonation_s, 0.0)),
              least_syllables=te.score_min_syllables, least_s=_floor_s(te.score_min_speech_s))


def assess_language(measures: Measures, targets: Targets) -> Assessment:
    """Judge a take in a language other than English (rules in the module docstring)."""
    profile = profile_for(measures.language)
    name = language_label(profile.code, profile.name)
    findings = (_pace(measures, targets, name) + _pauses(measures, targets, name)
                + _questions_or_why(measures, targets, name) + _pitch(measures, targets))
    if not profile.consonants:
        findings.append(not_judged("consonants.articulated",
                                   _t("guideline.consonants.articulated"), "consonants",
                                   not_measured(name, _t("why.english_measure"))))
    findings += content_findings(measures.content, targets)
    return conclude(findings, measures, targets, short=too_short(measures, targets))
