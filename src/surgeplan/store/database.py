"""One database: an engine, and short read and write transactions on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from surgeplan.store.audit import AUDIT_KEY_INFO
from surgeplan.store.engine import writer


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

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
