"""Termination in April of the hand case: every exit-ramp figure counted by hand.

The hand plan (hand_case.py) gains a bought part, three orders, stock at the end of
April and hires; the program stops on 15 April 2027 (bucket 3, monthly buckets).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hand_case import hand_plan, scenario_data

from surgeplan.economics.termination import (
    TerminationError,
    TerminationTerms,
    WorkInProgressChoice,
    exit_ramp,
    termination_case,
)
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import CostKind, CostRecord, InventoryRecord
from surgeplan.planning.results.records import PurchaseRecord as Order
from surgeplan.scenario import Scenario

STOP = dt.date(2027, 4, 15)


@pytest.fixture
def scenario() -> Scenario:
    data = scenario_data()
    data["items"][0]["material_cost_per_unit"] = 400
    data["items"][0]["bom"] = [{"item": "part", "quantity_per": 1}]
    data["items"].append({"id": "part", "kind": "component", "sourcing": "buy"})
    data["suppliers"] = [
        {
            "id": "part-maker",
            "item": "part",
            "sites": ["plant"],
            "country": "FR",
            "lead_time_weeks": 4,
            "capacity_per_week": 1000,
            "unit_cost": 50,
        }
    ]
    return Scenario.model_validate(data)


def order(bucket: int, arrival: int, units: float) -> Order:
    return Order(
        supplier="part-maker",
        item="part",
        site="plant",
        bucket=bucket,
        arrival_bucket=arrival,
        units=units,
        cost_eur=units * 50,
    )


@pytest.fixture
def plan(scenario: Scenario) -> Plan:
    base = hand_plan(scenario)
    labour = [
        record.model_copy(update={"hires": {2: 3.0, 6: 5.0}.get(record.bucket, 0.0)})
        for record in base.labour
    ]
    return base.model_copy(
        update={
            # Paid and arrived; paid and still in transit in April; cancelled.
            "purchases": [order(1, 1, 100), order(3, 4, 40), order(5, 5, 60)],
            "inventory": [
                InventoryRecord(item="widget", site="plant", bucket=3, units=25),
                InventoryRecord(item="part", site="plant", bucket=3, units=10),
                InventoryRecord(item="widget", site="plant", bucket=4, units=99),
            ],
            "labour": labour,
            "costs": [
                *base.costs,
                CostRecord(kind=CostKind.PURCHASES, amount_eur=10_000.0),
            ],
        }
    )


def terms(choice: WorkInProgressChoice) -> TerminationTerms:
    return TerminationTerms(
        date=STOP,
        work_in_progress=choice,
        revert_cost_share=0.5,
        severance_per_hire=1000.0,
    )


def test_purchases_stop_within_their_commitments(
    scenario: Scenario, plan: Plan
) -> None:
    ramp = exit_ramp(scenario, plan, terms(WorkInProgressChoice.FINISH))

    assert ramp.termination_bucket == 3
    assert ramp.purchases_paid == pytest.approx(5_000 + 2_000)
    assert ramp.committed_in_transit == pytest.approx(2_000)
    assert ramp.committed_units_in_transit == pytest.approx(40)
    assert ramp.cancelled_purchases == pytest.approx(3_000)


def test_finished_work_in_progress_is_invoiced_and_the_rest_written_off(
    scenario: Scenario, plan: Plan
) -> None:
    ramp = exit_ramp(scenario, plan, terms(WorkInProgressChoice.FINISH))

    # 25 widgets at 1,000; 10 parts at 50 and the 40 in transit (2,000) scrapped.
    assert ramp.finished_units_invoiced == pytest.approx(25)
    assert ramp.finished_revenue == pytest.approx(25_000)
    assert ramp.written_off_stock == pytest.approx(500 + 2_000)


def test_scrapped_work_in_progress_is_written_off_at_material_cost(
    scenario: Scenario, plan: Plan
) -> None:
    ramp = exit_ramp(scenario, plan, terms(WorkInProgressChoice.SCRAP))

    assert ramp.finished_revenue == 0.0
    assert ramp.written_off_stock == pytest.approx(25 * 400 + 500 + 2_000)


def test_conversions_are_reverted_staff_go_back_and_capex_is_stranded(
    scenario: Scenario, plan: Plan
) -> None:
    ramp = exit_ramp(scenario, plan, terms(WorkInProgressChoice.FINISH))

    (reverted,) = ramp.reverted
    assert reverted.revert_cost == pytest.approx(150_000)
    assert reverted.back_to_core_date == dt.date(2027, 5, 13)  # 4 weeks later
    # 104 of 1,826 days of a five-year straight line used.
    assert reverted.stranded_capex == pytest.approx(300_000 * (1 - 104 / 1826))
    assert ramp.people_back_to_core == {("plant", "assembler"): 20.0}
    assert ramp.severance == pytest.approx(3 * 1000)  # the 5 of July never hired
    assert ramp.exit_cash == pytest.approx(153_000)


def test_the_terminated_business_case_matches_the_hand_count(
    scenario: Scenario, plan: Plan
) -> None:
    case = termination_case(scenario, plan, terms(WorkInProgressChoice.FINISH))

    # Year 1 to April: revenue 30 delivered + 25 finished = 55,000; direct costs
    # labour 4 x 20,000 + purchases 7,000 + exit 153,000 = 240,000; overheads
    # 10 % of that + 10,000 = 34,000; capex 300,000; no tax.
    assert case.cash_by_year_terminated == [
        pytest.approx(55_000 - 240_000 - 34_000 - 300_000)
    ]
    assert case.npv_terminated == pytest.approx(-519_000 / 1.1)
    assert case.npv_terminated < case.npv_full
    assert case.activity_hours_by_site_terminated == {}


def test_a_termination_date_outside_the_plan_is_refused(
    scenario: Scenario, plan: Plan
) -> None:
    late = TerminationTerms(date=dt.date(2031, 1, 1))

    with pytest.raises(TerminationError, match="outside the plan"):
        exit_ramp(scenario, plan, late)
