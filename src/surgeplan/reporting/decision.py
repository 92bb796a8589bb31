"""The recommendation of the decision brief, from the numbers, by explicit rules.

- **No-go** when the program does not pay (NPV <= 0) or a milestone is never met
  within the plan's horizon.
- **Go** when it pays, the plan meets every milestone on time, the risk simulation
  gives each key milestone at least the program's confidence target (the plan's own
  target when it was made to one, else `program.confidence`, else 80 %), and core
  production is kept in full.
- **Go with conditions** otherwise: each check that fails (or that could not be made,
  such as a risk simulation not run) becomes a condition to meet before committing,
  saying what would make it a go: the plan made to the target, the mitigation that
  gains most, or later dates for the milestones no plan can make likely.

The odds are those of `risk.json` when the brief is given one (a simulation of this
very plan), else those the plan's confidence search measured; the bottleneck named is
the plan's tightest (`Plan.tightest_bottleneck`), as in every other document.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from surgeplan.economics import BusinessCase
from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import BottleneckKind, BottleneckRecord
from surgeplan.reporting import contract_words
from surgeplan.reporting.formatting import day, money, number, percent, weeks
from surgeplan.reporting.names import Names
from surgeplan.reporting.risk_view import (
    ON_TIME_PROBABILITY_MIN,
    MilestoneChance,
    RiskView,
)
from surgeplan.reporting.search_reason import search_reason
from surgeplan.scenario import Scenario

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
    target: float = ON_TIME_PROBABILITY_MIN
    bottleneck: str | None = None
    confidence: str | None = None
    # Key milestones at or above the target odds, of how many; None: odds unknown.
    key_likely: tuple[int, int] | None = None

    @property
    def headline(self) -> str:
        """The decision as a board reads it."""
        return {
            Decision.GO: gettext("Go"),
            Decision.GO_WITH_CONDITIONS: gettext("Go, with conditions"),
            Decision.NO_GO: gettext("No-go"),
        }[self.decision]


def _pays(case: BusinessCase) -> Check:
    return Check(
        rule=gettext("The program pays: NPV above zero"),
        holds=case.npv_eur > 0,
        finding=gettext("NPV {npv} at {rate} over {span}").format(
            npv=money(case.npv_eur, case.currency),
            rate=percent(case.discount_rate, 1),
            span=contract_words.span(case),
        ),
    )


def _on_time(plan: Plan) -> Check:
    on_time = sum(1 for record in plan.milestones if record.weeks_late == 0)
    late = [
        gettext("{milestone} {weeks} late").format(
            milestone=record.id, weeks=weeks(record.weeks_late)
        )
        if record.met_bucket is not None
        else gettext("{milestone} never").format(milestone=record.id)
        for record in plan.milestones
        if record.weeks_late != 0
    ]
    counted = gettext("{count} of {total} on time").format(
        count=on_time, total=len(plan.milestones)
    )
    return Check(
        rule=gettext("The plan meets every milestone on its date"),
        holds=not late,
        finding=gettext("{counted}; {late}").format(
            counted=counted, late=", ".join(late)
        )
        if late
        else counted,
    )


def confidence_target(scenario: Scenario, plan: Plan) -> float:
    """The odds each key milestone must reach: the plan's, the program's, or 80 %."""
    if plan.confidence is not None:
        return plan.confidence.target
    if scenario.program.confidence is not None:
        return scenario.program.confidence
    return ON_TIME_PROBABILITY_MIN


def key_chances(
    scenario: Scenario, plan: Plan, risk: RiskView | None
) -> list[MilestoneChance] | None:
    """Each key milestone's chance, from risk.json or else the confidence search."""
    key_ids = [milestone.id for milestone in scenario.key_milestones()]
    if risk is not None:
        by_id = {chance.milestone: chance for chance in risk.milestones}
        return [by_id[mid] for mid in key_ids if mid in by_id]
    if plan.confidence is None:
        return None
    due = {milestone.id: milestone.due_date for milestone in scenario.demand.milestones}
    return [
        MilestoneChance(
            milestone=odds.milestone,
            due_date=due[odds.milestone],
            probability_on_time=odds.probability_on_time,
            p10=None,
            p50=odds.p50_date,
            p90=odds.p90_date,
        )
        for odds in plan.confidence.milestones
        if odds.milestone in key_ids
    ]


