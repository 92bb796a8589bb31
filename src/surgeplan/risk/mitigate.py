"""Which mitigation buys the most: each one, and each combination, on the same draws.

Every mitigation is run against the baseline on common random numbers, so the gain of
a mitigation is not drowned by the noise between two independent simulations. Gains
are summed over the key milestones (those marked key in the scenario, or all; one
milestone when named): the days their P50 and P90 dates move earlier, the days late
saved on average, and the points of on-time probability, per million EUR of the
mitigation's cost. Saved as `mitigations.json` (`format: surgeplan-mitigations/2`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Final, Literal

from pydantic import Field, ValidationError

from surgeplan.display import Summarized, Summary, money, share, whole
from surgeplan.planning.results.plan import Plan, plan_hash
from surgeplan.risk.errors import RiskError
from surgeplan.risk.executors import ExecutionSettings
from surgeplan.risk.parameters import Variant
from surgeplan.risk.policy import BATCH_RUNS, Executor, RecoveryPolicy
from surgeplan.risk.report import (
    KeyMilestonesChange,
    MilestoneChange,
    MilestoneOdds,
    ReportModel,
    read_versioned_file,
)
from surgeplan.risk.simulate import key_milestone_ids, prepare, run_variants
from surgeplan.risk.statistics import compare, key_change, milestone_odds
from surgeplan.scenario import Scenario, scenario_hash
from surgeplan.scenario.risks import Mitigation

MITIGATIONS_FORMAT: Final = "surgeplan-mitigations/2"
OLD_MITIGATIONS_FORMATS: Final = ("surgeplan-mitigations/1",)
MILLION = 1_000_000.0


class MitigationKind(StrEnum):
    """A single mitigation or a declared combination."""

    SINGLE = "mitigation"
    COMBINATION = "combination"


class MitigationValue(ReportModel):
    """What a mitigation (or combination) gains on the key milestones, and per EUR.

    `p50_days_gained`, `p90_days_gained`, `mean_days_late_gained` and
    `probability_gained` are summed over the key milestones (`key_milestones`).
    """

    id: str
    kind: MitigationKind
    name: str
    members: list[str] = Field(description="The mitigations it is made of.")
    cost_eur: float
    lead_time_weeks: int = Field(description="The longest lead time of its members.")
    p50_days_gained: float
    p90_days_gained: float
    mean_days_late_gained: float
    probability_gained: float
    is_estimated: bool = Field(description="A P90 date lies beyond the horizon.")
    key_milestones: KeyMilestonesChange = Field(
        description="The gains with their standard errors."
    )
    days_per_million_eur: float | None = Field(
        description="P90 days gained per million EUR; null when it costs nothing."
    )
    probability_per_million_eur: float | None = Field(
        description="On-time probability gained per million EUR; null when free."
    )
    rank_by_days: int = Field(
        description="1 is the best buy of P90 days (then of mean days late)."
    )
    rank_by_probability: int = Field(description="1 is the best buy of probability.")
    milestones: list[MilestoneChange] = Field(description="Gains on every milestone.")


class MitigationReport(Summarized, ReportModel):
    """The outcome of `surgeplan mitigate`, best buy of P90 days first."""

    format: Literal["surgeplan-mitigations/2"] = MITIGATIONS_FORMAT
    scenario_name: str
    scenario_hash: str
    plan_scenario_hash: str = Field(description="Scenario hash the plan was made for.")
    plan_hash: str = Field(description="`plan_hash` of the plan the runs executed.")
    runs: int
    seed: int
    batch_runs: int
    policy: RecoveryPolicy
    key_milestones: list[str] = Field(
        description="Milestones the gains are summed over: those marked key, all, "
        "or the one named with --milestone."
    )
    baseline: list[MilestoneOdds] = Field(
        description="The key milestones without mitigation."
    )
    mitigations: list[MitigationValue]

    def summary(self) -> Summary:
        """The key milestones and each mitigation's gain, for repr and notebooks."""
        best = self.mitigations[0].id if self.mitigations else "-"
        lowest = min((odds.probability_on_time for odds in self.baseline), default=0.0)
        return Summary(
            title=self.scenario_name,
            facts=[
                ("key milestones", ", ".join(self.key_milestones)),
                ("lowest P(on time) without", share(lowest)),
                ("best buy of P90 days", best),
                ("runs", whole(self.runs)),
            ],
            headers=("mitigation", "cost", "P90 days gained", "P(on time) gained"),
            rows=[
                (
                    value.id,
                    money(value.cost_eur, "").strip(),
                    f"{value.p90_days_gained:+.0f}",
                    f"{value.probability_gained * 100:+.0f} points",
                )
                for value in self.mitigations
            ],
        )

    def to_json(self) -> str:
        """The report as `mitigations.json` text."""
        return self.model_dump_json(indent=1) + "\n"

    def save(self, path: str | Path) -> Path:
        """Write `mitigations.json`."""
        target = Path(path)
        target.write_text(self.to_json(), encoding="utf-8")
        return target


class MitigationsFileError(RiskError):
    """A mitigations.json that cannot be read."""


Candidate = tuple[str, MitigationKind, tuple[Mitigation, ...]]


