"""The read audit's commits: lazy on SQLite, on disk before a checkpoint signs them."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from surgeplan.store.audit import AuditEvent, append_many
from surgeplan.store.audit_verify import record_checkpoint, verify_trail
from surgeplan.store.checkpoints import load_key
from surgeplan.store.database import Database
from surgeplan.store.engine import is_sqlite, make_engine

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
SQLITE_FULL, SQLITE_NORMAL = 2, 1


def read_event(index: int) -> AuditEvent:
    return AuditEvent(
        actor="viewer",
        action="scenario.version.read",
        program_id=1,
        object_type="scenario_version",
        object_id=f"1/{index}",
    )


def test_on_sqlite_only_the_read_audit_commits_without_a_disk_flush(
    database_url: str,
) -> None:
    database = Database(make_engine(database_url))
    read_audit = database.for_read_audit()

    if not is_sqlite(database.engine.url):
        assert read_audit is database
        return
    with database.engine.connect() as service, read_audit.engine.connect() as audit:
        service_mode = service.exec_driver_sql("PRAGMA synchronous").scalar()
        audit_mode = audit.exec_driver_sql("PRAGMA synchronous").scalar()
    assert (service_mode, audit_mode) == (SQLITE_FULL, SQLITE_NORMAL)
    assert read_audit.engine.url == database.engine.url


def test_rows_of_the_read_audit_are_read_by_the_service_and_verify(
    database_url: str, tmp_path: Path
) -> None:
    database = Database(make_engine(database_url))
    database.audit_key = load_key(tmp_path / "key", create=True)
    read_audit = database.for_read_audit()

    with read_audit.write() as session:
        append_many(session, [(read_event(index), NOW) for index in range(5)])
    record_checkpoint(
        database.engine, tmp_path / "checkpoints", database.audit_key, NOW, 0
    )

    with database.read() as session:
        count = session.execute(text("SELECT count(*) FROM audit_log")).scalar()
        verdict = verify_trail(session, tmp_path / "checkpoints", database.audit_key)
    assert count == 5
    assert verdict.first_break is None


def test_a_checkpoint_flushes_the_write_ahead_log_before_it_signs(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL keeps durable commits: no write-ahead log to flush")
    database = Database(make_engine(database_url))
    key = load_key(tmp_path / "key", create=True)
    database.audit_key = key
    with database.for_read_audit().write() as session:
        append_many(session, [(read_event(1), NOW)])
    checkpoints = tmp_path / "checkpoints"
    flushed: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(descriptor: int) -> None:
        flushed.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    record_checkpoint(database.engine, checkpoints, key, NOW, 0)

    wal = str(database.engine.url.database) + "-wal"
    # The checkpoint file's own fsync is recorded too: it must come after.
    assert wal in flushed
    assert flushed.index(wal) < flushed.index(str(checkpoints))
