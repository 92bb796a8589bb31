"""What the reports show of a risk simulation, read from `risk.json`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from surgeplan.i18n import gettext
from surgeplan.reporting.errors import ReportingError
from surgeplan.reporting.mitigation_view import MitigationRanking
from surgeplan.reporting.systematic_words import risk_kind_name, systematic_statement
from surgeplan.risk.report import (
    FanPoint,
    RiskFileError,
    RiskReport,
    load_risk_report,
)
from surgeplan.scenario import Scenario, scenario_hash

ON_TIME_PROBABILITY_MIN = 0.8


class RiskUnavailableError(ReportingError):
    """A risk result that cannot be read."""


@dataclass(frozen=True)
class MilestoneChance:
    """The chance a milestone is met on time, and when most runs meet it."""

    milestone: str
    due_date: dt.date
    probability_on_time: float
    p10: dt.date | None
    p50: dt.date | None
    p90: dt.date | None

    @property
    def is_likely(self) -> bool:
        """Whether it is on time in at least 80 % of the runs."""
        return self.probability_on_time >= ON_TIME_PROBABILITY_MIN


@dataclass(frozen=True)
class Fan:
    """Cumulative deliveries of one item at one delivery point, over the runs."""

    item: str
    delivery_point: str
    dates: list[dt.date]
    planned: list[float]
    p10: list[float]
    p50: list[float]
    p90: list[float]


@dataclass(frozen=True)
class RiskDriver:
    """A risk, and what switching it off would gain on the key milestones (summed)."""

    risk: str
    kind: str
    description: str
    p90_days_gained: float
    probability_gained: float
    p50_days_gained: float = 0.0
    mean_days_late_gained: float = 0.0
    mean_days_late_gained_se: float = 0.0
    is_systematic: bool = False

    @property
    def matters(self) -> bool:
        """Whether switching it off gains a day or more, or a point of odds."""
        return (
            max(self.p50_days_gained, self.p90_days_gained, self.mean_days_late_gained)
            >= 1.0
            or self.probability_gained >= 0.01
        )


@dataclass(frozen=True)
class SystematicShortfall:
    """An always-on shortfall: the plan assumes better than the scenario expects."""

    risk: str
    statement: str
    is_optimistic: bool


@dataclass(frozen=True)
class RiskView:
    """Milestone chances, delivery fans, the risks that matter and the mitigations.

    `mitigations` comes from a separate `mitigations.json` (`surgeplan mitigate`).
    """

    runs: int
    key_milestone: str
    """How the key milestones read in a sentence: one id, or "the N key milestones"."""
    milestones: list[MilestoneChance]
    fans: list[Fan] = field(default_factory=list)
    drivers: list[RiskDriver] = field(default_factory=list)
    mitigations: MitigationRanking | None = None
    is_for_other_scenario: bool = False
    key_milestones: list[str] = field(default_factory=list)
    systematic: list[SystematicShortfall] = field(default_factory=list)
    contribution_runs: int = 0
    plan_hash: str = ""
    report: RiskReport | None = None
    """The risk report itself, for the pairing check against a plan."""


def _risk_descriptions(scenario: Scenario) -> dict[str, str]:
    risks = scenario.risks
    return {
        **{risk.id: risk.description for risk in risks.site_disruptions},
        **{risk.id: risk.description for risk in risks.cyber_incidents},
        **{risk.id: risk.description for risk in risks.supplier_risks},
        **{risk.id: risk.description for risk in risks.supplier_ramps},
        **{gate.id: gate.description or gate.name for gate in scenario.gates},
    }


def risk_view(report: RiskReport, scenario: Scenario) -> RiskView:
    """The parts of a risk report the report and brief show."""
    milestones = []
    for odds in report.milestones:
        reached = {round(entry.quantile, 2): entry.date for entry in odds.reached}
        milestones.append(
            MilestoneChance(
                milestone=odds.id,
                due_date=odds.due_date,
                probability_on_time=odds.probability_on_time,
                p10=reached.get(0.1),
                p50=reached.get(0.5),
                p90=reached.get(0.9),
            )
        )
    groups: dict[tuple[str, str], list[FanPoint]] = {}
    for point in sorted(report.fan, key=lambda point: point.bucket):
        groups.setdefault((point.item, point.delivery_point), []).append(point)
    fans = [
        Fan(
            item=item,
            delivery_point=place,
            dates=[point.date for point in points],
            planned=[point.planned for point in points],
            p10=[point.p10 for point in points],
            p50=[point.p50 for point in points],
            p90=[point.p90 for point in points],
        )
        for (item, place), points in sorted(groups.items())
    ]
    descriptions = _risk_descriptions(scenario)
    drivers = [
        RiskDriver(
            risk=contribution.risk,
            kind=risk_kind_name(contribution.kind),
            description=descriptions.get(contribution.risk, ""),
            p90_days_gained=contribution.key_milestones.p90_days_gained,
            probability_gained=contribution.key_milestones.probability_gained,
            p50_days_gained=contribution.key_milestones.p50_days_gained,
            mean_days_late_gained=contribution.key_milestones.mean_days_late_gained,
            mean_days_late_gained_se=contribution.key_milestones.mean_days_late_gained_se,
            is_systematic=contribution.is_systematic,
        )
        for contribution in report.contributions
    ]
    return RiskView(
        runs=report.runs,
        key_milestone=key_milestones_label(report.key_milestones),
        milestones=milestones,
        fans=fans,
        drivers=drivers,
        is_for_other_scenario=report.scenario_hash != scenario_hash(scenario),
        key_milestones=list(report.key_milestones),
        systematic=_by_weight(report, drivers),
        contribution_runs=report.contribution_runs,
        plan_hash=report.plan_hash,
        report=report,
    )


def key_milestones_label(milestones: list[str]) -> str:
    """One key milestone by its id; several as "the N key milestones"."""
    if len(milestones) == 1:
        return milestones[0]
    return gettext("the {count} key milestones").format(count=len(milestones))


def _by_weight(
    report: RiskReport, drivers: list[RiskDriver]
) -> list[SystematicShortfall]:
    """Systematic risks, those whose switching off gains most first."""
    rank = {driver.risk: position for position, driver in enumerate(drivers)}
    ordered = sorted(
        report.systematic_risks, key=lambda entry: rank.get(entry.risk, len(rank))
    )
    return [
        SystematicShortfall(
            entry.risk, systematic_statement(entry), entry.is_optimistic
        )
        for entry in ordered
    ]


def spoken(view: RiskView) -> RiskView:
    """The view with its words said again in the language in force.

    Its key milestones, systematic risks, kinds of risk and the ranking's key
    milestones are words, and views are read before a document knows its
    language: the document calls this inside `i18n.speaking`. A view made by hand,
    without its report, is kept as is.
    """
    report = view.report
    if report is None:
        return view
    kinds = {entry.risk: entry.kind for entry in report.contributions}
    drivers = [
        replace(driver, kind=risk_kind_name(kinds[driver.risk]))
        if driver.risk in kinds
        else driver
        for driver in view.drivers
    ]
    ranking = view.mitigations
    if ranking is not None and ranking.report is not None:
        ranking = replace(
            ranking, key_milestone=key_milestones_label(ranking.report.key_milestones)
        )
    return replace(
        view,
        key_milestone=key_milestones_label(report.key_milestones),
        drivers=drivers,
        systematic=_by_weight(report, drivers),
        mitigations=ranking,
    )


def load_risk_view(path: Path, scenario: Scenario) -> RiskView:
    """Read `risk.json` written by `surgeplan simulate`.

    Raises:
        RiskUnavailableError: missing file, not JSON, another or older format, or
            invalid.
    """
    try:
        report = load_risk_report(path)
    except RiskFileError as error:
        raise RiskUnavailableError(str(error)) from None
    return risk_view(report, scenario)