def _likely(chances: list[MilestoneChance] | None, target: float, runs: str) -> Check:
    rule = gettext(
        "Each key milestone is on time in at least {target} of {runs}"
    ).format(target=percent(target), runs=runs)
    if chances is None:
        return Check(
            rule=rule, holds=None, finding=gettext("the risk simulation was not run")
        )
    unlikely = [odds for odds in chances if odds.probability_on_time < target]
    lowest = min(chances, key=lambda odds: odds.probability_on_time, default=None)
    count, total = len(chances) - len(unlikely), len(chances)
    return Check(
        rule=rule,
        holds=not unlikely,
        finding=gettext(
            "{count} of {total} are; lowest {milestone} at {chance}"
        ).format(
            count=count,
            total=total,
            milestone=lowest.milestone,
            chance=percent(lowest.probability_on_time),
        )
        if lowest is not None
        else gettext("{count} of {total} are").format(count=count, total=total),
    )


def confidence_text(plan: Plan) -> str | None:
    """What the plan was made to and what its margins cost; None without a target."""
    record = plan.confidence
    if record is None:
        return None
    parts = [
        (
            gettext("Planned to {target} confidence (reached)")
            if record.is_reached
            else gettext("Planned to {target} confidence (not reached)")
        ).format(target=percent(record.target))
    ]
    if plan.targets is not None:
        aims = ", ".join(
            gettext("{milestone} {weeks} early").format(
                milestone=aim.milestone, weeks=weeks(aim.weeks_ahead)
            )
            for aim in plan.targets.aims
        )
        if aims:
            parts.append(gettext("aims {aims}").format(aims=aims))
        if plan.targets.reserve_share:
            parts.append(
                gettext("{share} of the program's capacity kept in reserve").format(
                    share=percent(plan.targets.reserve_share)
                )
            )
    if record.cost_without_margins_eur is not None:
        extra = plan.total_cost_eur - record.cost_without_margins_eur
        parts.append(
            gettext("these margins cost {cost} over the plan without them").format(
                cost=money(extra, plan.currency)
            )
        )
    if not record.is_reached:
        parts.append(search_reason(record))
    return gettext("; ").join(parts)


def bottleneck_name(record: BottleneckRecord, names: Names) -> str:
    """'work center Chassis plant assembly-line', 'supplier avionics-partner'.

    The words of `planning.bottlenecks_label`, in the document's language.
    """
    site = names.site(record.site) if record.site else ""
    at_site = {
        BottleneckKind.WORK_CENTER: gettext("work center {site} {resource}"),
        BottleneckKind.LABOUR: gettext("labour {site} {resource}"),
        BottleneckKind.SUPPLIER: gettext("supplier {site} {resource}"),
        BottleneckKind.LANE: gettext("lane {site} {resource}"),
        BottleneckKind.TRAINING: gettext("training {site} {resource}"),
    }
    anywhere = {
        BottleneckKind.WORK_CENTER: gettext("work center {resource}"),
        BottleneckKind.LABOUR: gettext("labour {resource}"),
        BottleneckKind.SUPPLIER: gettext("supplier {resource}"),
        BottleneckKind.LANE: gettext("lane {resource}"),
        BottleneckKind.TRAINING: gettext("training {resource}"),
    }
    template = (at_site if site else anywhere)[record.kind]
    return template.format(site=site, resource=record.resource)


def bottleneck_text(plan: Plan, names: Names) -> str | None:
    """The plan's tightest bottleneck, as every document names it."""
    record = plan.tightest_bottleneck
    if record is None:
        return None
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    ends = {bucket.index: bucket.end for bucket in plan.buckets}
    return gettext("{bottleneck}, binding from {start} to {end}").format(
        bottleneck=bottleneck_name(record, names),
        start=day(starts.get(record.first_bucket)),
        end=day(ends.get(record.last_bucket)),
    )


def _core_kept(plan: Plan, names: Names) -> tuple[Check, list[str]]:
    short: dict[tuple[str, str], float] = {}
    for record in plan.core:
        key = (record.site, record.item)
        short[key] = short.get(key, 0.0) + record.shortfall
    gaps = [
        gettext("{units} {item} at {site}").format(
            units=number(units), item=names.item(item), site=names.site(site)
        )
        for (site, item), units in short.items()
        if units > CORE_SHORTFALL_TOLERANCE_UNITS
    ]
    return (
        Check(
            rule=gettext("Core production is kept in full"),
            holds=not gaps,
            finding=gettext("core demand met in every period")
            if not gaps
            else gettext("short: {gaps}").format(gaps=gettext("; ").join(gaps)),
        ),
        gaps,
    )


