"""Actuals versions: a program's uploaded actuals, numbered and never updated.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create actuals_versions."""
    op.create_table(
        "actuals_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "program_id", sa.Integer(), sa.ForeignKey("programs.id"), nullable=False
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "scenario_version_id",
            sa.Integer(),
            sa.ForeignKey("scenario_versions.id"),
            nullable=False,
        ),
        sa.Column("through_week", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "created_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("program_id", "number"),
    )
    op.create_index(
        "ix_actuals_versions_program_id", "actuals_versions", ["program_id"]
    )


def downgrade() -> None:
    """Drop actuals_versions."""
    op.drop_index("ix_actuals_versions_program_id", "actuals_versions")
    op.drop_table("actuals_versions")
