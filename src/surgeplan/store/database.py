"""One database: an engine, and short read and write transactions on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from surgeplan.store.audit import AUDIT_KEY_INFO
from surgeplan.store.engine import is_sqlite, make_engine, writer


class Database:
    """Sessions on one engine; writes take SQLite's write lock when they begin.

    `audit_key` signs the audit rows written in its sessions (`store.audit`).
    """

    def __init__(self, engine: Engine, audit_key: bytes | None = None) -> None:
        self.engine = engine
        self.audit_key = audit_key
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(writer(engine), expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A transaction that only reads (rolled back at the end)."""
        with self._reads() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction committed when the block ends without an exception."""
        with self._writes.begin() as session:
            if self.audit_key:
                session.info[AUDIT_KEY_INFO] = self.audit_key
            yield session

    def for_read_audit(self) -> Database:
        """The database as the read audit writes it: on SQLite, lazy commits.

        Every audited read waits for its row's commit. On SQLite a durable commit
        flushes the WAL to disk (1 to 10 ms, more under load) while holding the one
        write lock all service processes share, and that flush was most of an
        audited read's time at 50 clients. The read audit's own engine commits
        with `synchronous=NORMAL`: a row survives a crash of the service at once,
        and a power cut once the next durable commit or audit checkpoint flushed
        the WAL (`engine.sync_wal`). PostgreSQL keeps durable commits.
        """
        if not is_sqlite(self.engine.url):
            return self
        engine = make_engine(self.engine.url, pool_size=1, durable_commits=False)
        return Database(engine, audit_key=self.audit_key)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
