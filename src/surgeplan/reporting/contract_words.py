"""The business case's words in the document's language: contract length, conventions.

`BusinessCase` keeps them in English (business-case.json is read by programs); the
documents say them again here, sentence by sentence, in the language in force. In
English each reads exactly as the business case has it (a test holds them equal).
"""

from __future__ import annotations

from surgeplan.economics import BusinessCase
from surgeplan.economics.cashflow import (
    CONVENTIONS,
    FAMILY_CONVENTION,
    PERIOD_CONVENTION,
)
from surgeplan.i18n import gettext, ngettext
from surgeplan.scenario.economics import CashFlowPeriod


def _length(case: BusinessCase) -> tuple[int, CashFlowPeriod]:
    count, _, unit = case.contract_length.partition(" ")
    if not unit or unit.startswith("year"):
        return case.contract_years, CashFlowPeriod.YEAR
    if unit.startswith("month"):
        return int(count), CashFlowPeriod.MONTH
    return int(count), CashFlowPeriod.WEEK


def span(case: BusinessCase) -> str:
    """The contract's length after 'over': '10 years', or '20 weeks' if short."""
    count, unit = _length(case)
    by_unit = {
        CashFlowPeriod.YEAR: ngettext("{count} year", "{count} years", count),
        CashFlowPeriod.MONTH: ngettext("{count} month", "{count} months", count),
        CashFlowPeriod.WEEK: ngettext("{count} week", "{count} weeks", count),
    }
    return by_unit[unit].format(count=count)


def term(case: BusinessCase) -> str:
    """The contract's length before 'contract': '10-year', or '20-week' if short."""
    count, unit = _length(case)
    by_unit = {
        CashFlowPeriod.YEAR: ngettext("{count}-year", "{count}-year", count),
        CashFlowPeriod.MONTH: ngettext("{count}-month", "{count}-month", count),
        CashFlowPeriod.WEEK: ngettext("{count}-week", "{count}-week", count),
    }
    return by_unit[unit].format(count=count)


def _standing() -> dict[str, str]:
    """Each convention every business case states, with its translation."""
    translated = (
        gettext(
            "Year 1 starts on the plan's first day; a plan period that spans two "
            "years counts in each by its share of days (capex and shift switches in "
            "the year it starts)."
        ),
        gettext(
            "Cash flows are discounted at the end of each year at the scenario's "
            "discount rate; capex counts in the year the conversion starts."
        ),
        gettext(
            "After the plan's horizon, units run at the contract's annual rate (or "
            "the rate of the plan's last quarter) up to the contract's total, each at "
            "the last quarter's running cost per unit."
        ),
        gettext(
            "Overheads are the overhead share of direct costs plus the fixed "
            "overheads of every year; capex is depreciated straight-line and what is "
            "left at the contract's end is written off in its last year."
        ),
        gettext(
            "Tax is the tax rate on a year's positive operating margin (no loss "
            "carried forward)."
        ),
    )
    return dict(zip(CONVENTIONS, translated, strict=True))


def _by_period() -> dict[str, str]:
    """The short contract's convention for each period, with its translation."""
    return {
        PERIOD_CONVENTION.format(period=CashFlowPeriod.MONTH.value): gettext(
            "The contract is counted by month: each month is discounted at its end at "
            "the yearly rate for its share of a year (a month a twelfth, a week "
            "7/365.25), and fixed overheads, the annual rate after the horizon and "
            "depreciation a year are scaled by the same share; payback is still in "
            "years."
        ),
        PERIOD_CONVENTION.format(period=CashFlowPeriod.WEEK.value): gettext(
            "The contract is counted by week: each week is discounted at its end at "
            "the yearly rate for its share of a year (a month a twelfth, a week "
            "7/365.25), and fixed overheads, the annual rate after the horizon and "
            "depreciation a year are scaled by the same share; payback is still in "
            "years."
        ),
    }


def conventions(case: BusinessCase) -> list[str]:
    """The case's conventions, each in the document's language."""
    standing = {**_standing(), **_by_period()}
    head, _, tail = FAMILY_CONVENTION.partition("{items}")
    family = gettext(
        "Units invoiced are deliveries of the program's product and of the items a "
        "family milestone counts with it ({items})."
    )
    said = []
    for line in case.conventions:
        if line in standing:
            said.append(standing[line])
        elif line.startswith(head) and line.endswith(tail):
            said.append(family.format(items=line[len(head) : len(line) - len(tail)]))
        else:
            said.append(line)
    return said
