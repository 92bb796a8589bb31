"""Alembic migrations of the service database, run from `store.migrate`."""
