"""A building conversion that two work centers need, decided once, checked by hand.

The drone is assembled (4 h) and then tested (4 h); only the hall can test, and its
two work centers get their capabilities from one building conversion (capex 1000,
2 weeks). Started in week 1, both are ready in bucket 2: testing makes 10 drones a
week from then on, so 50 drones are done in bucket 6.
"""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario, with_hall

from surgeplan.planning import plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.results.records import CostKind
from surgeplan.scenario import ScenarioError

pytestmark = pytest.mark.slow


def test_one_building_conversion_readies_both_work_centers_at_one_capex() -> None:
    scenario = make_scenario(with_hall)

    result = plan(scenario, time_limit_s=30)

    starts = {
        c.work_center: (c.start_bucket, c.ready_bucket) for c in result.conversions
    }
    assert starts == {"hall-a": (0, 2), "hall-b": (0, 2)}
    capex = sum(
        c.amount_eur for c in result.costs if c.kind is CostKind.CONVERSION_CAPEX
    )
    assert capex == pytest.approx(1000.0)
    assert not [r for r in result.production if r.bucket < 2]
    assert result.milestones[0].met_bucket == 6
    assert_plan_is_feasible(scenario, result)


def test_the_checker_refuses_a_building_converted_in_part() -> None:
    scenario = make_scenario(with_hall)
    result = plan(scenario, time_limit_s=30)
    partial = result.model_copy(
        update={
            "conversions": [c for c in result.conversions if c.work_center == "hall-a"]
        }
    )

    violations = check_plan(scenario, partial)

    assert any(v.family == "building" and "hall-b" in v.message for v in violations)


def test_a_building_naming_an_unknown_work_center_is_located() -> None:
    def typo(data: dict[str, Any]) -> None:
        with_hall(data)
        data["sites"][0]["building_conversions"][0]["work_centers"][1][
            "work_center"
        ] = "hall-c"

    with pytest.raises(ScenarioError) as refused:
        make_scenario(typo)

    assert "building_conversions[0].work_centers[1].work_center" in str(refused.value)
