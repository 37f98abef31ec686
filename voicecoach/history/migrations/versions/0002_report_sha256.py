"""Schema 2: each take's report content hash (to find the same report stored twice), and
the takes of an agent indexed in time order.

Revision ID: 0002
Revises: 0001
"""

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("takes", sa.Column("report_sha256", sa.String(64)))
    op.create_index("ix_takes_agent_time", "takes", ["agent", "analyzed_at"])
    takes = sa.table("takes", sa.column("id", sa.Integer), sa.column("report", sa.Text),
                     sa.column("report_sha256", sa.String))
    conn = op.get_bind()
    for take_id, report in conn.execute(sa.select(takes.c.id, takes.c.report)).all():
        digest = _sha256(json.loads(report))
        conn.execute(takes.update().where(takes.c.id == take_id)
                     .values(report_sha256=digest))


def _sha256(report: dict) -> str:
    """The same as voicecoach.history.schema.report_sha256 in this version (frozen here:
    a migration must not change when the code does)."""
    text = json.dumps(report, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
