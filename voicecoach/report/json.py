"""The JSON report: a documented, versioned schema (see docs/json-schema.md)."""

from __future__ import annotations

import json

from voicecoach.result import SCHEMA_VERSION, Report, report_to_dict

__all__ = ["SCHEMA_VERSION", "report_to_dict", "dumps"]


def dumps(report: Report, *, indent: int | None = 2, lang: str | None = None) -> str:
    """The report as JSON text (strict: no NaN or infinity allowed); ``indent=None``
    gives one line (JSON Lines, for several reports on one stream); ``lang``: the report
    language of the findings' ``text``."""
    return json.dumps(report_to_dict(report, lang=lang), indent=indent, allow_nan=False)
