"""Scenario + Plan -> BusinessCase: the contract's yearly cash flows and their worth."""

from __future__ import annotations

import math
from collections import defaultdict

from surgeplan.economics.activity import site_activity
from surgeplan.economics.allocation import RUNNING_KINDS, costs_by_kind_bucket
from surgeplan.economics.case import BusinessCase, YearCashFlow
from surgeplan.economics.finance import discount_factors, npv, payback_years
from surgeplan.economics.periods import (
    contract_length,
    contract_periods,
    depreciation_by_period,
    npv_of_periods,
    payback_in_years,
    period_discount_factors,
    period_years,
)
from surgeplan.economics.years import (
    DAYS_PER_YEAR,
    ContractYear,
    contract_years,
    last_quarter,
    year_of_buckets,
    year_shares_of_buckets,
)
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import CostKind
from surgeplan.scenario import Scenario
from surgeplan.scenario.demand_rules import contract_items
from surgeplan.scenario.economics import CashFlowPeriod, Economics

# Costs of an event on a bucket's first day (a conversion starts, a shift pattern
# changes): they count in the year of that day, not spread over the bucket.
DATED_AT_START = frozenset({CostKind.CONVERSION_CAPEX, CostKind.SHIFT_SWITCHES})

CONVENTIONS = (
    "Year 1 starts on the plan's first day; a plan period that spans two years counts "
    "in each by its share of days (capex and shift switches in the year it starts).",
    "Cash flows are discounted at the end of each year at the scenario's discount "
    "rate; capex counts in the year the conversion starts.",
    "After the plan's horizon, units run at the contract's annual rate (or the rate "
    "of the plan's last quarter) up to the contract's total, each at the last "
    "quarter's running cost per unit.",
    "Overheads are the overhead share of direct costs plus the fixed overheads of "
    "every year; capex is depreciated straight-line and what is left at the "
    "contract's end is written off in its last year.",
    "Tax is the tax rate on a year's positive operating margin (no loss carried "
    "forward).",
)
# Added when a family milestone counts other items with the product.
FAMILY_CONVENTION = (
    "Units invoiced are deliveries of the program's product and of the items a "
    "family milestone counts with it ({items})."
)
# Added when the case runs by month or week (a contract shorter than a year).
PERIOD_CONVENTION = (
    "The contract is counted by {period}: each {period} is discounted at its end at "
    "the yearly rate for its share of a year (a month a twelfth, a week 7/365.25), and "
    "fixed overheads, the annual rate after the horizon and depreciation a year are "
    "scaled by the same share; payback is still in years."
)


def _conventions(period: CashFlowPeriod, other_items: set[str]) -> list[str]:
    """The conventions, with those of short contracts and families where they apply."""
    found = list(CONVENTIONS)
    if period is not CashFlowPeriod.YEAR:
        found.append(PERIOD_CONVENTION.format(period=period.value))
    if other_items:
        found.append(FAMILY_CONVENTION.format(items=", ".join(sorted(other_items))))
    return found


def _is_short(terms: Economics) -> bool:
    """A contract stated in months or weeks (years keep the yearly conventions)."""
    return (
        terms.contract_duration_months is not None
        or terms.contract_duration_weeks is not None
    )


def _depreciation(
    capex_by_year: dict[int, float], years: int, depreciation_years: int
) -> list[float]:
    schedule = [0.0] * years
    for year, amount in capex_by_year.items():
        annual = amount / depreciation_years
        for offset in range(depreciation_years):
            position = year + offset
            if position >= years:
                schedule[years - 1] += annual * (depreciation_years - offset)
                break
            schedule[position] += annual
    return schedule


def _add_by_share(
    by_year: dict[int, float], amount: float, shares: list[tuple[int, float]]
) -> None:
    for year, share in shares:
        by_year[year] += amount * share


