"""Coaching targets: defaults shipped in ``data/targets.toml``, overridable per team.

Loaded into frozen dataclasses; an unknown section or key in an override file is
an error (a typo must not silently fall back to a default).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from voicecoach.errors import TargetsError
from voicecoach.measures.content import Checklist, Step, ToneRule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Targets", "load_targets", "PaceTargets", "PitchTargets", "PauseTargets",
           "QuestionTargets", "ConsonantTargets", "ScoreWeights", "TwoPartyTargets",
           "NameTargets", "EvidenceTargets", "ContentTargets"]


@dataclass(frozen=True)
class PaceTargets:
    rate_wpm_min: float
    rate_wpm_max: float
    close_wpm: float
    rushed_wpm: float
    dragging_wpm: float
    articulation_sps_min: float = 3.2
    articulation_sps_max: float = 4.3
    close_sps: float = 0.3


@dataclass(frozen=True)
class PitchTargets:
    variation_st_min: float
    close_variation_st: float
    falling_statements_min: float
    close_falling_share: float
    baseline_close_st: float


@dataclass(frozen=True)
class PauseTargets:
    per_min_min: float
    close_per_min: float
    words_between_min: float
    words_between_max: float
    close_words: float
    longest_run_words_max: int
    longest_run_s_max: float


@dataclass(frozen=True)
class QuestionTargets:
    gap_s_min: float
    gap_s_ideal_min: float
    gap_s_ideal_max: float
    rushed_gap_s: float
    dead_air_s: float
    close_gap_s: float


@dataclass(frozen=True)
class ConsonantTargets:
    articulated_share_min: float
    close_share: float


@dataclass(frozen=True)
class ScoreWeights:
    pace: float
    pauses: float
    questions: float
    pitch: float
    consonants: float
    twoparty: float = 20.0
    names: float = 5.0
    content: float = 0.0


@dataclass(frozen=True)
class TwoPartyTargets:
    latency_s_min: float = 4.0
    close_latency_s: float = 1.0
    overlaps_max: float = 0.0
    close_overlaps: float = 1.0
    talk_share_max: float = 0.6
    close_talk_share: float = 0.1
    mirror_band: float = 0.2
    close_mirror: float = 0.1


@dataclass(frozen=True)
class NameTargets:
    uses_min: float = 2.0
    uses_max: float = 3.0
    too_many_uses: float = 5.0
    min_spacing_s: float = 15.0


@dataclass(frozen=True)
class EvidenceTargets:
    """The least speech each finding needs (words, seconds, runs, statements, judged
    words); below it the finding is not judged. ``score_min_*`` is the least for a score."""

    score_min_words: int = 20
    score_min_speech_s: float = 10.0
    pace_min_words: int = 20
    pace_min_speech_s: float = 10.0
    first_sentence_min_words: int = 8
    first_sentence_min_s: float = 2.0
    pauses_min_span_s: float = 20.0
    phrases_min_runs: int = 2
    phrases_min_words: int = 15
    pitch_min_voiced_s: float = 3.0
    statements_min: int = 2
    consonants_min_judged: int = 8
    pace_min_syllables: int = 30
    score_min_syllables: int = 30


@dataclass(frozen=True)
class ContentTargets:
    """The opening's checklist per language code, and what an "absent" verdict needs: the
    least words, and the least median confidence of the recognizer in its words."""

    min_words: int = 20
    min_word_p: float = 0.8
    checklists: dict[str, Checklist] = field(default_factory=dict)

    def for_language(self, code: str) -> Checklist | None:
        return self.checklists.get(code)


@dataclass(frozen=True)
class Targets:
    """All coaching targets, one section per guideline."""

    pace: PaceTargets
    pitch: PitchTargets
    pauses: PauseTargets
    questions: QuestionTargets
    consonants: ConsonantTargets
    score: ScoreWeights
    twoparty: TwoPartyTargets = TwoPartyTargets()
    names: NameTargets = NameTargets()
    evidence: EvidenceTargets = EvidenceTargets()
    content: ContentTargets = ContentTargets()


_SECTIONS = {"pace": PaceTargets, "pitch": PitchTargets, "pauses": PauseTargets,
             "questions": QuestionTargets, "consonants": ConsonantTargets, "score": ScoreWeights,
             "twoparty": TwoPartyTargets, "names": NameTargets,
             "evidence": EvidenceTargets}


def _read_toml(text: str, source: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TargetsError(f"{source}: not valid TOML ({exc})") from exc


def load_targets(path: str | os.PathLike | None = None) -> Targets:
    """The default targets, with any values from the TOML file at ``path`` laid over them.

    Raises
    ------
    TargetsError
        If the file is missing or malformed, or names an unknown section or key, or a
        value is not a number.
    """
    defaults = _read_toml(
        resources.files("voicecoach").joinpath("data/targets.toml").read_text("utf-8"),
        "built-in targets",
    )
    if path is not None:
        p = Path(path)
        try:
            text = p.read_text("utf-8")
        except OSError as exc:
            raise TargetsError(f"{p}: cannot read targets file ({exc.strerror})") from exc
        for section, values in _read_toml(text, str(p)).items():
            if section == "content" and isinstance(values, dict):
                _lay_content(defaults["content"], values, p)
                continue
            if section not in defaults or not isinstance(values, dict):
                raise TargetsError(
                    f"{p}: unknown section [{section}]; known: {', '.join(sorted(defaults))}"
                )
            for key, value in values.items():
                if key not in defaults[section]:
                    raise TargetsError(f"{p}: unknown key '{key}' in [{section}]; known: "
                                       f"{', '.join(sorted(defaults[section]))}")
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise TargetsError(f"{p}: [{section}] {key} must be a number, not {value!r}")
                defaults[section][key] = value
        _check_consistent({k: v for k, v in defaults.items() if k != "content"}, p)
    content = defaults["content"]
    source = str(path) if path is not None else "built-in targets"
    return Targets(**{name: cls(**defaults[name]) for name, cls in _SECTIONS.items()},
                   content=ContentTargets(int(content["min_words"]),
                                          float(content["min_word_p"]), {
                       code: _checklist(code, table, source) for code, table in content.items()
                       if isinstance(table, dict)}))


def _check_consistent(values: dict[str, dict], source: Path) -> None:
    """Refuse targets that contradict themselves: a band whose minimum is above its
    maximum, a negative value, or score weights that are all zero."""
    for section, keys in values.items():
        for key, value in keys.items():
            if value < 0:
                raise TargetsError(f"{source}: [{section}] {key} must not be negative ({value})")
            if key.endswith("_min") and key[:-4] + "_max" in keys:
                top = keys[key[:-4] + "_max"]
                if value > top:
                    raise TargetsError(f"{source}: [{section}] {key} ({value}) is above "
                                       f"{key[:-4]}_max ({top})")
    if not any(values["score"].values()):
        raise TargetsError(f"{source}: [score] weights are all zero")


_LANGUAGE_KEYS = {"currency": list, "dates": list, "number_words": str, "kind": list,
                  "harsh": list, "fillers": list, "company_words": list}
_STEP_KEYS = {"any": list, "asked": list, "with": list, "question": bool, "near_end": bool,
              "required": bool, "label": str, "tip": str}
_BUILT_IN_STEPS = ("greeting", "agent_name", "company", "right_party", "purpose", "amount",
                   "invoice", "due_date", "open_question", "customer_name", "commitment",
                   "polite_close")


def _lay_content(defaults: dict, override: dict, source: Path) -> None:
    """Lay a team file's [content] over the defaults: a language's settings replaced key
    by key, a step's keys replaced, a new step (with ``any``, ``label`` and ``tip``) added.
    """
    for code, table in override.items():
        if code == "min_words":
            if isinstance(table, bool) or not isinstance(table, int) or table < 0:
                raise TargetsError(f"{source}: [content] min_words must be a whole number "
                                   f">= 0, not {table!r}")
            defaults["min_words"] = table
            continue
        if code == "min_word_p":
            if isinstance(table, bool) or not isinstance(table, (int, float)) or \
                    not 0 <= table <= 1:
                raise TargetsError(f"{source}: [content] min_word_p must be a number from 0 "
                                   f"to 1, not {table!r}")
            defaults["min_word_p"] = table
            continue
        if not isinstance(table, dict):
            raise TargetsError(f"{source}: [content] {code} must be a table of a language's "
                               "checklist, e.g. [content.en]")
        lang = defaults.setdefault(code, {})
        for key, value in table.items():
            if isinstance(value, dict):
                step = lang.setdefault(key, {})
                if not step and not {"any", "label", "tip"} <= set(value):
                    raise TargetsError(f"{source}: [content.{code}.{key}] is a new step: it "
                                       "needs `any` (patterns), `label` and `tip`")
                step.update(value)
            elif key in _LANGUAGE_KEYS:
                lang[key] = value
            else:
                raise TargetsError(f"{source}: unknown key '{key}' in [content.{code}]; known: "
                                   f"{', '.join(sorted(_LANGUAGE_KEYS))}, or a step table")


def _pattern(text: object, where: str) -> re.Pattern:
    if not isinstance(text, str) or not text:
        raise TargetsError(f"{where}: a pattern must be a non-empty string, not {text!r}")
    try:
        return re.compile(text)
    except re.error as exc:
        raise TargetsError(f"{where}: pattern {text!r} is not a valid regular expression "
                           f"({exc})") from exc


def _typed(value: object, kind: type, where: str) -> object:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise TargetsError(f"{where} must be a {kind.__name__}, not {value!r}")
    return value


def _checklist(code: str, table: dict, source: str) -> Checklist:
    """One language's checklist from its [content.<code>] table, validated; a step's
    ``{company_words}`` stands for any of the language's company words."""
    where = f"{source}: [content.{code}]"
    words = "|".join(re.escape(str(w).lower()) for w in table.get("company_words", []))

    def step_pattern(text: object, here: str) -> re.Pattern:
        if isinstance(text, str) and "{company_words}" in text:
            text = text.replace("{company_words}", words or "(?!)")
        return _pattern(text, here)

    steps = []
    for name, spec in table.items():
        if not isinstance(spec, dict):
            _typed(spec, _LANGUAGE_KEYS[name], f"{where} {name}")
            continue
        here = f"{source}: [content.{code}.{name}]"
        for key, value in spec.items():
            if key not in _STEP_KEYS:
                raise TargetsError(f"{here}: unknown key '{key}'; known: "
                                   f"{', '.join(sorted(_STEP_KEYS))}")
            _typed(value, _STEP_KEYS[key], f"{here} {key}")
        if not spec.get("any"):
            raise TargetsError(f"{here}: `any` needs at least one pattern")
        if name not in _BUILT_IN_STEPS and not spec.get("label"):
            raise TargetsError(f"{here}: a step of your own needs a `label`")
        steps.append(Step(name, tuple(step_pattern(p, f"{here} any") for p in spec["any"]),
                          tuple(step_pattern(p, f"{here} with") for p in spec.get("with", [])),
                          question=spec.get("question", False),
                          asked=tuple(step_pattern(p, f"{here} asked")
                                      for p in spec.get("asked", [])),
                          near_end=spec.get("near_end", False),
                          required=spec.get("required", True), label=spec.get("label", ""),
                          tip=spec.get("tip", "")))
    harsh = []
    for rule in table.get("harsh", []):
        if not isinstance(rule, dict) or set(rule) != {"pattern", "kinder"}:
            raise TargetsError(f"{where} harsh: each entry is {{ pattern = '...', kinder = "
                               f"'...' }}, not {rule!r}")
        harsh.append(ToneRule(_pattern(rule["pattern"], f"{where} harsh"),
                              str(rule["kinder"])))
    for c in table.get("currency", []):
        _pattern(c, f"{where} currency")
    number_words = table.get("number_words")
    return Checklist(code, tuple(steps), tuple(table.get("currency", [])),
                     tuple(_pattern(p, f"{where} dates") for p in table.get("dates", [])),
                     _pattern(number_words, f"{where} number_words") if number_words else None,
                     tuple(harsh),
                     tuple(_pattern(p, f"{where} kind") for p in table.get("kind", [])),
                     tuple(sorted({str(w).lower() for w in table.get("fillers", [])})),
                     tuple(sorted({str(w).lower() for w in table.get("company_words", [])})))
