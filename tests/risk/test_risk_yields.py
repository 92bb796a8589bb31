"""Yields in the simulation: the same hours and kits per good drone as the plan.

With a 90 % yield and 8 kits a week, the plant makes 7.2 good drones a week.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from planning_cases import make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import simulate_runs

pytestmark = pytest.mark.slow


def lossy(share: float | None) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["items"][0]["routing"][0]["first_pass_yield"] = 0.9
        data["suppliers"][0]["capacity_per_week"] = 8
        if share is not None:
            data["risks"] = {
                "supplier_ramps": [
                    {
                        "id": "kit-ramp",
                        "supplier": "kit-supplier",
                        "delivered_share": {"distribution": "fixed", "value": share},
                    }
                ]
            }

    return change


def planned_cumulative(result: Plan) -> np.ndarray:
    delivered = np.zeros(12)
    for record in result.deliveries:
        delivered[record.bucket] += record.units
    return np.cumsum(delivered)


@pytest.fixture(scope="module")
def lossy_plan() -> Plan:
    return plan(make_scenario(lossy(None)), time_limit_s=30)


def test_the_plan_counts_7_2_good_drones_a_week(lossy_plan: Plan) -> None:
    assert planned_cumulative(lossy_plan)[0] == pytest.approx(7.2)


def test_without_risks_the_simulation_delivers_the_plan_with_yields(
    lossy_plan: Plan,
) -> None:
    scenario = make_scenario(lossy(None))

    outcomes = simulate_runs(scenario, lossy_plan, 20, 7, policy=RecoveryPolicy.none())

    assert np.allclose(outcomes.cumulative[:, 0, :], planned_cumulative(lossy_plan))


def test_a_short_kit_supplier_cuts_good_drones_in_proportion(lossy_plan: Plan) -> None:
    scenario = make_scenario(lossy(0.5))

    outcomes = simulate_runs(scenario, lossy_plan, 20, 7, policy=RecoveryPolicy.none())

    expected = 0.5 * planned_cumulative(lossy_plan)
    assert np.allclose(outcomes.cumulative[:, 0, :], expected[None, :])
