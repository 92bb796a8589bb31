"""A milestone over a family of items: the deliveries of every item in it count.

The line has 480 station hours over the 12 weekly buckets. The drone takes 8 h and
the light drone 2 h. 40 drones are due alone, and 100 of the family (drones and light
drones together) by the same day. Drones alone can never make 100 (60 at most), so
the family is met on time only if light drones count; the cheapest plan makes 40
drones (320 h) and 60 light drones (120 h): labour is paid by the hour.
"""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import plan
from surgeplan.risk.simulate import simulate
from surgeplan.scenario import Scenario
from surgeplan.scenario.errors import ScenarioError

pytestmark = pytest.mark.slow


def family_scenario(*, family_items: list[str]) -> Scenario:
    def change(data: dict[str, Any]) -> None:
        drone = data["items"][0]
        drone["routing"][0].update(
            hours_per_unit=8, labour_hours_by_skill={"assembler": 8}
        )
        light = {
            **drone,
            "id": "light-drone",
            "routing": [
                {
                    "id": "assemble",
                    "capability": "assembly",
                    "hours_per_unit": 2,
                    "labour_hours_by_skill": {"assembler": 2},
                }
            ],
        }
        data["items"].insert(1, light)
        first = data["demand"]["milestones"][0]
        data["demand"]["milestones"] = [
            {**first, "cumulative_quantity": 40},
            {
                **first,
                "id": "family",
                "cumulative_quantity": 100,
                "family_items": family_items,
            },
        ]

    return make_scenario(change)


def test_a_family_milestone_counts_the_deliveries_of_every_item_in_it() -> None:
    scenario = family_scenario(family_items=["light-drone"])

    result = plan(scenario, time_limit_s=30)

    by_id = {record.id: record for record in result.milestones}
    assert by_id["order"].weeks_late == 0
    assert by_id["family"].weeks_late == 0
    assert by_id["family"].delivered_by_due == pytest.approx(100, abs=1e-4)
    delivered = {
        item: sum(d.units for d in result.deliveries if d.item == item)
        for item in ("drone", "light-drone")
    }
    assert delivered["drone"] == pytest.approx(40, abs=1e-4)
    assert delivered["light-drone"] == pytest.approx(60, abs=1e-4)
    assert_plan_is_feasible(scenario, result)


def test_the_simulation_without_risks_meets_a_family_milestone_as_planned() -> None:
    scenario = family_scenario(family_items=["light-drone"])
    result = plan(scenario, time_limit_s=30)

    report = simulate(scenario, result, runs=200, seed=3)

    family = next(odds for odds in report.milestones if odds.id == "family")
    assert family.quantity == 100
    assert family.probability_on_time == 1.0


def test_a_family_item_that_is_not_a_program_item_is_refused_where_it_is_written() -> (
    None
):
    with pytest.raises(ScenarioError) as raised:
        family_scenario(family_items=["kit"])

    assert "demand.milestones[1].family_items[0]" in str(raised.value)
