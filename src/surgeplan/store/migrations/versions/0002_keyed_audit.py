"""Keyed audit rows and a count of written checkpoints.

`audit_log.mac` holds HMAC-SHA256(key, row_hash) of every row appended with the
service's audit key, so a row forged without the key is detected even after the
latest checkpoint. `audit_head.checkpoints` counts the checkpoints written to the
file, so a shortened or deleted checkpoint file is detected. Rows of 0001 have no
MAC: the checkpoints written before them anchor them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the MAC column and the checkpoint counter."""
    op.add_column("audit_log", sa.Column("mac", sa.String(64), nullable=True))
    op.add_column(
        "audit_head",
        sa.Column("checkpoints", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("checkpoints")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("mac")
