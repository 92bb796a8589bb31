"""Contracts shorter than a year: cash flows, NPV and payback by month or week.

The hand case (see hand_case.py) counted by month: 12 monthly periods, labour 20,000
a month, capex 300,000 in the first month, overheads 10 % of direct costs plus
10,000 / 12 a month, units 0, 0, 0, then 30 a month, then 40 in the last quarter.
"""

import datetime as dt

import pytest
from hand_case import hand_plan, scenario_data

from surgeplan.economics import BusinessCase, business_case
from surgeplan.economics.periods import contract_end, period_discount_factors
from surgeplan.scenario import Scenario
from surgeplan.scenario.economics import CashFlowPeriod

OVERHEADS_A_MONTH = 2_000 + 10_000 / 12
CASH_BY_MONTH = [
    -20_000 - OVERHEADS_A_MONTH - 300_000,
    -20_000 - OVERHEADS_A_MONTH,
    -20_000 - OVERHEADS_A_MONTH,
    *[30_000 - 20_000 - OVERHEADS_A_MONTH] * 6,
    *[40_000 - 20_000 - OVERHEADS_A_MONTH] * 3,
]


def monthly_case() -> BusinessCase:
    scenario = Scenario.model_validate(
        scenario_data(
            contract_duration_months=12,
            cash_flow_period="month",
            annual_units_after_horizon=None,
        )
    )
    return business_case(scenario, hand_plan(scenario))


def test_a_contract_counted_by_month_has_the_hand_computed_monthly_cash_flows() -> None:
    case = monthly_case()

    assert case.period is CashFlowPeriod.MONTH
    assert case.contract_length == "12 months"
    assert len(case.years) == 12
    assert [month.cash_flow_eur for month in case.years] == pytest.approx(CASH_BY_MONTH)
    # The year's total is the yearly case's first year.
    assert sum(CASH_BY_MONTH) == pytest.approx(-274_000)


def test_monthly_cash_flows_are_discounted_at_the_end_of_each_month() -> None:
    case = monthly_case()

    by_hand = sum(
        cash / 1.1 ** (month / 12) for month, cash in enumerate(CASH_BY_MONTH, 1)
    )
    assert case.npv_eur == pytest.approx(by_hand)
    assert case.payback_years is None


def test_capex_is_depreciated_by_the_month_and_the_rest_written_off_at_the_end() -> (
    None
):
    case = monthly_case()

    # 300,000 over 5 years is 5,000 a month; the 12th month writes off 245,000.
    assert [month.depreciation_eur for month in case.years] == pytest.approx(
        [5_000] * 11 + [245_000]
    )


@pytest.mark.parametrize(
    ("stated", "period", "end"),
    [
        ({"contract_duration_weeks": 8}, CashFlowPeriod.WEEK, dt.date(2027, 2, 25)),
        ({"contract_duration_weeks": 20}, CashFlowPeriod.MONTH, dt.date(2027, 5, 20)),
        ({"contract_duration_months": 6}, CashFlowPeriod.MONTH, dt.date(2027, 6, 30)),
        ({"contract_duration_years": 3}, CashFlowPeriod.YEAR, dt.date(2029, 12, 31)),
    ],
)
def test_a_short_contract_is_counted_in_months_or_weeks(
    stated: dict[str, int], period: CashFlowPeriod, end: dt.date
) -> None:
    scenario = Scenario.model_validate(scenario_data(**stated))

    assert scenario.economics.period is period
    assert contract_end(scenario.program.start_date, scenario.economics) == end


def test_weekly_discount_factors_are_a_yearly_rate_over_weeks() -> None:
    factors = period_discount_factors(0.1, 2, CashFlowPeriod.WEEK)

    assert factors == pytest.approx([1.1 ** (-7 / 365.25), 1.1 ** (-14 / 365.25)])


def test_a_twenty_week_contract_after_the_plan_counts_its_weeks_only() -> None:
    # The plan covers the whole year; 20 weeks end inside May: the business case runs
    # by month over the plan, and fixed overheads count only the contract's days.
    scenario = Scenario.model_validate(scenario_data(contract_duration_weeks=20))

    case = business_case(scenario, hand_plan(scenario))

    assert case.period is CashFlowPeriod.MONTH
    assert case.term == "20-week"
    fixed = [month.overheads_eur - 0.1 * month.direct_costs_eur for month in case.years]
    # January to April whole, May up to the 20th (20 of 31 days), nothing after.
    assert fixed == pytest.approx(
        [10_000 / 12] * 4 + [10_000 / 12 * 20 / 31] + [0.0] * 7
    )
