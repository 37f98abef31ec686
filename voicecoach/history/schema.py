"""The history's current schema as SQLAlchemy Core tables (what the queries use; the
migrations in ``migrations/versions`` build it, one version after another)."""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa

__all__ = ["metadata", "takes", "report_sha256"]

metadata = sa.MetaData()

takes = sa.Table(
    "takes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("agent", sa.String(200), nullable=False),
    sa.Column("analyzed_at", sa.DateTime, nullable=False),  # UTC, without a zone
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("language", sa.String(20)),
    sa.Column("score", sa.Integer),
    sa.Column("report", sa.Text, nullable=False),  # report_to_dict's JSON
    sa.Column("audio", sa.LargeBinary),  # the recording's bytes, with --keep-audio
    sa.Column("report_sha256", sa.String(64)),  # schema 2
)


def report_sha256(report: dict) -> str:
    """The SHA-256 of the report's canonical JSON (sorted keys, no spaces), hex."""
    text = json.dumps(report, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
