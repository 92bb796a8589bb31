"""Yields learned with volume in the simulation: it runs the hours the planner counted.

The planner counts the learned yields in its hours per good unit; the simulation
executes the plan relative to those hours, so without risks it delivers the plan,
and a line whose yields learn delivers earlier than one whose yields stay.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from planning_cases import make_scenario

from surgeplan.arrays import FloatArray
from surgeplan.planning import plan
from surgeplan.planning.results.plan import Plan
from surgeplan.risk.simulate import simulate_runs

pytestmark = pytest.mark.slow


def half_yield(*, learns: bool) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        operation = data["items"][0]["routing"][0]
        operation["first_pass_yield"] = 0.5
        if learns:
            operation["yield_learning"] = {
                "final_first_pass_yield": 1.0,
                "units_to_half_gap": 10,
            }
        data["demand"]["milestones"][0]["as_early_as_possible"] = True

    return change


def planned_cumulative(result: Plan) -> FloatArray:
    delivered = np.zeros(len(result.buckets))
    for record in result.deliveries:
        delivered[record.bucket] += record.units
    return np.cumsum(delivered)


def test_without_risks_the_simulation_delivers_the_learned_plan() -> None:
    scenario = make_scenario(half_yield(learns=True))
    result = plan(scenario, time_limit_s=30)

    outcomes = simulate_runs(scenario, result, 20, 7)

    assert np.allclose(outcomes.cumulative[:, 0, :], planned_cumulative(result))
    # Learned yields: 50 good drones by bucket 6; a fixed half yield: bucket 9.
    assert planned_cumulative(result)[6] == pytest.approx(50.0)
    assert planned_cumulative(result)[5] < 50.0
