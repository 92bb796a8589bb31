"""The opening state, honoured by planner and checker, on the one-line scenario.

The line makes 10 drones a week (1 station x 8 h x 5 days / 4 h a unit); the order
asks for 50 by the end of week 12. Every figure below is counted by hand from that.
"""

from __future__ import annotations

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.rules.opening_state import opened_scenario
from surgeplan.scenario.errors import ScenarioError

pytestmark = pytest.mark.slow


def with_state(state: dict[str, Any], change: Any = None) -> Any:
    def apply(data: dict[str, Any]) -> None:
        if change is not None:
            change(data)
        data["opening_state"] = state

    return make_scenario(apply)


def met_bucket(result: Plan) -> int | None:
    return result.milestones[0].met_bucket


def test_without_an_opening_state_the_order_is_met_in_week_5() -> None:
    result = plan(make_scenario(), time_limit_s=30)

    assert met_bucket(result) == 4


def test_units_already_delivered_count_toward_the_milestone() -> None:
    # 20 delivered + 10 a week: 50 at the end of week 3.
    scenario = with_state(
        {"delivered": [{"item": "drone", "delivery_point": "customer", "units": 20}]}
    )
    result = plan(scenario, time_limit_s=30)

    assert met_bucket(result) == 2
    assert result.milestones[0].delivered_by_due == pytest.approx(50.0)
    # The 20 delivered before the start are not deliveries of this plan.
    assert sum(d.units for d in result.deliveries) == pytest.approx(30.0)
    assert_plan_is_feasible(scenario, result)


def test_finished_units_in_stock_are_shipped_in_the_first_week() -> None:
    # 20 in stock + 10 made in week 1 = 30, then 40, then 50 in week 3.
    scenario = with_state(
        {"stock": [{"item": "drone", "site": "chassis-plant", "units": 20}]}
    )
    result = plan(scenario, time_limit_s=30)

    assert met_bucket(result) == 2
    first_week = sum(d.units for d in result.deliveries if d.bucket == 0)
    assert first_week == pytest.approx(30.0)
    assert_plan_is_feasible(scenario, result)


def test_work_in_progress_enters_stock_on_its_ready_day() -> None:
    # 20 ready on Monday of week 4 (2027-01-25): 30 made by then + 20 = 50 in week 4.
    scenario = with_state(
        {
            "work_in_progress": [
                {
                    "item": "drone",
                    "site": "chassis-plant",
                    "units": 20,
                    "ready_date": "2027-01-25",
                }
            ]
        }
    )
    result = plan(scenario, time_limit_s=30)

    assert met_bucket(result) == 3
    assert_plan_is_feasible(scenario, result)


def test_kits_in_transit_lift_a_supplier_limited_line() -> None:
    def slow_supplier(data: dict[str, Any]) -> None:
        data["suppliers"][0]["capacity_per_week"] = 5

    # Without them: 5 kits a week, 50 drones in week 10. With 25 arriving at the
    # start: kits 25 + 5 a week and the line's 10 a week both reach 50 in week 5.
    alone = plan(make_scenario(slow_supplier), time_limit_s=30)
    state = {
        "in_transit": [
            {
                "supplier": "kit-supplier",
                "site": "chassis-plant",
                "units": 25,
                "arrival_date": "2027-01-04",
            }
        ]
    }
    scenario = with_state(state, slow_supplier)
    result = plan(scenario, time_limit_s=30)

    assert met_bucket(alone) == 9
    assert met_bucket(result) == 4
    assert_plan_is_feasible(scenario, result)


