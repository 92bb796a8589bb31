"""The first schema: accounts, programs, scenarios, runs and the audit trail.

The audit trail is append-only: triggers refuse UPDATE and DELETE (and TRUNCATE on
PostgreSQL) of `audit_log`.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)

SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
POSTGRESQL_TRIGGERS = (
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _program_id() -> sa.Column[int]:
    return sa.Column(
        "program_id", sa.Integer, sa.ForeignKey("programs.id"), nullable=False
    )


def upgrade() -> None:
    """Create every table, index and trigger."""
    op.create_table(
        "users",
        _id(),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("is_superadmin", sa.Boolean, nullable=False),
        sa.Column("is_disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
    )
    op.create_table(
        "programs",
        _id(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
    )
    op.create_table(
        "tokens",
        _id(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("program_id", sa.Integer, sa.ForeignKey("programs.id")),
        sa.Column("role", sa.String(16)),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("revoked_at", TIMESTAMP),
    )
    op.create_index("ix_tokens_user_id", "tokens", ["user_id"])
    op.create_index("ix_tokens_session_id", "tokens", ["session_id"])
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", TIMESTAMP, nullable=False),
        sa.Column("locked_until", TIMESTAMP),
    )
    op.create_table(
        "memberships",
        _id(),
        _program_id(),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.UniqueConstraint("program_id", "user_id"),
    )
    op.create_index("ix_memberships_program_id", "memberships", ["program_id"])
    op.create_index("ix_memberships_user_id", "memberships", ["user_id"])
    op.create_table(
        "scenarios",
        _id(),
        _program_id(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("head_number", sa.Integer, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_scenarios_program_id", "scenarios", ["program_id"])
    op.create_table(
        "scenario_versions",
        _id(),
        _program_id(),
        sa.Column(
            "scenario_id", sa.Integer, sa.ForeignKey("scenarios.id"), nullable=False
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("source_format", sa.String(8), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.UniqueConstraint("scenario_id", "number"),
    )
    op.create_index(
        "ix_scenario_versions_program_id", "scenario_versions", ["program_id"]
    )
    op.create_index(
        "ix_scenario_versions_scenario_id", "scenario_versions", ["scenario_id"]
    )
    op.create_table(
        "runs",
        _id(),
        _program_id(),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("scenario_versions.id"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("parameters", sa.JSON, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("started_at", TIMESTAMP),
        sa.Column("finished_at", TIMESTAMP),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("cancel_requested", sa.Boolean, nullable=False),
        sa.Column("worker_id", sa.String(200)),
        sa.Column("heartbeat_at", TIMESTAMP),
        sa.Column("progress", sa.Text, nullable=False),
        sa.Column("exit_code", sa.Integer),
        sa.Column("failure_reason", sa.Text),
        sa.Column("stdout_tail", sa.Text, nullable=False),
        sa.Column("stderr_tail", sa.Text, nullable=False),
    )
    op.create_index("ix_runs_program_id", "runs", ["program_id"])
    op.create_index("ix_runs_state", "runs", ["state"])
    op.create_index("ix_runs_created_by", "runs", ["created_by"])
    for name, columns in (
        ("run_results", [sa.Column("content", sa.Text, nullable=False)]),
        (
            "run_artifacts",
            [
                sa.Column("media_type", sa.String(100), nullable=False),
                sa.Column("sha256", sa.String(64), nullable=False),
                sa.Column("size", sa.Integer, nullable=False),
                sa.Column("content", sa.LargeBinary, nullable=False),
            ],
        ),
    ):
        op.create_table(
            name,
            _id(),
            _program_id(),
            sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
            sa.Column("name", sa.String(200), nullable=False),
            *columns,
            sa.UniqueConstraint("run_id", "name"),
        )
        op.create_index(f"ix_{name}_program_id", name, ["program_id"])
        op.create_index(f"ix_{name}_run_id", name, ["run_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("program_id", sa.Integer),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(32), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("version_hash", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("row_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_program_id", "audit_log", ["program_id"])
    op.create_table(
        "audit_head",
        _id(),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.execute(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '" + "0" * 64 + "')"
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    """Drop everything (the audit trail too: keep a backup)."""
    for name in (
        "audit_head",
        "audit_log",
        "run_artifacts",
        "run_results",
        "runs",
        "scenario_versions",
        "scenarios",
        "memberships",
        "login_throttle",
        "tokens",
        "programs",
        "users",
    ):
        op.drop_table(name)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
