"""From measures to findings: value, target, verdict, where, and a tip for the next take."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from voicecoach.assess.targets import Targets
from voicecoach.assess.voices import (
    RETAKE_ONE_VOICE,
    WITHHELD_TWO_VOICES,
    two_voices,
)
from voicecoach.i18n import joined
from voicecoach.i18n import t as _t
from voicecoach.measures import Measures
from voicecoach.measures.activity import NOISY_BELOW_DB
from voicecoach.transcript import normalize_word

__all__ = ["Finding", "Assessment", "assess", "judge", "finding", "not_judged", "scored",
           "lacking", "withhold", "filled_pauses", "room_echo", "noisy", "conclude", "ON_TARGET",
           "CLOSE", "NEEDS_WORK", "NOT_JUDGED", "RETAKE_LONGER", "RETAKE_QUIETER",
           "RETAKE_CLOSER", "RETAKE_LESS_NOISE"]

ON_TARGET, CLOSE, NEEDS_WORK = "on target", "close", "needs work"
NOT_JUDGED = "not judged"
"""The verdict of a finding withheld for want of evidence: no score, the reason in detail."""
CUT_OFF_S = 0.5  # a sentence without a final stop ending this close to the end was cut off
RETAKE_LONGER = _t("retake.longer")
RETAKE_QUIETER = _t("retake.quieter")
RETAKE_CLOSER = _t("retake.closer")
RETAKE_LESS_NOISE = _t("retake.less_noise")
WITHHELD_GROUPS = ("pace", "pauses", "questions", "pitch", "content")
"""The score groups whose findings rest on the pauses, on one voice, or on words heard
clearly: withheld when the recording holds two voices or cannot show the pauses (see
:func:`conclude`)."""


@dataclass(frozen=True)
class Finding:
    """One guideline judged on one recording.

    Attributes
    ----------
    key : str
        Stable identifier, e.g. "pace.rate".
    guideline : str
        The coaching guideline in plain words ("Speak at a calm pace").
    measured : float
        The measured value, in ``unit`` (NaN when a finding not judged has none).
    unit : str
    target : str
        The target in words, e.g. "120-150 wpm".
    verdict : str
        "on target", "close", "needs work", or "not judged" (too little evidence; the
        reason is in ``detail``).
    score : float
        0..1; 1 on target, falling linearly to 0 at twice the "close" distance; NaN when
        not judged (such a finding never counts in a score).
    where : tuple of (start_s, end_s)
        Where in the recording it happens.
    tip : str
        One concrete thing to do in the next take.

    The texts (guideline, target, tip, detail) are English; made with
    :func:`voicecoach.i18n.t` they also carry their catalog key and parameters, so a
    report can write them in the agent's language (a plain string shows as it is).
    group : str
        The score group it counts in (pace, pauses, questions, pitch, consonants).
    band : (lo, hi) or None
        The band ``measured`` was judged against, in ``unit`` (an open side is infinite);
        None when the verdict is not a distance from a band (a checklist step).
    """

    key: str
    guideline: str
    measured: float
    unit: str
    target: str
    verdict: str
    score: float
    where: tuple[tuple[float, float], ...]
    tip: str
    group: str
    detail: str = ""
    band: tuple[float, float] | None = None

    @property
    def judged(self) -> bool:
        """False when the finding was withheld for want of evidence."""
        return self.verdict != NOT_JUDGED

    def to_dict(self) -> dict:
        return {
            "key": self.key, "guideline": self.guideline, "measured": _finite(self.measured),
            "unit": self.unit, "target": self.target, "verdict": self.verdict,
            "score": _finite(self.score) if self.judged else None,
            "where": [{"start_s": round(a, 3), "end_s": round(b, 3)} for a, b in self.where],
            "tip": self.tip, "group": self.group, "detail": self.detail,
            "band": None if self.band is None else
            {"lo": _finite(self.band[0]), "hi": _finite(self.band[1])},
        }


def _finite(x: float) -> float | None:
    """``x`` rounded for JSON, or None when it is NaN or infinite."""
    return round(float(x), 3) if np.isfinite(x) else None


@dataclass(frozen=True)
class Assessment:
    """All findings, the 0-100 score and the three things to change next take.

    ``score`` is None when the take is too short to score, or nothing in it could be
    judged, or the recording cannot show what the score rests on; ``message`` then says
    so in one line and ``retake`` what to do differently ("record a longer take ...").
    """

    findings: tuple[Finding, ...]
    score: int | None
    group_scores: dict[str, float] = field(default_factory=dict)
    message: str = ""
    retake: str = RETAKE_LONGER

    @property
    def next_steps(self) -> tuple[Finding, ...]:
        """Up to three findings to work on, worst first, one per guideline group before a
        second from the same group (on-target and not-judged ones never listed)."""
        todo = sorted((f for f in self.findings if f.judged and f.verdict != ON_TARGET),
                      key=lambda f: f.score)
        firsts: dict[str, Finding] = {}
        for f in todo:
            firsts.setdefault(f.group, f)
        picked = list(firsts.values())[:3]
        picked += [f for f in todo if f not in picked][: 3 - len(picked)]
        return tuple(sorted(picked, key=lambda f: f.score))


class Judged(NamedTuple):
    """A :func:`judge` result: the verdict, the 0..1 score and the band judged against."""

    verdict: str
    score: float
    lo: float
    hi: float


def judge(value: float, lo: float, hi: float, close: float) -> Judged:
    """Verdict and score (0..1) of ``value`` against the band [lo, hi].

    Within ``close`` (same unit as ``value``) of the band is "close"; the score falls
    linearly from 1 at the band's edge to 0 at twice ``close`` from it.
    """
    distance = max(lo - value, value - hi, 0.0)
    if distance == 0.0:
        return Judged(ON_TARGET, 1.0, lo, hi)
    score = float(np.clip(1.0 - distance / (2.0 * close), 0.0, 1.0)) if close > 0 else 0.0
    return Judged(CLOSE if distance <= close else NEEDS_WORK, score, lo, hi)


def finding(key, guideline, value, unit, target, judged, where, tip, group, detail="", *,
            band: tuple[float, float] | None = None) -> Finding:
    """A :class:`Finding` from a :func:`judge` result (the tip is kept only when off target);
    the band is the judged one unless ``band`` names it (a plain (verdict, score) has none)."""
    verdict, score = judged[:2]
    if band is None and isinstance(judged, Judged):
        band = (judged.lo, judged.hi)
    return Finding(key, guideline, float(value), unit, target, verdict, score, tuple(where),
                   tip if verdict != ON_TARGET else _t("tip.keep"), group, detail, band)


def not_judged(key: str, guideline: str, group: str, reason: str, *, unit: str = "",
               target: str = "", measured: float = float("nan")) -> Finding:
    """A finding withheld for want of evidence: verdict "not judged", no score, no tip,
    ``reason`` (e.g. "not enough speech to judge (6 words, 20 needed)") in ``detail``."""
    return Finding(key, guideline, float(measured), unit, target, NOT_JUDGED, float("nan"), (),
                   "", group, reason)


def lacking(*needs: tuple[float, float, str]) -> str:
    """The reason a finding cannot be judged, or "" when the evidence suffices.

    Each need is ``(have, least, unit)``, every one to be met; the unit names what is
    counted first (``"words"``, ``"words judged"``) or is seconds (``"s of speech"``):
    ``lacking((6, 20, "words"))`` is "not enough speech to judge (6 words, 20 needed)".
    """
    short = [_need(have, least, unit) for have, least, unit in needs if have < least]
    return _t("why.not_enough", needs=joined(short)) if short else ""


_NEEDS = {"words": "need.words", "words judged": "need.words_judged",
          "syllables": "need.syllables", "statements with a clear ending": "need.statements",
          "s of speech": "need.speech_s", "s long": "need.long_s",
          "s of voiced speech": "need.voiced_s"}


def _need(have: float, least: float, unit: str) -> str:
    """One need of :func:`lacking` in words ("6 words, 20 needed")."""
    key = _NEEDS.get(unit)
    if key is None:  # a unit without a sentence of its own: English only
        return (f"{_amount(have, unit)}, {_amount(least, unit).split()[0]}"
                + (" s" if unit.split()[0] == "s" else "") + " needed")
    if unit.split()[0] == "s":
        return _t(key, have_s=_floor_s(have), least_s=_floor_s(least))
    return _t(key, have=int(np.floor(have)), least=int(np.floor(least)))


def _floor_s(x: float) -> float:
    """Seconds rounded down to a tenth, as people read them (6.98 s is not "7 s")."""
    return float(np.floor(x * 10) / 10)


def _amount(x: float, unit: str) -> str:
    """``x`` in ``unit`` as people read it, rounded down (6.98 s is not "7 s")."""
    first, *rest = unit.split()
    if first == "s":
        return " ".join([f"{np.floor(x * 10) / 10:.1f}".removesuffix(".0"), unit])
    n = int(np.floor(x))
    return " ".join([str(n), first.removesuffix("s") if n == 1 else first, *rest])


def _pace(m: Measures, t: Targets) -> list[Finding]:
    p, tp, te = m.pace, t.pace, t.evidence
    if p.n_words == 0:
        return []
    band = _t("target.wpm_band", lo=tp.rate_wpm_min, hi=tp.rate_wpm_max)
    span = [(p.span_start_s, p.span_end_s)]
    slow = p.rate_wpm < tp.rate_wpm_min
    aim = (tp.rate_wpm_min + tp.rate_wpm_max) / 2
    tip = _t("tip.pace.faster", aim_wpm=aim) if slow else _t("tip.pace.slower", aim_wpm=aim)
    label = (_t("detail.pace.rushed") if p.rate_wpm > max(tp.rushed_wpm, tp.rate_wpm_max) else
             _t("detail.pace.dragging") if p.rate_wpm < min(tp.dragging_wpm, tp.rate_wpm_min)
             else "")
    words_in = (_t("detail.pace.words_in_waits", n_words=p.n_words, speaking_s=p.speaking_s,
                  waiting_s=p.waiting_s) if p.waiting_s else
                _t("detail.pace.words_in", n_words=p.n_words, speaking_s=p.speaking_s))
    why = lacking((p.n_words, te.pace_min_words, "words"),
                  (p.speaking_s, te.pace_min_speech_s, "s of speech"))
    calm = _t("guideline.pace.rate")
    out = [not_judged("pace.rate", calm, "pace", why, unit="wpm", target=band,
                      measured=p.rate_wpm) if why else
           finding("pace.rate", calm, p.rate_wpm, "wpm", band,
                   judge(p.rate_wpm, tp.rate_wpm_min, tp.rate_wpm_max, tp.close_wpm), span, tip,
                   "pace", joined((words_in, label, _t("detail.pace.articulation",
                                                      sps=p.articulation_sps))))]
    if p.first_sentence_wpm > 0:
        first_s = p.first_sentence_end_s - p.first_sentence_start_s
        why = lacking((round(p.first_sentence_wpm * first_s / 60.0), te.first_sentence_min_words,
                       "words"), (first_s, te.first_sentence_min_s, "s long"))
        first_slow = p.first_sentence_wpm < tp.rate_wpm_min
        first = _t("guideline.pace.first_sentence")
        out.append(not_judged("pace.first_sentence", first, "pace", why, unit="wpm", target=band,
                              measured=p.first_sentence_wpm) if why else
                   finding("pace.first_sentence", first,
                           p.first_sentence_wpm, "wpm", band,
                           judge(p.first_sentence_wpm, tp.rate_wpm_min, tp.rate_wpm_max,
                                 tp.close_wpm),
                           [(p.first_sentence_start_s, p.first_sentence_end_s)],
                           _t("tip.pace.first_even") if first_slow else _t("tip.pace.first_slow"),
                           "pace"))
    return out


def _pauses(m: Measures, t: Targets) -> list[Finding]:
    pm, tp, te = m.pauses, t.pauses, t.evidence
    if m.pace.n_words == 0:
        return []
    run = pm.longest_run
    per_min_target = _t("target.per_min_at_least", n=tp.per_min_min)
    why = lacking((m.pace.span_s, te.pauses_min_span_s, "s of speech"))
    more = _t("guideline.pauses.per_min")
    out = [not_judged("pauses.per_min", more, "pauses", why, unit="per min",
                      target=per_min_target, measured=pm.per_min) if why else
           finding("pauses.per_min", more, pm.per_min, "per min", per_min_target,
                   judge(pm.per_min, tp.per_min_min, np.inf, tp.close_per_min),
                   [(p.start_s, p.end_s) for p in pm.pauses],
                   _t("tip.pauses.breathe"), "pauses",
                   _t("detail.pauses.summary", count=pm.count, mean_s=pm.mean_s,
                     longest_s=pm.longest_s))]
    between = _t("target.words_band", lo=tp.words_between_min, hi=tp.words_between_max)
    longest = _t("target.longest_run", words=tp.longest_run_words_max,
                seconds=tp.longest_run_s_max)
    short, stretch = _t("guideline.pauses.words_between"), _t("guideline.pauses.longest_run")
    n_words = m.pace.n_words
    if len(pm.runs) < te.phrases_min_runs and n_words < te.phrases_min_words:
        why = _t("why.phrases", n_words=n_words, least_words=te.phrases_min_words,
                least_runs=te.phrases_min_runs)
        return out + [not_judged("pauses.words_between", short, "pauses", why,
                                 unit="words", target=between, measured=pm.mean_words_between),
                      not_judged("pauses.longest_run", stretch,
                                 "pauses", why, unit="words", target=longest,
                                 measured=run.n_words)]
    out.append(finding("pauses.words_between", short, pm.mean_words_between,
                       "words", between,
                       judge(pm.mean_words_between, tp.words_between_min, tp.words_between_max,
                             tp.close_words), [],
                       _t("tip.pauses.phrases"), "pauses"))
    # Judged on words and on seconds (with the same relative tolerance); the worse counts.
    close_s = tp.close_words * tp.longest_run_s_max / max(tp.longest_run_words_max, 1)
    judged = min(judge(run.n_words, 0, tp.longest_run_words_max, tp.close_words),
                 judge(run.duration_s, 0, tp.longest_run_s_max, close_s), key=lambda j: j[1])
    out.append(finding("pauses.longest_run", stretch, run.n_words,
                       "words", longest, judged, [(run.start_s, run.end_s)],
                       _t("tip.pauses.break_run", start_s=run.start_s, end_s=run.end_s),
                       "pauses", _t("detail.pauses.longest_run", n_words=run.n_words,
                                   seconds=run.duration_s),
                       band=(0.0, float(tp.longest_run_words_max))))
    return out


def _questions(m: Measures, t: Targets) -> list[Finding]:
    tq = t.questions
    target = _t("target.question_gap", least_s=tq.gap_s_min, ideal_lo_s=tq.gap_s_ideal_min,
               ideal_hi_s=tq.gap_s_ideal_max)
    wait = _t("guideline.questions.gap")
    out = []
    for q in m.questions.questions:
        key, where = f"questions.gap.{q.sentence_index}", ((q.end_s, q.end_s + q.gap_s),)
        if q.to_end_of_file and q.gap_s < tq.gap_s_min:
            # The take stopped, not the speaker: the wait that would have followed is unknown.
            reason = _t("why.question_at_end", question=q.text, gap_s=q.gap_s)
            out.append(dataclasses.replace(
                not_judged(key, wait, "questions", reason, unit="s",
                           target=target, measured=q.gap_s), where=where))
            continue
        if q.to_end_of_file:
            judged = (ON_TARGET, 1.0)
        else:
            judged = judge(q.gap_s, tq.gap_s_min, tq.dead_air_s, tq.close_gap_s)
        if q.gap_s < tq.rushed_gap_s:
            tip = _t("tip.questions.count_five")
            note = _t("note.rushed_in")
        elif q.gap_s > tq.dead_air_s and not q.to_end_of_file:
            tip = _t("tip.questions.prompt")
            note = _t("note.dead_air")
        else:
            tip = _t("tip.questions.longer")
            note = _t("note.silent_to_end") if q.to_end_of_file else ""
        out.append(finding(key, wait, q.gap_s, "s", target, judged, where,
                           tip, "questions", _t("detail.question_note", question=q.text, note=note)
                           if note else _t("detail.question", question=q.text),
                           band=(tq.gap_s_min, tq.dead_air_s)))
    return out


def _pitch(m: Measures, t: Targets) -> list[Finding]:
    pm, tp, te = m.pitch, t.pitch, t.evidence
    if pm is None or pm.voiced_share <= 0:
        return []
    variation = ("pitch.variation", _t("guideline.pitch.variation"), "st",
                 _t("target.variation", st=tp.variation_st_min))
    endings = ("pitch.statement_endings", _t("guideline.pitch.statement_endings"), "share",
               _t("target.falling_share", share=tp.falling_statements_min))
    lower = ("pitch.lower", _t("guideline.pitch.lower"), "st vs baseline", _t("target.baseline"))
    unclear = pm.unclear_reason
    if unclear:  # the tracker could not tell the voice from the noise: nothing is judged
        kinds = (variation, endings, lower) if m.baseline_f0_hz else (variation, endings)
        return [not_judged(k, g, "pitch", unclear, unit=u, target=tg) for k, g, u, tg in kinds]
    voiced_s = pm.confident_voiced_s
    why = lacking((voiced_s, te.pitch_min_voiced_s, "s of voiced speech"))
    out = [not_judged(*variation[:2], "pitch", why, unit="st", target=variation[3],
                      measured=pm.variation_st) if why else
           finding(*variation[:2], pm.variation_st, *variation[2:],
                   judge(pm.variation_st, tp.variation_st_min, np.inf, tp.close_variation_st),
                   [], _t("tip.pitch.stress"),
                   "pitch", _t("detail.pitch.summary", f0_hz=pm.median_f0_hz,
                              above_st=pm.median_above_floor_st, range_st=pm.range_st))]
    asked = {q.sentence_index for q in m.questions.questions}  # a rising question is no uptalk
    statements = [c for c in pm.contours if not c.is_question and c.sentence_index not in asked
                  and c.contour != "unknown" and not _cut_off(c.text, c.end_s, m.duration_s)]
    if 0 < len(statements) < te.statements_min:
        out.append(not_judged(*endings[:2], "pitch", lacking(
            (len(statements), te.statements_min, "statements with a clear ending")),
            unit="share", target=endings[3]))
    elif statements:
        rising = [c for c in statements if c.contour == "rise"]
        share = 1.0 - len(rising) / len(statements)
        out.append(finding(*endings[:2], share, *endings[2:],
                           judge(share, tp.falling_statements_min, 1.0, tp.close_falling_share),
                           [(max(0.0, c.end_s - 0.5), c.end_s) for c in rising],
                           _t("tip.pitch.drop"), "pitch",
                           _t("detail.pitch.rising", rising=len(rising),
                             statements=len(statements))))
    if m.baseline_f0_hz:
        delta_st = 12.0 * np.log2(pm.median_f0_hz / m.baseline_f0_hz)
        out.append(not_judged(*lower[:2], "pitch", why, unit=lower[2], target=lower[3],
                              measured=delta_st) if why else
                   finding(*lower[:2], delta_st, *lower[2:],
                           judge(delta_st, -np.inf, 0.0, tp.baseline_close_st), [],
                           _t("tip.pitch.lower"), "pitch",
                           _t("detail.pitch.baseline", f0_hz=pm.median_f0_hz,
                             baseline_hz=m.baseline_f0_hz)))
    return out


def _cut_off(text: str, end_s: float, duration_s: float) -> bool:
    """True for a sentence the end of the recording cut short: it has no final stop and its
    last word ends within ``CUT_OFF_S`` of the end (its ending was never spoken)."""
    return not text.rstrip().endswith((".", "!", "?")) and end_s > duration_s - CUT_OFF_S


def _consonants(m: Measures, t: Targets) -> list[Finding]:
    cm, tc = m.consonants, t.consonants
    if cm is None or not cm.words or len(cm.words) == cm.n_uncertain:
        return []  # nothing judged
    clipped = cm.clipped
    n_judged = cm.n_articulated + len(clipped)
    target = _t("target.articulated_share", share=tc.articulated_share_min)
    why = lacking((n_judged, t.evidence.consonants_min_judged, "words judged"))
    if why and cm.telephone_band:
        why = joined((why, _t("why.phone_line")), ": ")
    guideline = _t("guideline.consonants.articulated")
    if why:
        return [not_judged("consonants.articulated", guideline,
                           "consonants", why, unit="share", target=target,
                           measured=cm.articulated_share)]
    names = joined((_t("detail.consonants.word", word=normalize_word(c.word), start_s=c.start_s)
                    for c in clipped[:8]), ", ")
    judged = (_t("detail.consonants.judged_phone", judged=n_judged, total=len(cm.words))
              if cm.telephone_band else
              _t("detail.consonants.judged", judged=n_judged, total=len(cm.words),
                 unclear=cm.n_uncertain))
    return [finding("consonants.articulated", guideline,
                    cm.articulated_share, "share", target,
                    judge(cm.articulated_share, tc.articulated_share_min, 1.0, tc.close_share),
                    [(c.consonant_start_s, c.consonant_end_s) for c in clipped],
                    _t("tip.consonants.words", words=names) if names else
                    _t("tip.consonants.every"), "consonants",
                    joined((_t("detail.consonants.clipped", words=names) if names else
                            _t("detail.consonants.none"), judged)))]


def scored(findings: Sequence[Finding], targets: Targets, *, message: str = "") -> Assessment:
    """The :class:`Assessment` of ``findings``: the weighted mean, over the score groups with
    a judged finding, of each group's mean finding score, times 100 (weights in the targets'
    [score] table; findings not judged are left out, so the weights renormalize over what
    was judged). With a ``message`` (the take is too short to score), or nothing judged,
    the score is None."""
    weights = vars(targets.score)
    groups: dict[str, list[float]] = {}
    for f in findings:
        if f.judged:
            groups.setdefault(f.group, []).append(f.score)
    group_scores = {g: float(np.mean(s)) for g, s in groups.items()}
    total_w = sum(weights.get(g, 0.0) for g in group_scores)
    if not message and not total_w:
        message = _t("too_short.nothing")
    if message:
        return Assessment(tuple(findings), None, group_scores, message)
    score = sum(weights.get(g, 0.0) * s for g, s in group_scores.items()) / total_w
    return Assessment(tuple(findings), int(round(100 * score)), group_scores)


def withhold(findings: Sequence[Finding], groups: Sequence[str], reason: str) -> list[Finding]:
    """``findings`` with each judged one in a score group of ``groups`` turned "not judged"
    for ``reason`` (its measured value and target kept)."""
    return [not_judged(f.key, f.guideline, f.group, reason, unit=f.unit, target=f.target,
                       measured=f.measured) if f.judged and f.group in groups else f
            for f in findings]


def filled_pauses(measures: Measures) -> str:
    """One line saying other voices fill the pauses between the words
    (``PauseMeasures.filled``),
    or "" when the pauses are silent enough to measure."""
    p = measures.pauses
    if not p.filled:
        return ""
    return _t("not_scored.filled", gaps_s=p.word_gaps_s, other_s=p.word_gaps_other_s,
              silent_s=p.word_gaps_silent_s)


def room_echo(measures: Measures) -> str:
    """One line saying the room's echo hides the pauses (``RoomEcho.echoing``), or ""."""
    room = measures.room
    if room is None or not room.echoing:
        return ""
    return _t("not_scored.room", rt60_s=room.rt60_s)


