"""First-pass yield learned with volume, as the planner and the checker count it.

The one-line plant has 40 station hours a week and takes 4 h a drone at a yield of 1.
Here assembly passes half the drones at the start and learns towards all of them,
closing half the gap every 10 drones: after n drones the yield is
y = 1 - 0.5 * 0.5 ** (n / 10), a good drone takes 4 / y hours and a week makes 10 y.
As early as possible, by hand: 5.00, 6.46, 7.74, 8.68 ... good drones a week (after
0, 5, 11.46, 19.21 made), 50 by the end of week 7 (bucket 6); at a fixed yield of 0.5
(5 a week) not before week 10 (bucket 9).
"""

from collections.abc import Callable
from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.results.plan import Plan

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


def good_by_bucket(result: Plan) -> list[float]:
    units = [0.0] * len(result.buckets)
    for record in result.production:
        units[record.bucket] += record.units
    return units


def test_learned_yields_raise_the_weekly_output_as_volume_grows() -> None:
    scenario = make_scenario(half_yield(learns=True))

    result = plan(scenario, time_limit_s=30)

    assert good_by_bucket(result)[:4] == pytest.approx(
        [5.0, 6.4645, 7.7421, 8.680], rel=0.02
    )
    assert result.milestones[0].met_bucket == 6
    assert_plan_is_feasible(scenario, result)


def test_hours_per_good_drone_are_those_of_the_yield_reached() -> None:
    scenario = make_scenario(half_yield(learns=True))

    result = plan(scenario, time_limit_s=30)

    made_before = 0.0
    for record in sorted(result.production, key=lambda r: r.bucket):
        learned_yield = 1.0 - 0.5 * 0.5 ** (made_before / 10.0)
        assert record.hours_per_unit == pytest.approx(4.0 / learned_yield, rel=0.02)
        made_before += record.units


def test_a_fixed_half_yield_takes_until_week_ten() -> None:
    scenario = make_scenario(half_yield(learns=False))

    result = plan(scenario, time_limit_s=30)

    assert result.milestones[0].met_bucket == 9


def test_the_checker_refuses_a_plan_that_ignores_the_learned_yields() -> None:
    fixed = plan(make_scenario(half_yield(learns=False)), time_limit_s=30)
    learning = make_scenario(half_yield(learns=True))

    families = {violation.family for violation in check_plan(learning, fixed)}

    assert "learning" in families
