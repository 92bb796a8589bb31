"""Durable storage: SQLAlchemy tables, repositories and Alembic migrations."""

# Tables defined beside tables.py register on the same metadata here, so that every
# use of the store (migrations and their check included) sees them.
from surgeplan.store import actuals_table as actuals_table
