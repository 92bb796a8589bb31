"""A program's actuals: upload, list, read, and a plan run's status against them.

Uploads are checked against a scenario version, as JSON in the body or as a file
(the workbook or a .json file, read as `surgeplan status` reads it); actuals are
versioned, audited and need-to-know like scenario versions; actuals that do not
validate are answered with a 422 problem listing every located issue.

The status endpoint computes a status in the request (a third of a second for the
drone example with the default runs); a `status` run (`POST .../runs` with kind
`status`) computes the same in a job worker and keeps it with the program's runs:
the one to use for long forecasts (many runs) and for a status kept for later.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile, status
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from surgeplan.execution.status_records import DEFAULT_RUNS, PlanMismatchError, Status
from surgeplan.i18n import N_
from surgeplan.service.access import Access, CallerDependency
from surgeplan.service.actuals_files import (
    actuals_count,
    issue_fields,
    read_actuals_limited,
)
from surgeplan.service.bodies import TEXT_PATTERN, Id, Limit, Offset
from surgeplan.service.problems import ProblemError
from surgeplan.service.uploads import too_large
from surgeplan.store.actuals import (
    ActualsContent,
    ActualsError,
    ActualsRepository,
    ActualsVersionRecord,
)
from surgeplan.store.records import Page

router = APIRouter(tags=["actuals"])
BASE = "/programs/{program_id}/actuals"


class ActualsUpload(BaseModel):
    """Actuals (surgeplan-actuals/1 as JSON) and the scenario version they belong to."""

    scenario_id: int = Field(ge=1)
    scenario_version: int = Field(ge=1)
    message: str = Field(default="", max_length=2000, pattern=TEXT_PATTERN)
    actuals: dict[str, Any]


@router.post(BASE, status_code=status.HTTP_201_CREATED)
def upload_actuals(
    program_id: Id, body: ActualsUpload, access: CallerDependency
) -> ActualsVersionRecord:
    """Check actuals against a scenario version and save them as the next version."""
    try:
        with access.program(program_id, write=True) as scope:
            return ActualsRepository(scope).upload(
                body.scenario_id, body.scenario_version, body.actuals, body.message
            )
    except ActualsError as error:
        raise _invalid(error) from None


def _invalid(error: ActualsError) -> ProblemError:
    """A 422 problem listing every located issue of the actuals."""
    return ProblemError(
        422,
        N_("Invalid actuals"),
        actuals_count(len(error.issues)),
        errors=[issue_fields(issue) for issue in error.issues],
    )


@router.post(BASE + "/upload", status_code=status.HTTP_201_CREATED)
async def upload_actuals_file(
    program_id: Id,
    access: CallerDependency,
    file: Annotated[UploadFile, File(description="The actuals workbook or .json")],
    scenario_id: Annotated[int, Form(ge=1, le=2_147_483_647)],
    scenario_version: Annotated[int, Form(ge=1, le=2_147_483_647)],
    message: Annotated[str, Form(max_length=2000, pattern=TEXT_PATTERN)] = "",
) -> ActualsVersionRecord:
    """Upload the actuals as a file: the workbook (.xlsx) or a .json file.

    Read as `surgeplan status --actuals FILE` reads it: problems are located by
    sheet, row and column (422). At most the service's upload size.
    """
    return await upload_file(
        access, program_id, file, scenario_id, scenario_version, message
    )


async def upload_file(
    access: Access,
    program_id: int,
    file: UploadFile,
    scenario_id: int,
    scenario_version: int,
    message: str,
) -> ActualsVersionRecord:
    """Check the role, read the file in a limited child process, save the version.

    Raises:
        ProblemError: 413 over the size limit, 422 with the located problems.
    """

    def scenario_text() -> str:
        with access.program(program_id, write=True) as scope:
            return ActualsRepository(scope).scenario_text(scenario_id, scenario_version)

    text = await run_in_threadpool(scenario_text)
    max_bytes = access.service.settings.max_upload_bytes
    data = await file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(max_bytes)

    def read_and_save() -> ActualsVersionRecord:
        actuals = read_actuals_limited(file.filename, data, text)
        try:
            with access.program(program_id, write=True) as scope:
                return ActualsRepository(scope).upload(
                    scenario_id, scenario_version, actuals, message
                )
        except ActualsError as error:
            raise _invalid(error) from None

    return await run_in_threadpool(read_and_save)


class StatusRequest(BaseModel):
    """The plan run to compare the actuals with, and the forecast's runs and seed."""

    plan_run_id: int = Field(ge=1)
    runs: int = Field(default=DEFAULT_RUNS, ge=100, le=20_000)
    seed: int = Field(default=7, ge=0, le=2**31)


@router.post(BASE + "/{number}/status")
def actuals_status(
    program_id: Id, number: Id, body: StatusRequest, access: CallerDependency
) -> Status:
    """Plan against actual and the forecast (surgeplan-status/1) for a plan run."""
    try:
        with access.program(program_id, write=True) as scope:
            return ActualsRepository(scope).status(
                number, body.plan_run_id, runs=body.runs, seed=body.seed
            )
    except ActualsError as error:
        raise _invalid(error) from None
    except PlanMismatchError as error:
        raise ProblemError(422, N_("Invalid request"), str(error)) from None


@router.get(BASE)
def list_actuals(
    program_id: Id, access: CallerDependency, limit: Limit = 50, offset: Offset = 0
) -> Page[ActualsVersionRecord]:
    """The program's actuals versions, newest first."""
    with access.program(program_id) as scope:
        return ActualsRepository(scope).page(limit, offset)


@router.get(BASE + "/{number}")
def get_actuals(program_id: Id, number: Id, access: CallerDependency) -> ActualsContent:
    """One actuals version with its content."""
    with access.program(program_id) as scope:
        return ActualsRepository(scope).version(number)
