"""Runs of one program: submission under quotas, progress, results and files.

The queue is bounded twice: `max_active_per_user` runs queued or running per user
(429 beyond) and `max_queue` in the whole service (503 beyond), both with a
Retry-After. Submission locks the audit head first, so concurrent submissions are
counted one after another.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from surgeplan.i18n import N_
from surgeplan.store.audit import lock_head
from surgeplan.store.errors import (
    BusyError,
    MissingRoleError,
    NotFoundError,
    QuotaError,
)
from surgeplan.store.records import (
    ACTIVE_STATES,
    ArtifactRecord,
    Page,
    ResultTable,
    ResultTableInfo,
    RunKind,
    RunLog,
    RunRecord,
    RunResults,
    RunState,
)
from surgeplan.store.result_tables import as_table, describe, tables_in
from surgeplan.store.roles import Permission
from surgeplan.store.run_inputs import (
    ACTUALS_VERSION,
    KINDS_WITH_INPUTS,
    PLAN_RUN,
    check_inputs,
)
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import (
    RunArtifactRow,
    RunResultRow,
    RunRow,
    ScenarioRow,
    ScenarioVersionRow,
    User,
)

COMPARE_WITH = "compare_with"
"""A compare run's parameter: the other versions, `scenario_id:version,…`."""


# The inputs besides the scenario version a run reads, named in its audit row.
_AUDITED_INPUTS = (ACTUALS_VERSION, PLAN_RUN)


@dataclass(frozen=True)
class RunLimits:
    """How much work the service accepts at once."""

    max_queue: int = 20
    max_active_per_user: int = 2
    retry_after_s: int = 10


def _record(run: RunRow, version: ScenarioVersionRow, author: str) -> RunRecord:
    return RunRecord(
        id=run.id,
        program_id=run.program_id,
        scenario_id=version.scenario_id,
        version=version.number,
        version_sha256=version.sha256,
        kind=RunKind(run.kind),
        parameters=run.parameters,
        state=RunState(run.state),
        created_by=author,
        created_at=run.created_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
        attempts=run.attempts,
        progress=run.progress,
        exit_code=run.exit_code,
        failure_reason=run.failure_reason,
    )


# The run reads every page repeats, built once (see `accounts._PRINCIPAL_OF_TOKEN`).
_IN_PROGRAM = RunRow.program_id == bindparam("program_id")
_OF_STATE = RunRow.state == bindparam("state")
_RUNS = (
    select(RunRow, ScenarioVersionRow, User.username)
    .join(ScenarioVersionRow, ScenarioVersionRow.id == RunRow.version_id)
    .join(User, User.id == RunRow.created_by)
    .where(_IN_PROGRAM)
)
_RUN = _RUNS.where(RunRow.id == bindparam("run_id"))


