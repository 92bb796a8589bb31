"""A program's actuals: upload the workbook or .json, see located errors, list versions.

The upload goes through the API's own path (`routes.actuals.upload_file`): the role
is checked before the file is read, the file is read in a limited child process
against the chosen scenario version, and the version is saved and audited. The page
also starts status and re-plan runs on an actuals version and a plan run.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import RedirectResponse

from surgeplan.service.access import Access
from surgeplan.service.bodies import Description, Id
from surgeplan.service.problems import ProblemError
from surgeplan.service.routes.actuals import upload_file
from surgeplan.store.actuals import ActualsRepository
from surgeplan.store.programs import ProgramRepository
from surgeplan.store.records import RunKind, RunRecord, RunState
from surgeplan.store.roles import Permission
from surgeplan.store.runs import RunRepository
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.web.base import Posted, SignedIn, WebRoute, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)
BASE = "/programs/{program_id}/actuals"
SHOWN_VERSIONS = 100
PLAN_RUN_KINDS = (RunKind.PLAN, RunKind.REPORT, RunKind.BRIEF, RunKind.REPLAN)
"""Runs whose results hold a plan.json a status or re-plan can start from."""


def plan_runs(runs: list[RunRecord]) -> list[RunRecord]:
    """The finished runs that made a plan, newest first."""
    return [r for r in runs if r.state is RunState.DONE and r.kind in PLAN_RUN_KINDS]


def _actuals_page(
    request: Request,
    access: Access,
    program_id: int,
    *,
    status: int = 200,
    problem: ProblemError | None = None,
) -> Response:
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        versions = ActualsRepository(scope).page(SHOWN_VERSIONS, 0).items
        scenarios = ScenarioRepository(scope).page(200, 0).items
        may_upload = scope.allows(Permission.EDIT_SCENARIOS)
        may_run = scope.allows(Permission.SUBMIT_RUNS)
        done = RunRepository(scope).page(100, 0, RunState.DONE).items
    names = {s.id: s.name for s in scenarios}
    planned = plan_runs(done)
    # Actuals are read against a scenario version: each scenario's newest, and
    # every version a finished plan was made of (a status compares with that plan).
    choices = sorted(
        {(s.id, s.head_version) for s in scenarios if s.head_version}
        | {(r.scenario_id, r.version) for r in planned},
        key=lambda choice: (names.get(choice[0], ""), -choice[1]),
    )
    return render(
        request,
        "actuals.html",
        access,
        status=status,
        program=program,
        versions=versions,
        choices=choices,
        scenario_names=names,
        plan_runs=planned,
        may_upload=may_upload,
        may_run=may_run,
        problem=problem,
    )


@router.get(BASE)
def actuals_page(request: Request, program_id: Id, access: SignedIn) -> Response:
    """The program's actuals versions; upload (planners) and status runs."""
    return _actuals_page(request, access, program_id)


@router.post(BASE + "/upload")
async def upload(
    request: Request,
    program_id: Id,
    access: Posted,
    file: Annotated[UploadFile, File()],
    scenario: Annotated[str, Form(max_length=40, pattern=r"^\d+:\d+$")],
    message: Annotated[Description, Form()] = "",
) -> Response:
    """Save the actuals file as the next version, or show its located errors."""
    scenario_id, version = (int(part) for part in scenario.split(":"))
    try:
        await upload_file(access, program_id, file, scenario_id, version, message)
    except ProblemError as problem:
        return _actuals_page(
            request, access, program_id, status=problem.status, problem=problem
        )
    return RedirectResponse(f"/programs/{program_id}/actuals", status_code=303)
