"""Yield, rework and scrap as the planner and checker count them, checked by hand.

The one-line plant has 40 station hours a week and takes 4 h a drone; each drone
needs one kit, bought (the supplier never binds).
"""

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.results.records import (
    CostKind,
    DeliveryRecord,
    ProductionRecord,
    PurchaseRecord,
)

pytestmark = pytest.mark.slow


def assemble_yield(
    first_pass_yield: float, **more: object
) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        operation = data["items"][0]["routing"][0]
        operation["first_pass_yield"] = first_pass_yield
        operation.update(more)
        data["items"][0]["material_cost_per_unit"] = 90.0

    return change


def with_rework_bench(data: dict[str, Any]) -> None:
    assemble_yield(0.8, rework_share=0.5, rework_operation="rework")(data)
    data["sites"][0]["work_centers"].append(
        {"id": "rework-bench", "capabilities": ["rework"], "stations": 1}
    )
    data["items"][0]["routing"].append(
        {
            "id": "rework",
            "capability": "rework",
            "hours_per_unit": 2,
            "labour_hours_by_skill": {"assembler": 2},
        }
    )


def total(
    records: Sequence[ProductionRecord | PurchaseRecord | DeliveryRecord],
    **match: object,
) -> float:
    return sum(
        record.units
        for record in records
        if all(getattr(record, key) == value for key, value in match.items())
    )


def cost(result: Plan, kind: CostKind) -> float:
    return sum(record.amount_eur for record in result.costs if record.kind is kind)


def test_a_90_percent_yield_needs_one_ninetieth_more_starts() -> None:
    scenario = make_scenario(assemble_yield(0.9))

    result = plan(scenario, time_limit_s=30)

    good = total(result.production, operation="assemble")
    assert good == pytest.approx(50.0)
    # Every start takes a kit: 50 / 0.9 = 55.6 kits for 50 good drones.
    assert total(result.purchases) == pytest.approx(50 / 0.9)
    hours = sum(r.hours for r in result.production if r.operation == "assemble")
    assert hours == pytest.approx(50 * 4 / 0.9)
    # 9 good drones a week (40 h / 4.44 h): 54 by the end of week 6 (bucket 5).
    assert result.milestones[0].met_bucket == 5
    assert_plan_is_feasible(scenario, result)


def test_scrapped_units_cost_their_material() -> None:
    scenario = make_scenario(assemble_yield(0.9))

    result = plan(scenario, time_limit_s=30)

    # 90 of material per start: 50 / 0.9 starts, 5.6 of them scrapped.
    assert cost(result, CostKind.MATERIALS) == pytest.approx(90 * 50 / 0.9, rel=1e-6)


def test_rework_takes_hours_on_the_rework_work_center() -> None:
    scenario = make_scenario(with_rework_bench)

    result = plan(scenario, time_limit_s=30)

    # Yield 0.8 + 0.2 x 0.5 = 0.9: 55.6 starts; 20 % fail (11.1), half reworked
    # (5.6 units x 2 h = 11.1 h on the bench), half scrapped (5.6 kits lost).
    bench = sum(r.hours for r in result.production if r.work_center == "rework-bench")
    assert bench == pytest.approx(50 / 0.9 * 0.2 * 0.5 * 2)
    assert total(result.purchases) == pytest.approx(50 / 0.9)
    assert_plan_is_feasible(scenario, result)


def test_the_checker_rejects_a_plan_that_ignores_the_yield() -> None:
    plain = make_scenario()
    lossy = make_scenario(assemble_yield(0.9))

    violations = check_plan(lossy, plan(plain, time_limit_s=30))

    assert violations, "kits and hours for 50 starts cannot make 50 good drones"
