"""Hiring ramps, turnover, part-time and salaried staff, training paid for hires."""

import datetime as dt
from typing import Any

import numpy as np
import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.results.records import CostKind, LabourRecord
from surgeplan.planning.rules.workforce_terms import hire_limits, qualified_ceiling


def units_in(result: Plan, bucket: int) -> float:
    return sum(
        record.units
        for record in result.production
        if record.bucket == bucket and record.operation == "assemble"
    )


def pool_records(result: Plan) -> list[LabourRecord]:
    return sorted(result.labour, key=lambda record: record.bucket)


def recruiting(data: dict[str, Any], **terms: object) -> None:
    """No volunteers: every person must be hired; a big order keeps the line busy."""
    data["sites"][0]["workforce"][0].update(
        {
            "volunteer_share": 0.0,
            "initially_qualified": 0,
            "hires_max_total": 100,
            **terms,
        }
    )
    data["demand"]["milestones"][0]["cumulative_quantity"] = 120


def test_a_hiring_ramp_opens_after_the_recruiting_lead_time_and_grows_weekly() -> None:
    scenario = make_scenario(
        lambda data: recruiting(
            data,
            hires_per_week_max=3,
            hires_per_week_ramp=1,
            recruiting_lead_time_weeks=2,
        )
    )
    buckets = scenario.plan_buckets()
    pool = scenario.sites[0].workforce[0]

    limits = hire_limits(pool, buckets, scenario.program)

    # Closed for two weeks, then 1, 2, 3 a week, then the maximum of 3.
    assert limits.tolist() == pytest.approx([0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3])


@pytest.mark.slow
def test_the_planner_hires_no_faster_than_the_ramp() -> None:
    # 35 h a person and 4 h a unit; the line makes at most 10 units (40 h) a week.
    scenario = make_scenario(
        lambda data: recruiting(
            data,
            hires_per_week_max=3,
            hires_per_week_ramp=1,
            recruiting_lead_time_weeks=2,
        )
    )
    result = plan(scenario, time_limit_s=30)

    records = pool_records(result)
    hires = [record.hires for record in records]
    assert hires[:2] == pytest.approx([0, 0])
    assert hires[2] <= 1 + 1e-6
    assert hires[3] <= 2 + 1e-6
    # Nobody can work before the first hire in week 3, so nothing is made before it;
    # then one person works 35 h and 10 % overtime: 38.5 h, 9.625 units of 4 h.
    assert units_in(result, 0) == units_in(result, 1) == pytest.approx(0.0)
    assert hires[2] == pytest.approx(1.0)
    assert units_in(result, 2) == pytest.approx(38.5 / 4)
    assert_plan_is_feasible(scenario, result)


def test_a_plan_hiring_above_the_ramp_is_flagged_by_the_checker() -> None:
    def ramp(data: dict[str, Any]) -> None:
        recruiting(data, hires_per_week_max=3, hires_per_week_ramp=1)

    scenario = make_scenario(ramp)
    unlimited = make_scenario(lambda data: recruiting(data, hires_per_week_max=3))
    result = plan(unlimited, time_limit_s=30)
    assert pool_records(result)[0].hires == pytest.approx(3.0)

    hiring = [v for v in check_plan(scenario, result) if v.family == "hiring"]

    assert hiring
    assert "bucket 0" in hiring[0].where


@pytest.mark.slow
def test_turnover_takes_a_weekly_share_of_the_qualified_people() -> None:
    def leaving(data: dict[str, Any]) -> None:
        data["sites"][0]["workforce"][0].update(
            {
                "headcount": 10,
                "volunteer_share": 1.0,
                "initially_qualified": 10,
                "attrition_share_per_week": 0.1,
            }
        )

    scenario = make_scenario(leaving)
    result = plan(scenario, time_limit_s=30)

    # Nobody is left to train or hire: 10, 9, 8.1, ... people, 0.9 a week kept.
    headcount = [record.headcount for record in pool_records(result)]
    assert headcount == pytest.approx([10 * 0.9**week for week in range(12)])
    assert_plan_is_feasible(scenario, result)


def test_the_qualified_ceiling_replaces_leavers_only_by_new_people() -> None:
    pool = (
        make_scenario(
            lambda data: data["sites"][0]["workforce"][0].update(
                {"initially_qualified": 10, "attrition_share_per_week": 0.2}
            )
        )
        .sites[0]
        .workforce[0]
    )

    ceiling = qualified_ceiling(pool, np.array([0.0, 5.0, 0.0]), np.ones(3))

    # 10; then 8 kept and 5 new; then 80 % of 13.
    assert ceiling.tolist() == pytest.approx([10.0, 13.0, 10.4])


