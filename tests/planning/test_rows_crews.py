"""A second shift that needs its crew qualified before it can run."""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.errors import ScenarioError

pytestmark = pytest.mark.slow


def two_shifts(crew_people: int, initial: str = "1x8") -> Scenario:
    """One person qualified, one trainee a week; a second shift doubles the line."""

    def change(data: dict[str, Any]) -> None:
        site = data["sites"][0]
        site["workforce"][0].update(
            {
                "headcount": 10,
                "volunteer_share": 1.0,
                "initially_qualified": 1,
                "hours_per_week": 40,
                "trainees_per_week_max": 1,
            }
        )
        site["work_centers"][0]["shift_patterns"] = [
            {"id": "1x8", "shifts_per_day": 1},
            {
                "id": "2x8",
                "shifts_per_day": 2,
                "crew_skill": "assembler",
                "crew_people": crew_people,
            },
        ]
        site["work_centers"][0]["initial_shift_pattern"] = initial
        data["demand"]["milestones"][0]["cumulative_quantity"] = 240

    return make_scenario(change)


def first_bucket_on(result: Plan, pattern: str) -> int:
    return min(r.bucket for r in result.capacity if r.shift_pattern == pattern)


def test_the_second_shift_waits_for_its_crew() -> None:
    free = plan(two_shifts(crew_people=0), time_limit_s=30)
    scenario = two_shifts(crew_people=3)
    crewed = plan(scenario, time_limit_s=30)

    # Two people (80 h) work both shifts' 80 station hours: the one qualified and the
    # first trainee (no training lead time), from bucket 0. A crew of three needs the
    # second trainee, who starts in bucket 1.
    assert first_bucket_on(free, "2x8") == 0
    assert first_bucket_on(crewed, "2x8") == 1
    headcount = {r.bucket: r.headcount for r in crewed.labour}
    assert headcount[1] == pytest.approx(3.0)
    assert_plan_is_feasible(scenario, crewed)


def test_the_checker_flags_a_shift_run_without_its_crew() -> None:
    free = plan(two_shifts(crew_people=0), time_limit_s=30)

    shifts = [v for v in check_plan(two_shifts(3), free) if v.family == "shifts"]

    assert shifts[0].where == "chassis-plant/assembly-line, bucket 0"


def test_starting_on_a_pattern_without_its_crew_is_a_located_problem() -> None:
    with pytest.raises(ScenarioError, match="crew_people"):
        two_shifts(crew_people=3, initial="2x8")
