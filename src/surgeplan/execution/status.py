"""Scenario + Plan + Actuals -> Status: plan against actual, and a forecast that learns.

`status()` is the stage's entry point; `Status` is saved as status.json
(`format: surgeplan-status/1`) beside one CSV file per table.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from surgeplan.execution.errors import ExecutionError
from surgeplan.execution.estimates import (
    Estimate,
    learning_estimates,
    learning_posteriors,
    supplier_estimates,
    volunteer_estimates,
)
from surgeplan.execution.forecast import (
    DEFAULT_RUNS,
    MilestoneForecast,
    binding_item,
    delays,
    forecast_milestones,
    output_factors,
)
from surgeplan.execution.plan_weeks import PlanWeeks, plan_weeks
from surgeplan.execution.records import Actuals
from surgeplan.execution.state import program_state
from surgeplan.execution.variance import (
    ExceptionRecord,
    ItemSiteVariance,
    ItemWeekVariance,
    MilestoneVariance,
    WeekVariance,
    WorkCenterVariance,
    actual_cumulative_by_point,
    exceptions,
    item_site_variances,
    item_week_variances,
    milestone_variances,
    week_variances,
    work_center_variances,
)
from surgeplan.planning.plan import Plan, plan_hash
from surgeplan.scenario import Scenario, scenario_hash

if TYPE_CHECKING:
    import pandas as pd

STATUS_FORMAT: Final = "surgeplan-status/1"
STATUS_FILE = "status.json"
STATUS_TABLES: Final = (
    "milestones",
    "items",
    "item_weeks",
    "work_centers",
    "weeks",
    "estimates",
    "forecast",
    "exceptions",
)


class StatusFileError(ExecutionError):
    """A status.json that cannot be read."""


class PlanMismatchError(ExecutionError):
    """A plan made from another scenario than the one given."""


class Status(BaseModel):
    """Where the program stands at the end of its status week, and where it heads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["surgeplan-status/1"] = STATUS_FORMAT
    scenario_name: str
    scenario_hash: str
    plan_hash: str
    start_date: dt.date
    through_week: int
    status_date: dt.date
    runs: int
    seed: int
    binding_item: str
    milestones: list[MilestoneVariance]
    items: list[ItemSiteVariance]
    item_weeks: list[ItemWeekVariance]
    work_centers: list[WorkCenterVariance]
    weeks: list[WeekVariance]
    estimates: list[Estimate]
    forecast: list[MilestoneForecast]
    exceptions: list[ExceptionRecord]

    def rows(self, name: str) -> list[dict[str, Any]]:
        """A table as flat rows (the CSV's); forecasts get before_/after_ columns."""
        if name not in STATUS_TABLES:
            raise KeyError(f"no table {name!r}; tables: {', '.join(STATUS_TABLES)}")
        rows: list[dict[str, Any]] = []
        for record in getattr(self, name):
            flat: dict[str, Any] = {}
            for key, value in dataclasses.asdict(record).items():
                if isinstance(value, dict):
                    flat.update({f"{key}_{inner}": v for inner, v in value.items()})
                else:
                    flat[key] = value.value if hasattr(value, "value") else value
            rows.append(flat)
        return rows

    def table(self, name: str) -> pd.DataFrame:
        """A table as a DataFrame indexed by date where it has one.

        `weeks` by each week's start (`week_start`); `forecast` and `exceptions` by
        the milestone's due date (`due_date`); the others by position.
        """
        import pandas as pd

        frame = pd.DataFrame(self.rows(name))
        if name == "weeks":
            frame.index = pd.DatetimeIndex(
                [
                    self.start_date + dt.timedelta(weeks=int(week) - 1)
                    for week in frame["week"]
                ],
                name="week_start",
            )
        elif name in ("forecast", "exceptions") and len(frame):
            frame.index = pd.DatetimeIndex(frame["due_date"], name="due_date")
        return frame

    def to_json(self) -> str:
        """The status as status.json text."""
        return self.model_dump_json(indent=1) + "\n"

    def save(self, folder: str | Path) -> Path:
        """Write status.json and one CSV per table (status-<table>.csv)."""
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        for name in STATUS_TABLES:
            rows = self.rows(name)
            path = target / f"status-{name.replace('_', '-')}.csv"
            with path.open("w", encoding="utf-8", newline="") as stream:
                columns = list(rows[0]) if rows else []
                writer = csv.DictWriter(stream, fieldnames=columns)
                writer.writeheader()
                writer.writerows(rows)
        path = target / STATUS_FILE
        path.write_text(self.to_json(), encoding="utf-8")
        return path


