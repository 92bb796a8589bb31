"""The simulation starts from the opening state: units delivered before the start."""

from __future__ import annotations

from typing import Any

import pytest
from planning_cases import make_scenario

from surgeplan.planning import plan
from surgeplan.risk.simulate import simulate
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow


def with_delivered(units: float) -> Scenario:

    def change(data: dict[str, Any]) -> None:
        data["opening_state"] = {
            "delivered": [
                {"item": "drone", "delivery_point": "customer", "units": units}
            ]
        }

    return make_scenario(change)


def test_units_delivered_before_the_start_count_in_every_run() -> None:
    # 20 delivered + 10 a week: the plan meets 50 in week 3 and ships only 30. With
    # no risks every run does the same, so the odds are 1 only if runs count the 20.
    scenario = with_delivered(20)
    result = plan(scenario, time_limit_s=30)

    report = simulate(scenario, result, runs=50, contributions=False)
    odds = {m.id: m for m in report.milestones}

    assert result.milestones[0].met_bucket == 2
    assert odds["order"].probability_on_time == pytest.approx(1.0)


def test_without_the_opening_state_the_same_shipments_fall_short() -> None:
    scenario = with_delivered(20)
    result = plan(scenario, time_limit_s=30)

    report = simulate(make_scenario(), result, runs=50, contributions=False)
    odds = {m.id: m for m in report.milestones}

    assert odds["order"].probability_on_time == pytest.approx(0.0)
