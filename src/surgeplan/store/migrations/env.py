"""Alembic environment: migrate the connection that `store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from surgeplan.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
