"""One database: an engine, and short read and write transactions on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from surgeplan.store.engine import writer


class Database:
    """Sessions on one engine; writes take SQLite's write lock when they begin."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
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
            yield session

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
