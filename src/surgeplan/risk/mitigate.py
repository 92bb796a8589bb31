"""Which mitigation buys the most: each one, and each combination, on the same draws.

Every mitigation is run against the baseline on common random numbers, so the gain of
a mitigation is not drowned by the noise between two independent simulations. Gains
are measured on one key milestone (the last by due date unless another is named): the
days its P90 date moves earlier, and the change of its on-time probability, each per
million EUR of the mitigation's cost. Saved as `mitigations.json`.
"""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import Final, Literal

from pydantic import Field

from surgeplan.display import Summarized, Summary, money, share, whole
from surgeplan.planning.plan import Plan
from surgeplan.risk.executors import ExecutionSettings
from surgeplan.risk.parameters import Variant
from surgeplan.risk.policy import BATCH_RUNS, Executor, RecoveryPolicy
from surgeplan.risk.report import MilestoneChange, MilestoneOdds, ReportModel
from surgeplan.risk.simulate import key_milestone_of, prepare, run_variants
from surgeplan.risk.statistics import compare, milestone_odds
from surgeplan.scenario import Scenario, scenario_hash
from surgeplan.scenario.risks import Mitigation

MITIGATIONS_FORMAT: Final = "surgeplan-mitigations/1"
MILLION = 1_000_000.0


class MitigationKind(StrEnum):
    """A single mitigation or a declared combination."""

    SINGLE = "mitigation"
    COMBINATION = "combination"


class MitigationValue(ReportModel):
    """What a mitigation (or combination) gains on the key milestone, and per EUR."""

    id: str
    kind: MitigationKind
    name: str
    members: list[str] = Field(description="The mitigations it is made of.")
    cost_eur: float
    lead_time_weeks: int = Field(description="The longest lead time of its members.")
    p90_days_gained: float
    probability_gained: float
    is_estimated: bool = Field(description="A P90 date lies beyond the horizon.")
    days_per_million_eur: float | None = Field(
        description="P90 days gained per million EUR; null when it costs nothing."
    )
    probability_per_million_eur: float | None = Field(
        description="On-time probability gained per million EUR; null when free."
    )
    rank_by_days: int = Field(description="1 is the best buy of P90 days.")
    rank_by_probability: int = Field(description="1 is the best buy of probability.")
    milestones: list[MilestoneChange] = Field(description="Gains on every milestone.")


class MitigationReport(Summarized, ReportModel):
    """The outcome of `surgeplan mitigate`, best buy of P90 days first."""

    format: Literal["surgeplan-mitigations/1"] = MITIGATIONS_FORMAT
    scenario_name: str
    scenario_hash: str
    runs: int
    seed: int
    batch_runs: int
    policy: RecoveryPolicy
    key_milestone: str
    baseline: MilestoneOdds = Field(description="The key milestone without mitigation.")
    mitigations: list[MitigationValue]

    def summary(self) -> Summary:
        """The key milestone and each mitigation's gain, for repr and notebooks."""
        best = self.mitigations[0].id if self.mitigations else "-"
        return Summary(
            title=self.scenario_name,
            facts=[
                ("key milestone", self.key_milestone),
                ("P(on time) without", share(self.baseline.probability_on_time)),
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
) -> MitigationReport:
    """Rank the scenario's mitigations by P90 days and by probability per million EUR.

    Raises:
        KeyError: `key_milestone` names no milestone of the scenario.
        ExecutorError: the Dask executor without a reachable scheduler.
    """
    chosen = policy or RecoveryPolicy()
    key = key_milestone or key_milestone_of(scenario)
    model = prepare(scenario, plan, policy=chosen, seed=seed)
    ids = [milestone.id for milestone in model.network.milestones]
    if key not in ids:
        raise KeyError(f"no milestone {key!r}; milestones: {', '.join(ids)}")
    key_index = ids.index(key)
    options = candidates(scenario)
    variants = [Variant("baseline")] + [
        Variant(option_id, mitigations=members) for option_id, _, members in options
    ]
    settings = ExecutionSettings(executor, workers, scheduler, batch_runs)
    outcomes = run_variants(scenario, model, variants, runs, settings)
    network = model.network
    unranked: list[MitigationValue] = []
    for number, (option_id, kind, members) in enumerate(options, start=1):
        changes = compare(network, outcomes, 0, number)
        gain = changes[key_index]
        cost = sum(member.cost_eur for member in members)
        unranked.append(
            MitigationValue(
                id=option_id,
                kind=kind,
                name=members[0].name if kind is MitigationKind.SINGLE else option_id,
                members=[member.id for member in members],
                cost_eur=cost,
                lead_time_weeks=max(member.lead_time_weeks for member in members),
                p90_days_gained=gain.p90_days_gained,
                probability_gained=gain.probability_gained,
                is_estimated=gain.is_estimated,
                days_per_million_eur=_per_million(gain.p90_days_gained, cost),
                probability_per_million_eur=_per_million(gain.probability_gained, cost),
                rank_by_days=0,
                rank_by_probability=0,
                milestones=changes,
            )
        )
    by_days = sorted(
        unranked, key=lambda v: -_order(v.p90_days_gained, v.days_per_million_eur)
    )
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
        network, outcomes.met_bucket[0], outcomes.delivered_by_due[0]
    )
    return MitigationReport(
        scenario_name=scenario.program.name,
        scenario_hash=scenario_hash(scenario),
        runs=runs,
        seed=seed,
        batch_runs=batch_runs,
        policy=chosen,
        key_milestone=key,
        baseline=baseline[key_index],
        mitigations=values,
    )
