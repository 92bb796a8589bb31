"""Contract periods shorter than a year: months and weeks of a short contract.

A contract of some weeks or months is counted in months or weeks (the scenario's
`cash_flow_period`, or the default from its length): each period has its share of a
year (a month a twelfth, a week 7 / 365.25 days), by which the yearly discount rate,
the fixed overheads a year, the annual rate after the horizon and the depreciation a
year are scaled. Years keep the yearly conventions of `years` exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence

from surgeplan.economics.years import DAYS_PER_YEAR, ContractYear, add_years
from surgeplan.planning.results.records import BucketRecord
from surgeplan.scenario.economics import CashFlowPeriod, Economics

DAYS_PER_WEEK = 7
MONTHS_PER_YEAR = 12


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // MONTHS_PER_YEAR, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def period_years(period: CashFlowPeriod) -> float:
    """The share of a year one period stands for."""
    if period is CashFlowPeriod.MONTH:
        return 1.0 / MONTHS_PER_YEAR
    if period is CashFlowPeriod.WEEK:
        return DAYS_PER_WEEK / DAYS_PER_YEAR
    return 1.0


def _period_start(period: CashFlowPeriod) -> Callable[[dt.date, int], dt.date]:
    if period is CashFlowPeriod.MONTH:
        return add_months
    if period is CashFlowPeriod.WEEK:
        return lambda day, weeks: day + dt.timedelta(days=DAYS_PER_WEEK * weeks)
    return add_years


def contract_end(start: dt.date, terms: Economics) -> dt.date:
    """The contract's last day."""
    if terms.contract_duration_weeks is not None:
        after = start + dt.timedelta(days=DAYS_PER_WEEK * terms.contract_duration_weeks)
    elif terms.contract_duration_months is not None:
        after = add_months(start, terms.contract_duration_months)
    else:
        after = add_years(start, terms.contract_duration_years)
    return after - dt.timedelta(days=1)


def contract_periods(
    start: dt.date, terms: Economics, buckets: list[BucketRecord]
) -> tuple[list[ContractYear], list[float]]:
    """The contract's periods from the plan's first day, and each one's contract share.

    There are periods up to the contract's end and at least up to the plan's. A
    period's `post_horizon_share` counts only its days after the plan and up to the
    contract's end; the contract share is the share of its days up to that end (1
    but for a last period the contract ends inside).
    """
    period = terms.period
    begin = _period_start(period)
    last_day = contract_end(start, terms)
    horizon_end = buckets[-1].end if buckets else start - dt.timedelta(days=1)
    periods: list[ContractYear] = []
    shares: list[float] = []
    number = 0
    while begin(start, number) <= max(last_day, horizon_end):
        first = begin(start, number)
        last = begin(start, number + 1) - dt.timedelta(days=1)
        days = (last - first).days + 1
        after_plan = max(first, horizon_end + dt.timedelta(days=1))
        post_days = max(0, (min(last, last_day) - after_plan).days + 1)
        in_contract = max(0, (min(last, last_day) - first).days + 1)
        periods.append(ContractYear(number + 1, first, last, post_days / days))
        shares.append(in_contract / days)
        number += 1
    return periods, shares


def period_discount_factors(
    rate: float, count: int, period: CashFlowPeriod
) -> list[float]:
    """End-of-period factors at a yearly rate: period t is t x its years away."""
    years = period_years(period)
    return [1.0 / (1.0 + rate) ** (number * years) for number in range(1, count + 1)]


def depreciation_by_period(
    capex_by_period: dict[int, float],
    count: int,
    depreciation_years: int,
    period: CashFlowPeriod,
) -> list[float]:
    """Straight-line depreciation per period; what is left is written off at the end."""
    schedule = [0.0] * count
    per_period = period_years(period) / depreciation_years
    for first, amount in capex_by_period.items():
        left = amount
        position = first
        while left > 1e-9 * max(amount, 1.0):
            if position >= count - 1:
                schedule[count - 1] += left
                break
            share = min(amount * per_period, left)
            schedule[position] += share
            left -= share
            position += 1
    return schedule


def payback_in_years(
    payback_periods: float | None, period: CashFlowPeriod
) -> float | None:
    """A payback counted in periods, in years."""
    if payback_periods is None:
        return None
    return payback_periods * period_years(period)


def npv_of_periods(
    rate: float, cash_flows: Sequence[float], period: CashFlowPeriod
) -> float:
    """Net present value of cash flows at the end of each period."""
    factors = period_discount_factors(rate, len(cash_flows), period)
    return sum(flow * factor for flow, factor in zip(cash_flows, factors, strict=True))


def contract_length(terms: Economics) -> str:
    """The contract's length as stated: '20 weeks', '6 months', '10 years'."""
    if terms.contract_duration_weeks is not None:
        count, unit = terms.contract_duration_weeks, "week"
    elif terms.contract_duration_months is not None:
        count, unit = terms.contract_duration_months, "month"
    else:
        count, unit = terms.contract_duration_years, "year"
    return f"{count} {unit}{'' if count == 1 else 's'}"
