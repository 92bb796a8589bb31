"""How the service runs: database, limits, token lifetimes, jobs and audit files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import URL

from surgeplan.store.engine import database_url, is_sqlite
from surgeplan.store.runs import RunLimits

MEBIBYTE = 1024 * 1024


def utc_now() -> datetime:
    """The current time in UTC (the default clock; tests inject their own)."""
    return datetime.now(UTC)


@dataclass
class Settings:
    """Everything `create_app` needs; `serve` fills it from the command line."""

    db: str | None = None
    expose_docs: bool = False
    max_upload_bytes: int = 5 * MEBIBYTE
    access_ttl: timedelta = timedelta(minutes=15)
    refresh_ttl: timedelta = timedelta(hours=12)
    max_page_size: int = 200
    run_limits: RunLimits = field(default_factory=RunLimits)
    job_workers: int = 2
    start_jobs: bool = True
    run_timeout_s: float = 1800.0
    poll_interval_s: float = 0.25
    heartbeat_interval_s: float = 1.0
    clock: Callable[[], datetime] = utc_now
    fast_password_hashing: bool = False
    audit_key_file: Path | None = None
    checkpoint_file: Path | None = None
    # Rows after the last checkpoint can be cut off unnoticed: keep that tail short.
    checkpoint_interval_s: float = 1.0
    access_log: bool = True

    @property
    def url(self) -> URL:
        """The SQLAlchemy URL of the database."""
        return database_url(self.db)

    def audit_files(self) -> tuple[Path, Path]:
        """The checkpoint key file and checkpoint file (beside a SQLite database)."""
        url = self.url
        if is_sqlite(url) and url.database:
            base = Path(url.database)
            key_default = base.with_name(base.name + ".audit-key")
            checkpoints_default = base.with_name(base.name + ".audit-checkpoints")
        else:
            key_default = Path.cwd() / "surgeplan-audit.key"
            checkpoints_default = Path.cwd() / "surgeplan-audit-checkpoints.jsonl"
        return (
            self.audit_key_file or key_default,
            self.checkpoint_file or checkpoints_default,
        )
