"""The business case of a plan whose later weeks are merged into longer buckets."""

import datetime as dt

import pytest
from hand_case import hand_plan, scenario_data

from surgeplan.economics import business_case
from surgeplan.economics.allocation import costs_by_kind_bucket
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import (
    BucketRecord,
    CostKind,
    CostRecord,
    DeliveryRecord,
    InventoryRecord,
    LabourRecord,
    MilestoneRecord,
)
from surgeplan.scenario import Scenario

START = dt.date(2027, 1, 4)
# 50 weeks, then a two-week bucket that ends with the milestone's due week and a
# four-week one that starts on 3 January 2028, the last day of contract year 1.
BUCKET_WEEKS = [1] * 50 + [2, 4]
HOURS_PER_BUCKET = 400.0
HOURS_PER_WEEK = 40


def merged_buckets() -> list[BucketRecord]:
    buckets, start = [], START
    for index, weeks in enumerate(BUCKET_WEEKS):
        end = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
        buckets.append(BucketRecord(index=index, start=start, end=end))
        start = end + dt.timedelta(days=1)
    return buckets


@pytest.fixture
def weekly_scenario() -> Scenario:
    data = scenario_data(annual_units_after_horizon=None)
    data["program"].update(
        {
            "start_date": START.isoformat(),
            "time_bucket": "week",
            "horizon_buckets": sum(BUCKET_WEEKS),
            "detailed_weeks": 50,
        }
    )
    data["items"][0]["holding_cost_per_unit_week"] = 5
    data["demand"]["milestones"][0]["late_penalty_per_unit_week"] = 100
    return Scenario.model_validate(data)


def merged_plan(scenario: Scenario, **tables: object) -> Plan:
    buckets = merged_buckets()
    base = hand_plan(scenario).model_copy(
        update={
            "time_bucket": "week",
            "buckets": buckets,
            "labour": [
                LabourRecord(
                    site="plant",
                    skill="assembler",
                    bucket=bucket.index,
                    hours=HOURS_PER_BUCKET,
                    overtime_hours=0.0,
                    available_hours=2000.0,
                    headcount=20.0,
                    trainees=0.0,
                    hires=0.0,
                    volunteers=50,
                )
                for bucket in buckets
            ],
            "deliveries": [],
            "conversions": [],
            "costs": [CostRecord(kind=CostKind.LABOUR, amount_eur=100_000.0)],
        }
    )
    return base.model_copy(update=tables)


def delivery(bucket: int, units: float) -> DeliveryRecord:
    return DeliveryRecord(
        milestone="order",
        item="widget",
        delivery_point="customer",
        bucket=bucket,
        units=units,
    )


def test_holding_cost_is_spread_by_stock_times_the_weeks_it_is_held(
    weekly_scenario: Scenario,
) -> None:
    plan = merged_plan(
        weekly_scenario,
        inventory=[
            InventoryRecord(item="widget", site="plant", bucket=49, units=10.0),
            InventoryRecord(item="widget", site="plant", bucket=51, units=10.0),
        ],
        costs=[CostRecord(kind=CostKind.HOLDING, amount_eur=250.0)],
    )

    holding = costs_by_kind_bucket(weekly_scenario, plan)[CostKind.HOLDING]

    # 10 units for one week, then 10 units for four: 5 EUR a unit-week each.
    assert holding == pytest.approx({49: 50.0, 51: 200.0})


def test_late_penalties_are_spread_by_units_missing_times_weeks(
    weekly_scenario: Scenario,
) -> None:
    plan = merged_plan(
        weekly_scenario,
        deliveries=[delivery(49, 280.0)],
        milestones=[
            MilestoneRecord(
                id="order",
                item="widget",
                delivery_point="customer",
                due_date=dt.date(2027, 12, 31),
                due_bucket=50,
                quantity=300.0,
                delivered_by_due=280.0,
                met_bucket=None,
                met_date=None,
                weeks_late=None,
                earliest_bucket=50,
                earliest_date=dt.date(2028, 1, 2),
            )
        ],
        costs=[CostRecord(kind=CostKind.LATE_PENALTIES, amount_eur=12_000.0)],
    )

    late = costs_by_kind_bucket(weekly_scenario, plan)[CostKind.LATE_PENALTIES]

    # 20 units missing over two weeks, then over four.
    assert late == pytest.approx({50: 4_000.0, 51: 8_000.0})


def test_a_bucket_spanning_the_year_end_counts_in_both_years_by_its_days(
    weekly_scenario: Scenario,
) -> None:
    plan = merged_plan(weekly_scenario, deliveries=[delivery(51, 280.0)])

    case = business_case(weekly_scenario, plan)

    # The four-week bucket has 1 of its 28 days in year 1.
    year_one, year_two = case.years[:2]
    assert year_one.end == dt.date(2028, 1, 3)
    assert year_one.units == pytest.approx(280.0 / 28)
    after_horizon = case.annual_units_after_horizon * (1 - year_two.planned_share)
    assert year_two.units == pytest.approx(280.0 * 27 / 28 + after_horizon)


def test_labour_cost_of_a_bucket_spanning_the_year_end_is_split_by_days(
    weekly_scenario: Scenario,
) -> None:
    plan = merged_plan(weekly_scenario, deliveries=[delivery(49, 300.0)])

    case = business_case(weekly_scenario, plan)

    # Every bucket has the same hours, so each carries 1/52 of the labour cost.
    per_bucket = 100_000.0 / len(BUCKET_WEEKS)
    assert case.years[0].direct_costs_eur == pytest.approx(
        per_bucket * 51 + per_bucket / 28
    )


def test_fte_is_hours_over_each_buckets_weeks(weekly_scenario: Scenario) -> None:
    plan = merged_plan(weekly_scenario)

    (plant,) = business_case(weekly_scenario, plan).activity

    weeks = sum(BUCKET_WEEKS)
    assert plant.fte_average == pytest.approx(
        HOURS_PER_BUCKET * len(BUCKET_WEEKS) / HOURS_PER_WEEK / weeks
    )
    assert plant.fte_peak == pytest.approx(HOURS_PER_BUCKET / HOURS_PER_WEEK)


def test_the_last_quarter_rate_is_units_over_the_days_of_the_trailing_buckets(
    weekly_scenario: Scenario,
) -> None:
    plan = merged_plan(
        weekly_scenario,
        deliveries=[delivery(bucket, 10.0) for bucket in range(40, 52)],
    )

    case = business_case(weekly_scenario, plan)

    # Back from the last bucket: 28 + 14 + 7 x 7 days = 91 days, 9 buckets.
    assert case.annual_units_after_horizon == pytest.approx(90.0 / 91 * 365.25)
