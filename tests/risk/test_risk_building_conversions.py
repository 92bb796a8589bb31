"""A late building conversion in the simulation holds every work center in it.

The hall's two work centers (assembly and the only test bench) are ready in bucket 2
in the plan; a building two weeks late leaves them idle until bucket 4.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from planning_cases import make_scenario, with_hall

from surgeplan.planning import Plan, plan
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import simulate_runs

pytestmark = pytest.mark.slow


def late_hall(weeks: float) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        with_hall(data)
        building = data["sites"][0]["building_conversions"][0]
        building["delay_weeks"] = {"distribution": "fixed", "value": weeks}

    return change


def planned_cumulative(result: Plan) -> np.ndarray:
    delivered = np.zeros(12)
    for record in result.deliveries:
        delivered[record.bucket] += record.units
    return np.cumsum(delivered)


@pytest.fixture(scope="module")
def hall_plan() -> Plan:
    return plan(make_scenario(with_hall), time_limit_s=30)


def test_a_building_on_time_delivers_the_plan(hall_plan: Plan) -> None:
    scenario = make_scenario(late_hall(0))

    outcomes = simulate_runs(scenario, hall_plan, 20, 7, policy=RecoveryPolicy.none())

    assert np.allclose(outcomes.cumulative[:, 0, :], planned_cumulative(hall_plan))


def test_a_building_two_weeks_late_holds_both_work_centers_two_weeks(
    hall_plan: Plan,
) -> None:
    scenario = make_scenario(late_hall(2))

    outcomes = simulate_runs(scenario, hall_plan, 20, 7, policy=RecoveryPolicy.none())

    cumulative = outcomes.cumulative[:, 0, :]
    assert planned_cumulative(hall_plan)[3] == pytest.approx(20.0)
    assert np.allclose(cumulative[:, :4], 0.0)
    assert np.all(cumulative[:, 4] > 0.0)
