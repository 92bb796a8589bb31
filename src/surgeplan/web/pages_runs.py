"""Runs: start one with its options, follow it live (htmx polling), cancel, results.

A run is submitted through the same `run_parameters` and `RunRepository.submit` as
`POST /api/v1/.../runs`: the same defaults, quotas and role checks. Plans and
simulations run in the job workers, never in a request.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi import Path as PathParameter
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from surgeplan.i18n import current_language, gettext
from surgeplan.reporting.plotly_locale import plotly_locale
from surgeplan.service.bodies import Id, RunCreate
from surgeplan.service.csv_export import csv_download
from surgeplan.service.jobs.commands import run_parameters
from surgeplan.store.programs import ProgramRepository
from surgeplan.store.records import ACTIVE_STATES, RunKind, RunState
from surgeplan.store.roles import Permission
from surgeplan.store.runs import RunRepository
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.web.base import PageError, Posted, SignedIn, WebRoute, is_htmx, render
from surgeplan.web.run_views import run_view
from surgeplan.web.summary import summarise
from surgeplan.web.xlsx_export import xlsx_download

router = APIRouter(route_class=WebRoute, include_in_schema=False)
BASE = "/programs/{program_id}/runs"
TableName = Annotated[
    str, PathParameter(max_length=200, pattern=r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")
]
OptionalText = Annotated[str, Form(max_length=200)]
# Plotly.js sets style attributes and draws heatmaps as data: images; scripts stay
# as strict as on every other page (no inline script, no eval).
CHART_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'"
)
# A report opened in the browser runs no script and reaches nothing else of the site.
REPORT_CSP = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "font-src data:"
)


def _chart_locale() -> dict[str, Any] | None:
    """Plotly's locale for the page's language (None for English, Plotly's own).

    Made from Babel's data by the report's own `plotly_locale`; the page carries it
    as JSON (`tojson` escapes what could close the script element) for app.js.
    """
    text = plotly_locale(current_language())
    return json.loads(text) if text else None


def _number(text: str) -> int | None:
    """An optional whole number typed in a form (ValueError for anything else)."""
    return int(text) if text.strip() else None


@router.get(BASE)
def runs_page(request: Request, program_id: Id, access: SignedIn) -> Response:
    """The program's runs, newest first, refreshed while some are active."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        runs = RunRepository(scope).page(100, 0, None).items
    template = "fragments/runs_table.html" if is_htmx(request) else "runs.html"
    return render(
        request,
        template,
        access,
        program=program,
        runs=runs,
        is_active=any(r.state.value in ACTIVE_STATES for r in runs),
    )


@router.post(BASE)
def start_run(
    program_id: Id,
    access: Posted,
    kind: Annotated[RunKind, Form()],
    scenario_id: OptionalText = "",
    version: OptionalText = "",
    runs: OptionalText = "",
    seed: OptionalText = "",
    confidence: OptionalText = "",
    site: OptionalText = "",
    start_week: OptionalText = "",
    weeks: OptionalText = "",
    actuals_version: OptionalText = "",
    plan_run_id: OptionalText = "",
) -> Response:
    """Queue a run on a pinned version (the head when none is given).

    A status or re-plan run started from the actuals page names no scenario: it
    runs on the version its plan run planned.
    """
    try:
        plan_run = _number(plan_run_id)
        scenario, pinned = _number(scenario_id), _number(version)
        if scenario is None and plan_run is not None:
            with access.program(program_id) as scope:
                planned = RunRepository(scope).get(plan_run)
            scenario, pinned = planned.scenario_id, planned.version
        body = RunCreate(
            kind=kind,
            scenario_id=scenario or 0,
            version=pinned,
            actuals_version=_number(actuals_version),
            plan_run_id=plan_run,
            runs=_number(runs),
            seed=_number(seed),
            confidence=confidence.strip() or None,
            site=site.strip() or None,
            start_week=_number(start_week),
            weeks=_number(weeks),
        )
    except (ValidationError, ValueError) as error:
        raise PageError(
            422, gettext("Invalid run options"), str(error).splitlines()[0][:300]
        ) from None
    parameters = run_parameters(body)
    with access.program(program_id, write=True) as scope:
        record = RunRepository(scope).submit(
            body.kind,
            body.scenario_id,
            body.version,
            parameters,
            access.service.settings.run_limits,
        )
    return RedirectResponse(f"/programs/{program_id}/runs/{record.id}", 303)


@router.get(BASE + "/{run_id}")
def run_page(
    request: Request, program_id: Id, run_id: Id, access: SignedIn
) -> Response:
    """A run: its state (live while active), then its charts, tables and files."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        repository = RunRepository(scope)
        run = repository.get(run_id)
        scenario = ScenarioRepository(scope).get(run.scenario_id)
        is_done = run.state is RunState.DONE
        view = run_view(scope, run_id)[1] if is_done else None
        artifacts = (
            repository.artifacts(run_id)
            if is_done and scope.allows(Permission.DOWNLOAD_ARTIFACTS)
            else []
        )
        may_cancel = scope.allows(Permission.SUBMIT_RUNS)
    if is_done:
        access.record_read(program_id, "run.results.read", "run", run_id)
    charts = view.figures if view else []
    response = render(
        request,
        "run.html",
        access,
        program=program,
        scenario=scenario,
        run=run,
        charts=charts,
        tables=view.tables if view else [],
        artifacts=artifacts,
        may_cancel=may_cancel,
        is_active=run.state.value in ACTIVE_STATES,
        currency=view.currency if view else "EUR",
        plan_vs_actual=view.status if view else None,
        plan_diff=view.plan_diff if view else None,
        chart_locale=_chart_locale() if charts else None,
    )
    if charts:
        response.headers["Content-Security-Policy"] = CHART_CSP
    return response


@router.get(BASE + "/{run_id}/status")
def run_status(
    request: Request, program_id: Id, run_id: Id, access: SignedIn
) -> Response:
    """The run's state as a fragment; htmx polls it while the run is active."""
    with access.program(program_id) as scope:
        run = RunRepository(scope).get(run_id)
        may_cancel = scope.allows(Permission.SUBMIT_RUNS)
    response = render(
        request,
        "fragments/run_status.html",
        access,
        program_id=program_id,
        run=run,
        may_cancel=may_cancel,
        is_active=run.state.value in ACTIVE_STATES,
    )
    if run.state.value not in ACTIVE_STATES and is_htmx(request):
        # Finished: reload the page once to show the results.
        response.headers["HX-Refresh"] = "true"
    return response


@router.post(BASE + "/{run_id}/cancel")
def cancel(program_id: Id, run_id: Id, access: Posted) -> Response:
    """Cancel a run (one's own; admins: any)."""
    with access.program(program_id, write=True) as scope:
        RunRepository(scope).cancel(run_id)
    return RedirectResponse(f"/programs/{program_id}/runs/{run_id}", 303)


@router.get(BASE + "/{run_id}/tables/{table}.csv")
def table_csv(
    program_id: Id, run_id: Id, table: TableName, access: SignedIn
) -> Response:
    """One result table as CSV (viewers: without cost columns)."""
    with access.program(program_id) as scope:
        found = RunRepository(scope).table(run_id, table)
    access.record_read(
        program_id, "run.table.read", "run", run_id, detail={"table": table}
    )
    return csv_download(found.columns, found.rows, f"run-{run_id}-{table}.csv")


@router.get(BASE + "/{run_id}/tables/{table}.xlsx")
def table_xlsx(
    program_id: Id, run_id: Id, table: TableName, access: SignedIn
) -> Response:
    """One result table as an Excel sheet (the same cells as the CSV)."""
    with access.program(program_id) as scope:
        found = RunRepository(scope).table(run_id, table)
    access.record_read(
        program_id, "run.table.read", "run", run_id, detail={"table": table}
    )
    return xlsx_download(table, found.columns, found.rows, f"run-{run_id}-{table}.xlsx")


@router.get(BASE + "/{run_id}/files/{artifact_id}")
def run_file(
    program_id: Id, run_id: Id, artifact_id: Id, access: SignedIn, inline: bool = False
) -> Response:
    """A file of the run: downloaded, or an HTML report or PDF opened in the browser."""
    with access.program(program_id) as scope:
        record, content = RunRepository(scope).artifact(run_id, artifact_id)
    access.record_read(
        program_id, "run.file.read", "run", run_id, detail={"file": record.name[:200]}
    )
    name = record.name.replace("/", "_").replace('"', "_")
    opens_inline = inline and record.name.endswith((".html", ".pdf"))
    media_type = (
        ("text/html; charset=utf-8" if name.endswith(".html") else "application/pdf")
        if opens_inline
        else "application/octet-stream"
    )
    headers = {
        "Content-Disposition": f"{'inline' if opens_inline else 'attachment'}; "
        f'filename="{name}"'
    }
    if opens_inline:
        headers["Content-Security-Policy"] = REPORT_CSP
    return Response(content, media_type=media_type, headers=headers)


@router.get("/programs/{program_id}/compare")
def compare_page(
    request: Request,
    program_id: Id,
    access: SignedIn,
    first: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    second: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
) -> Response:
    """Two finished runs (say, a baseline and a what-if) side by side."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        repository = RunRepository(scope)
        done = repository.page(100, 0, RunState.DONE).items
        chosen = [run_id for run_id in (first, second) if run_id is not None]
        sides = [run_view(scope, run_id) for run_id in chosen]
    for run_id in chosen:
        access.record_read(program_id, "run.results.read", "run", run_id)
    columns = [(run, summarise(view.plan, view.risk, [])) for run, view in sides]
    return render(
        request,
        "compare.html",
        access,
        program=program,
        runs=done,
        columns=columns,
        first=first,
        second=second,
    )