def _after_horizon_rates(
    scenario: Scenario,
    plan: Plan,
    units_by_bucket: dict[int, float],
    running_by_bucket: dict[int, float],
) -> tuple[float, float]:
    """Annual units after the horizon, and the running cost of each.

    The quarter is the last one with deliveries: a horizon that runs on idle after the
    last milestone (to measure late dates) would otherwise make later units free.
    """
    delivering = [bucket for bucket, units in units_by_bucket.items() if units > 0]
    last = max(delivering, default=len(plan.buckets))
    quarter, days = last_quarter(
        [bucket for bucket in plan.buckets if bucket.index <= last]
    )
    units = sum(units_by_bucket.get(bucket, 0.0) for bucket in quarter)
    cost = sum(running_by_bucket.get(bucket, 0.0) for bucket in quarter)
    unit_cost = cost / units if units > 0 else 0.0
    annual = scenario.economics.annual_units_after_horizon
    if annual is None:
        annual = units / days * DAYS_PER_YEAR if days else 0.0
    return annual, unit_cost


def business_case(scenario: Scenario, plan: Plan) -> BusinessCase:
    """Revenue, costs, margin, NPV and payback over the contract, from a plan.

    The plan gives the units and costs of its horizon; later years follow the
    contract's terms (see `CONVENTIONS`).
    """
    terms = scenario.economics
    period = terms.period
    if period is CashFlowPeriod.YEAR and not _is_short(terms):
        years = contract_years(
            scenario.program.start_date, terms.contract_duration_years, plan.buckets
        )
        in_contract = [1.0] * len(years)
    else:
        years, in_contract = contract_periods(
            scenario.program.start_date, terms, plan.buckets
        )
    year_of = year_of_buckets(years, plan.buckets)
    shares = year_shares_of_buckets(years, plan.buckets)
    units_by_bucket: dict[int, float] = defaultdict(float)
    invoiced = contract_items(scenario.program.product, scenario.demand.milestones)
    for delivery in plan.deliveries:
        if delivery.item in invoiced:
            units_by_bucket[delivery.bucket] += delivery.units
    spread = costs_by_kind_bucket(scenario, plan)
    running_by_bucket: dict[int, float] = defaultdict(float)
    opex_by_year: dict[int, float] = defaultdict(float)
    capex_by_year: dict[int, float] = defaultdict(float)
    for kind, by_bucket in spread.items():
        by_year = capex_by_year if kind is CostKind.CONVERSION_CAPEX else opex_by_year
        for bucket, amount in by_bucket.items():
            if kind in DATED_AT_START:
                by_year[year_of.get(bucket, 0)] += amount
            else:
                _add_by_share(by_year, amount, shares.get(bucket, [(0, 1.0)]))
            if kind in RUNNING_KINDS:
                running_by_bucket[bucket] += amount
    annual_units, unit_cost = _after_horizon_rates(
        scenario, plan, units_by_bucket, running_by_bucket
    )
    planned_units_by_year: dict[int, float] = defaultdict(float)
    for bucket, units in units_by_bucket.items():
        _add_by_share(planned_units_by_year, units, shares.get(bucket, [(0, 1.0)]))
    if period is CashFlowPeriod.YEAR:
        depreciation = _depreciation(
            capex_by_year, len(years), terms.depreciation_years
        )
    else:
        depreciation = depreciation_by_period(
            capex_by_year, len(years), terms.depreciation_years, period
        )
    flows = _year_flows(
        scenario,
        years,
        in_contract,
        planned_units_by_year,
        annual_units,
        unit_cost,
        opex_by_year,
        capex_by_year,
        depreciation,
    )
    plan_costs = {cost.kind.value: 0.0 for cost in plan.costs}
    for cost in plan.costs:
        plan_costs[cost.kind.value] += cost.amount_eur
    cash_flows = [flow.cash_flow_eur for flow in flows]
    # Years a contract counted in months or weeks touches (a 20-week one: 1).
    covered = math.ceil(
        ((years[-1].end - years[0].start).days + 1) / DAYS_PER_YEAR - 1e-6
    )
    return BusinessCase(
        scenario_name=scenario.program.name,
        currency=scenario.program.currency,
        unit_price_eur=terms.unit_price,
        discount_rate=terms.discount_rate,
        contract_years=len(years) if period is CashFlowPeriod.YEAR else covered,
        period=period,
        contract_length=contract_length(terms),
        horizon_end=plan.buckets[-1].end if plan.buckets else years[0].start,
        contract_end=years[-1].end,
        units=sum(flow.units for flow in flows),
        units_in_plan=sum(units_by_bucket.values()),
        revenue_eur=sum(flow.revenue_eur for flow in flows),
        direct_costs_eur=sum(flow.direct_costs_eur for flow in flows),
        costs_by_kind_eur=plan_costs,
        post_horizon_costs_eur=sum(flow.direct_costs_eur for flow in flows)
        - sum(opex_by_year.values()),
        annual_units_after_horizon=annual_units,
        unit_cost_after_horizon_eur=unit_cost,
        overheads_eur=sum(flow.overheads_eur for flow in flows),
        capex_eur=sum(capex_by_year.values()),
        depreciation_eur=sum(depreciation),
        operating_margin_eur=sum(flow.operating_margin_eur for flow in flows),
        tax_eur=sum(flow.tax_eur for flow in flows),
        npv_eur=npv(terms.discount_rate, cash_flows)
        if period is CashFlowPeriod.YEAR
        else npv_of_periods(terms.discount_rate, cash_flows, period),
        payback_years=payback_in_years(payback_years(cash_flows), period),
        years=flows,
        activity=site_activity(scenario, plan),
        conventions=_conventions(period, invoiced - {scenario.program.product}),
    )


