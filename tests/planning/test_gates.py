"""Gates in the plan, checked by hand on the one-line plant.

The plant makes 10 drones a week from week 1 (bucket 0, starting Monday 4 January
2027); 50 drones take 5 weeks, so without a gate the order is met in bucket 4.
"""

from collections.abc import Callable
from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.scenario import ScenarioError

pytestmark = pytest.mark.slow


def gate(kind: str, date: str, **more: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["gates"] = [
            {"id": "approval", "item": "drone", "kind": kind, "date": date, **more}
        ]

    return change


def made_in(result: Plan, bucket: int) -> float:
    return sum(r.units for r in result.production if r.bucket == bucket)


def delivered_in(result: Plan, bucket: int) -> float:
    return sum(r.units for r in result.deliveries if r.bucket == bucket)


def test_no_drone_is_made_before_a_production_gate() -> None:
    # Passes Monday 18 January: bucket 2 is the first to produce; 50 by bucket 6.
    scenario = make_scenario(gate("production", "2027-01-18"))

    result = plan(scenario, time_limit_s=30)

    assert made_in(result, 0) == made_in(result, 1) == 0.0
    assert made_in(result, 2) == pytest.approx(10.0)
    assert result.milestones[0].met_bucket == 6
    assert_plan_is_feasible(scenario, result)


def test_a_gate_inside_a_week_bars_that_whole_week() -> None:
    # Wednesday 20 January is inside bucket 2: production starts in bucket 3.
    scenario = make_scenario(gate("production", "2027-01-20"))

    result = plan(scenario, time_limit_s=30)

    assert made_in(result, 2) == 0.0
    assert result.milestones[0].met_bucket == 7


def test_a_delivery_gate_lets_drones_wait_in_stock_until_it_passes() -> None:
    # Passes Monday 8 February (bucket 5): drones made earlier all go out then.
    scenario = make_scenario(gate("delivery", "2027-02-08"))

    result = plan(scenario, time_limit_s=30)

    assert sum(delivered_in(result, b) for b in range(5)) == 0.0
    assert made_in(result, 0) > 0.0
    assert delivered_in(result, 5) == pytest.approx(50.0)
    assert result.milestones[0].met_bucket == 5
    assert_plan_is_feasible(scenario, result)


def test_a_gate_at_an_unknown_site_is_refused_where_it_is_written() -> None:
    with pytest.raises(ScenarioError) as refused:
        make_scenario(gate("production", "2027-01-18", sites=["elsewhere"]))

    assert "gates[0].sites[0]" in str(refused.value)


def test_a_production_gate_on_another_site_leaves_this_one_alone() -> None:
    def two_sites(data: dict[str, Any]) -> None:
        gate("production", "2027-01-18", sites=["other-plant"])(data)
        other = {**data["sites"][0], "id": "other-plant"}
        data["sites"].append(other)
        data["suppliers"][0]["sites"].append("other-plant")
        data["lanes"].append({**data["lanes"][0], "id": "o", "origin": "other-plant"})
        # 50 by the end of week 4: one plant alone makes 40, so both must work.
        data["demand"]["milestones"][0]["due_date"] = "2027-01-29"

    scenario = make_scenario(two_sites)

    result = plan(scenario, time_limit_s=30)

    chassis = sum(
        r.units for r in result.production if r.site == "chassis-plant" and r.bucket < 2
    )
    other = sum(
        r.units for r in result.production if r.site == "other-plant" and r.bucket < 2
    )
    assert chassis > 0.0
    assert other == 0.0
    assert sum(r.units for r in result.production if r.site == "other-plant") > 0.0
    assert_plan_is_feasible(scenario, result)


def test_the_checker_names_production_before_the_gate() -> None:
    gated = make_scenario(gate("production", "2027-01-18"))

    violations = check_plan(gated, plan(make_scenario(), time_limit_s=30))

    assert {v.family for v in violations} == {"gate"}
    assert "approval" in violations[0].where