def recommend(
    scenario: Scenario,
    plan: Plan,
    case: BusinessCase,
    names: Names,
    risk: RiskView | None = None,
) -> Recommendation:
    """Go, go with conditions, or no-go, with the checks and conditions behind it."""
    target = confidence_target(scenario, plan)
    chances = key_chances(scenario, plan, risk)
    runs = (
        gettext("{runs} simulated runs").format(runs=number(risk.runs))
        if risk is not None
        else gettext("{runs} simulated runs").format(runs=number(plan.confidence.runs))
        if plan.confidence is not None
        else gettext("simulated runs")
    )
    later_dates = [
        (
            gettext(
                "Agree a later date for {milestone} (met {date}, {weeks} late), or "
                "lift what holds it back: {limits}."
            )
            if record.limited_by
            else gettext(
                "Agree a later date for {milestone} (met {date}, {weeks} late)."
            )
        ).format(
            milestone=record.id,
            date=day(record.met_date),
            weeks=weeks(record.weeks_late),
            limits=", ".join(record.limited_by[:2]),
        )
        for record in plan.milestones
        if record.weeks_late and record.met_bucket is not None
    ]
    never = [record.id for record in plan.milestones if record.met_bucket is None]
    core_check, gaps = _core_kept(plan, names)
    checks = [_pays(case), _on_time(plan), _likely(chances, target, runs), core_check]
    bottleneck = bottleneck_text(plan, names)
    reasons: list[str] = []
    if case.npv_eur <= 0:
        reasons.append(
            gettext("it does not pay: {finding}").format(finding=checks[0].finding)
        )
    if never:
        reasons.append(
            gettext("the plan cannot meet {milestones} within its horizon").format(
                milestones=", ".join(never)
            )
        )
    likely = (
        None
        if chances is None
        else (
            sum(1 for odds in chances if odds.probability_on_time >= target),
            len(chances),
        )
    )
    if reasons:
        return Recommendation(
            Decision.NO_GO,
            checks,
            [],
            reasons,
            target,
            bottleneck,
            confidence_text(plan),
            likely,
        )
    conditions = list(later_dates)
    if chances is None:
        conditions.append(
            gettext(
                "Run the risk simulation and confirm each key milestone is on time in "
                "at least {target} of runs before committing."
            ).format(target=percent(target))
        )
    else:
        conditions.extend(_odds_conditions(plan, risk, chances, target))
    conditions.extend(
        gettext(
            "Protect core production: the plan leaves {gap} unmade; go ahead only "
            "with the core business's agreement."
        ).format(gap=gap)
        for gap in gaps
    )
    decision = Decision.GO if not conditions else Decision.GO_WITH_CONDITIONS
    return Recommendation(
        decision,
        checks,
        conditions,
        [],
        target,
        bottleneck,
        confidence_text(plan),
        likely,
    )


def _odds_conditions(
    plan: Plan,
    risk: RiskView | None,
    chances: list[MilestoneChance],
    target: float,
) -> list[str]:
    """What would make each key milestone below the target likely enough."""
    unlikely = [odds for odds in chances if odds.probability_on_time < target]
    if not unlikely:
        return []
    listed = ", ".join(
        gettext("{milestone} ({chance})").format(
            milestone=odds.milestone, chance=percent(odds.probability_on_time)
        )
        for odds in unlikely
    )
    conditions = []
    searched = plan.confidence
    if searched is None:
        conditions.append(
            gettext(
                "Raise to {target} the chance of {milestones}: plan to the target "
                "(`surgeplan plan --confidence {odds}`), which buys the margins the "
                "odds need and says what they cost."
            ).format(target=percent(target), milestones=listed, odds=f"{target:g}")
        )
    else:
        conditions.append(
            gettext(
                "Raise to {target} the chance of {milestones}: no plan the search "
                "found reaches it ({reason})."
            ).format(
                target=percent(target),
                milestones=listed,
                reason=search_reason(searched),
            )
        )
    best = risk.mitigations.best if risk is not None and risk.mitigations else None
    if best is not None:
        conditions.append(
            gettext("Start with the mitigation that gains most: {mitigation}.").format(
                mitigation=best.name
            )
        )
    later = [
        gettext("{milestone} by {date}").format(
            milestone=odds.milestone, date=day(odds.p90)
        )
        for odds in unlikely
        if odds.p90
    ]
    if later:
        conditions.append(
            gettext(
                "Or agree dates nine runs in ten meet (their P90 dates): {dates}."
            ).format(dates=", ".join(later))
        )
    return conditions
