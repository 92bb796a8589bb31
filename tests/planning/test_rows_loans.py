"""People lent between sites: a second plant's idle assemblers help the first."""

from typing import Any

import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.results.records import CostKind
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow


def with_lender(lead_time_weeks: int, people_max: int = 2) -> Scenario:
    """The plant has one 20-hour assembler; a second site has two idle ones."""

    def change(data: dict[str, Any]) -> None:
        plant = data["sites"][0]
        plant["workforce"][0].update(
            {
                "headcount": 1,
                "initially_qualified": 1,
                "hours_per_week": 20,
                "overtime_share_max": 0.0,
            }
        )
        lender = {
            "id": "second-plant",
            "country": "FR",
            "network_zone": "fr-ot",
            "workforce": [
                {
                    "skill": "assembler",
                    "headcount": 2,
                    "volunteer_share": 1.0,
                    "initially_qualified": 2,
                    "hours_per_week": 20,
                    "hourly_cost": 40,
                }
            ],
        }
        data["sites"].append(lender)
        data["labour_loans"] = [
            {
                "skill": "assembler",
                "from_site": "second-plant",
                "to_site": "chassis-plant",
                "people_max": people_max,
                "lead_time_weeks": lead_time_weeks,
                "cost_per_person_week": 500,
            }
        ]
        data["demand"]["milestones"][0]["cumulative_quantity"] = 120

    return make_scenario(change)


def units_in(result: Plan, bucket: int) -> float:
    return sum(
        record.units
        for record in result.production
        if record.bucket == bucket and record.operation == "assemble"
    )


def test_borrowed_people_work_only_after_the_lending_lead_time() -> None:
    scenario = with_lender(lead_time_weeks=2, people_max=1)
    result = plan(scenario, time_limit_s=30)

    # Alone: 20 h a week, 5 units of 4 h. With one person lent (away from week 0,
    # working from week 2): 40 h, the line's 10 units.
    assert units_in(result, 0) == pytest.approx(5.0)
    assert units_in(result, 1) == pytest.approx(5.0)
    assert units_in(result, 2) == pytest.approx(10.0)
    borrowed = {
        r.bucket: r.people_borrowed for r in result.labour if r.site == "chassis-plant"
    }
    lent = {r.bucket: r.people_lent for r in result.labour if r.site == "second-plant"}
    assert borrowed[2] == pytest.approx(1.0)
    assert lent[0] == pytest.approx(1.0)
    assert_plan_is_feasible(scenario, result)


def test_the_loan_costs_its_weekly_price_for_every_week_away() -> None:
    scenario = with_lender(lead_time_weeks=0, people_max=1)
    result = plan(scenario, time_limit_s=30)

    weeks_away = sum(r.people_lent for r in result.labour if r.site == "second-plant")
    # Work is paid by the hour (120 units x 4 h x 40); each person-week away 500.
    assert result.cost(CostKind.LABOUR) == pytest.approx(
        120 * 4 * 40 + 500 * weeks_away
    )
    assert weeks_away == pytest.approx(12.0)
    assert units_in(result, 0) == pytest.approx(10.0)


def test_the_checker_flags_people_borrowed_before_they_could_arrive() -> None:
    late = with_lender(lead_time_weeks=2, people_max=1)
    on_time = with_lender(lead_time_weeks=0, people_max=1)
    result = plan(on_time, time_limit_s=30)

    loans = [v for v in check_plan(late, result) if v.family == "loans"]

    assert [v.where for v in loans][:2] == [
        "chassis-plant/assembler, bucket 0",
        "chassis-plant/assembler, bucket 1",
    ]
