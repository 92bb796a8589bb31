"""The worker side of runs: claim the oldest queued run, report, finish, recover.

These functions act for the service itself (actor `system`), not for a user, so they
are not program-scoped; they never return data to API callers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from surgeplan.store.audit import AuditEvent, Outcome, append
from surgeplan.store.database import Database
from surgeplan.store.records import RunKind, RunState
from surgeplan.store.run_inputs import input_files
from surgeplan.store.runs import COMPARE_WITH
from surgeplan.store.tables import (
    RunArtifactRow,
    RunResultRow,
    RunRow,
    ScenarioRow,
    ScenarioVersionRow,
)

SYSTEM_ACTOR = "system"
MAX_ATTEMPTS = 2


@dataclass(frozen=True)
class ClaimedRun:
    """What a worker needs to execute a run."""

    id: int
    program_id: int
    kind: str
    parameters: dict[str, int | str]
    content: str
    version_sha256: str
    attempt: int
    variants: tuple[tuple[str, str], ...] = ()
    """A compare run's scenarios, this version first: (file stem, YAML text)."""
    inputs: tuple[tuple[str, str], ...] = ()
    """A status or re-plan run's actuals and old plan: (file name, text)."""


@dataclass
class RunOutcome:
    """How a run ended, with what it produced."""

    state: RunState
    exit_code: int | None
    failure_reason: str | None
    stdout_tail: str = ""
    stderr_tail: str = ""
    results: dict[str, str] = field(default_factory=dict)
    artifacts: list[tuple[str, str, str, bytes]] = field(default_factory=list)


def _event(
    run: RunRow, action: str, outcome: str = Outcome.OK, **detail: str | int
) -> AuditEvent:
    return AuditEvent(
        SYSTEM_ACTOR,
        action,
        program_id=run.program_id,
        object_type="run",
        object_id=str(run.id),
        outcome=outcome,
        detail=detail,
    )


def claim_next(database: Database, worker_id: str, now: datetime) -> ClaimedRun | None:
    """Mark the oldest queued run as running for this worker and return it."""
    # Polled several times a second: look before taking SQLite's write lock, which
    # every reader's audit row and every save would otherwise queue behind.
    with database.read() as session:
        is_queued = session.execute(
            select(RunRow.id).where(RunRow.state == RunState.QUEUED.value).limit(1)
        ).first()
    if is_queued is None:
        return None
    with database.write() as session:
        run = session.execute(
            select(RunRow)
            .where(RunRow.state == RunState.QUEUED.value)
            .order_by(RunRow.created_at, RunRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).scalar_one_or_none()
        if run is None:
            return None
        version = session.get_one(ScenarioVersionRow, run.version_id)
        run.state = RunState.RUNNING.value
        run.attempts += 1
        run.started_at = now
        run.worker_id = worker_id
        run.heartbeat_at = now
        run.progress = "started"
        append(session, _event(run, "run.start", attempt=run.attempts), now)
        variants: tuple[tuple[str, str], ...] = ()
        if run.kind == RunKind.COMPARE:
            variants = _variants(session, version, str(run.parameters[COMPARE_WITH]))
        return ClaimedRun(
            id=run.id,
            program_id=run.program_id,
            kind=run.kind,
            parameters=dict(run.parameters),
            content=version.content,
            version_sha256=version.sha256,
            attempt=run.attempts,
            variants=variants,
            inputs=input_files(session, run),
        )


def _variants(
    session: Session, first: ScenarioVersionRow, pinned: str
) -> tuple[tuple[str, str], ...]:
    """This version and the pinned others, each with a file stem from its name.

    All were checked to be in the run's program on submit; compare labels by stem.
    """
    keys = [(first.scenario_id, first.number)]
    keys += [
        (int(scenario), int(number))
        for scenario, number in (item.split(":") for item in pinned.split(","))
    ]
    found = []
    for scenario_id, number in keys:
        name, content = session.execute(
            select(ScenarioRow.name, ScenarioVersionRow.content)
            .join(ScenarioRow, ScenarioRow.id == ScenarioVersionRow.scenario_id)
            .where(
                ScenarioVersionRow.program_id == first.program_id,
                ScenarioVersionRow.scenario_id == scenario_id,
                ScenarioVersionRow.number == number,
            )
        ).one()
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:40] or "scenario"
        found.append((f"{stem}-v{number}", content))
    return tuple(found)


