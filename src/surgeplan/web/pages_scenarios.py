"""Scenarios and their versions: upload with located errors, download, diff, copy.

Uploads go through the service's own reader (`read_upload_limited`: workbook safety
checks, the child process with its memory and time limits, validation) after the
same membership and role check the API makes before parsing anything.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from surgeplan.i18n import gettext
from surgeplan.service.access import Access
from surgeplan.service.bodies import Description, Id, Name
from surgeplan.service.downloads import (
    XLSX_MEDIA_TYPE,
    YAML_MEDIA_TYPE,
    attachment,
    workbook_bytes,
)
from surgeplan.service.parse_limits import read_upload_limited
from surgeplan.service.problems import ProblemError
from surgeplan.service.uploads import too_large
from surgeplan.store.actuals import ActualsRepository
from surgeplan.store.programs import ProgramRepository
from surgeplan.store.records import RunKind, RunState
from surgeplan.store.roles import Permission
from surgeplan.store.runs import RunRepository
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.web.base import Posted, SignedIn, WebRoute, render
from surgeplan.web.pages_actuals import SHOWN_VERSIONS, plan_runs

router = APIRouter(route_class=WebRoute, include_in_schema=False)
BASE = "/programs/{program_id}/scenarios"
VersionNumber = Annotated[int, Query(ge=1, le=2_147_483_647)]
Message = Annotated[Description, Form()]


@router.get(BASE)
def scenarios_page(request: Request, program_id: Id, access: SignedIn) -> Response:
    """The program's scenarios, and a form to add one (planners, admins)."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        scenarios = ScenarioRepository(scope).page(200, 0).items
        may_edit = scope.allows(Permission.EDIT_SCENARIOS)
    return render(
        request,
        "scenarios.html",
        access,
        program=program,
        scenarios=scenarios,
        may_edit=may_edit,
    )


@router.post(BASE)
def add_scenario(
    program_id: Id,
    access: Posted,
    name: Annotated[Name, Form()],
    description: Annotated[Description, Form()] = "",
) -> Response:
    """A new, empty scenario; its first version comes with the first upload."""
    with access.program(program_id, write=True) as scope:
        record = ScenarioRepository(scope).create(name, description)
    return RedirectResponse(f"/programs/{program_id}/scenarios/{record.id}", 303)


def _scenario_page(
    request: Request,
    access: Access,
    program_id: int,
    scenario_id: int,
    *,
    status: int = 200,
    problem: ProblemError | None = None,
) -> Response:
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        scenarios = ScenarioRepository(scope)
        scenario = scenarios.get(scenario_id)
        versions = scenarios.versions(scenario_id, 200, 0).items
        may_edit = scope.allows(Permission.EDIT_SCENARIOS)
        may_run = scope.allows(Permission.SUBMIT_RUNS)
        sees_costs = scope.sees_costs
        actuals = [
            a
            for a in ActualsRepository(scope).page(SHOWN_VERSIONS, 0).items
            if a.scenario_id == scenario_id
        ]
        done = RunRepository(scope).page(100, 0, RunState.DONE).items
    return render(
        request,
        "scenario.html",
        access,
        status=status,
        program=program,
        scenario=scenario,
        versions=versions,
        may_edit=may_edit,
        may_run=may_run,
        sees_costs=sees_costs,
        problem=problem,
        run_kinds=list(RunKind),
        actuals=actuals,
        plan_runs=[r for r in plan_runs(done) if r.scenario_id == scenario_id],
    )


@router.get(BASE + "/{scenario_id}")
def scenario_page(
    request: Request, program_id: Id, scenario_id: Id, access: SignedIn
) -> Response:
    """A scenario's versions: upload, download, diff, copy, run."""
    return _scenario_page(request, access, program_id, scenario_id)