def _count_and_page(*where: Any) -> tuple[Any, Any]:
    count = select(func.count()).select_from(RunRow).where(*where)
    page = (
        _RUNS.where(*where[1:])
        .order_by(RunRow.created_at.desc(), RunRow.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    return count, page


_RUN_COUNT, _RUN_PAGE = _count_and_page(_IN_PROGRAM)
_BY_STATE = _count_and_page(_IN_PROGRAM, _OF_STATE)


class RunRepository:
    """Runs, always inside `scope.program_id`."""

    def __init__(self, scope: ProgramScope) -> None:
        self.scope = scope
        self.session: Session = scope.session

    def _run(self, run_id: int) -> tuple[RunRow, ScenarioVersionRow, str]:
        found = self.session.execute(
            _RUN, {"program_id": self.scope.program_id, "run_id": run_id}
        ).one_or_none()
        if found is None:
            raise NotFoundError(
                N_("there is no run {run_id} in this program"), run_id=run_id
            )
        run, version, author = found
        return run, version, author

    def submit(
        self,
        kind: RunKind,
        scenario_id: int,
        version_number: int | None,
        parameters: dict[str, int | str],
        limits: RunLimits,
    ) -> RunRecord:
        """Queue a run on a pinned version (the head when none is given).

        Raises:
            QuotaError: the caller already has their share of runs active.
            BusyError: the service's queue is full.
        """
        scenario = self.session.execute(
            select(ScenarioRow).where(
                ScenarioRow.id == scenario_id,
                ScenarioRow.program_id == self.scope.program_id,
            )
        ).scalar_one_or_none()
        if scenario is None:
            raise NotFoundError(
                N_("there is no scenario {scenario_id} in this program"),
                scenario_id=scenario_id,
            )
        number = version_number or scenario.head_number
        version = self.session.execute(
            select(ScenarioVersionRow).where(
                ScenarioVersionRow.program_id == self.scope.program_id,
                ScenarioVersionRow.scenario_id == scenario_id,
                ScenarioVersionRow.number == number,
            )
        ).scalar_one_or_none()
        if version is None:
            raise NotFoundError(
                N_("scenario {scenario_id} has no version {number}"),
                scenario_id=scenario_id,
                number=number,
            )
        self.scope.require(Permission.SUBMIT_RUNS)
        if kind is RunKind.COMPARE:
            parameters = {
                **parameters,
                COMPARE_WITH: self._pinned(str(parameters[COMPARE_WITH])),
            }
        if kind in KINDS_WITH_INPUTS:
            check_inputs(self.session, self.scope.program_id, version, parameters)
        lock_head(self.session)
        active = RunRow.state.in_(ACTIVE_STATES)
        mine = self.session.execute(
            select(func.count())
            .select_from(RunRow)
            .where(active, RunRow.created_by == self.scope.principal.user_id)
        ).scalar_one()
        if mine >= limits.max_active_per_user:
            raise QuotaError(
                N_(
                    "you already have {active} runs queued or running (at most "
                    "{most}); wait for one to finish"
                ),
                limits.retry_after_s,
                active=mine,
                most=limits.max_active_per_user,
            )
        queued = self.session.execute(
            select(func.count()).select_from(RunRow).where(active)
        ).scalar_one()
        if queued >= limits.max_queue:
            raise BusyError(
                N_("the run queue is full ({queued} runs); try again shortly"),
                limits.retry_after_s * 3,
                queued=queued,
            )
        run = RunRow(
            program_id=self.scope.program_id,
            version_id=version.id,
            kind=kind.value,
            parameters=parameters,
            state=RunState.QUEUED.value,
            created_by=self.scope.principal.user_id,
            created_at=self.scope.now,
            attempts=0,
            cancel_requested=False,
            progress="",
            stdout_tail="",
            stderr_tail="",
        )
        self.session.add(run)
        self.session.flush()
        self.scope.record(
            "run.submit",
            "run",
            run.id,
            version_hash=version.sha256,
            detail={
                "kind": kind.value,
                "version": version.number,
                **{
                    name: parameters[name]
                    for name in _AUDITED_INPUTS
                    if name in parameters
                },
            },
        )
        return _record(run, version, self.scope.principal.username)

    def _pinned(self, references: str) -> str:
        """`scenario:version,…` with each head (version 0) replaced by its number.

        Raises:
            NotFoundError: a scenario or version is not in this program.
        """
        pinned = []
        for reference in references.split(","):
            scenario_id, number = (int(part) for part in reference.split(":"))
            scenario = self.session.execute(
                select(ScenarioRow).where(
                    ScenarioRow.id == scenario_id,
                    ScenarioRow.program_id == self.scope.program_id,
                )
            ).scalar_one_or_none()
            if scenario is None:
                raise NotFoundError(
                    N_("there is no scenario {scenario_id} in this program"),
                    scenario_id=scenario_id,
                )
            number = number or scenario.head_number
            found = self.session.execute(
                select(ScenarioVersionRow.id).where(
                    ScenarioVersionRow.program_id == self.scope.program_id,
                    ScenarioVersionRow.scenario_id == scenario_id,
                    ScenarioVersionRow.number == number,
                )
            ).first()
            if found is None:
                raise NotFoundError(
                    N_("scenario {scenario_id} has no version {number}"),
                    scenario_id=scenario_id,
                    number=number,
                )
            pinned.append(f"{scenario_id}:{number}")
        return ",".join(pinned)

    def page(self, limit: int, offset: int, state: RunState | None) -> Page[RunRecord]:
        """The program's runs, newest first."""
        self.scope.require(Permission.READ)
        count, page = (_RUN_COUNT, _RUN_PAGE) if state is None else _BY_STATE
        given = {
            "program_id": self.scope.program_id,
            "state": None if state is None else state.value,
        }
        total = self.session.execute(count, given).scalar_one()
        rows = self.session.execute(
            page, {**given, "limit": limit, "offset": offset}
        ).all()
        items = [_record(run, version, author) for run, version, author in rows]
        next_offset = offset + limit if offset + limit < total else None
        return Page(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next_offset=next_offset,
        )

    def get(self, run_id: int) -> RunRecord:
        """One run and its progress."""
        self.scope.require(Permission.READ)
        return _record(*self._run(run_id))

    def cancel(self, run_id: int) -> RunRecord:
        """Cancel a queued run at once, or ask the worker to kill a running one."""
        run, version, author = self._run(run_id)
        self.scope.require(Permission.SUBMIT_RUNS)
        is_own = run.created_by == self.scope.principal.user_id
        if not is_own and not self.scope.allows(Permission.CANCEL_ANY_RUN):
            raise MissingRoleError(N_("only a program admin may cancel others' runs"))
        if run.state == RunState.QUEUED:
            run.state = RunState.CANCELLED.value
            run.finished_at = self.scope.now
        elif run.state == RunState.RUNNING:
            run.cancel_requested = True
        self.scope.record("run.cancel", "run", run.id, version_hash=version.sha256)
        return _record(run, version, author)

    def _documents(self, run_id: int) -> dict[str, Any]:
        """The run's result documents by name, as stored (costs included)."""
        self.scope.require(Permission.READ)
        self._run(run_id)
        rows = self.session.execute(
            select(RunResultRow.name, RunResultRow.content)
            .where(
                RunResultRow.program_id == self.scope.program_id,
                RunResultRow.run_id == run_id,
            )
            .order_by(RunResultRow.name)
        ).all()
        return {name: json.loads(text) for name, text in rows}

    def results(self, run_id: int) -> RunResults:
        """The run's JSON results (cost fields removed for viewers)."""
        documents = self._documents(run_id)
        results = self.scope.visible_results(documents)
        return RunResults(
            run_id=run_id, results=results, is_redacted=not self.scope.sees_costs
        )

    def tables(self, run_id: int) -> list[ResultTableInfo]:
        """The tables of the run's results the caller may see, without their rows."""
        visible = self.scope.visible_results(self._documents(run_id))
        return [describe(name, records) for name, records in tables_in(visible)]

    def table(self, run_id: int, name: str) -> ResultTable:
        """One table of the run's results (cost columns removed for viewers).

        Raises:
            NotFoundError: the run has no such table.
            MissingRoleError: the whole table is cost figures and the caller is
                a viewer.
        """
        documents = self._documents(run_id)
        for found, records in tables_in(self.scope.visible_results(documents)):
            if found == name:
                return as_table(name, records)
        if any(found == name for found, _ in tables_in(documents)):
            raise MissingRoleError(
                N_(
                    "the table {name} holds cost figures, which your role in program "
                    "{program_id} ({role}) does not show"
                ),
                name=name,
                program_id=self.scope.program_id,
                role=self.scope.role.value,
            )
        raise NotFoundError(
            N_("run {run_id} has no table {name}"), run_id=run_id, name=name
        )

    def artifacts(self, run_id: int) -> list[ArtifactRecord]:
        """The files a run produced."""
        self.scope.require(Permission.READ)
        self._run(run_id)
        rows = self.session.execute(
            select(RunArtifactRow)
            .where(
                RunArtifactRow.program_id == self.scope.program_id,
                RunArtifactRow.run_id == run_id,
            )
            .order_by(RunArtifactRow.name)
        ).scalars()
        return [
            ArtifactRecord(
                id=row.id,
                name=row.name,
                media_type=row.media_type,
                size=row.size,
                sha256=row.sha256,
            )
            for row in rows
        ]

    def artifact(self, run_id: int, artifact_id: int) -> tuple[ArtifactRecord, bytes]:
        """One file's record and bytes (files may carry costs: not for viewers)."""
        self._run(run_id)
        # The role first: a viewer must not learn which file ids exist.
        self.scope.require(Permission.DOWNLOAD_ARTIFACTS)
        row = self.session.execute(
            select(RunArtifactRow).where(
                RunArtifactRow.program_id == self.scope.program_id,
                RunArtifactRow.run_id == run_id,
                RunArtifactRow.id == artifact_id,
            )
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(
                N_("run {run_id} has no file {artifact_id}"),
                run_id=run_id,
                artifact_id=artifact_id,
            )
        record = ArtifactRecord(
            id=row.id,
            name=row.name,
            media_type=row.media_type,
            size=row.size,
            sha256=row.sha256,
        )
        return record, row.content

    def log(self, run_id: int) -> RunLog:
        """The end of the run's output, stack traces included: admins only."""
        run, _, _ = self._run(run_id)
        self.scope.require(Permission.READ_RUN_LOGS)
        return RunLog(
            run_id=run.id,
            exit_code=run.exit_code,
            stdout_tail=run.stdout_tail,
            stderr_tail=run.stderr_tail,
        )