def heartbeat(
    database: Database, progress_by_run: Mapping[int, str], now: datetime
) -> set[int]:
    """Record progress of running runs; return those whose cancellation was asked."""
    if not progress_by_run:
        return set()
    with database.write() as session:
        for run_id, progress in progress_by_run.items():
            session.execute(
                update(RunRow)
                .where(RunRow.id == run_id, RunRow.state == RunState.RUNNING.value)
                .values(heartbeat_at=now, progress=progress[-500:])
            )
        cancelled = session.execute(
            select(RunRow.id).where(
                RunRow.id.in_(list(progress_by_run)), RunRow.cancel_requested.is_(True)
            )
        ).scalars()
        return set(cancelled)


def finish(database: Database, run_id: int, outcome: RunOutcome, now: datetime) -> None:
    """Store how a run ended and what it produced, in one transaction."""
    with database.write() as session:
        run = session.get_one(RunRow, run_id)
        if run.state != RunState.RUNNING.value:
            return
        run.state = outcome.state.value
        run.exit_code = outcome.exit_code
        run.failure_reason = outcome.failure_reason
        run.stdout_tail = outcome.stdout_tail
        run.stderr_tail = outcome.stderr_tail
        run.finished_at = now
        run.progress = outcome.state.value
        for name, text in outcome.results.items():
            session.add(
                RunResultRow(
                    program_id=run.program_id, run_id=run.id, name=name, content=text
                )
            )
        for name, media_type, sha256, content in outcome.artifacts:
            session.add(
                RunArtifactRow(
                    program_id=run.program_id,
                    run_id=run.id,
                    name=name,
                    media_type=media_type,
                    sha256=sha256,
                    size=len(content),
                    content=content,
                )
            )
        result = Outcome.OK if outcome.state is RunState.DONE else Outcome.FAILED
        append(session, _event(run, f"run.{outcome.state.value}", result), now)


def retry_or_fail(
    database: Database, run_id: int, reason: str, now: datetime
) -> RunState:
    """After a worker died: queue the run again once, then mark it failed."""
    with database.write() as session:
        run = session.get_one(RunRow, run_id)
        if run.state != RunState.RUNNING.value:
            return RunState(run.state)
        if run.attempts < MAX_ATTEMPTS and not run.cancel_requested:
            run.state = RunState.QUEUED.value
            run.progress = f"queued again: {reason}"
            run.worker_id = None
            append(
                session, _event(run, "run.retry", Outcome.FAILED, reason=reason), now
            )
        else:
            run.state = (
                RunState.CANCELLED.value
                if run.cancel_requested
                else RunState.FAILED.value
            )
            run.failure_reason = f"{reason} (after {run.attempts} attempts)"
            run.finished_at = now
            run.progress = run.state
            append(
                session,
                _event(run, f"run.{run.state}", Outcome.FAILED, reason=reason),
                now,
            )
        return RunState(run.state)


def recover_orphans(
    database: Database,
    now: datetime,
    is_orphan: Callable[[str | None, datetime | None], bool],
) -> list[int]:
    """Runs left `running` by a dead worker: queued again once, or failed."""
    with database.read() as session:
        candidates = session.execute(
            select(RunRow.id, RunRow.worker_id, RunRow.heartbeat_at).where(
                RunRow.state == RunState.RUNNING.value
            )
        ).all()
    orphans = [run_id for run_id, worker, beat in candidates if is_orphan(worker, beat)]
    for run_id in orphans:
        retry_or_fail(
            database, run_id, "its worker stopped (service restart or crash)", now
        )
    return orphans


def stale_after(heartbeat_interval_s: float) -> timedelta:
    """How long without a heartbeat before a run counts as orphaned."""
    return timedelta(seconds=max(10 * heartbeat_interval_s, 15))


def parse_results(text_by_name: Mapping[str, str]) -> dict[str, str]:
    """Keep only results that are valid JSON (a worker may have been cut off)."""
    kept: dict[str, str] = {}
    for name, text in text_by_name.items():
        try:
            json.loads(text)
        except ValueError:
            continue
        kept[name] = text
    return kept
