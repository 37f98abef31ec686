"""The JSON report: a documented, versioned schema (see docs/json-schema.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicecoach.pipeline import Report

__all__ = ["SCHEMA_VERSION", "report_to_dict", "dumps"]

SCHEMA_VERSION = "1.0"


def _r(x: float) -> float:
    return round(float(x), 3)


def report_to_dict(report: Report) -> dict:
    """The report as plain JSON-ready data (schema ``SCHEMA_VERSION``)."""
    from voicecoach import __version__

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
        "score": report.score,
        "findings": [],
        "next_steps": [],
        "measures": None,
        "transcript": {
            "language": report.transcript.language,
            "text": report.transcript.text,
            "words": [{"text": w.text, "start_s": _r(w.start_s), "end_s": _r(w.end_s),
                       "probability": _r(w.probability)} for w in report.transcript.words],
        },
    }
    if report.assessment is not None:
        out["findings"] = [f.to_dict() for f in report.assessment.findings]
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
        }
    out["two_party"] = out["names"] = None  # filled by two-party and name-use reports
    sections = getattr(report, "call_sections", None)
    if sections is not None:
        out.update(sections())
    return out


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text (strict: no NaN or infinity allowed); ``indent=None``
    gives one line (JSON Lines, for several reports on one stream)."""
    return json.dumps(report_to_dict(report), indent=indent, allow_nan=False)