def test_people_already_qualified_work_from_the_first_week() -> None:
    def untrained(data: dict[str, Any]) -> None:
        data["sites"][0]["workforce"][0].update(
            {
                "volunteer_share": 0.05,
                "initially_qualified": 0,
                "hours_per_week": 20,
                "training_lead_time_weeks": 2,
            }
        )
        data["sites"][0]["calendar"]["shifts_per_day"] = 3

    # 5 qualified x 20 h = 100 h a week, 25 drones; untrained, week 1 makes none.
    scenario = with_state(
        {"people": [{"site": "chassis-plant", "skill": "assembler", "qualified": 5}]},
        untrained,
    )
    result = plan(scenario, time_limit_s=30)
    without = plan(make_scenario(untrained), time_limit_s=30)

    def first_week(result: Plan) -> float:
        return sum(r.units for r in result.production if r.bucket == 0)

    assert first_week(without) == pytest.approx(0.0)
    assert first_week(result) == pytest.approx(25.0)
    assert_plan_is_feasible(scenario, result)


def add_body_line(data: dict[str, Any]) -> None:
    data["sites"][0]["work_centers"].append(
        {
            "id": "body-line",
            "capabilities": ["stamping"],
            "stations": 1,
            "efficiency": 1.0,
            "conversions": [
                {
                    "id": "to-assembly",
                    "adds_capabilities": ["assembly"],
                    "capex": 1000,
                    "lead_time_weeks": 4,
                }
            ],
        }
    )
    data["demand"]["milestones"][0]["cumulative_quantity"] = 150


def test_a_conversion_done_before_the_start_works_from_week_1_without_capex() -> None:
    done = {
        "site": "chassis-plant",
        "work_center": "body-line",
        "conversion": "to-assembly",
    }
    scenario = with_state({"conversions_done": [done]}, add_body_line)
    result = plan(scenario, time_limit_s=30)

    # Two lines of 10 a week: 150 in week 8; nothing to convert, nothing to pay.
    assert result.conversions == []
    assert result.cost("conversion_capex") == 0.0
    assert any(
        r.work_center == "body-line" and r.bucket == 0 and r.units > 0
        for r in result.production
    )
    assert met_bucket(result) == 7
    assert_plan_is_feasible(scenario, result)


def test_a_conversion_under_way_is_ready_on_its_day_at_no_further_capex() -> None:
    under_way = {
        "site": "chassis-plant",
        "work_center": "body-line",
        "conversion": "to-assembly",
        "ready_date": "2027-01-18",
    }
    scenario = with_state({"conversions_done": [under_way]}, add_body_line)
    result = plan(scenario, time_limit_s=30)

    on_body_line = [r for r in result.production if r.work_center == "body-line"]
    assert min(r.bucket for r in on_body_line) == 2
    assert result.cost("conversion_capex") == 0.0
    assert_plan_is_feasible(scenario, result)


def test_the_checker_finds_a_plan_that_ignores_the_opening_stock() -> None:
    scenario = with_state(
        {"stock": [{"item": "drone", "site": "chassis-plant", "units": 20}]}
    )
    made_without_it = plan(make_scenario(), time_limit_s=30)

    families = {violation.family for violation in check_plan(scenario, made_without_it)}

    assert "material" in families


def test_units_made_before_the_start_move_learning_on() -> None:
    scenario = with_state(
        {
            "made": [
                {"item": "drone", "site": "chassis-plant", "units": 100},
                {"item": "kit", "site": "chassis-plant", "units": 0},
            ]
        }
    )

    opened = opened_scenario(scenario)

    assert opened.item("drone").prior_cumulative_units == pytest.approx(
        scenario.item("drone").prior_cumulative_units + 100
    )


def test_an_opening_state_naming_unknown_things_is_located() -> None:
    with pytest.raises(ScenarioError) as refused:
        with_state(
            {
                "stock": [{"item": "drone", "site": "nowhere", "units": 1}],
                "delivered": [{"item": "drone", "delivery_point": "moon", "units": 1}],
                "people": [
                    {"site": "chassis-plant", "skill": "welder", "qualified": 1}
                ],
            }
        )

    paths = {issue.path for issue in refused.value.issues}

    assert "opening_state.stock[0].site" in paths
    assert "opening_state.delivered[0].delivery_point" in paths
    assert "opening_state.people[0]" in paths
