"""Each account's dashboard language: a nullable column, NULL for every existing user.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add users.language (NULL: the dashboard follows the browser)."""
    # batch mode: SQLite alters a table by copying it; PostgreSQL adds the column.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    """Drop users.language."""
    with op.batch_alter_table("users") as batch:
        batch.drop_column("language")