def candidates(scenario: Scenario) -> list[Candidate]:
    """Every mitigation alone, then every declared combination."""
    by_id = {mitigation.id: mitigation for mitigation in scenario.mitigations}
    found: list[Candidate] = [
        (mitigation.id, MitigationKind.SINGLE, (mitigation,))
        for mitigation in scenario.mitigations
    ]
    found += [
        (
            combination.id,
            MitigationKind.COMBINATION,
            tuple(by_id[member] for member in combination.mitigations),
        )
        for combination in scenario.mitigation_combinations
    ]
    return found


def _per_million(gain: float, cost_eur: float) -> float | None:
    return None if cost_eur <= 0.0 else gain / (cost_eur / MILLION)


def _order(gain: float, per_million: float | None) -> float:
    """Sort key: free mitigations that gain come first, free ones that do not last."""
    if per_million is None:
        return math.inf if gain > 0 else (0.0 if gain == 0 else -math.inf)
    return per_million


def _by_days(value: MitigationValue) -> tuple[float, float]:
    """P90 days per EUR, then mean days late saved per EUR (best first)."""
    return (
        -_order(value.p90_days_gained, value.days_per_million_eur),
        -_order(
            value.mean_days_late_gained,
            _per_million(value.mean_days_late_gained, value.cost_eur),
        ),
    )


def load_mitigation_report(path: str | Path) -> MitigationReport:
    """Read a `mitigations.json` written by `surgeplan mitigate`.

    Raises:
        MitigationsFileError: missing, not JSON, an older format or invalid.
    """
    source = Path(path)
    data = read_versioned_file(
        source,
        MITIGATIONS_FORMAT,
        OLD_MITIGATIONS_FORMATS,
        kind="mitigation ranking",
        command="mitigate",
        error=MitigationsFileError,
    )
    try:
        return MitigationReport.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise MitigationsFileError(f"{source}: {where}: {first['msg']}") from None


def mitigate(
    scenario: Scenario,
    plan: Plan,
    runs: int = 10_000,
    seed: int = 7,
    *,
    policy: RecoveryPolicy | None = None,
    key_milestone: str | None = None,
    executor: Executor = Executor.LOCAL,
    workers: int = 1,
    scheduler: str | None = None,
    batch_runs: int = BATCH_RUNS,
    on_batches_done: Callable[[int, int], None] | None = None,
) -> MitigationReport:
    """Rank the scenario's mitigations by P90 days and by probability per million EUR.

    Raises:
        KeyError: `key_milestone` names no milestone of the scenario.
        ExecutorError: the Dask executor without a reachable scheduler.
    """
    chosen = policy or RecoveryPolicy()
    model = prepare(scenario, plan, policy=chosen, seed=seed)
    ids = [milestone.id for milestone in model.network.milestones]
    if key_milestone is not None and key_milestone not in ids:
        raise KeyError(f"no milestone {key_milestone!r}; milestones: {', '.join(ids)}")
    keys = [key_milestone] if key_milestone else key_milestone_ids(scenario)
    options = candidates(scenario)
    variants = [Variant("baseline")] + [
        Variant(option_id, mitigations=members) for option_id, _, members in options
    ]
    settings = ExecutionSettings(
        executor, workers, scheduler, batch_runs, on_batches_done
    )
    outcomes = run_variants(scenario, model, variants, runs, settings)
    network = model.network
    unranked: list[MitigationValue] = []
    for number, (option_id, kind, members) in enumerate(options, start=1):
        changes, paired = compare(network, outcomes, 0, number)
        gain = key_change(changes, paired, keys)
        cost = sum(member.cost for member in members)
        unranked.append(
            MitigationValue(
                id=option_id,
                kind=kind,
                name=members[0].name if kind is MitigationKind.SINGLE else option_id,
                members=[member.id for member in members],
                cost_eur=cost,
                lead_time_weeks=max(member.lead_time_weeks for member in members),
                p50_days_gained=gain.p50_days_gained,
                p90_days_gained=gain.p90_days_gained,
                mean_days_late_gained=gain.mean_days_late_gained,
                probability_gained=gain.probability_gained,
                is_estimated=gain.is_estimated,
                key_milestones=gain,
                days_per_million_eur=_per_million(gain.p90_days_gained, cost),
                probability_per_million_eur=_per_million(gain.probability_gained, cost),
                rank_by_days=0,
                rank_by_probability=0,
                milestones=changes,
            )
        )
    by_days = sorted(unranked, key=_by_days)
    by_probability = sorted(
        unranked,
        key=lambda v: -_order(v.probability_gained, v.probability_per_million_eur),
    )
    values = [
        value.model_copy(
            update={
                "rank_by_days": position,
                "rank_by_probability": by_probability.index(value) + 1,
            }
        )
        for position, value in enumerate(by_days, start=1)
    ]
    baseline = milestone_odds(
        network,
        outcomes.met_bucket[0],
        outcomes.reached_weeks[0],
        outcomes.delivered_by_due[0],
    )
    return MitigationReport(
        scenario_name=scenario.program.name,
        scenario_hash=scenario_hash(scenario),
        plan_scenario_hash=plan.scenario_hash,
        plan_hash=plan_hash(plan),
        runs=runs,
        seed=seed,
        batch_runs=batch_runs,
        policy=chosen,
        key_milestones=keys,
        baseline=[odds for odds in baseline if odds.id in keys],
        mitigations=values,
    )
