"""A program's actuals: upload (checked against a scenario version), list and read.

Actuals are versioned, audited and need-to-know like scenario versions; a body that
does not validate is answered with a 422 problem listing every located issue.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

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
        raise ProblemError(
            422,
            "Invalid actuals",
            f"{len(error.issues)} problem(s) in the actuals",
            errors=[
                {"location": issue.location(), "message": issue.message}
                for issue in error.issues
            ],
        ) from None


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
