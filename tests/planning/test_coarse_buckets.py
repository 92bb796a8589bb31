"""Plans in weekly buckets first and merged buckets later (`program.detailed_weeks`).

The one-line scenario (10 units a week, a 12-week horizon, 50 units due in week 12)
with `detailed_weeks: 2` is planned in buckets of weeks [0], [1], [2-5], [6-9] and
[10-11]: the due week (11) ends the last one.
"""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan

pytestmark = pytest.mark.slow


def coarse(data: dict[str, Any], lane_lead_time_weeks: float = 0) -> None:
    data["program"]["detailed_weeks"] = 2
    data["lanes"][0]["lead_time_weeks"] = lane_lead_time_weeks


def made_in(result: Plan, bucket: int) -> float:
    return sum(
        record.units
        for record in result.production
        if record.bucket == bucket and record.operation == "assemble"
    )


def test_merged_buckets_hold_the_hours_of_all_their_weeks() -> None:
    scenario = make_scenario(coarse)
    result = plan(scenario, time_limit_s=30)

    assert [
        bucket.end.toordinal() - bucket.start.toordinal() + 1
        for bucket in result.buckets
    ] == [7, 7, 28, 28, 14]
    capacity = {
        record.bucket: record.available_hours
        for record in result.capacity
        if record.work_center == "assembly-line"
    }
    assert capacity[2] == pytest.approx(4 * capacity[0])
    assert made_in(result, 0) == pytest.approx(10.0)
    assert result.milestones[0].weeks_late == 0
    assert_plan_is_feasible(scenario, result)


def test_a_lead_time_ends_in_the_first_bucket_starting_after_it() -> None:
    # Two weeks from week 0 is week 2 (bucket 2); from week 1 it is week 3, inside
    # bucket 2 that started before it, so bucket 3 (week 6); from weeks 2-5, week 4
    # (bucket 3): never sooner than the lead time, at most one bucket later.
    scenario = make_scenario(lambda data: coarse(data, lane_lead_time_weeks=2))
    result = plan(scenario, time_limit_s=30)

    arrival = {record.bucket: record.arrival_bucket for record in result.transfers}
    assert arrival
    expected = {0: 2, 1: 3, 2: 3, 3: 4}
    assert {bucket: expected[bucket] for bucket in arrival} == arrival
    assert 4 not in arrival, "a shipment from the last bucket would arrive after it"
    # Weeks 0 and 1 arrive by bucket 3, weeks 2-5 too: 60 units by the end of week 10.
    assert result.milestones[0].met_bucket == 3
    assert_plan_is_feasible(scenario, result)