def load_status(path: str | Path) -> Status:
    """Read a status.json written by `surgeplan status`.

    Raises:
        StatusFileError: missing, not JSON, or not a surgeplan-status/1 file.
    """
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        return Status.model_validate(data)
    except (OSError, ValueError) as error:
        first = (
            error.errors()[0]["msg"] if isinstance(error, ValidationError) else error
        )
        raise StatusFileError(
            f"{source}: not a status file made by `surgeplan status` ({first})"
        ) from None


def _centers_of(weeks: PlanWeeks, item: str) -> set[tuple[str, str]]:
    return {
        (step.site, step.work_center)
        for step in weeks.units_by_step
        if step.item == item
    }


def status(
    scenario: Scenario,
    plan: Plan,
    actuals: Actuals,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = 7,
) -> Status:
    """Compare the actuals with the plan and forecast the remaining milestones.

    The actuals must already be checked against the scenario (`load_actuals`).

    Raises:
        PlanMismatchError: the plan was made from another scenario.
    """
    if plan.scenario_hash != scenario_hash(scenario):
        raise PlanMismatchError(
            "the plan was made from another scenario: plan this scenario with "
            "`surgeplan plan` and give that plan.json"
        )
    weeks = plan_weeks(scenario, plan)
    week = actuals.through_week
    state = program_state(scenario, actuals, week)
    posteriors = learning_posteriors(scenario, weeks, actuals)
    volunteers = volunteer_estimates(scenario, weeks, actuals)
    suppliers = supplier_estimates(scenario, weeks, actuals)
    estimates = learning_estimates(posteriors) + volunteers + suppliers
    # One stream per draw family, so that adding one never moves the others.
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(4)]
    factors = (
        output_factors(
            scenario,
            weeks,
            state,
            posteriors,
            volunteers,
            streams[0],
            runs,
            updated=False,
        ),
        output_factors(
            scenario,
            weeks,
            state,
            posteriors,
            volunteers,
            streams[1],
            runs,
            updated=True,
        ),
    )
    delay = (
        delays(scenario, suppliers, streams[2], runs, updated=False),
        delays(scenario, suppliers, streams[3], runs, updated=True),
    )
    forecast = forecast_milestones(
        scenario,
        weeks,
        state,
        factors,
        delay,
        actual_cumulative_by_point(scenario, actuals),
    )
    milestones = milestone_variances(scenario, weeks, actuals)
    week_rows = week_variances(scenario, weeks, actuals)
    centers = work_center_variances(weeks, actuals)
    binding = binding_item(scenario, weeks, state, posteriors)
    items = item_site_variances(weeks, actuals)
    return Status(
        scenario_name=scenario.program.name,
        scenario_hash=scenario_hash(scenario),
        plan_hash=plan_hash(plan),
        start_date=scenario.program.start_date,
        through_week=week,
        status_date=actuals.status_date,
        runs=runs,
        seed=seed,
        binding_item=binding,
        milestones=milestones,
        items=items,
        item_weeks=item_week_variances(items, weeks, actuals),
        work_centers=centers,
        weeks=week_rows,
        estimates=estimates,
        forecast=forecast,
        exceptions=exceptions(
            milestones,
            forecast,
            week_rows,
            (centers, estimates, _centers_of(weeks, binding)),
        ),
    )


def forecast(
    scenario: Scenario,
    plan: Plan,
    actuals: Actuals,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = 7,
) -> pd.DataFrame:
    """Each milestone's odds and P50/P90 dates from the current state.

    Before and after the update: `status(...).table("forecast")`, by due date.

    Raises:
        PlanMismatchError: the plan was made from another scenario.
    """
    return status(scenario, plan, actuals, runs=runs, seed=seed).table("forecast")
