"""Database URLs and engines: SQLite by default, PostgreSQL through psycopg 3.

SQLite runs in WAL mode with `synchronous=FULL` (a committed transaction survives a
power cut) and foreign keys on. The one exception is the engine of the read audit
(`durable_commits=False`, `synchronous=NORMAL`): its commits survive a crash of the
service but wait for no disk flush; `sync_wal` makes them power-cut proof before an
audit checkpoint signs them. Write transactions take the write lock when they
begin (`BEGIN IMMEDIATE`), so two writers queue instead of failing half-way. The
database file holds password and token hashes and every program's data: it is made
with mode 0600 (SQLite gives its -wal and -shm files the same mode) and an existing
one readable by others is made private.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url

from surgeplan.store.errors import StoreError

DEFAULT_SQLITE_FILE = "surgeplan.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "surgeplan_write"


class DatabaseUrlError(StoreError, ValueError):
    """A --db value that is neither a SQLite path nor a PostgreSQL URL."""


def database_url(value: str | None) -> URL:
    """The SQLAlchemy URL of a --db value (default: ./surgeplan.db).

    Accepts `sqlite:///path`, `postgresql://…` (served by psycopg 3) or a bare path.
    """
    if not value:
        return make_url(f"sqlite:///{Path.cwd() / DEFAULT_SQLITE_FILE}")
    if "://" not in value:
        return make_url(f"sqlite:///{Path(value).resolve()}")
    url = make_url(value)
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return url.set(drivername="postgresql+psycopg")
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        return url.set(drivername="sqlite")
    raise DatabaseUrlError(
        f"unsupported database '{url.drivername}': use a sqlite:/// path or a "
        "postgresql:// URL"
    )


def is_sqlite(url: URL) -> bool:
    """Whether the URL names a SQLite database."""
    return url.get_backend_name() == "sqlite"


def _configure_sqlite(engine: Engine, *, durable_commits: bool) -> None:
    synchronous = "FULL" if durable_commits else "NORMAL"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is turned off; `_on_begin` emits BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {synchronous}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        is_write = connection.get_execution_options().get(WRITE_OPTION, False)
        # Straight to the driver: the SQLAlchemy execution path would cost more than
        # the statement, on every transaction.
        connection.connection.driver_connection.execute(  # type: ignore[union-attr]
            "BEGIN IMMEDIATE" if is_write else "BEGIN"
        )


PRIVATE_MODE = 0o600
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def make_sqlite_files_private(database: str) -> None:
    """Create the database file with mode 0600; make existing files private."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.parent.is_dir() and not path.exists():
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        # Not our file, or gone meanwhile: SQLite will say what is wrong.
        with contextlib.suppress(OSError):
            if companion.stat().st_mode & 0o077:
                companion.chmod(PRIVATE_MODE)


def make_engine(
    url: URL | str, *, pool_size: int = 10, durable_commits: bool = True
) -> Engine:
    """An engine for the URL, with SQLite's durability settings applied.

    `durable_commits=False` (SQLite only) commits without flushing the WAL to disk:
    for the read audit, whose every commit a reader waits for (see `sync_wal`).
    """
    url = database_url(url) if isinstance(url, str) else url
    if is_sqlite(url):
        make_sqlite_files_private(url.database or "")
        engine = create_engine(url, pool_size=pool_size, max_overflow=20)
        _configure_sqlite(engine, durable_commits=durable_commits)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True)


def writer(engine: Engine) -> Engine:
    """The same engine, with transactions that take SQLite's write lock at once."""
    return engine.execution_options(**{WRITE_OPTION: True})


def sync_wal(engine: Engine) -> None:
    """Flush a SQLite file database's write-ahead log to disk (no-op elsewhere).

    What commits with `synchronous=NORMAL` wrote is then as durable as a FULL
    commit: SQLite's own durability is this same fsync of the -wal file.
    """
    if not is_sqlite(engine.url):
        return
    database = engine.url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    wal = Path(database + "-wal")
    with contextlib.suppress(FileNotFoundError):
        descriptor = os.open(wal, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