@router.post(BASE + "/{scenario_id}/upload")
async def upload(
    request: Request,
    program_id: Id,
    scenario_id: Id,
    access: Posted,
    file: Annotated[UploadFile, File()],
    etag: Annotated[str, Form(max_length=500)],
    message: Message = "",
) -> Response:
    """Save a YAML or xlsx file as the next version, or show its located errors."""

    def check() -> None:
        with access.program(program_id) as scope:
            ScenarioRepository(scope).check_may_save(scenario_id)

    await run_in_threadpool(check)
    max_bytes = access.service.settings.max_upload_bytes
    data = await file.read(max_bytes + 1)

    def parse_and_save() -> Response:
        try:
            if len(data) > max_bytes:
                raise too_large(max_bytes)
            content, source_format = read_upload_limited(file.filename, data, max_bytes)
        except ProblemError as problem:
            return _scenario_page(
                request,
                access,
                program_id,
                scenario_id,
                status=problem.status,
                problem=problem,
            )
        with access.program(program_id, write=True) as scope:
            ScenarioRepository(scope).save_version(
                scenario_id, etag, content, source_format, message
            )
        return RedirectResponse(
            f"/programs/{program_id}/scenarios/{scenario_id}", status_code=303
        )

    return await run_in_threadpool(parse_and_save)


@router.get(BASE + "/{scenario_id}/versions/{number}")
def version_page(
    request: Request, program_id: Id, scenario_id: Id, number: Id, access: SignedIn
) -> Response:
    """A version's YAML text (viewers: without cost fields)."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        scenario = ScenarioRepository(scope).get(scenario_id)
        version = ScenarioRepository(scope).version(scenario_id, number)
    access.record_read(
        program_id,
        "scenario.version.read",
        "scenario_version",
        f"{scenario_id}/{number}",
        version_hash=version.sha256,
        detail={"redacted": version.is_redacted},
    )
    return render(
        request,
        "version.html",
        access,
        program=program,
        scenario=scenario,
        version=version,
    )


@router.get(BASE + "/{scenario_id}/versions/{number}/download")
def download(
    program_id: Id,
    scenario_id: Id,
    number: Id,
    access: SignedIn,
    file_format: Annotated[
        str, Query(alias="format", pattern="^(yaml|xlsx)$")
    ] = "yaml",
) -> Response:
    """A version as YAML (viewers: no cost fields) or .xlsx (not viewers)."""
    with access.program(program_id) as scope:
        scenarios = ScenarioRepository(scope)
        if file_format == "xlsx":
            _, text = scenarios.version_text(scenario_id, number)
        else:
            text = scenarios.version(scenario_id, number).content
    access.record_read(
        program_id,
        "scenario.version.download",
        "scenario_version",
        f"{scenario_id}/{number}",
        detail={"format": file_format},
    )
    name = f"scenario-{scenario_id}-v{number}"
    if file_format == "xlsx":
        return attachment(workbook_bytes(text), XLSX_MEDIA_TYPE, name + ".xlsx")
    return attachment(text.encode("utf-8"), YAML_MEDIA_TYPE, name + ".yaml")


@router.get(BASE + "/{scenario_id}/diff")
def diff_page(
    request: Request,
    program_id: Id,
    scenario_id: Id,
    access: SignedIn,
    from_version: Annotated[int, Query(alias="from", ge=1, le=2_147_483_647)],
    to_version: Annotated[int, Query(alias="to", ge=1, le=2_147_483_647)],
) -> Response:
    """Changed paths and the unified diff between two versions."""
    with access.program(program_id) as scope:
        program = ProgramRepository(scope).get()
        scenario = ScenarioRepository(scope).get(scenario_id)
        diff = ScenarioRepository(scope).diff(scenario_id, from_version, to_version)
    access.record_read(
        program_id,
        "scenario.diff.read",
        "scenario",
        scenario_id,
        detail={"from": from_version, "to": to_version},
    )
    return render(
        request, "diff.html", access, program=program, scenario=scenario, diff=diff
    )


@router.post(BASE + "/{scenario_id}/versions/{number}/copy")
def copy_version(
    program_id: Id,
    scenario_id: Id,
    number: Id,
    access: Posted,
    name: Annotated[Name, Form()],
) -> Response:
    """A new what-if scenario whose first version is a copy of this one."""
    with access.program(program_id, write=True) as scope:
        scenarios = ScenarioRepository(scope)
        record, text = scenarios.version_text(scenario_id, number)
        variant = scenarios.create(
            name,
            gettext("What-if copy of scenario {id} version {number}").format(
                id=scenario_id, number=number
            ),
        )
        scenarios.save_version(
            variant.id,
            variant.etag,
            text,
            record.source_format,
            gettext("Copied from scenario {id} version {number}").format(
                id=scenario_id, number=number
            ),
        )
    return RedirectResponse(f"/programs/{program_id}/scenarios/{variant.id}", 303)