@pytest.mark.slow
def test_part_timers_lower_the_hours_of_each_person() -> None:
    def part_time(data: dict[str, Any]) -> None:
        pool = data["sites"][0]["workforce"][0]
        pool.update(
            {
                "volunteer_share": 0.05,
                "initially_qualified": 0,
                "hours_per_week": 20,
                "part_time_share": 0.5,
                "part_time_hours_per_week": 10,
            }
        )
        data["sites"][0]["calendar"]["shifts_per_day"] = 3

    # 5 volunteers x (half 20 h, half 10 h) = 75 h a week: 18.75 units of 4 h.
    scenario = make_scenario(part_time)
    result = plan(scenario, time_limit_s=30)

    assert units_in(result, 0) == pytest.approx(18.75)
    assert pool_records(result)[0].available_hours == pytest.approx(75.0)
    assert_plan_is_feasible(scenario, result)


@pytest.mark.slow
def test_salaried_people_are_paid_while_idle() -> None:
    def salaried(data: dict[str, Any]) -> None:
        data["sites"][0]["workforce"][0].update(
            {"headcount": 10, "initially_qualified": 10, "is_salaried": True}
        )

    hourly = plan(make_scenario(), time_limit_s=30)
    scenario = make_scenario(salaried)
    result = plan(scenario, time_limit_s=30)

    # 100 hourly people are paid for the 50 units' 200 h: 8,000. Ten salaried ones
    # are paid 10 x 35 h x 40 a week for all 12 weeks, whatever they make.
    assert hourly.cost(CostKind.LABOUR) == pytest.approx(200 * 40)
    assert result.cost(CostKind.LABOUR) == pytest.approx(10 * 35 * 40 * 12)
    assert_plan_is_feasible(scenario, result)


def volunteers_or_hires(data: dict[str, Any], **training: object) -> None:
    """Two people are needed from the start (the line's 40 h a week at 20 h each,
    no overtime, 120 units in 12 weeks); they are volunteers or hires."""
    data["sites"][0]["workforce"][0].update(
        {
            "headcount": 2,
            "volunteer_share": 1.0,
            "initially_qualified": 0,
            "hours_per_week": 20,
            "hires_per_week_max": 2,
            "hires_max_total": 2,
            "hiring_cost_per_person": 1000,
            "overtime_share_max": 0.0,
            **training,
        }
    )
    data["demand"]["milestones"][0]["cumulative_quantity"] = 120


@pytest.mark.slow
def test_training_paid_for_hires_too_turns_the_plan_to_volunteers() -> None:
    old_rule = make_scenario(
        lambda data: volunteers_or_hires(data, training_cost_per_person=4000)
    )
    per_trainee = make_scenario(
        lambda data: volunteers_or_hires(data, training_cost_per_trainee=4000)
    )

    before = plan(old_rule, time_limit_s=30)
    after = plan(per_trainee, time_limit_s=30)

    # A hire used to cost 1,000 and train for free, a volunteer 4,000: two hires.
    assert sum(r.hires for r in before.labour) == pytest.approx(2.0)
    assert before.cost(CostKind.TRAINING) == pytest.approx(0.0)
    # Paying 4,000 for every trainee makes a hire cost 5,000: two volunteers, and the
    # plan pays 2 x 4,000 of training instead of 2 x 1,000 of hiring (6,000 more).
    assert sum(r.hires for r in after.labour) == pytest.approx(0.0)
    assert sum(r.trainees for r in after.labour) == pytest.approx(2.0)
    spent_before = before.cost(CostKind.TRAINING) + before.cost(CostKind.HIRING)
    spent_after = after.cost(CostKind.TRAINING) + after.cost(CostKind.HIRING)
    assert spent_after - spent_before == pytest.approx(6000.0)
    assert_plan_is_feasible(per_trainee, after)


def test_a_hire_pays_the_training_of_a_trainee_only_when_stated() -> None:
    pool = (
        make_scenario(
            lambda data: volunteers_or_hires(data, training_cost_per_person=4000)
        )
        .sites[0]
        .workforce[0]
    )
    assert (pool.trainee_cost, pool.hire_training_cost) == (4000, 0)
    pool = (
        make_scenario(
            lambda data: volunteers_or_hires(data, training_cost_per_trainee=3000)
        )
        .sites[0]
        .workforce[0]
    )
    assert (pool.trainee_cost, pool.hire_training_cost) == (3000, 3000)


def test_hire_limits_without_a_ramp_are_the_weekly_maximum_from_the_start() -> None:
    scenario = make_scenario(lambda data: recruiting(data, hires_per_week_max=4))
    limits = hire_limits(
        scenario.sites[0].workforce[0], scenario.plan_buckets(), scenario.program
    )
    assert limits.tolist() == [4.0] * 12
    assert scenario.program.start_date == dt.date(2027, 1, 4)
