"""The recommendation of the decision brief, from the numbers, by explicit rules.

- **No-go** when the program does not pay (NPV <= 0) or a milestone is never met
  within the plan's horizon.
- **Go** when it pays, the plan meets every milestone on time, the risk simulation
  gives each milestone at least an 80 % chance, and core production is kept in full.
- **Go with conditions** otherwise: each check that fails (or that could not be made,
  such as a risk simulation not run) becomes a condition to meet before committing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from surgeplan.economics import BusinessCase
from surgeplan.planning.plan import Plan
from surgeplan.reporting.formatting import day, money, number, percent, weeks
from surgeplan.reporting.names import Names
from surgeplan.reporting.risk_view import ON_TIME_PROBABILITY_MIN, RiskView

CORE_SHORTFALL_TOLERANCE_UNITS = 0.5


class Decision(StrEnum):
    """What the brief recommends."""

    GO = "go"
    GO_WITH_CONDITIONS = "go with conditions"
    NO_GO = "no-go"


@dataclass(frozen=True)
class Check:
    """One rule and how the numbers fare against it; None: could not be checked."""

    rule: str
    holds: bool | None
    finding: str


@dataclass(frozen=True)
class Recommendation:
    """The decision, the checks behind it, and what must hold to go ahead."""

    decision: Decision
    checks: list[Check]
    conditions: list[str]
    reasons: list[str]

    @property
    def headline(self) -> str:
        """The decision as a board reads it."""
        return {
            Decision.GO: "Go",
            Decision.GO_WITH_CONDITIONS: "Go, with conditions",
            Decision.NO_GO: "No-go",
        }[self.decision]


def _pays(case: BusinessCase) -> Check:
    return Check(
        rule="The program pays: NPV above zero",
        holds=case.npv_eur > 0,
        finding=f"NPV {money(case.npv_eur, case.currency)} at "
        f"{percent(case.discount_rate, 1)} over {case.contract_years} years",
    )


def _on_time(plan: Plan) -> Check:
    on_time = sum(1 for record in plan.milestones if record.weeks_late == 0)
    late = [
        f"{record.id} "
        + (
            weeks(record.weeks_late) + " late"
            if record.met_bucket is not None
            else "never"
        )
        for record in plan.milestones
        if record.weeks_late != 0
    ]
    return Check(
        rule="The plan meets every milestone on its date",
        holds=not late,
        finding=f"{on_time} of {len(plan.milestones)} on time"
        + (f"; {', '.join(late)}" if late else ""),
    )


def _likely(risk: RiskView | None) -> Check:
    rule = (
        "Each milestone is on time in at least "
        f"{percent(ON_TIME_PROBABILITY_MIN)} of simulated runs"
    )
    if risk is None:
        return Check(rule=rule, holds=None, finding="the risk simulation was not run")
    unlikely = [odds for odds in risk.milestones if not odds.is_likely]
    lowest = min(
        risk.milestones, key=lambda odds: odds.probability_on_time, default=None
    )
    return Check(
        rule=rule,
        holds=not unlikely,
        finding=f"{len(risk.milestones) - len(unlikely)} of {len(risk.milestones)} do"
        + (
            f"; lowest {lowest.milestone} at {percent(lowest.probability_on_time)}"
            if lowest is not None
            else ""
        ),
    )


def _core_kept(plan: Plan, names: Names) -> tuple[Check, list[str]]:
    short: dict[tuple[str, str], float] = {}
    for record in plan.core:
        key = (record.site, record.item)
        short[key] = short.get(key, 0.0) + record.shortfall
    gaps = [
        f"{number(units)} {names.item(item)} at {names.site(site)}"
        for (site, item), units in short.items()
        if units > CORE_SHORTFALL_TOLERANCE_UNITS
    ]
    return (
        Check(
            rule="Core production is kept in full",
            holds=not gaps,
            finding="core demand met in every period"
            if not gaps
            else "short: " + "; ".join(gaps),
        ),
        gaps,
    )


def recommend(
    plan: Plan, case: BusinessCase, names: Names, risk: RiskView | None = None
) -> Recommendation:
    """Go, go with conditions, or no-go, with the checks and conditions behind it."""
    late = [
        f"{record.id} (met {day(record.met_date)}, {weeks(record.weeks_late)} late)"
        + (
            f", or lift what holds it back: {', '.join(record.limited_by[:2])}"
            if record.limited_by
            else ""
        )
        for record in plan.milestones
        if record.weeks_late and record.met_bucket is not None
    ]
    never = [record.id for record in plan.milestones if record.met_bucket is None]
    core_check, gaps = _core_kept(plan, names)
    checks = [_pays(case), _on_time(plan), _likely(risk), core_check]
    reasons: list[str] = []
    if case.npv_eur <= 0:
        reasons.append(f"it does not pay: {checks[0].finding}")
    if never:
        reasons.append(
            "the plan cannot meet " + ", ".join(never) + " within its horizon"
        )
    if reasons:
        return Recommendation(Decision.NO_GO, checks, [], reasons)
    conditions = [f"Agree a later date for {text}." for text in late]
    if risk is None:
        conditions.append(
            "Run the risk simulation and confirm each milestone is on time in at "
            f"least {percent(ON_TIME_PROBABILITY_MIN)} of runs before committing."
        )
    else:
        best = risk.mitigations.best if risk.mitigations else None
        unlikely = [
            f"{odds.milestone} ({percent(odds.probability_on_time)})"
            for odds in risk.milestones
            if not odds.is_likely
        ]
        if unlikely:
            conditions.append(
                f"Raise to {percent(ON_TIME_PROBABILITY_MIN)} the chance of "
                + ", ".join(unlikely)
                + (f"; start with {best.name}." if best else ".")
            )
    conditions.extend(
        f"Protect core production: the plan leaves {gap} unmade; go ahead only with "
        "the core business's agreement."
        for gap in gaps
    )
    decision = Decision.GO if not conditions else Decision.GO_WITH_CONDITIONS
    return Recommendation(decision, checks, conditions, [])
