"""Supplier ramps that start late or deliver short, as the planner and checker see them.

The one-line plant makes 10 drones a week (40 station hours, 4 h a unit); the kit
supplier promises 8 kits a week, so the supplier binds: 50 drones take 7 weeks
(8 x 7 = 56 by the end of bucket 6).
"""

from collections.abc import Callable
from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.planning.checking.checker import check_plan

pytestmark = pytest.mark.slow


def kits_per_week(
    rate: float, ramp: dict[str, Any] | None = None
) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["suppliers"][0]["capacity_per_week"] = rate
        if ramp is not None:
            data["risks"] = {
                "supplier_ramps": [
                    {"id": "kit-ramp", "supplier": "kit-supplier", **ramp}
                ]
            }

    return change


def fixed(value: float) -> dict[str, Any]:
    return {"distribution": "fixed", "value": value}


def bought_in(result: Plan, bucket: int) -> float:
    return sum(p.units for p in result.purchases if p.bucket == bucket)


def test_the_planner_plans_against_the_promise_by_default() -> None:
    scenario = make_scenario(kits_per_week(8, {"delivered_share": fixed(0.7)}))

    result = plan(scenario, time_limit_s=30)

    assert result.milestones[0].met_bucket == 6
    assert bought_in(result, 0) == pytest.approx(8.0)
    assert_plan_is_feasible(scenario, result)


def test_a_supplier_delivering_70_percent_caps_output_where_its_part_binds() -> None:
    # Planned at the median of a fixed 70 % share: 5.6 kits a week, so 50 drones take
    # 50 / 5.6 = 8.9 weeks: 50.4 by the end of bucket 8.
    ramp = {"delivered_share": fixed(0.7), "planned_quantile": 0.5}
    scenario = make_scenario(kits_per_week(8, ramp))

    result = plan(scenario, time_limit_s=30)

    assert max(bought_in(result, b) for b in range(12)) == pytest.approx(5.6)
    assert result.milestones[0].met_bucket == 8
    assert_plan_is_feasible(scenario, result)


def test_a_share_that_does_not_bind_leaves_the_plan_as_it_was() -> None:
    # 70 % of 20 kits is 14 a week, more than the line's 10: the line still binds.
    ramp = {"delivered_share": fixed(0.7), "planned_quantile": 0.5}
    scenario = make_scenario(kits_per_week(20, ramp))

    result = plan(scenario, time_limit_s=30)

    assert result.milestones[0].met_bucket == 4


def test_a_ramp_planned_late_buys_nothing_before_its_planned_start() -> None:
    # A delay uniform on 0-2 weeks has its 75 % quantile at 1.5 weeks: bucket 0 gets no
    # kit, bucket 1 half a week's (4), and the 50th drone comes in bucket 7 (4 + 6 x 8).
    delay = {"distribution": "uniform", "low": 0, "high": 2}
    ramp = {"start_delay_weeks": delay, "planned_quantile": 0.75}
    scenario = make_scenario(kits_per_week(8, ramp))

    result = plan(scenario, time_limit_s=30)

    assert bought_in(result, 0) == pytest.approx(0.0)
    assert bought_in(result, 1) == pytest.approx(4.0)
    assert result.milestones[0].met_bucket == 7
    assert_plan_is_feasible(scenario, result)


def test_the_checker_rejects_orders_above_the_planned_share() -> None:
    promised = make_scenario(kits_per_week(8))
    short = make_scenario(
        kits_per_week(8, {"delivered_share": fixed(0.7), "planned_quantile": 0.5})
    )

    violations = check_plan(short, plan(promised, time_limit_s=30))

    assert any(v.family == "supplier capacity" for v in violations)
