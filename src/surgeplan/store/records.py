"""What the repositories return: typed records, also the API's response bodies."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from surgeplan.store.roles import Role

Item = TypeVar("Item")


class RunKind(StrEnum):
    """What a run computes; each kind is one `surgeplan` command."""

    VALIDATE = "validate"
    PLAN = "plan"
    SCHEDULE = "schedule"
    SIMULATE = "simulate"
    MITIGATE = "mitigate"
    REPORT = "report"
    BRIEF = "brief"
    COMPARE = "compare"
    STATUS = "status"
    """Plan against an actuals version and the forecast (`surgeplan status`)."""
    REPLAN = "replan"
    """A new plan from an actuals version (`surgeplan replan --actuals`)."""


class RunState(StrEnum):
    """Where a run is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE_STATES = (RunState.QUEUED.value, RunState.RUNNING.value)


class Page(BaseModel, Generic[Item]):
    """One page of a list, with where the next one starts."""

    items: list[Item]
    total: int
    limit: int
    offset: int
    next_offset: int | None


class ProgramRecord(BaseModel):
    """A program, with the caller's role in it."""

    id: int
    name: str
    description: str
    role: Role
    created_at: datetime
    etag: str


class MemberRecord(BaseModel):
    """A member of a program."""

    user_id: int
    username: str
    role: Role


class ApiTokenRecord(BaseModel):
    """An API token (the secret itself is shown once, at creation)."""

    id: int
    name: str
    role: Role
    created_at: datetime
    expires_at: datetime
    is_revoked: bool


class NewApiToken(ApiTokenRecord):
    """A token just created, with its secret."""

    token: str


class ScenarioRecord(BaseModel):
    """A scenario's metadata and head version."""

    id: int
    program_id: int
    name: str
    description: str
    head_version: int | None
    created_at: datetime
    updated_at: datetime
    etag: str


class VersionRecord(BaseModel):
    """An immutable saved state of a scenario."""

    id: int
    scenario_id: int
    number: int
    sha256: str = Field(description="SHA-256 of the stored YAML text (UTF-8).")
    source_format: str
    message: str
    created_by: str
    created_at: datetime


class VersionContent(VersionRecord):
    """A version with its YAML text; without cost fields when `is_redacted`."""

    content: str
    is_redacted: bool


class VersionDiff(BaseModel):
    """What changed between two versions of a scenario."""

    from_version: int
    to_version: int
    changed_paths: list[str]
    unified_diff: str
    is_redacted: bool


class RunRecord(BaseModel):
    """A run and its progress."""

    id: int
    program_id: int
    scenario_id: int
    version: int
    version_sha256: str
    kind: RunKind
    parameters: dict[str, int | str]
    state: RunState
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    progress: str
    exit_code: int | None
    failure_reason: str | None


class RunResults(BaseModel):
    """The JSON documents a run produced, by file name."""

    run_id: int
    results: dict[str, Any]
    is_redacted: bool


class ResultTableInfo(BaseModel):
    """A table inside a run's results: `plan.production` is plan.json's production."""

    name: str
    columns: list[str]
    rows: int


class ResultTable(BaseModel):
    """A table of a run's results, cell by cell."""

    name: str
    columns: list[str]
    rows: list[list[str | int | float | bool | None]]


class ArtifactRecord(BaseModel):
    """A file a run produced."""

    id: int
    name: str
    media_type: str
    size: int
    sha256: str


class RunLog(BaseModel):
    """The end of a run's output, for program admins."""

    run_id: int
    exit_code: int | None
    stdout_tail: str
    stderr_tail: str


class AuditEntry(BaseModel):
    """One row of the audit trail."""

    seq: int
    at: str
    actor: str
    program_id: int | None
    action: str
    object_type: str
    object_id: str
    version_hash: str
    outcome: str
    detail: dict[str, Any]
    row_hash: str
