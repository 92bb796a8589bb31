"""The planning buffer: the plan aims early, lateness is still measured at the due date.

The one-line case makes 10 units a week (1 station x 40 h, 4 h a unit); the milestone
is due on 2027-03-26, in bucket 11 of the 12.
"""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import plan
from surgeplan.planning.results.records import CostKind
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow

DUE_BUCKET = 11


def paid_training(plan_ahead_weeks: float) -> Scenario:
    # Nobody is qualified at the start and training costs EUR 20,000 a person. One
    # person (40 h a week, no overtime) makes 10 units a week, so the cheapest plan
    # spreads the 50 units over all 12 weeks (0.42 people) and meets the milestone
    # only in its due week; meeting it two weeks early needs 0.5 people.
    def change(data: dict[str, Any]) -> None:
        data["program"]["plan_ahead_weeks"] = plan_ahead_weeks
        data["sites"][0]["workforce"][0].update(
            initially_qualified=0,
            hours_per_week=40,
            overtime_share_max=0.0,
            training_cost_per_person=20_000,
        )

    return make_scenario(change)


def test_without_a_buffer_the_cheapest_plan_meets_the_milestone_on_its_due_week() -> (
    None
):
    scenario = paid_training(0.0)

    result = plan(scenario, time_limit_s=30)

    milestone = result.milestones[0]
    assert milestone.earliest_bucket == 4
    assert milestone.met_bucket == DUE_BUCKET
    assert_plan_is_feasible(scenario, result)


def test_a_two_week_buffer_with_slack_meets_the_milestone_two_buckets_early() -> None:
    scenario = paid_training(2.0)

    result = plan(scenario, time_limit_s=30)

    milestone = result.milestones[0]
    assert milestone.due_bucket == DUE_BUCKET
    assert milestone.met_bucket == DUE_BUCKET - 2
    assert milestone.weeks_late == 0
    # Costs are real costs: the buffer's weight is not one of them, training is.
    training = next(cost for cost in result.costs if cost.kind is CostKind.TRAINING)
    assert training.amount_eur == pytest.approx(0.5 * 20_000, rel=1e-3)
    assert_plan_is_feasible(scenario, result)


@pytest.mark.parametrize(
    ("quantity", "met_bucket"),
    [
        (120, DUE_BUCKET),  # 12 weeks of output: only the due week can make it
        (110, DUE_BUCKET - 1),  # 11 weeks: one week of the buffer is possible
    ],
)
def test_without_capacity_to_be_early_the_plan_meets_the_due_date_and_is_on_time(
    quantity: int, met_bucket: int
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["program"]["plan_ahead_weeks"] = 2.0
        data["demand"]["milestones"][0]["cumulative_quantity"] = quantity

    scenario = make_scenario(change)

    result = plan(scenario, time_limit_s=30)

    milestone = result.milestones[0]
    assert milestone.met_bucket == met_bucket
    assert milestone.earliest_bucket == met_bucket
    assert milestone.weeks_late == 0
    assert milestone.delivered_by_due == pytest.approx(quantity)
    assert not milestone.limited_by, "an on-time milestone names no bottleneck"
    assert_plan_is_feasible(scenario, result)
