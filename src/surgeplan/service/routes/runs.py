"""Runs: submit, follow, cancel, read results, their tables as CSV, and files."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from fastapi import Path as PathParameter

from surgeplan.service.access import CallerDependency
from surgeplan.service.bodies import Id, Limit, Offset, RunCreate
from surgeplan.service.csv_export import csv_download
from surgeplan.service.downloads import attachment
from surgeplan.service.jobs.commands import run_parameters
from surgeplan.store.records import (
    ArtifactRecord,
    Page,
    ResultTableInfo,
    RunLog,
    RunRecord,
    RunResults,
    RunState,
)
from surgeplan.store.runs import RunRepository

router = APIRouter(tags=["runs"])
BASE = "/programs/{program_id}/runs"
TableName = Annotated[
    str, PathParameter(max_length=200, pattern=r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")
]


@router.get(BASE)
def list_runs(
    program_id: Id,
    access: CallerDependency,
    limit: Limit = 50,
    offset: Offset = 0,
    state: Annotated[RunState | None, Query()] = None,
) -> Page[RunRecord]:
    """The program's runs, newest first."""
    with access.program(program_id) as scope:
        return RunRepository(scope).page(limit, offset, state)


@router.post(BASE, status_code=status.HTTP_201_CREATED)
def submit_run(
    program_id: Id, body: RunCreate, access: CallerDependency, response: Response
) -> RunRecord:
    """Queue a run on a pinned scenario version (the head when none is given).

    At most two runs queued or running per user (429) and a bounded queue (503),
    both with Retry-After.
    """
    parameters = run_parameters(body)
    with access.program(program_id, write=True) as scope:
        record = RunRepository(scope).submit(
            body.kind,
            body.scenario_id,
            body.version,
            parameters,
            access.service.settings.run_limits,
        )
    response.headers["Location"] = f"/api/v1/programs/{program_id}/runs/{record.id}"
    return record


@router.get(BASE + "/{run_id}")
def get_run(program_id: Id, run_id: Id, access: CallerDependency) -> RunRecord:
    """A run's state, times, attempts and last progress line."""
    with access.program(program_id) as scope:
        return RunRepository(scope).get(run_id)


@router.post(BASE + "/{run_id}/cancel")
def cancel_run(program_id: Id, run_id: Id, access: CallerDependency) -> RunRecord:
    """Cancel a run (one's own; admins: any). A running one is killed."""
    with access.program(program_id, write=True) as scope:
        return RunRepository(scope).cancel(run_id)


@router.get(BASE + "/{run_id}/results")
def get_results(program_id: Id, run_id: Id, access: CallerDependency) -> RunResults:
    """The run's JSON results (viewers: without cost fields)."""
    with access.program(program_id) as scope:
        results = RunRepository(scope).results(run_id)
    access.record_read(program_id, "run.results.read", "run", run_id)
    return results


@router.get(BASE + "/{run_id}/tables")
def list_tables(
    program_id: Id, run_id: Id, access: CallerDependency
) -> list[ResultTableInfo]:
    """The tables of the run's results (`plan.production`, …) the caller may see."""
    with access.program(program_id) as scope:
        return RunRepository(scope).tables(run_id)


@router.get(
    BASE + "/{run_id}/tables/{table}.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_table(
    program_id: Id, run_id: Id, table: TableName, access: CallerDependency
) -> Response:
    """One table of the run's results as CSV; no cell can become a formula.

    Viewers get it without cost columns, and a table of costs not at all (403).
    """
    with access.program(program_id) as scope:
        found = RunRepository(scope).table(run_id, table)
    access.record_read(
        program_id, "run.table.read", "run", run_id, detail={"table": table}
    )
    return csv_download(found.columns, found.rows, f"run-{run_id}-{table}.csv")


@router.get(BASE + "/{run_id}/artifacts")
def list_artifacts(
    program_id: Id, run_id: Id, access: CallerDependency
) -> list[ArtifactRecord]:
    """The files the run produced."""
    with access.program(program_id) as scope:
        return RunRepository(scope).artifacts(run_id)


@router.get(
    BASE + "/{run_id}/artifacts/{artifact_id}",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def download_artifact(
    program_id: Id, run_id: Id, artifact_id: Id, access: CallerDependency
) -> Response:
    """One file of the run (not for viewers: files may carry cost figures)."""
    with access.program(program_id) as scope:
        record, content = RunRepository(scope).artifact(run_id, artifact_id)
    access.record_read(
        program_id, "run.file.read", "run", run_id, detail={"file": record.name[:200]}
    )
    return attachment(
        content, "application/octet-stream", record.name.replace("/", "_")
    )


@router.get(BASE + "/{run_id}/log")
def get_log(program_id: Id, run_id: Id, access: CallerDependency) -> RunLog:
    """The end of the run's output and errors (program admins)."""
    with access.program(program_id) as scope:
        log = RunRepository(scope).log(run_id)
    access.record_read(program_id, "run.log.read", "run", run_id)
    return log
