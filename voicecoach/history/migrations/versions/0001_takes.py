"""Schema 1: the takes, one row per analyzed take with its report JSON.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "takes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("agent", sa.String(200), nullable=False),
        sa.Column("analyzed_at", sa.DateTime, nullable=False),  # UTC, without a zone
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("language", sa.String(20)),
        sa.Column("score", sa.Integer),
        sa.Column("report", sa.Text, nullable=False),  # report_to_dict's JSON
        sa.Column("audio", sa.LargeBinary),  # the recording's bytes, with --keep-audio
    )
    op.create_index("ix_takes_agent", "takes", ["agent"])
