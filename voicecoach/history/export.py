"""The history as a CSV table: one row per take, columns a spreadsheet opens.

Columns, in this order: ``agent``, ``take``, ``analyzed_at`` (UTC, ISO 8601), ``file``,
``language``, ``score``; then for each finding key found in any exported take, sorted by
key, ``<key>.measured`` (its value in the finding's unit, see docs/json-schema.md; empty
when not judged) and ``<key>.verdict``. The question gaps are one column pair,
``questions.gap``: the take's shortest judged gap and the worst verdict.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from voicecoach.history.progress import fold_findings
from voicecoach.outputs import write_atomic

if TYPE_CHECKING:
    from voicecoach.history.store import Take

__all__ = ["IDENTITY", "columns", "rows", "csv_text", "write_csv"]

IDENTITY = ("agent", "take", "analyzed_at", "file", "language", "score")


def rows(takes: Sequence[Take]) -> list[dict[str, object]]:
    """One dict per take: the identity columns and each folded finding's value and verdict."""
    out = []
    for t in takes:
        row: dict[str, object] = {
            "agent": t.agent, "take": t.id,
            "analyzed_at": t.analyzed_at.isoformat(timespec="seconds"),
            "file": t.file, "language": t.language, "score": t.score}
        for key, f in fold_findings(t.report).items():
            row[f"{key}.measured"] = f.measured
            row[f"{key}.verdict"] = f.verdict
        out.append(row)
    return out


def columns(table: Sequence[dict[str, object]]) -> list[str]:
    """:data:`IDENTITY`, then every finding column, sorted (``.measured`` before
    ``.verdict`` of one key)."""
    keys = {k.rsplit(".", 1)[0] for row in table for k in row if k not in IDENTITY}
    return [*IDENTITY, *(f"{k}.{part}" for k in sorted(keys) for part in ("measured",
                                                                             "verdict"))]


def csv_text(takes: Sequence[Take]) -> str:
    """The CSV text (UTF-8 with a byte-order mark, so spreadsheets read names right)."""
    table = rows(takes)
    cols = columns(table)
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(cols)
    for row in table:
        w.writerow(["" if row.get(c) is None else row[c] for c in cols])
    return buf.getvalue()


def write_csv(path: str | os.PathLike, takes: Sequence[Take]) -> None:
    """Write :func:`csv_text` to ``path`` atomically."""
    write_atomic(path, csv_text(takes))
