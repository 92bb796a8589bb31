"""What a milestone can say beyond one date and one quantity, hand-checked.

The one-line case makes 10 units a week (1 station x 40 h, 4 h a unit) over 12
weekly buckets; its milestone is due on 2027-03-26, in bucket 11.
"""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.errors import ScenarioError

pytestmark = pytest.mark.slow

DUE_BUCKET = 11


def paid_training(*, as_early_as_possible: bool) -> Scenario:
    # Nobody is qualified and training costs EUR 20,000 a person: the cheapest plan
    # spreads 50 units over the 12 weeks and meets the milestone in its due week. One
    # trained person (10 units a week) could meet it in bucket 4 (5 weeks x 10).
    def change(data: dict[str, Any]) -> None:
        data["sites"][0]["workforce"][0].update(
            initially_qualified=0,
            hours_per_week=40,
            overtime_share_max=0.0,
            training_cost_per_person=20_000,
        )
        data["demand"]["milestones"][0]["as_early_as_possible"] = as_early_as_possible

    return make_scenario(change)


def test_a_milestone_asked_as_early_as_possible_is_met_at_its_earliest_bucket() -> None:
    scenario = paid_training(as_early_as_possible=True)

    result = plan(scenario, time_limit_s=30)

    milestone = result.milestones[0]
    # Each unit-week short weighs EUR 10,000 (a hundredth of 100 x the EUR 10,000
    # price): training one person for EUR 20,000 pays for itself at once.
    assert milestone.earliest_bucket == 4
    assert milestone.met_bucket == 4
    assert milestone.met_date == result.buckets[4].end
    assert milestone.weeks_late == 0
    assert_plan_is_feasible(scenario, result)


def test_without_as_early_as_possible_the_same_milestone_is_met_in_its_due_week() -> (
    None
):
    scenario = paid_training(as_early_as_possible=False)

    result = plan(scenario, time_limit_s=30)

    assert result.milestones[0].met_bucket == DUE_BUCKET


def test_a_later_milestone_may_repeat_the_quantity_of_an_earlier_one() -> None:
    def change(data: dict[str, Any]) -> None:
        first = data["demand"]["milestones"][0]
        data["demand"]["milestones"] = [
            {
                **first,
                "id": "first-30",
                "due_date": "2027-02-26",
                "cumulative_quantity": 30,
            },
            {**first, "id": "still-30", "cumulative_quantity": 30},
        ]

    scenario = make_scenario(change)

    result = plan(scenario, time_limit_s=30)

    by_id = {record.id: record for record in result.milestones}
    assert by_id["first-30"].weeks_late == 0
    assert by_id["still-30"].weeks_late == 0
    assert by_id["still-30"].delivered_by_due == pytest.approx(30, abs=1e-6)
    assert_plan_is_feasible(scenario, result)


def test_a_later_milestone_asking_fewer_units_is_refused_where_it_is_written() -> None:
    def change(data: dict[str, Any]) -> None:
        first = data["demand"]["milestones"][0]
        data["demand"]["milestones"] = [
            {
                **first,
                "id": "first-30",
                "due_date": "2027-02-26",
                "cumulative_quantity": 30,
            },
            {**first, "id": "then-20", "cumulative_quantity": 20},
        ]

    with pytest.raises(ScenarioError) as raised:
        make_scenario(change)

    assert "demand.milestones[1].cumulative_quantity" in str(raised.value)
    assert "may not decrease" in str(raised.value)


def test_a_revised_target_is_planned_to_the_revision_in_force() -> None:
    # 200 units cannot be made in 12 weeks (120 at most); the contract was cut to 80
    # and then to 60: the plan is held to 60 and is on time.
    def change(data: dict[str, Any]) -> None:
        data["demand"]["milestones"][0].update(
            cumulative_quantity=200,
            revisions=[
                {"as_of": "2027-01-20", "cumulative_quantity": 80, "reason": "cut"},
                {"as_of": "2027-02-15", "cumulative_quantity": 60},
            ],
        )

    scenario = make_scenario(change)

    result = plan(scenario, time_limit_s=30)

    milestone = result.milestones[0]
    assert milestone.quantity == 60
    assert milestone.weeks_late == 0
    assert milestone.delivered_by_due == pytest.approx(60, abs=1e-6)
    assert_plan_is_feasible(scenario, result)


def test_revisions_out_of_date_order_are_refused() -> None:
    def change(data: dict[str, Any]) -> None:
        data["demand"]["milestones"][0]["revisions"] = [
            {"as_of": "2027-02-15", "cumulative_quantity": 60},
            {"as_of": "2027-01-20", "cumulative_quantity": 80},
        ]

    with pytest.raises(ScenarioError) as raised:
        make_scenario(change)

    assert "increasing as_of" in str(raised.value)


def test_check_refuses_a_plan_held_to_the_target_before_its_revision() -> None:
    def change(data: dict[str, Any]) -> None:
        data["demand"]["milestones"][0].update(
            cumulative_quantity=200,
            revisions=[{"as_of": "2027-01-20", "cumulative_quantity": 60}],
        )

    scenario = make_scenario(change)
    result = plan(scenario, time_limit_s=30)
    record = result.milestones[0]
    stale = result.model_copy(
        update={"milestones": [record.model_copy(update={"quantity": 200.0})]}
    )

    violations = check_plan(scenario, stale)

    assert [(v.family, v.where) for v in violations] == [("milestone", "order")]
