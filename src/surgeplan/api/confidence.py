"""Plans made to the odds a program asks for, as a notebook calls them.

`plan` makes the cheapest plan without margins; these make the plan whose key
milestones reach a confidence under the scenario's risks (`surgeplan.confidence`),
as `surgeplan plan --confidence` does. Planning runs in a process of its own when
the scheduler's solver is loaded here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from surgeplan.api.solvers import SolverModule, call_apart_from

if TYPE_CHECKING:
    from surgeplan.confidence import ConfidentPlan, PriceOfConfidence
    from surgeplan.planning import Plan, PlanTargets
    from surgeplan.scenario import Scenario

CONFIDENCE_RUNS = 2_000
CONFIDENCE_SEED = 11


def plan_to_confidence(
    scenario: Scenario,
    target: float | None = None,
    *,
    runs: int = CONFIDENCE_RUNS,
    seed: int = CONFIDENCE_SEED,
    time_limit_s: float = 60.0,
) -> ConfidentPlan:
    """The cheapest plan found whose key milestones reach `target` odds, or the best.

    `target` defaults to the scenario's `program.confidence`. The result's `plan`
    carries what it was made to (`plan.confidence`) and its margins (`plan.targets`).

    Raises:
        ValueError: no target given and none in the scenario.
        ContradictoryScenarioError: core demand cannot be met even with every option.
    """
    return call_apart_from(
        SolverModule.SCHEDULER,
        _search,
        scenario,
        (target,),
        runs,
        seed,
        time_limit_s,
    ).plans[0]


def price_of_confidence(
    scenario: Scenario,
    targets: Sequence[float],
    *,
    runs: int = CONFIDENCE_RUNS,
    seed: int = CONFIDENCE_SEED,
    time_limit_s: float = 60.0,
) -> PriceOfConfidence:
    """The plans for several odds side by side: cost, capex and staff of each."""
    return call_apart_from(
        SolverModule.SCHEDULER,
        _search,
        scenario,
        tuple(targets),
        runs,
        seed,
        time_limit_s,
    )


def _search(
    scenario: Scenario,
    targets: tuple[float | None, ...],
    runs: int,
    seed: int,
    time_limit_s: float,
) -> PriceOfConfidence:
    from surgeplan.confidence import price_of_confidence as search
    from surgeplan.planning import plan

    def planner(chosen: Scenario, margins: PlanTargets) -> Plan:
        return plan(chosen, time_limit_s=time_limit_s, targets=margins)

    wanted = [
        target if target is not None else scenario.program.confidence
        for target in targets
    ]
    if any(target is None for target in wanted):
        raise ValueError(
            "no confidence target: give one (e.g. 0.8) or set program.confidence"
        )
    return search(
        scenario,
        [target for target in wanted if target is not None],
        planner=planner,
        runs=runs,
        seed=seed,
    )
