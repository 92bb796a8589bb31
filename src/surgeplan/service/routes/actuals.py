"""A program's actuals: upload, list, read, and a plan run's status against them.

Uploads are checked against a scenario version; actuals are versioned, audited and
need-to-know like scenario versions; a body that
does not validate is answered with a 422 problem listing every located issue.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from surgeplan.execution.forecast import DEFAULT_RUNS
from surgeplan.execution.status import PlanMismatchError, Status
from surgeplan.service.access import CallerDependency
from surgeplan.service.bodies import TEXT_PATTERN, Id, Limit, Offset
from surgeplan.service.problems import ProblemError
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
        "Invalid actuals",
        f"{len(error.issues)} problem(s) in the actuals",
        errors=[
            {"location": issue.location(), "message": issue.message}
            for issue in error.issues
        ],
    )


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
        raise ProblemError(422, "Invalid request", str(error)) from None


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
