"""The JSON report: a documented, versioned schema (see docs/json-schema.md)."""

from __future__ import annotations

import json

from voicecoach.result import SCHEMA_VERSION, Report, report_to_dict

__all__ = ["SCHEMA_VERSION", "report_to_dict", "dumps"]


def dumps(report: Report, *, indent: int | None = 2, lang: str | None = None,
          reference=None) -> str:
    """The report as JSON text (strict: no NaN or infinity allowed); ``indent=None``
    gives one line (JSON Lines, for several reports on one stream); ``lang``: the report
    language of the findings' ``text``; ``reference``: the take against a trainer's
    (a :class:`voicecoach.compare.ReferenceComparison`, or why it was not compared), as
    the field ``reference``."""
    data = report_to_dict(report, lang=lang)
    if reference is not None:
        data["reference"] = ({"message": reference} if isinstance(reference, str)
                             else reference.to_dict())
    return json.dumps(data, indent=indent, allow_nan=False)