def _year_flows(
    scenario: Scenario,
    years: list[ContractYear],
    in_contract: list[float],
    planned_units_by_year: dict[int, float],
    annual_units: float,
    unit_cost: float,
    opex_by_year: dict[int, float],
    capex_by_year: dict[int, float],
    depreciation: list[float],
) -> list[YearCashFlow]:
    terms = scenario.economics
    remaining = terms.contract_units_total or float("inf")
    period = terms.period
    if period is CashFlowPeriod.YEAR:
        factors = discount_factors(terms.discount_rate, len(years))
    else:
        factors = period_discount_factors(terms.discount_rate, len(years), period)
    # A year is a whole year; a month or week is its share of one (periods).
    years_each = period_years(period)
    cumulative = 0.0
    flows: list[YearCashFlow] = []
    for position, year in enumerate(years):
        planned = min(planned_units_by_year.get(position, 0.0), remaining)
        after = min(
            annual_units * year.post_horizon_share * years_each, remaining - planned
        )
        remaining -= planned + after
        revenue = (planned + after) * terms.unit_price
        direct = opex_by_year.get(position, 0.0) + after * unit_cost
        overheads = (
            direct * terms.overhead_share
            + terms.fixed_overhead_per_year * years_each * in_contract[position]
        )
        capex = capex_by_year.get(position, 0.0)
        margin = revenue - direct - overheads - depreciation[position]
        tax = terms.tax_rate * max(0.0, margin)
        cash = revenue - direct - overheads - capex - tax
        cumulative += cash
        flows.append(
            YearCashFlow(
                year=year.number,
                start=year.start,
                end=year.end,
                planned_share=1.0 - year.post_horizon_share,
                units=planned + after,
                revenue_eur=revenue,
                direct_costs_eur=direct,
                overheads_eur=overheads,
                capex_eur=capex,
                depreciation_eur=depreciation[position],
                operating_margin_eur=margin,
                tax_eur=tax,
                cash_flow_eur=cash,
                discounted_cash_flow_eur=cash * factors[position],
                cumulative_cash_flow_eur=cumulative,
            )
        )
    return flows
