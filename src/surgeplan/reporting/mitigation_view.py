"""What the reports show of a mitigation ranking, read from `mitigations.json`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from surgeplan.i18n import gettext
from surgeplan.reporting.errors import ReportingError
from surgeplan.risk.mitigate import (
    MitigationKind,
    MitigationReport,
    MitigationsFileError,
    load_mitigation_report,
)
from surgeplan.scenario import Scenario, scenario_hash

MITIGATIONS_FILE = "mitigations.json"
P90 = 0.9


class MitigationsUnavailableError(ReportingError):
    """A mitigation ranking that cannot be read."""


@dataclass(frozen=True)
class MitigationOption:
    """A mitigation (or a combination), what it buys on the key milestone and costs."""

    mitigation: str
    name: str
    is_combination: bool
    member_names: list[str]
    cost_eur: float
    lead_time_weeks: int
    days_gained: float
    probability_gain: float
    is_estimated: bool
    p50_days_gained: float
    mean_days_late_gained: float
    days_per_million_eur: float | None
    probability_per_million_eur: float | None
    rank_by_days: int
    rank_by_probability: int

    @property
    def gains(self) -> bool:
        """Whether it moves a date earlier, saves days late or raises the odds."""
        return (
            max(self.days_gained, self.p50_days_gained, self.mean_days_late_gained) > 0
            or self.probability_gain > 0
        )


@dataclass(frozen=True)
class MitigationRanking:
    """Every mitigation measured against the same baseline runs, best buy first."""

    runs: int
    seed: int
    key_milestone: str
    """How the key milestones read in a sentence."""
    baseline_probability_on_time: float
    """The lowest on-time chance among the key milestones, without mitigation."""
    baseline_p90: dt.date | None
    """The latest P90 date among the key milestones, without mitigation."""
    options: list[MitigationOption]
    is_for_other_scenario: bool = False
    report: MitigationReport | None = None
    """The ranking itself, for the pairing check against a plan."""

    @property
    def is_ranked_by_days(self) -> bool:
        """Whether any option moves the P90 date: then P90 days per EUR rank them.

        When none does (the P90 date sits beyond the horizon in every variant, or no
        mitigation touches what sets it), the on-time chance per EUR ranks them.
        """
        return any(option.days_gained > 0 for option in self.options)

    @property
    def ranked(self) -> list[MitigationOption]:
        """Every option, the best buy first."""
        if self.is_ranked_by_days:
            return sorted(self.options, key=lambda option: option.rank_by_days)
        return sorted(self.options, key=lambda option: option.rank_by_probability)

    @property
    def helpful(self) -> list[MitigationOption]:
        """The options that gain something, the best buy first."""
        return [option for option in self.ranked if option.gains]

    @property
    def best(self) -> MitigationOption | None:
        """The best buy, or None when no option gains anything."""
        helpful = self.helpful
        return helpful[0] if helpful else None


def mitigation_ranking(
    report: MitigationReport, scenario: Scenario
) -> MitigationRanking:
    """The parts of a mitigation report the report and brief show."""
    names = {mitigation.id: mitigation.name for mitigation in scenario.mitigations}
    p90_dates = [
        entry.date
        for odds in report.baseline
        for entry in odds.reached
        if round(entry.quantile, 2) == P90 and entry.date is not None
    ]
    options = [
        MitigationOption(
            mitigation=value.id,
            name=value.name or value.id,
            is_combination=value.kind is MitigationKind.COMBINATION,
            member_names=[names.get(member) or member for member in value.members],
            cost_eur=value.cost_eur,
            lead_time_weeks=value.lead_time_weeks,
            days_gained=value.p90_days_gained,
            probability_gain=value.probability_gained,
            is_estimated=value.is_estimated,
            p50_days_gained=value.p50_days_gained,
            mean_days_late_gained=value.mean_days_late_gained,
            days_per_million_eur=value.days_per_million_eur,
            probability_per_million_eur=value.probability_per_million_eur,
            rank_by_days=value.rank_by_days,
            rank_by_probability=value.rank_by_probability,
        )
        for value in report.mitigations
    ]
    keys = report.key_milestones
    return MitigationRanking(
        runs=report.runs,
        seed=report.seed,
        key_milestone=keys[0]
        if len(keys) == 1
        else gettext("the {count} key milestones").format(count=len(keys)),
        baseline_probability_on_time=min(
            (odds.probability_on_time for odds in report.baseline), default=1.0
        ),
        baseline_p90=max(p90_dates, default=None),
        options=options,
        is_for_other_scenario=report.scenario_hash != scenario_hash(scenario),
        report=report,
    )


def load_mitigation_ranking(path: Path, scenario: Scenario) -> MitigationRanking:
    """Read `mitigations.json` written by `surgeplan mitigate`.

    Raises:
        MitigationsUnavailableError: missing file, not JSON, another or older format,
            or invalid; the message names the file and, when invalid, the field.
    """
    try:
        report = load_mitigation_report(path)
    except MitigationsFileError as error:
        raise MitigationsUnavailableError(str(error)) from None
    return mitigation_ranking(report, scenario)
