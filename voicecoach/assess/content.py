"""Findings of what was said: one per checklist step, and one for the tone.

A step said is on target and said only in part (a due date mentioned without the date)
is close. A step not heard is not judged: on labeled openings spoken and transcribed
by the bundled model, 5-59 % of the steps not heard in clean takes had been said
(docs/accuracy.md), so "not heard" says so and quotes the better phrasing instead of
marking the step missing; an optional step not heard is "not in this take". The
absence of harsh wording needs a take of ``[content] min_words`` words whose words the
recognizer was sure of (median confidence ``min_word_p``), and, like a step, is not
judged over a phone line. The
customer's name, when the trainer gives it, is judged from its uses (see
:mod:`voicecoach.measures.names`); without it only a title with a name ("Mr. Blake")
shows it, so its absence is not judged.
"""

from __future__ import annotations

import re

from voicecoach.assess.assess import (
    CLOSE,
    NEEDS_WORK,
    ON_TARGET,
    Finding,
    finding,
    lacking,
    not_judged,
)
from voicecoach.assess.targets import Targets
from voicecoach.i18n import catalog, joined
from voicecoach.i18n import t as _t
from voicecoach.measures.content import (
    ABSENT,
    PARTIAL,
    PRESENT,
    Checklist,
    ContentMeasures,
    Step,
    StepCheck,
)
from voicecoach.measures.names import NameUses

__all__ = ["content_findings", "name_step"]

_PLACEHOLDER = re.compile(r"<(number|ordinal|amount|date|name)>")


def _guideline(step: Step) -> str:
    key = f"guideline.content.{step.name}"
    return step.label or (_t(key) if key in catalog("en") else step.name.replace("_", " "))


def _missing(check: StepCheck) -> str:
    """What a partly said step lacked, in words ("a date")."""
    parts = []
    for pattern in check.missing:
        names = _PLACEHOLDER.findall(pattern)
        parts += [_t(f"content.part.{n}") for n in names] if names else [pattern]
    if len(parts) == 2:
        return _t("content.part.pair", first=parts[0], second=parts[1])
    return joined(parts, ", ")


def _tip(step: Step) -> str:
    """The trainer's tip for ``step``, else the built-in one, else "add this step"."""
    key = f"tip.content.{step.name}"
    return step.tip or (_t(key) if key in catalog("en") else
                        _t("tip.content.say", step=_guideline(step)))


def _unsure(content: ContentMeasures, targets: Targets) -> str:
    """Why the transcript cannot show a step left out (too few words, a phone line, or
    words the recognizer was unsure of), or ""."""
    tc = targets.content
    why = lacking((content.n_words, tc.min_words, "words"))
    if not why and content.telephone_band:
        why = _t("why.content.phone")
    if not why and content.median_word_p < tc.min_word_p:
        why = _t("why.content.unsure", p=content.median_word_p, least_p=tc.min_word_p)
    return why


def _step_finding(step: Step, check: StepCheck, why: str) -> Finding:
    key, guideline = f"content.{step.name}", _guideline(step)
    target = _t("target.content.required" if step.required else "target.content.optional")
    where = [(check.start_s, check.end_s)] if check.status != ABSENT else []
    if check.status == PRESENT:
        return finding(key, guideline, 1.0, "step", target, (ON_TARGET, 1.0), where,
                       _t("tip.keep"), "content",
                       _t("detail.content.said", said=check.said, start_s=check.start_s))
    if check.status == PARTIAL:
        return finding(key, guideline, 0.5, "step", target, (CLOSE, 0.5), where, _tip(step),
                       "content", _t("detail.content.partial", said=check.said,
                                     start_s=check.start_s, missing=_missing(check)))
    if not step.required:
        return not_judged(key, guideline, "content", _t("why.content.optional"), unit="step",
                          target=target)
    return not_judged(key, guideline, "content",
                      why or _t("why.content.not_heard", tip=_tip(step)), unit="step",
                      target=target)


def _tone(content: ContentMeasures, why: str) -> Finding:
    guideline, target = _t("guideline.content.tone"), _t("target.content.tone")
    if content.harsh:
        first = content.harsh[0]
        said = joined((_t("detail.content.harsh_one", said=h.said, start_s=h.start_s)
                       for h in content.harsh[:5]), ", ")
        return finding("content.tone", guideline, float(len(content.harsh)), "phrases", target,
                       (NEEDS_WORK, 0.0), [(h.start_s, h.end_s) for h in content.harsh],
                       _t("tip.content.kinder", said=first.said, kinder=first.kinder),
                       "content", _t("detail.content.harsh", said=said))
    if why:
        return not_judged("content.tone", guideline, "content", why, unit="phrases",
                          target=target, measured=0.0)
    kind = joined((_t("detail.content.quote", said=h.said) for h in content.kind[:4]), ", ")
    return finding("content.tone", guideline, 0.0, "phrases", target, (ON_TARGET, 1.0),
                   [(h.start_s, h.end_s) for h in content.kind], _t("tip.keep"), "content",
                   _t("detail.content.kind", said=kind) if kind else
                   _t("detail.content.no_harsh"))


def content_findings(content: ContentMeasures | None, targets: Targets) -> list[Finding]:
    """The checklist's findings and the tone finding (none without a checklist or words)."""
    checklist = targets.content.for_language(content.language) if content else None
    if content is None or checklist is None or not content.n_words:
        return []
    why = _unsure(content, targets)
    out = []
    for step, check in zip(checklist.steps, content.steps):
        f = _step_finding(step, check, why)
        if step.name == "customer_name" and check.status == ABSENT and step.required \
                and not why:
            f = not_judged(f.key, f.guideline, "content", _t("why.content.name_unknown"),
                           unit="step", target=f.target)
        out.append(f)
    return out + [_tone(content, why)]


def name_step(findings: list[Finding], uses: NameUses, checklist: Checklist | None,
              ) -> list[Finding]:
    """``findings`` with the customer-name step, where the transcript alone could not
    tell, judged from ``uses`` of the name the trainer gave: said when used at least once,
    else not heard (not judged, as any step not heard)."""
    step = next((s for s in checklist.steps if s.name == "customer_name"), None) \
        if checklist else None
    out = []
    for f in findings:
        if step is not None and f.key == "content.customer_name" and \
                getattr(f.detail, "key", "") == "why.content.name_unknown":
            f = (finding(f.key, f.guideline, 1.0, "step", f.target, (ON_TARGET, 1.0),
                         [(u.start_s, u.end_s) for u in uses.uses], _t("tip.keep"), "content",
                         _t("detail.content.said", said=uses.uses[0].text,
                            start_s=uses.uses[0].start_s))
                 if uses.count else
                 not_judged(f.key, f.guideline, "content",
                            _t("why.content.not_heard", tip=_tip(step)), unit="step",
                            target=f.target))
        out.append(f)
    return out
