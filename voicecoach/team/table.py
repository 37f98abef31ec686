"""The batch's tables: one row per recording (``results.csv``) and per failure
(``failures.csv``), built from the report JSON (columns in docs/batch.md)."""

from __future__ import annotations

import csv
import io
import os
import statistics
from collections.abc import Iterable, Mapping, Sequence

from voicecoach.outputs import write_atomic

__all__ = ["IDENTITY", "MEASURE_SECTIONS", "fields_from_report", "columns", "results_csv",
           "failures_csv", "write_tables", "read_csv", "VERDICT_ORDER"]

IDENTITY = ("agent", "file", "date", "duration_s", "status", "language", "score")
"""The first columns of ``results.csv``: who, which file, when, how long, and the score."""
MEASURE_SECTIONS = ("pace", "pauses", "questions", "pitch", "consonants")
FAILURE_COLUMNS = ("agent", "file", "date", "reason")
VERDICT_ORDER = ("needs work", "close", "on target", "not judged", "not measured")
"""Worst first: a finding repeated in one take (one per question) keeps its worst verdict."""

Row = Mapping[str, object]


def fields_from_report(report: Mapping) -> dict[str, object]:
    """A recording's analysis columns, from its report JSON (``report_to_dict``).

    Returns ``duration_s``, ``status``, ``language`` and ``score``; every scalar of the
    measures as ``<section>.<name>`` (``pace.rate_wpm``, ``pitch.variation_st``), the
    question gaps as ``questions.gap_min_s`` and ``questions.gap_median_s``, the two-party
    turn measures as ``two_party.<name>`` and the name uses as ``names.<name>``; and each
    finding's verdict as ``verdict.<finding key>`` (a finding repeated once per question,
    ``questions.gap.N``, becomes one ``verdict.questions.gap``, its worst).
    """
    language = report.get("language") or {}
    out: dict[str, object] = {
        "duration_s": (report.get("audio") or {}).get("duration_s"),
        "status": report.get("status"),
        "language": language.get("code", ""),
        "score": report.get("score"),
    }
    measures = report.get("measures") or {}
    for section in MEASURE_SECTIONS:
        out.update(_scalars(section, measures.get(section)))
    gaps = [f["measured"] for f in report.get("findings", ())
            if f["key"].startswith("questions.gap.") and f["measured"] is not None]
    if gaps:
        out["questions.gap_min_s"] = min(gaps)
        out["questions.gap_median_s"] = round(statistics.median(gaps), 3)
    two_party = report.get("two_party") or {}
    out.update(_scalars("two_party", two_party.get("turns")))
    out.update(_scalars("names", report.get("names")))
    verdicts: dict[str, str] = {}
    for f in report.get("findings", ()):
        key = "questions.gap" if f["key"].startswith("questions.gap.") else f["key"]
        old = verdicts.get(key)
        if old is None or _rank(f["verdict"]) < _rank(old):
            verdicts[key] = f["verdict"]
    out.update({f"verdict.{k}": v for k, v in verdicts.items()})
    return out


def columns(rows: Iterable[Row]) -> list[str]:
    """The columns for ``rows``: :data:`IDENTITY` first, then every other column in the order
    first seen (measures before verdicts)."""
    seen: dict[str, None] = dict.fromkeys(IDENTITY)
    verdicts: dict[str, None] = {}
    for row in rows:
        for key in row:
            (verdicts if key.startswith("verdict.") else seen).setdefault(key, None)
    return [*seen, *verdicts]


def results_csv(rows: Sequence[Row]) -> str:
    """``results.csv`` text: one row per recording, sorted by agent and file."""
    return _csv(columns(rows), _sorted(rows))


def failures_csv(rows: Sequence[Row]) -> str:
    """``failures.csv`` text: agent, file, date and the one-line reason."""
    return _csv(list(FAILURE_COLUMNS), _sorted(rows))


def write_tables(out: str | os.PathLike, results: Sequence[Row],
                 failures: Sequence[Row]) -> None:
    """Write ``results.csv`` and ``failures.csv`` into ``out``, each atomically."""
    write_atomic(os.path.join(out, "results.csv"), results_csv(results))
    write_atomic(os.path.join(out, "failures.csv"), failures_csv(failures))


def read_csv(path: str | os.PathLike) -> list[dict[str, str]]:
    """The rows of a table written here, as strings (empty cells as ``""``)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _csv(cols: list[str], rows: Iterable[Row]) -> str:
    buf = io.StringIO()
    buf.write("\ufeff")  # spreadsheets then read the file as UTF-8 (agents' names, languages)
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(cols)
    for row in rows:
        w.writerow([_cell(row.get(c)) for c in cols])
    return buf.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _sorted(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (str(r.get("agent", "")), str(r.get("file", ""))))


def _scalars(prefix: str, section: Mapping | None) -> dict[str, object]:
    if not section:
        return {}
    return {f"{prefix}.{k}": v for k, v in section.items()
            if isinstance(v, (int, float, bool)) and not isinstance(v, str)}


def _rank(verdict: str) -> int:
    return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)
