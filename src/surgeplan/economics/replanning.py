"""Plan several scenarios at once, each in a process of its own.

Each worker imports the planner itself; processes are spawned (never forked) so
that no solver state or thread of the parent is copied into them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario

MAX_WORKERS = 2


@dataclass(frozen=True)
class PlanOutcome:
    """A plan, or why the planner refused the scenario."""

    plan: Plan | None
    refusal: str | None = None


def _plan_in_worker(scenario_json: str, time_limit_s: float) -> tuple[str | None, str]:
    """Plan one scenario; returns (plan JSON, "") or (None, the planner's reason)."""
    from surgeplan.planning import plan
    from surgeplan.planning.errors import ContradictoryScenarioError

    scenario = Scenario.model_validate_json(scenario_json)
    try:
        result = plan(scenario, time_limit_s=time_limit_s, threads=1)
    except ContradictoryScenarioError as error:
        return None, error.message
    return result.to_json(), ""


def plan_many(
    scenarios: Sequence[Scenario],
    *,
    time_limit_s: float = 60.0,
    max_workers: int = MAX_WORKERS,
) -> list[PlanOutcome]:
    """Plans of the scenarios, in their order, made by `max_workers` processes."""
    if not scenarios:
        return []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max_workers, mp_context=context) as pool:
        futures = [
            pool.submit(_plan_in_worker, scenario.model_dump_json(), time_limit_s)
            for scenario in scenarios
        ]
        results = [future.result() for future in futures]
    return [
        PlanOutcome(plan=Plan.model_validate_json(text))
        if text is not None
        else PlanOutcome(plan=None, refusal=reason)
        for text, reason in results
    ]
