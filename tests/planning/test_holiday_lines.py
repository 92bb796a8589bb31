"""The planner and the checker honour calendar exceptions (a 24/7 line on a holiday)."""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow


def units_in(result: Plan, bucket: int) -> float:
    return sum(
        record.units
        for record in result.production
        if record.bucket == bucket and record.operation == "assemble"
    )


def around_the_clock(runs_through_holidays: bool) -> Scenario:
    def change(data: dict[str, Any]) -> None:
        site = data["sites"][0]
        site["calendar"]["public_holidays"] = ["2027-01-06"]
        site["work_centers"][0]["shift_patterns"] = [
            {
                "id": "24-7",
                "shifts_per_day": 3,
                "working_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                "runs_through_holidays": runs_through_holidays,
            }
        ]
        site["work_centers"][0]["initial_shift_pattern"] = "24-7"
        # More than the line can make, so it runs flat out every week.
        data["demand"]["milestones"][0]["cumulative_quantity"] = 600

    return make_scenario(change)


def test_a_24_7_line_that_runs_through_a_holiday_produces_on_it() -> None:
    stopping = around_the_clock(runs_through_holidays=False)
    running = around_the_clock(runs_through_holidays=True)

    stopped = plan(stopping, time_limit_s=30)
    ran = plan(running, time_limit_s=30)

    # 4 h a unit: 144 h (six days of 24 h) make 36 units, 168 h make 42.
    assert units_in(stopped, 0) == pytest.approx(36.0)
    assert units_in(ran, 0) == pytest.approx(42.0)
    assert units_in(ran, 1) == pytest.approx(42.0)
    assert_plan_is_feasible(running, ran)
    assert_plan_is_feasible(stopping, stopped)
