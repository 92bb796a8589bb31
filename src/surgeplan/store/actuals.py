"""A program's actuals: uploads checked against a scenario version, numbered, audited.

Like scenario versions, an actuals version is never updated and is read only inside
its program (need-to-know): a caller who is not a member gets the same 404 as for a
program that does not exist. Uploading needs the right to edit scenarios.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from surgeplan.execution.errors import ActualsError
from surgeplan.execution.records import Actuals
from surgeplan.execution.status_records import Status
from surgeplan.i18n import N_
from surgeplan.store.actuals_table import ActualsVersionRow
from surgeplan.store.errors import NotFoundError, StoreError
from surgeplan.store.records import Page, VersionRecord
from surgeplan.store.roles import Permission
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import (
    RunResultRow,
    RunRow,
    ScenarioVersionRow,
    User,
)

if TYPE_CHECKING:
    from surgeplan.scenario.model import Scenario

PLAN_RESULT = "plan.json"


class UnusablePlanError(StoreError):
    """A plan run whose plan.json cannot be read as a plan."""

    status = 422
    title = "Unusable plan"


class ActualsVersionRecord(BaseModel):
    """An actuals version without its content."""

    number: int
    scenario_version_id: int
    scenario_id: int
    scenario_version: int
    through_week: int
    sha256: str
    message: str
    author: str
    created_at: datetime


class ActualsContent(ActualsVersionRecord):
    """An actuals version with its content."""

    actuals: Actuals


def _record(
    row: ActualsVersionRow, author: str, version: ScenarioVersionRow | VersionRecord
) -> ActualsVersionRecord:
    return ActualsVersionRecord(
        number=row.number,
        scenario_version_id=row.scenario_version_id,
        scenario_id=version.scenario_id,
        scenario_version=version.number,
        through_week=row.through_week,
        sha256=row.sha256,
        message=row.message,
        author=author,
        created_at=row.created_at,
    )


class ActualsRepository:
    """Actuals versions, always inside `scope.program_id`."""

    def __init__(self, scope: ProgramScope) -> None:
        self.scope = scope
        self.session: Session = scope.session

    def upload(
        self, scenario_id: int, scenario_version: int, data: object, message: str
    ) -> ActualsVersionRecord:
        """Check actuals against a scenario version and save them as the next version.

        Raises:
            ActualsError: every problem of the actuals, located by record and field.
            NotFoundError: no such scenario version in the program.
        """
        self.scope.require(Permission.EDIT_SCENARIOS)
        version, text = ScenarioRepository(self.scope).version_text(
            scenario_id, scenario_version
        )
        _, actuals = _checked_actuals(text, data)
        content = actuals.model_dump_json()
        number = (
            self.session.execute(
                select(func.max(ActualsVersionRow.number)).where(
                    ActualsVersionRow.program_id == self.scope.program_id
                )
            ).scalar_one_or_none()
            or 0
        ) + 1
        row = ActualsVersionRow(
            program_id=self.scope.program_id,
            number=number,
            scenario_version_id=version.id,
            through_week=actuals.through_week,
            sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(),
            content=content,
            message=message,
            created_by=self.scope.principal.user_id,
            created_at=self.scope.now,
        )
        self.session.add(row)
        self.session.flush()
        self.scope.record(
            "actuals.upload",
            "actuals",
            number,
            version_hash=row.sha256,
            detail={"through_week": actuals.through_week, "scenario": scenario_id},
        )
        return _record(row, self.scope.principal.username, version)

    def scenario_text(self, scenario_id: int, scenario_version: int) -> str:
        """The text of the scenario version a file of actuals is read against.

        The role is checked before any file is read (as for scenario uploads).

        Raises:
            MissingRoleError: the caller may not upload actuals.
            NotFoundError: no such scenario version in the program.
        """
        self.scope.require(Permission.EDIT_SCENARIOS)
        _, text = ScenarioRepository(self.scope).version_text(
            scenario_id, scenario_version
        )
        return text

    def page(self, limit: int, offset: int) -> Page[ActualsVersionRecord]:
        """The program's actuals versions, newest first."""
        self.scope.require(Permission.READ)
        where = ActualsVersionRow.program_id == self.scope.program_id
        total = self.session.execute(
            select(func.count()).select_from(ActualsVersionRow).where(where)
        ).scalar_one()
        rows = self.session.execute(
            select(ActualsVersionRow, User.username, ScenarioVersionRow)
            .join(User, User.id == ActualsVersionRow.created_by)
            .join(
                ScenarioVersionRow,
                ScenarioVersionRow.id == ActualsVersionRow.scenario_version_id,
            )
            .where(where)
            .order_by(ActualsVersionRow.number.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        following = offset + len(rows)
        return Page[ActualsVersionRecord](
            items=[_record(row, author, version) for row, author, version in rows],
            total=total,
            limit=limit,
            offset=offset,
            next_offset=following if following < total else None,
        )

    def version(self, number: int) -> ActualsContent:
        """One actuals version with its content.

        Raises:
            NotFoundError: no such version in the program.
        """
        self.scope.require(Permission.READ)
        found = self.session.execute(
            select(ActualsVersionRow, User.username, ScenarioVersionRow)
            .join(User, User.id == ActualsVersionRow.created_by)
            .join(
                ScenarioVersionRow,
                ScenarioVersionRow.id == ActualsVersionRow.scenario_version_id,
            )
            .where(
                ActualsVersionRow.program_id == self.scope.program_id,
                ActualsVersionRow.number == number,
            )
        ).one_or_none()
        if found is None:
            raise NotFoundError(
                N_("no actuals version {number} in program {program_id}"),
                number=number,
                program_id=self.scope.program_id,
            )
        row, author, version = found
        return ActualsContent(
            **_record(row, author, version).model_dump(),
            actuals=Actuals.model_validate(json.loads(row.content)),
        )

    def status(self, number: int, plan_run_id: int, *, runs: int, seed: int) -> Status:
        """Plan against actual and the forecast, from a plan run's plan.json.

        Computed in the caller's request (no solver: about a third of a second for
        the drone example); the status holds no money figure.

        Raises:
            NotFoundError: no such actuals version, run, or no plan.json in it.
            ActualsError: the actuals contradict the run's scenario version.
            PlanMismatchError: the plan was made from another scenario.
        """
        self.scope.require(Permission.SUBMIT_RUNS)
        content = self.version(number)
        found = self.session.execute(
            select(ScenarioVersionRow.content, RunResultRow.content)
            .join(RunRow, RunRow.version_id == ScenarioVersionRow.id)
            .join(RunResultRow, RunResultRow.run_id == RunRow.id)
            .where(
                RunRow.program_id == self.scope.program_id,
                RunRow.id == plan_run_id,
                RunResultRow.name == PLAN_RESULT,
            )
        ).one_or_none()
        if found is None:
            raise NotFoundError(
                N_(
                    "run {run_id} of this program has no {file}: give a finished "
                    "plan run"
                ),
                run_id=plan_run_id,
                file=PLAN_RESULT,
            )
        scenario_text, plan_text = found
        scenario, actuals = _checked_actuals(
            scenario_text, content.actuals.model_dump(mode="json")
        )
        # The planning records (and numpy) load on the first status, not at start-up.
        from surgeplan.planning.results.plan import Plan

        try:
            plan = Plan.model_validate(json.loads(plan_text))
        except (ValueError, ValidationError):
            raise UnusablePlanError(
                f"the {PLAN_RESULT} of run {plan_run_id} is not a plan this version "
                "of surgeplan reads: plan the scenario again"
            ) from None
        from surgeplan.execution.status import status

        result = status(scenario, plan, actuals, runs=runs, seed=seed)
        self.scope.record(
            "actuals.status",
            "actuals",
            number,
            version_hash=content.sha256,
            detail={"plan_run": plan_run_id, "runs": runs, "seed": seed},
        )
        return result


__all__ = [
    "ActualsContent",
    "ActualsError",
    "ActualsRepository",
    "ActualsVersionRecord",
]


def _checked_actuals(scenario_text: str, data: object) -> tuple[Scenario, Actuals]:
    """The scenario of a version and the actuals checked against it.

    The scenario package (and numpy, which its calendar uses) is imported here, on
    the first upload or status, so that the service starts without it.
    """
    from surgeplan.execution.loading import actuals_from_data
    from surgeplan.scenario.loading import parse_scenario_text

    scenario = parse_scenario_text(scenario_text)
    return scenario, actuals_from_data(data, scenario)
