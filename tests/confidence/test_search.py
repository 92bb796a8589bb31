"""The search for a plan at a confidence, on the one-line case with a site outage.

The line makes at most 10 units a week (one station, 40 h, 4 h a unit). Nobody is
qualified at the start and training costs EUR 20,000 a person, so the cheapest plan
trains as few people as it can and meets the milestone (50 units, due in week 12) in
its due week: any week lost to an outage makes it late. A plan that meets the target
odds must deliver earlier, which costs more people.
"""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.confidence import plan_to_confidence, price_of_confidence
from surgeplan.planning import Plan, PlanTargets, plan
from surgeplan.planning.results.records_confidence import ReasonKind
from surgeplan.risk import simulate
from surgeplan.scenario import Scenario, scenario_hash

pytestmark = pytest.mark.slow

OUTAGE = {
    "id": "plant-outage",
    "site": "chassis-plant",
    "probability_per_week": 0.06,
    "duration_weeks": {"distribution": "triangular", "low": 1, "mode": 1, "high": 2},
}


def outage_case(quantity: float = 50, confidence: float | None = None) -> Scenario:
    def change(data: dict[str, Any]) -> None:
        data["sites"][0]["workforce"][0].update(
            initially_qualified=0,
            hours_per_week=40,
            overtime_share_max=0.0,
            training_cost_per_person=20_000,
        )
        data["demand"]["milestones"][0]["cumulative_quantity"] = quantity
        data["risks"] = {"site_disruptions": [OUTAGE]}
        if confidence is not None:
            data["program"]["confidence"] = confidence

    return make_scenario(change)


def planner(scenario: Scenario, targets: PlanTargets) -> Plan:
    return plan(scenario, time_limit_s=30, targets=targets)


def test_the_cheapest_plan_has_poor_odds_and_the_search_reaches_the_target() -> None:
    scenario = outage_case(confidence=0.8)
    cheapest = plan(scenario, time_limit_s=30)
    cheapest_odds = simulate(scenario, cheapest, runs=2000, seed=3, contributions=False)
    assert cheapest_odds.milestones[0].probability_on_time < 0.8

    found = plan_to_confidence(scenario, planner=planner)

    assert found.record.is_reached
    assert found.record.target == 0.8
    # Judged again on runs the search never saw (another seed).
    check = simulate(scenario, found.plan, runs=4000, seed=123, contributions=False)
    assert check.milestones[0].probability_on_time >= 0.78
    assert found.plan.total_cost_eur > cheapest.total_cost_eur
    assert found.plan.targets is not None
    assert found.plan.targets.aims[0].milestone == "order"
    # The plan still pairs with the scenario as written and keeps every constraint.
    assert found.plan.scenario_hash == scenario_hash(scenario)
    assert_plan_is_feasible(scenario, found.plan)


def test_the_same_search_gives_the_same_plan() -> None:
    scenario = outage_case()

    first = plan_to_confidence(scenario, 0.8, planner=planner)
    second = plan_to_confidence(scenario, 0.8, planner=planner)

    assert first.plan.production == second.plan.production
    assert first.record == second.record


def test_a_milestone_no_plan_can_meet_early_is_reported_out_of_reach() -> None:
    # 120 units at 10 a week: the line must work every week of the horizon, so the
    # earliest possible date is the due date and any outage makes it late.
    scenario = outage_case(quantity=120)

    found = plan_to_confidence(scenario, 0.8, planner=planner)

    assert not found.record.is_reached
    assert "out of reach" in found.record.reason
    assert "order" in found.record.reason
    assert found.record.milestones[0].probability_on_time < 0.8
    # The same reason as clauses, for documents in other languages.
    best, *why = found.record.reason_parts
    assert best.kind is ReasonKind.BEST_FOUND
    assert best.milestone == "order"
    assert best.share == found.record.milestones[0].probability_on_time
    assert best.runs == found.record.runs
    assert why
    assert all(part.kind is not ReasonKind.REACHED for part in why)


def test_a_reserve_is_spare_capacity_the_records_still_show_in_full() -> None:
    scenario = outage_case()

    reserved = plan(scenario, time_limit_s=30, targets=PlanTargets({}, 0.2))

    for record in reserved.labour:
        assert record.hours <= 0.8 * record.available_hours + 1e-6
    assert reserved.targets is not None
    assert reserved.targets.reserve_share == 0.2
    assert_plan_is_feasible(scenario, reserved)


def test_higher_odds_cost_at_least_as_much() -> None:
    scenario = outage_case()

    price = price_of_confidence(scenario, [0.9, 0.5], planner=planner)

    low, high = price.levels
    assert (low.target, high.target) == (0.5, 0.9)
    assert low.is_reached
    assert high.is_reached
    assert high.cost_eur >= low.cost_eur
    assert high.lowest_key_odds >= low.lowest_key_odds
