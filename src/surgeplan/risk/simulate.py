"""Scenario + Plan -> RiskReport: the odds of each milestone under the risks."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from surgeplan.planning.results.plan import Plan, plan_hash
from surgeplan.planning.rules.opening_state import opened_scenario
from surgeplan.risk.batches import SimulationModel
from surgeplan.risk.buildings import building_targets
from surgeplan.risk.executors import ExecutionSettings, run_batches
from surgeplan.risk.gates import gate_targets
from surgeplan.risk.network import build_network
from surgeplan.risk.parameters import Variant, resolve_variant
from surgeplan.risk.policy import BATCH_RUNS, Executor, RecoveryPolicy
from surgeplan.risk.reference_prior import reference_prior_targets
from surgeplan.risk.report import (
    KeyMilestonesChange,
    RiskContribution,
    RiskReport,
)
from surgeplan.risk.statistics import (
    Outcomes,
    compare,
    delivery_fan,
    key_change,
    milestone_odds,
)
from surgeplan.risk.supplier_ramp import ramp_targets
from surgeplan.risk.systematic import systematic_risks
from surgeplan.risk.targets import (
    RiskTargets,
    breakdown_targets,
    kind_of,
    learning_targets,
    staff_targets,
    window_targets,
)
from surgeplan.risk.weekly_plan import weekly_plan
from surgeplan.scenario import Scenario, make_buckets, scenario_hash
from surgeplan.scenario.calendar import ready_buckets
from surgeplan.scenario.effective import effective_scenario

CONTRIBUTION_RUNS = 2_000


def prepare(
    scenario: Scenario, plan: Plan, *, policy: RecoveryPolicy, seed: int
) -> SimulationModel:
    """Everything the batches need, derived once from the scenario and the plan.

    The simulation runs week by week: a plan in merged buckets is spread over its
    weeks first (`weekly_plan`).
    """
    plan = weekly_plan(plan)
    # As the planner counted: yields per good unit, buildings per work center; the
    # base as the opening state left it: staff risks act on the people qualified at
    # the start, learning risks go on from the units already made.
    scenario = opened_scenario(effective_scenario(scenario))
    network = build_network(scenario, plan)
    targets: list[RiskTargets] = [
        *window_targets(scenario, network),
        *breakdown_targets(scenario, plan, network),
        *staff_targets(scenario, plan, network),
        *learning_targets(scenario, network),
        *ramp_targets(scenario, network),
        *gate_targets(scenario, network),
        *building_targets(scenario, plan, network),
        *reference_prior_targets(scenario, network),
    ]
    return SimulationModel(
        network, tuple(targets), policy, policy.reaction_delay_weeks, seed
    )


def key_milestone_ids(scenario: Scenario) -> list[str]:
    """The milestones rankings sum over: those marked key, or all (by due date)."""
    return [milestone.id for milestone in scenario.key_milestones()]


def ranking_key(change: KeyMilestonesChange) -> tuple[float, float, float]:
    """Best first: P90 days, then mean days late, then points, on the key milestones.

    P90 is the date a program promises; mean days late breaks ties because it moves
    with any run that changes, and points last because they saturate at 0 and 1.
    """
    return (
        -change.p90_days_gained,
        -change.mean_days_late_gained,
        -change.probability_gained,
    )


def run_variants(
    scenario: Scenario,
    model: SimulationModel,
    variants: Sequence[Variant],
    runs: int,
    settings: ExecutionSettings,
    variant_runs: int | None = None,
) -> Outcomes:
    """Every variant on the same draws; the first variant's deliveries are kept.

    Variants after the first run on the first `variant_runs` runs only (all if None).
    """
    horizon = model.network.horizon
    buckets, program = make_buckets(scenario.program)[:horizon], scenario.program
    resolved = tuple(
        resolve_variant(
            variant,
            horizon,
            [
                int(ready_buckets(mitigation.lead_time_weeks, buckets, program)[0])
                for mitigation in variant.mitigations
            ],
        )
        for variant in variants
    )
    return Outcomes.join(run_batches(model, resolved, runs, settings, variant_runs))


def simulate(
    scenario: Scenario,
    plan: Plan,
    runs: int = 10_000,
    seed: int = 7,
    *,
    policy: RecoveryPolicy | None = None,
    contributions: bool = True,
    contribution_runs: int | None = CONTRIBUTION_RUNS,
    executor: Executor = Executor.LOCAL,
    workers: int = 1,
    scheduler: str | None = None,
    batch_runs: int = BATCH_RUNS,
    on_batches_done: Callable[[int, int], None] | None = None,
) -> RiskReport:
    """Execute the plan `runs` times under the scenario's risks and report the odds.

    With `contributions`, each risk is also switched off in turn on the same draws,
    which costs one more execution per risk (the draws are shared); that is done on
    the first `contribution_runs` runs (all runs when None), compared with the
    baseline on those same runs, and summed over the key milestones to rank them.

    Raises:
        ExecutorError: the Dask executor without a reachable scheduler.
    """
    chosen = policy or RecoveryPolicy()
    model = prepare(scenario, plan, policy=chosen, seed=seed)
    risk_ids = [targets.risk.id for targets in model.targets]
    variants = [Variant("baseline")]
    if contributions:
        variants += [
            Variant(f"without {rid}", disabled=frozenset({rid})) for rid in risk_ids
        ]
    settings = ExecutionSettings(
        executor, workers, scheduler, batch_runs, on_batches_done
    )
    outcomes = run_variants(
        scenario, model, variants, runs, settings, contribution_runs
    )
    network = model.network
    keys = key_milestone_ids(scenario)
    systematic = systematic_risks(scenario)
    always_on = {entry.risk for entry in systematic}
    found: list[RiskContribution] = []
    for number, targets in enumerate(model.targets, start=1):
        if not contributions:
            break
        changes, paired = compare(network, outcomes, 0, number)
        found.append(
            RiskContribution(
                risk=targets.risk.id,
                kind=kind_of(targets),
                is_systematic=targets.risk.id in always_on,
                key_milestones=key_change(changes, paired, keys),
                milestones=changes,
            )
        )
    found.sort(key=lambda contribution: ranking_key(contribution.key_milestones))
    return RiskReport(
        scenario_name=scenario.program.name,
        scenario_hash=scenario_hash(scenario),
        plan_scenario_hash=plan.scenario_hash,
        plan_hash=plan_hash(plan),
        runs=runs,
        seed=seed,
        batch_runs=batch_runs,
        contribution_runs=len(outcomes.met_bucket[-1]) if contributions else 0,
        policy=chosen,
        horizon_end=network.bucket_ends[-1],
        key_milestones=keys,
        milestones=milestone_odds(
            network,
            outcomes.met_bucket[0],
            outcomes.reached_weeks[0],
            outcomes.delivered_by_due[0],
        ),
        fan=delivery_fan(network, outcomes.cumulative),
        systematic_risks=systematic,
        contributions=found,
    )


def simulate_runs(
    scenario: Scenario,
    plan: Plan,
    runs: int,
    seed: int,
    *,
    policy: RecoveryPolicy | None = None,
    variants: Sequence[Variant] = (Variant("baseline"),),
    settings: ExecutionSettings | None = None,
) -> Outcomes:
    """Raw outcomes of every run: met buckets per variant, the first's deliveries."""
    model = prepare(scenario, plan, policy=policy or RecoveryPolicy(), seed=seed)
    return run_variants(
        scenario, model, variants, runs, settings or ExecutionSettings()
    )
