"""From measures to findings: value, target, verdict, where, and a tip for the next take."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from voicecoach.assess.targets import Targets
from voicecoach.measures import Measures
from voicecoach.transcript import normalize_word

__all__ = ["Finding", "Assessment", "assess", "judge", "finding", "ON_TARGET", "CLOSE",
           "NEEDS_WORK"]

ON_TARGET, CLOSE, NEEDS_WORK = "on target", "close", "needs work"


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
        The measured value, in ``unit``.
    unit : str
    target : str
        The target in words, e.g. "120-150 wpm".
    verdict : str
        "on target", "close" or "needs work".
    score : float
        0..1; 1 on target, falling linearly to 0 at twice the "close" distance.
    where : tuple of (start_s, end_s)
        Where in the recording it happens.
    tip : str
        One concrete thing to do in the next take.
    group : str
        The score group it counts in (pace, pauses, questions, pitch, consonants).
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

    def to_dict(self) -> dict:
        return {
            "key": self.key, "guideline": self.guideline, "measured": round(self.measured, 3),
            "unit": self.unit, "target": self.target, "verdict": self.verdict,
            "score": round(self.score, 3),
            "where": [{"start_s": round(a, 3), "end_s": round(b, 3)} for a, b in self.where],
            "tip": self.tip, "group": self.group, "detail": self.detail,
        }


@dataclass(frozen=True)
class Assessment:
    """All findings, the 0-100 score and the three things to change next take."""

    findings: tuple[Finding, ...]
    score: int
    group_scores: dict[str, float] = field(default_factory=dict)

    @property
    def next_steps(self) -> tuple[Finding, ...]:
        """Up to three findings to work on, worst first, one per guideline group before a
        second from the same group (on-target ones never listed)."""
        todo = sorted((f for f in self.findings if f.verdict != ON_TARGET), key=lambda f: f.score)
        firsts: dict[str, Finding] = {}
        for f in todo:
            firsts.setdefault(f.group, f)
        picked = list(firsts.values())[:3]
        picked += [f for f in todo if f not in picked][: 3 - len(picked)]
        return tuple(sorted(picked, key=lambda f: f.score))


def judge(value: float, lo: float, hi: float, close: float) -> tuple[str, float]:
    """Verdict and score (0..1) of ``value`` against the band [lo, hi].

    Within ``close`` (same unit as ``value``) of the band is "close"; the score falls
    linearly from 1 at the band's edge to 0 at twice ``close`` from it.
    """
    distance = max(lo - value, value - hi, 0.0)
    if distance == 0.0:
        return ON_TARGET, 1.0
    score = float(np.clip(1.0 - distance / (2.0 * close), 0.0, 1.0)) if close > 0 else 0.0
    return (CLOSE if distance <= close else NEEDS_WORK), score


def finding(key, guideline, value, unit, target, judged, where, tip, group, detail="") -> Finding:
    """A :class:`Finding` from a :func:`judge` result (the tip is kept only when off target)."""
    verdict, score = judged
    return Finding(key, guideline, float(value), unit, target, verdict, score, tuple(where),
                   tip if verdict != ON_TARGET else "Keep it as it is.", group, detail)


def _pace(m: Measures, t: Targets) -> list[Finding]:
    p, tp = m.pace, t.pace
    if p.n_words == 0:
        return []
    span = [(p.span_start_s, p.span_end_s)]
    slow = p.rate_wpm < tp.rate_wpm_min
    aim = f"{(tp.rate_wpm_min + tp.rate_wpm_max) / 2:.0f}"
    tip = (f"Pick up the pace a little (about {aim} words per minute); keep the pauses, "
           "don't drag the words." if slow else
           f"Slow down: aim for about {aim} words per minute and let each full stop land.")
    label = ("rushed" if p.rate_wpm > max(tp.rushed_wpm, tp.rate_wpm_max) else
             "dragging" if p.rate_wpm < min(tp.dragging_wpm, tp.rate_wpm_min) else "")
    waits = f" (waits after questions, {p.waiting_s:.1f} s, left out)" if p.waiting_s else ""
    out = [finding("pace.rate", "Speak at a calm pace", p.rate_wpm, "wpm",
                   f"{tp.rate_wpm_min:.0f}-{tp.rate_wpm_max:.0f} wpm",
                   judge(p.rate_wpm, tp.rate_wpm_min, tp.rate_wpm_max, tp.close_wpm), span, tip,
                   "pace", "; ".join(x for x in (
                       f"{p.n_words} words in {p.speaking_s:.1f} s{waits}", label,
                       f"articulation {p.articulation_sps:.1f} syllables/s") if x))]
    if p.first_sentence_wpm > 0:
        first_slow = p.first_sentence_wpm < tp.rate_wpm_min
        out.append(finding("pace.first_sentence", "Open calmly: the first sentence matters most",
                           p.first_sentence_wpm, "wpm",
                           f"{tp.rate_wpm_min:.0f}-{tp.rate_wpm_max:.0f} wpm",
                           judge(p.first_sentence_wpm, tp.rate_wpm_min, tp.rate_wpm_max,
                                 tp.close_wpm),
                           [(p.first_sentence_start_s, p.first_sentence_end_s)],
                           "Say your greeting and name at an even, unhurried pace."
                           if first_slow else
                           "Say your greeting and name slowly; it sets the tone of the call.",
                           "pace"))
    return out


def _pauses(m: Measures, t: Targets) -> list[Finding]:
    pm, tp = m.pauses, t.pauses
    if m.pace.n_words == 0:
        return []
    run = pm.longest_run
    out = [
        finding("pauses.per_min", "Pause more often", pm.per_min, "per min",
                f">= {tp.per_min_min:.0f} per min",
                judge(pm.per_min, tp.per_min_min, np.inf, tp.close_per_min),
                [(p.start_s, p.end_s) for p in pm.pauses],
                "Pause for a breath after every phrase: after your name, the company, the amount.",
                "pauses",
                f"{pm.count} pause{'' if pm.count == 1 else 's'}, mean {pm.mean_s:.2f} s, "
                f"longest {pm.longest_s:.2f} s"),
        finding("pauses.words_between", "Speak in short phrases", pm.mean_words_between, "words",
                f"{tp.words_between_min:.0f}-{tp.words_between_max:.0f} words",
                judge(pm.mean_words_between, tp.words_between_min, tp.words_between_max,
                      tp.close_words), [],
                "Break long sentences into phrases of 5 to 12 words with a short pause between.",
                "pauses"),
    ]
    # Judged on words and on seconds (with the same relative tolerance); the worse counts.
    close_s = tp.close_words * tp.longest_run_s_max / max(tp.longest_run_words_max, 1)
    judged = min(judge(run.n_words, 0, tp.longest_run_words_max, tp.close_words),
                 judge(run.duration_s, 0, tp.longest_run_s_max, close_s), key=lambda j: j[1])
    out.append(finding("pauses.longest_run", "No long stretches without a pause", run.n_words,
                       "words", f"<= {tp.longest_run_words_max} words and <= "
                       f"{tp.longest_run_s_max:.0f} s", judged, [(run.start_s, run.end_s)],
                       f"Put a pause into the stretch at {run.start_s:.1f}-{run.end_s:.1f} s.",
                       "pauses", f"longest run {run.n_words} words in {run.duration_s:.1f} s"))
    return out


def _questions(m: Measures, t: Targets) -> list[Finding]:
    tq = t.questions
    out = []
    for q in m.questions.questions:
        if q.to_end_of_file and q.gap_s >= tq.gap_s_min:
            judged = (ON_TARGET, 1.0)
        else:
            judged = judge(q.gap_s, tq.gap_s_min, tq.dead_air_s, tq.close_gap_s)
        if q.to_end_of_file and q.gap_s < tq.gap_s_min:
            tip = "After your last question, stay silent for 4-5 s before you stop recording."
            note = "the recording ended"
        elif q.gap_s < tq.rushed_gap_s:
            tip = "After the question, stop and count slowly to five before saying anything."
            note = "rushed in"
        elif q.gap_s > tq.dead_air_s and not q.to_end_of_file:
            tip = "A shorter wait is fine: after about five seconds, gently prompt."
            note = "may read as dead air"
        else:
            tip = "Wait a little longer: 4-5 seconds lets the customer fill the silence."
            note = "silent until the recording ended" if q.to_end_of_file else ""
        out.append(finding(f"questions.gap.{q.sentence_index}", "Wait after your question",
                           q.gap_s, "s", f">= {tq.gap_s_min:g} s (ideal {tq.gap_s_ideal_min:g}-"
                           f"{tq.gap_s_ideal_max:g} s)", judged,
                           [(q.end_s, q.end_s + q.gap_s)], tip, "questions",
                           f'"{q.text}"' + (f"; {note}" if note else "")))
    return out


def _pitch(m: Measures, t: Targets) -> list[Finding]:
    pm, tp = m.pitch, t.pitch
    if pm is None or pm.voiced_share <= 0:
        return []
    out = [finding("pitch.variation", "Not monotone: let your pitch move", pm.variation_st, "st",
                   f">= {tp.variation_st_min:.1f} st",
                   judge(pm.variation_st, tp.variation_st_min, np.inf, tp.close_variation_st),
                   [], "Stress the key words (your name, the amount, the date) with a clear pitch "
                   "step.",
                   "pitch", f"median {pm.median_f0_hz:.0f} Hz, {pm.median_above_floor_st:.1f} st "
                   f"above your floor, range {pm.range_st:.1f} st")]
    statements = [c for c in pm.contours if not c.is_question and c.contour != "unknown"]
    if statements:
        rising = [c for c in statements if c.contour == "rise"]
        share = 1.0 - len(rising) / len(statements)
        out.append(finding("pitch.statement_endings", "End statements falling, not rising",
                           share, "share", f">= {tp.falling_statements_min:.0%} falling or level",
                           judge(share, tp.falling_statements_min, 1.0, tp.close_falling_share),
                           [(max(0.0, c.end_s - 0.5), c.end_s) for c in rising],
                           "Let your voice drop at the end of statements; a rise sounds unsure.",
                           "pitch", f"{len(rising)} of {len(statements)} statements end rising"))
    if m.baseline_f0_hz:
        delta_st = 12.0 * np.log2(pm.median_f0_hz / m.baseline_f0_hz)
        out.append(finding("pitch.lower", "Use a lower voice", delta_st, "st vs baseline",
                           "<= 0 st vs your baseline take",
                           judge(delta_st, -np.inf, 0.0, tp.baseline_close_st), [],
                           "Relax your throat and speak from your chest, at your baseline's pitch.",
                           "pitch", f"median {pm.median_f0_hz:.0f} Hz vs baseline "
                           f"{m.baseline_f0_hz:.0f} Hz"))
    return out


def _consonants(m: Measures, t: Targets) -> list[Finding]:
    cm, tc = m.consonants, t.consonants
    if cm is None or not cm.words or len(cm.words) == cm.n_uncertain:
        return []  # nothing judged
    clipped = cm.clipped
    names = ", ".join(f'"{normalize_word(c.word)}" ({c.start_s:.1f} s)' for c in clipped[:8])
    return [finding("consonants.articulated", "Pronounce the final consonants",
                    cm.articulated_share, "share", f">= {tc.articulated_share_min:.0%} articulated",
                    judge(cm.articulated_share, tc.articulated_share_min, 1.0, tc.close_share),
                    [(c.consonant_start_s, c.consonant_end_s) for c in clipped],
                    "Finish each word: land the last sound of " + (names or "every word") + ".",
                    "consonants", (f"clipped: {names}" if names else "none clipped")
                    + f"; {cm.n_articulated + len(clipped)} of {len(cm.words)} consonant-final "
                    + ("words judged: through a phone line only m, n and ng endings can be"
                       if cm.telephone_band else
                       f"words judged, {cm.n_uncertain} too unclear to judge"))]


def assess(measures: Measures, targets: Targets) -> Assessment:
    """Judge ``measures`` against ``targets``.

    The score is the weighted mean, over the guideline groups that were measured, of
    each group's mean finding score, times 100 (weights in the targets' [score] table).
    """
    findings: list[Finding] = []
    for part in (_pace, _pauses, _questions, _pitch, _consonants):
        findings += part(measures, targets)
    weights = vars(targets.score)
    groups: dict[str, list[float]] = {}
    for f in findings:
        groups.setdefault(f.group, []).append(f.score)
    group_scores = {g: float(np.mean(s)) for g, s in groups.items()}
    total_w = sum(weights[g] for g in group_scores)
    score = sum(weights[g] * s for g, s in group_scores.items()) / total_w if total_w else 0.0
    return Assessment(tuple(findings), int(round(100 * score)), group_scores)