def noisy(measures: Measures) -> str:
    """One line saying the noise is nearly as loud as the speech (less than
    ``NOISY_BELOW_DB`` between them), or "" when the speech stands clear of it."""
    snr_db = measures.speech_over_floor_db
    if snr_db is None or snr_db >= NOISY_BELOW_DB:
        return ""
    return _t("not_scored.noisy", snr_db=snr_db, least_db=NOISY_BELOW_DB)


def conclude(findings: Sequence[Finding], measures: Measures, targets: Targets, *,
             short: str) -> Assessment:
    """The :class:`Assessment` of one speaker's ``findings``: not scored, the findings of
    ``WITHHELD_GROUPS`` withheld, when the recording seems to hold two voices
    (:func:`voicecoach.assess.voices.two_voices`) or cannot show the pauses (other voices
    fill them, the noise is nearly as loud as the speech, or the room's echo); not scored
    when ``short`` says the take is too short (:func:`too_short`); else :func:`scored`."""
    for message, reason, retake in (
            (two_voices(measures.voices), WITHHELD_TWO_VOICES, RETAKE_ONE_VOICE),
            (filled_pauses(measures), _t("why.filled"),
             RETAKE_QUIETER),
            (noisy(measures), _t("why.noisy"), RETAKE_LESS_NOISE),
            (room_echo(measures), _t("why.room"), RETAKE_CLOSER)):
        if message:
            withheld = withhold(findings, WITHHELD_GROUPS, reason)
            return dataclasses.replace(scored(withheld, targets, message=message),
                                       retake=retake)
    return scored(findings, targets, message=short)


def too_short(measures: Measures, targets: Targets) -> str:
    """One line saying the take is too short to score, or "" when it is long enough."""
    p, te = measures.pace, targets.evidence
    if p.n_words >= te.score_min_words and p.speaking_s >= te.score_min_speech_s:
        return ""
    return _t("too_short.words", n_words=p.n_words, speech_s=_floor_s(max(p.speaking_s, 0.0)),
             least_words=te.score_min_words, least_s=_floor_s(te.score_min_speech_s))


def assess(measures: Measures, targets: Targets) -> Assessment:
    """Judge ``measures`` against ``targets``; each finding below the evidence it needs
    (``targets.evidence``) is not judged, and a take below the score's own minimum gets
    findings but no score (see :func:`scored`)."""
    if measures.language != "en":
        from voicecoach.assess.language import assess_language

        return assess_language(measures, targets)
    from voicecoach.assess.content import content_findings

    findings: list[Finding] = []
    for part in (_pace, _pauses, _questions, _pitch, _consonants):
        findings += part(measures, targets)
    findings += content_findings(measures.content, targets)
    return conclude(findings, measures, targets, short=too_short(measures, targets))
