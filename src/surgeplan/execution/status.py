"""Scenario + Plan + Actuals -> Status: plan against actual, and a forecast that learns.

`status()` is the stage's entry point; `Status` is saved as status.json
(`format: surgeplan-status/1`) beside one CSV file per table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from surgeplan.execution.estimates import (
    learning_estimates,
    learning_posteriors,
    supplier_estimates,
    volunteer_estimates,
)
from surgeplan.execution.forecast import (
    binding_item,
    delays,
    forecast_milestones,
    output_factors,
)
from surgeplan.execution.plan_weeks import PlanWeeks, plan_weeks
from surgeplan.execution.records import Actuals
from surgeplan.execution.state import program_state
from surgeplan.execution.status_records import (
    DEFAULT_RUNS,
    PlanMismatchError,
    Status,
)
from surgeplan.execution.variance import (
    actual_cumulative_by_point,
    exceptions,
    item_site_variances,
    item_week_variances,
    milestone_variances,
    week_variances,
    work_center_variances,
)
from surgeplan.planning.results.plan import Plan, plan_hash
from surgeplan.scenario import Scenario, scenario_hash

if TYPE_CHECKING:
    import pandas as pd


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
