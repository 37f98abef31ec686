"""The result of analyzing one recording, and its JSON form (schema in docs/json-schema.md).

A plain frozen dataclass with ``to_dict()``: the reports (terminal, JSON, HTML) read
it; nothing here runs an analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from voicecoach.audio import Audio
from voicecoach.transcript import Transcript

if TYPE_CHECKING:
    from voicecoach.assess.assess import Assessment
    from voicecoach.measures import Measures
    from voicecoach.measures.activity import Activity
    from voicecoach.measures.mirroring import MirrorMeasures
    from voicecoach.measures.names import NameUses
    from voicecoach.measures.pitch import F0Track
    from voicecoach.measures.turns import TurnMeasures
    from voicecoach.transcript.hear import Heard

__all__ = ["Report", "TwoParty", "SCHEMA_VERSION", "report_to_dict"]

SCHEMA_VERSION = "1.6"
_TEXTS = ("guideline", "target", "tip", "detail")


def _r(x: float) -> float:
    return round(float(x), 3)


def _words(transcript: Transcript) -> list[dict]:
    return [{"text": w.text, "start_s": _r(w.start_s), "end_s": _r(w.end_s),
             "probability": _r(w.probability)} for w in transcript.words]


@dataclass(frozen=True)
class TwoParty:
    """The two-party part of a report.

    ``status`` is "ok", or "mono", "dual mono" or "one voice" when the recording
    cannot give two-party measures (then ``message`` says why and the measures are None).
    ``chosen_by`` says how the agent's channel was picked.
    """

    status: str
    message: str = ""
    agent_channel: str | None = None
    chosen_by: str = ""
    turns: TurnMeasures | None = None
    mirroring: MirrorMeasures | None = None
    customer_transcript: Transcript | None = None

    def to_dict(self) -> dict:
        ct = self.customer_transcript
        return {
            "status": self.status, "message": self.message,
            "agent_channel": self.agent_channel, "chosen_by": self.chosen_by,
            "customer_channel": None if self.agent_channel is None else
            ("right" if self.agent_channel == "left" else "left"),
            "turns": None if self.turns is None else self.turns.to_dict(),
            "mirroring": None if self.mirroring is None else self.mirroring.to_dict(),
            "customer_transcript": None if ct is None else {"text": ct.text,
                                                            "words": _words(ct)},
        }


@dataclass(frozen=True)
class Report:
    """The result of analyzing one recording.

    ``status`` is "ok", or "no speech" when nothing was said (then ``measures`` and
    ``assessment`` are None and ``message`` says why). ``language`` is the language the
    speech was heard in and how that was decided. ``two_party`` is set by a two-party
    analysis, ``names`` when the customer's name was given.
    """

    path: str
    audio: Audio
    transcript: Transcript
    measures: Measures | None
    assessment: Assessment | None
    model: str
    status: str = "ok"
    message: str = ""
    warnings: tuple[str, ...] = field(default=())
    activity: Activity | None = field(default=None, repr=False)
    f0_track: F0Track | None = field(default=None, repr=False)
    two_party: TwoParty | None = None
    names: NameUses | None = None
    language: Heard | None = None

    @property
    def duration_s(self) -> float:
        return self.audio.duration_s

    @property
    def score(self) -> int | None:
        return None if self.assessment is None else self.assessment.score

    def to_dict(self) -> dict:
        """The report as plain JSON-ready data (schema ``SCHEMA_VERSION``)."""
        return report_to_dict(self)


def _finding_dict(f, lang: str) -> dict:
    """A finding's JSON with its texts in ``lang`` and the catalog keys they came from."""
    from voicecoach.i18n import Msg, localize

    return {**f.to_dict(),
            "text": {name: localize(getattr(f, name), lang) for name in _TEXTS},
            "text_keys": {name: getattr(f, name).to_dict() for name in _TEXTS
                          if isinstance(getattr(f, name), Msg)}}


def report_to_dict(report: Report, *, lang: str | None = None) -> dict:
    """The report as plain JSON-ready data (schema ``SCHEMA_VERSION``); ``lang`` is the
    report language of the findings' ``text`` (default: the heard language where there is
    a translation, else English)."""
    from voicecoach import __version__
    from voicecoach.report import language_of

    lang = language_of(report, lang)

    a = report.audio
    out: dict = {
        "schema_version": SCHEMA_VERSION,
        "voicecoach_version": __version__,
        "file": report.path,
        "status": report.status,
        "message": report.message or getattr(report.assessment, "message", ""),
        "warnings": list(report.warnings),
        "audio": {"duration_s": _r(a.duration_s), "source_sr": a.source_sr,
                  "channels": a.channels, "channel": a.channel,
                  "telephone_band": a.telephone_band},
        "model": report.model,
        "language": None if report.language is None else {
            **report.language.to_dict(),
            "measured_from": None if report.measures is None else
            "transcript" if report.measures.transcribed else "signal"},
        "report_language": lang,
        "score": report.score,
        "findings": [],
        "next_steps": [],
        "measures": None,
        "transcript": {"language": report.transcript.language,
                       "text": report.transcript.text, "words": _words(report.transcript)},
    }
    if report.assessment is not None:
        out["findings"] = [_finding_dict(f, lang) for f in report.assessment.findings]
        out["next_steps"] = [f.key for f in report.assessment.next_steps]
    m = report.measures
    if m is not None:
        out["measures"] = {
            "pace": m.pace.to_dict(),
            "pauses": m.pauses.to_dict(),
            "questions": m.questions.to_dict(),
            "pitch": None if m.pitch is None else m.pitch.to_dict(),
            "consonants": None if m.consonants is None else m.consonants.to_dict(),
            "baseline_f0_hz": None if m.baseline_f0_hz is None else _r(m.baseline_f0_hz),
            "room": None if m.room is None else m.room.to_dict(),
            "voices": None if m.voices is None else m.voices.to_dict(),
            "speech_over_floor_db": (None if m.speech_over_floor_db is None
                                     else round(m.speech_over_floor_db, 1)),
            "content": None if m.content is None else m.content.to_dict(),
        }
    out["two_party"] = None if report.two_party is None else report.two_party.to_dict()
    out["names"] = None if report.names is None else report.names.to_dict()
    return out
