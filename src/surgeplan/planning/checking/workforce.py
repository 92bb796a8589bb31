"""Plan checks on people lent between sites and on the crews of shift patterns.

A pattern with a crew (`crew_people` of `crew_skill`) runs only in buckets where its
site has that many qualified people of the skill.

The plan's labour records say, per pool and bucket, how many people are away on loan
and how many borrowed people work there. A lender lends no more people than it has
qualified, nor more than its loans allow; a borrower uses no more than its loans
allow, and only people who have been away from a lender for the loan's lead time.
When a lender lends to several sites the records do not say who went where, so the
lead-time check then allows every lender's people to any of its borrowers: it never
flags a plan the planner could make.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import SitePool
from surgeplan.planning.checking.violations import ConstraintFamily, Violation, exceeds
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.calendar import weeks_to_buckets


def check_labour_loans(scenario: Scenario, plan: Plan) -> list[Violation]:
    """People lent and borrowed keep their loans' limits and lead times."""
    horizon = len(plan.buckets)
    lent: dict[SitePool, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    borrowed: dict[SitePool, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    headcount: dict[SitePool, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    for record in plan.labour:
        key = SitePool(record.site, record.skill)
        lent[key][record.bucket] = record.people_lent
        borrowed[key][record.bucket] = record.people_borrowed
        headcount[key][record.bucket] = record.headcount
    most_out: dict[SitePool, float] = defaultdict(float)
    most_in: dict[SitePool, float] = defaultdict(float)
    reachable: dict[SitePool, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    for loan in scenario.labour_loans:
        lender = SitePool(loan.from_site, loan.skill)
        most_out[lender] += loan.people_max
        most_in[SitePool(loan.to_site, loan.skill)] += loan.people_max
        delay = weeks_to_buckets(loan.lead_time_weeks, scenario.program)
        away_since = np.array(
            [
                min(
                    (float(lent[lender][t - k]) if t - k >= 0 else 0.0)
                    for k in range(delay + 1)
                )
                for t in range(horizon)
            ]
        )
        reachable[SitePool(loan.to_site, loan.skill)] += away_since
    found: list[Violation] = []
    for key in sorted(set(lent) | set(borrowed)):
        where = f"{key.site}/{key.skill}"
        for bucket in range(horizon):
            at = f"{where}, bucket {bucket}"
            out, into = float(lent[key][bucket]), float(borrowed[key][bucket])
            if exceeds(out, min(most_out[key], float(headcount[key][bucket]))):
                found.append(
                    Violation(
                        ConstraintFamily.LOANS,
                        at,
                        f"{out:g} people lent, above its qualified people or loans",
                    )
                )
            if exceeds(into, min(most_in[key], float(reachable[key][bucket]))):
                found.append(
                    Violation(
                        ConstraintFamily.LOANS,
                        at,
                        f"{into:g} people borrowed, more than its loans bring by then",
                    )
                )
    return found


def check_shift_crews(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every bucket on a pattern with a crew has the crew qualified."""
    headcount = {
        (record.site, record.skill, record.bucket): record.headcount
        for record in plan.labour
    }
    crews = {
        (site.id, center.id, pattern.id): (
            pattern.crew_skill or "",
            pattern.crew_people,
        )
        for site, center in scenario.work_centers()
        for pattern in center.shift_patterns
        if pattern.crew_people > 0
    }
    found: list[Violation] = []
    for record in plan.capacity:
        crew = crews.get((record.site, record.work_center, record.shift_pattern))
        if crew is None:
            continue
        skill, people = crew
        qualified = headcount.get((record.site, skill, record.bucket), 0.0)
        if exceeds(float(people), qualified):
            found.append(
                Violation(
                    ConstraintFamily.SHIFTS,
                    f"{record.site}/{record.work_center}, bucket {record.bucket}",
                    f"pattern {record.shift_pattern} needs a crew of {people} "
                    f"{skill}s but only {qualified:g} are qualified",
                )
            )
    return found
