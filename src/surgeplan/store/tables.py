"""The service's tables: accounts, programs, scenarios and versions, runs, audit trail.

Every row that belongs to a program carries `program_id`, so that the scoped
repository (`store.scope`) can filter every query by it.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and read back timezone-aware on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        """Refuse naive timestamps; store UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        """Read SQLite's naive values back as UTC."""
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Declarative base of every table."""


MAX_ID = 2_147_483_647


def random_id() -> int:
    """A new row's id: random, so that ids in URLs count nothing.

    Sequential ids let a member of one program watch the counters move with another
    program's activity. A clash among 2^31 values is rare and refused by the
    primary key like any other conflict.
    """
    return secrets.randbelow(MAX_ID) + 1


def _random_id_column() -> Mapped[int]:
    return mapped_column(Integer, primary_key=True, default=random_id)


class User(Base):
    """A local account; `is_superadmin` may create programs, nothing more."""

    __tablename__ = "users"

    id: Mapped[int] = _random_id_column()
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_superadmin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The dashboard's language for this person ("en", "fr"); None: the browser's.
    language: Mapped[str | None] = mapped_column(String(8))


class Token(Base):
    """An access, refresh or API token, known only by its SHA-256."""

    __tablename__ = "tokens"

    id: Mapped[int] = _random_id_column()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    session_id: Mapped[str] = mapped_column(String(64), index=True)
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id"))
    role: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LoginThrottle(Base):
    """Failed logins per account (`user:NAME`) and per client address (`addr:IP`)."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Program(Base):
    """A surge program: the unit of need-to-know."""

    __tablename__ = "programs"

    id: Mapped[int] = _random_id_column()
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Membership(Base):
    """A user's role in one program."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("program_id", "user_id"),)

    id: Mapped[int] = _random_id_column()
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))


class ScenarioRow(Base):
    """A named scenario of a program; its content lives in immutable versions."""

    __tablename__ = "scenarios"

    id: Mapped[int] = _random_id_column()
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    head_number: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ScenarioVersionRow(Base):
    """One saved state of a scenario; never updated."""

    __tablename__ = "scenario_versions"
    __table_args__ = (UniqueConstraint("scenario_id", "number"),)

    id: Mapped[int] = _random_id_column()
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    source_format: Mapped[str] = mapped_column(String(8))
    message: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RunRow(Base):
    """A job on a pinned scenario version, and its outcome."""

    __tablename__ = "runs"

    id: Mapped[int] = _random_id_column()
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("scenario_versions.id"))
    kind: Mapped[str] = mapped_column(String(16))
    parameters: Mapped[dict[str, int | str]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    worker_id: Mapped[str | None] = mapped_column(String(200))
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    progress: Mapped[str] = mapped_column(Text, default="")
    exit_code: Mapped[int | None] = mapped_column(Integer)
    failure_reason: Mapped[str | None] = mapped_column(Text)
    stdout_tail: Mapped[str] = mapped_column(Text, default="")
    stderr_tail: Mapped[str] = mapped_column(Text, default="")


class RunResultRow(Base):
    """A JSON document a run produced (`plan.json`, `risk.json`)."""

    __tablename__ = "run_results"
    __table_args__ = (UniqueConstraint("run_id", "name"),)

    id: Mapped[int] = _random_id_column()
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)


class RunArtifactRow(Base):
    """A file a run produced (`plan.xlsx`, `report.html`)."""

    __tablename__ = "run_artifacts"
    __table_args__ = (UniqueConstraint("run_id", "name"),)

    id: Mapped[int] = _random_id_column()
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class AuditRow(Base):
    """One hash-chained entry of the audit trail; triggers forbid update and delete."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    version_hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
    # HMAC-SHA256(audit key, row_hash); null only on rows from before revision 0002.
    mac: Mapped[str | None] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's last sequence number and hash; its row lock serialises appends."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    checkpoints: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
