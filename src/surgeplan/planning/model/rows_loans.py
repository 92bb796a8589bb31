"""People lent between sites: a pool of one skill shared across sites or firms.

Each loan has two blocks of variables per bucket: `away`, the people away from the
lender (paid the loan's cost per person and week), and `working`, the people working
at the borrower. A person works at the borrower only after being away for the loan's
lead time (travel, induction): working(t) <= away(t - k) for every k up to the lead
time in buckets. The lender's qualified people lose `away`, the borrower's gain
`working` (see `people_moved`, read by the labour rows).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.keys import SitePool
from surgeplan.planning.model.builder import ModelBuilder, VariableBlock
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.scenario.calendar import weeks_to_buckets
from surgeplan.scenario.workforce_terms import LabourLoan


@dataclass(frozen=True)
class LoanVariables:
    """The variables of one loan."""

    loan: LabourLoan
    away: VariableBlock
    working: VariableBlock


def add_loan_variables(
    builder: ModelBuilder, index: PlanningIndex, money_scale: float
) -> list[LoanVariables]:
    """Variables of every loan between two pools the plan has.

    Costs are divided by `money_scale`, the objective's unit of money.
    """
    found: list[LoanVariables] = []
    horizon = index.horizon
    for loan in index.scenario.labour_loans:
        lender = SitePool(loan.from_site, loan.skill)
        borrower = SitePool(loan.to_site, loan.skill)
        if lender not in index.pools or borrower not in index.pools:
            continue
        key = (loan.skill, loan.from_site, loan.to_site)
        away = builder.add_variables(
            "people_away",
            key,
            horizon,
            upper=float(loan.people_max),
            cost=loan.cost_per_person_week * index.weeks / money_scale,
        )
        # Nobody can have left before the plan starts.
        lead = lead_buckets(loan, index)
        upper = np.full(horizon, float(loan.people_max))
        upper[: min(lead, horizon)] = 0.0
        working = builder.add_variables("people_lent", key, horizon, upper=upper)
        found.append(LoanVariables(loan, away, working))
    return found


def lead_buckets(loan: LabourLoan, index: PlanningIndex) -> int:
    """The loan's lead time in whole buckets, rounded up."""
    return weeks_to_buckets(loan.lead_time_weeks, index.scenario.program)


def add_loan_lead_times(
    builder: ModelBuilder, index: PlanningIndex, loans: list[LoanVariables]
) -> None:
    """A lent person works only after being away for the whole lead time."""
    horizon = index.horizon
    for number, loan in enumerate(loans):
        for delay in range(min(lead_buckets(loan.loan, index), horizon - 1) + 1):
            count = horizon - delay
            rows = builder.add_rows("loan_lead", (number, delay), count, upper=0.0)
            row_ids = rows.first + np.arange(count)
            builder.add_entries(row_ids, loan.working.columns[delay:], 1.0)
            builder.add_entries(row_ids, loan.away.columns[:count], -1.0)


def people_moved(
    loans: list[LoanVariables],
) -> dict[SitePool, list[tuple[IntArray, float]]]:
    """Per pool, the loan columns that add (+1) or take (-1) qualified people."""
    moved: dict[SitePool, list[tuple[IntArray, float]]] = defaultdict(list)
    for loan in loans:
        moved[SitePool(loan.loan.from_site, loan.loan.skill)].append(
            (loan.away.columns, -1.0)
        )
        moved[SitePool(loan.loan.to_site, loan.loan.skill)].append(
            (loan.working.columns, 1.0)
        )
    return moved


def people_moved_values(
    loans: list[LoanVariables], values: FloatArray, horizon: int
) -> tuple[dict[SitePool, FloatArray], dict[SitePool, FloatArray]]:
    """People lent out and people borrowed by each pool in each bucket."""
    lent: dict[SitePool, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    borrowed: dict[SitePool, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    for loan in loans:
        lent[SitePool(loan.loan.from_site, loan.loan.skill)] += values[
            loan.away.columns
        ]
        borrowed[SitePool(loan.loan.to_site, loan.loan.skill)] += values[
            loan.working.columns
        ]
    return lent, borrowed


def loan_cost(
    loans: list[LoanVariables], values: FloatArray, weeks: FloatArray
) -> float:
    """What the people away cost over the horizon."""
    return sum(
        float(np.sum(values[loan.away.columns] * weeks))
        * loan.loan.cost_per_person_week
        for loan in loans
    )
