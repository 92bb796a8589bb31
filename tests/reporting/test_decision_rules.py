import datetime as dt

import pytest

from surgeplan.economics import business_case
from surgeplan.planning import Plan
from surgeplan.reporting.decision import Decision, recommend
from surgeplan.reporting.names import Names
from surgeplan.reporting.risk_view import MilestoneChance, RiskView
from surgeplan.scenario import Scenario


def without_core_shortfall(plan: Plan) -> Plan:
    return plan.model_copy(
        update={
            "core": [
                record.model_copy(update={"produced": record.demand, "shortfall": 0.0})
                for record in plan.core
            ]
        }
    )


def risk_with(chances: dict[str, float]) -> RiskView:
    due = dt.date(2027, 2, 28)
    return RiskView(
        runs=1000,
        key_milestone="first-hundred",
        milestones=[
            MilestoneChance(name, due, chance, due, due, due)
            for name, chance in chances.items()
        ],
    )


@pytest.fixture
def clean_plan(drone_plan: Plan) -> Plan:
    return without_core_shortfall(drone_plan)


@pytest.fixture
def names(drone_scenario: Scenario) -> Names:
    return Names.of(drone_scenario)


def test_go_when_it_pays_is_on_time_likely_and_keeps_core(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    case = business_case(drone_scenario, clean_plan)

    result = recommend(
        drone_scenario,
        clean_plan,
        case,
        names,
        risk_with({"first-ten": 0.95, "first-hundred": 0.85}),
    )

    assert case.npv_eur > 0
    assert result.decision is Decision.GO
    assert result.conditions == []
    assert all(check.holds for check in result.checks)


def test_without_a_risk_simulation_going_ahead_needs_one(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    result = recommend(
        drone_scenario, clean_plan, business_case(drone_scenario, clean_plan), names
    )

    assert result.decision is Decision.GO_WITH_CONDITIONS
    assert any("Run the risk simulation" in c for c in result.conditions)
    assert [check.holds for check in result.checks] == [True, True, None, True]


def test_an_unlikely_milestone_becomes_a_condition(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    risk = risk_with({"first-ten": 0.95, "first-hundred": 0.62})

    result = recommend(
        drone_scenario,
        clean_plan,
        business_case(drone_scenario, clean_plan),
        names,
        risk,
    )

    assert result.decision is Decision.GO_WITH_CONDITIONS
    raise_odds, later_dates = result.conditions
    assert "first-hundred (62 %)" in raise_odds
    assert "first-ten" not in raise_odds
    assert "--confidence 0.8" in raise_odds
    assert "first-hundred by" in later_dates


def test_only_key_milestones_decide(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    keyed = drone_scenario.updated(
        {
            "demand": {
                **drone_scenario.demand.model_dump(mode="json"),
                "milestones": [
                    {**m.model_dump(mode="json"), "is_key": m.id == "first-ten"}
                    for m in drone_scenario.demand.milestones
                ],
            }
        }
    )
    risk = risk_with({"first-ten": 0.95, "first-hundred": 0.62})

    result = recommend(keyed, clean_plan, business_case(keyed, clean_plan), names, risk)

    assert result.decision is Decision.GO
    assert "1 of 1 are" in result.checks[2].finding


def test_the_program_target_sets_the_bar(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    strict = drone_scenario.updated(
        {
            "program": {
                **drone_scenario.program.model_dump(mode="json"),
                "confidence": 0.9,
            }
        }
    )
    risk = risk_with({"first-ten": 0.95, "first-hundred": 0.85})

    result = recommend(
        strict, clean_plan, business_case(strict, clean_plan), names, risk
    )

    assert result.target == 0.9
    assert result.decision is Decision.GO_WITH_CONDITIONS
    assert "first-hundred (85 %)" in result.conditions[0]


def test_the_brief_names_the_plans_tightest_bottleneck(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    result = recommend(
        drone_scenario, clean_plan, business_case(drone_scenario, clean_plan), names
    )

    tightest = clean_plan.tightest_bottleneck
    assert tightest is not None
    assert result.bottleneck is not None
    assert tightest.resource in result.bottleneck


def test_a_late_milestone_asks_for_a_later_date(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    late = [
        record.model_copy(
            update={"weeks_late": 3.0, "met_bucket": 7, "limited_by": ["supplier kit"]}
        )
        if record.id == "first-ten"
        else record
        for record in clean_plan.milestones
    ]
    plan = clean_plan.model_copy(update={"milestones": late})
    risk = risk_with({"first-ten": 0.9, "first-hundred": 0.9})

    result = recommend(
        drone_scenario, plan, business_case(drone_scenario, plan), names, risk
    )

    assert result.decision is Decision.GO_WITH_CONDITIONS
    (condition,) = result.conditions
    assert "later date for first-ten" in condition
    assert "3 weeks late" in condition
    assert "supplier kit" in condition


def test_core_shortfall_is_a_condition(
    drone_scenario: Scenario, drone_plan: Plan, names: Names
) -> None:
    risk = risk_with({"first-ten": 0.9, "first-hundred": 0.9})

    result = recommend(
        drone_scenario,
        drone_plan,
        business_case(drone_scenario, drone_plan),
        names,
        risk,
    )

    (condition,) = result.conditions
    assert "Protect core production" in condition
    assert "5 Subframe at Chassis plant" in condition


def test_no_go_when_it_does_not_pay(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    case = business_case(drone_scenario, clean_plan).model_copy(
        update={"npv_eur": -1.0}
    )

    result = recommend(drone_scenario, clean_plan, case, names)

    assert result.decision is Decision.NO_GO
    assert "does not pay" in result.reasons[0]
    assert result.headline == "No-go"


def test_no_go_when_a_milestone_is_never_met(
    drone_scenario: Scenario, clean_plan: Plan, names: Names
) -> None:
    never = [
        record.model_copy(
            update={"met_bucket": None, "met_date": None, "weeks_late": None}
        )
        if record.id == "first-hundred"
        else record
        for record in clean_plan.milestones
    ]
    plan = clean_plan.model_copy(update={"milestones": never})

    result = recommend(drone_scenario, plan, business_case(drone_scenario, plan), names)

    assert result.decision is Decision.NO_GO
    assert "first-hundred" in result.reasons[0]
