"""Risk commands: simulate the odds of every milestone, and rank the mitigations.

Thin callers of `surgeplan.pipeline.risks`. The plan is the one given, the one in the
run folder, or (when there is neither) made first in this process with HiGHS; the
risk stage itself uses no solver, so OR-Tools is never loaded here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.arguments import (
    DEFAULT_OUT,
    BatchOption,
    DelayOption,
    JsonOption,
    NoRecoveryOption,
    OutOption,
    PlanOption,
    PlanTimeLimitOption,
    RunsOption,
    ScenarioArgument,
    SchedulerOption,
    SeedOption,
    WideOption,
    WorkersOption,
    help_of,
    short_help_of,
)
from surgeplan.cli.console import (
    batches_step,
    output_console,
    print_tables,
    progress_bar,
)
from surgeplan.cli.errors import InputRefusedError, reported_input_errors
from surgeplan.pipeline import defaults, plans, risks
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import PlanOptions
from surgeplan.pipeline.plans import PlanInUse
from surgeplan.pipeline.risk_options import (
    ExecutionOptions,
    MitigationOptions,
    RecoveryOptions,
    SimulationOptions,
)
from surgeplan.risk.policy import Executor
from surgeplan.scenario import Scenario, load_scenario

ExecutorOption = Annotated[
    Executor,
    typer.Option(
        "--executor",
        help="local: processes on this machine; dask: an existing Dask cluster.",
    ),
]


def _plan_for(
    scenario: Scenario, folder: RunFolder, plan_file: Path | None, time_limit: float
) -> PlanInUse:
    """The plan given or in the folder; without either, one made now (said so)."""
    if plan_file is None and not (folder.path / "plan.json").is_file():
        typer.echo(
            f"no plan in {folder.path}: planning first (at most {time_limit:g} s)",
            err=True,
        )
    with progress_bar("planning", limit_s=time_limit) as step:
        return plans.read_or_make_plan(
            scenario,
            folder,
            plan_file,
            PlanOptions(time_limit_s=time_limit),
            lambda message: step(message, None),
        )


def _execution(
    executor: Executor, workers: int | None, scheduler: str | None, batch_runs: int
) -> ExecutionOptions:
    return ExecutionOptions(executor, workers, scheduler, batch_runs)


def _recovery(no_recovery: bool, reaction_delay_weeks: float) -> RecoveryOptions:
    return RecoveryOptions(reaction_delay_weeks, is_recovering=not no_recovery)


def simulate(
    file: ScenarioArgument,
    out: OutOption = DEFAULT_OUT,
    plan_file: PlanOption = None,
    runs: RunsOption = defaults.SIMULATION_RUNS,
    seed: SeedOption = defaults.SEED,
    executor: ExecutorOption = Executor.LOCAL,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    batch_runs: BatchOption = defaults.BATCH_RUNS,
    reaction_delay_weeks: DelayOption = defaults.REACTION_DELAY_WEEKS,
    no_recovery: NoRecoveryOption = False,
    no_contributions: Annotated[
        bool,
        typer.Option(
            "--no-contributions",
            help="Skip switching each risk off (one more execution per risk).",
        ),
    ] = False,
    contribution_runs: Annotated[
        int,
        typer.Option(
            "--contribution-runs",
            min=1,
            metavar="N",
            help="Runs (the first ones) on which each risk is switched off in turn.",
        ),
    ] = defaults.CONTRIBUTION_RUNS,
    time_limit: PlanTimeLimitOption = defaults.PLAN_TIME_LIMIT_S,
    wide: WideOption = False,
    as_json: JsonOption = False,
) -> None:
    """Simulate the plan under the scenario's risks: the odds of every milestone.

    Simulates OUT/plan.json (or --plan; with neither, plans first) and writes
    OUT/risk.json (format surgeplan-risk/2, described in docs/risk.md), then prints
    each milestone's on-time probability and P10/P50/P90 dates, the delivery fan, the
    systematic risks (always-on shortfalls the plan does not assume) and the risks
    that cost the key milestones most, in days and points. A plan made from another
    version of the scenario is refused. The same seed and --batch-runs give the same
    numbers on any executor and number of workers. --json prints risk.json.

    Example: surgeplan simulate examples/minimal.yaml --runs 2000 --out runs/minimal
    """
    from surgeplan.risk.tables import (
        contribution_table,
        fan_table,
        milestone_table,
        systematic_table,
    )

    options = SimulationOptions(
        runs=runs,
        seed=seed,
        with_contributions=not no_contributions,
        contribution_runs=contribution_runs,
        recovery=_recovery(no_recovery, reaction_delay_weeks),
        execution=_execution(executor, workers, scheduler, batch_runs),
    )
    with reported_input_errors():
        scenario = load_scenario(file)
        folder = RunFolder(out, file)
        folder.prepare()
        used = _plan_for(scenario, folder, plan_file, time_limit)
        with progress_bar(f"simulating {runs:,} runs", enabled=not as_json) as step:
            step("drawing the risks and executing the plan", None)
            report = risks.simulate(
                scenario, used, folder, options, batches_step(step, "batches")
            )
    if as_json:
        typer.echo(report.to_json(), nl=False)
        return
    console = output_console(wide=wide)
    tables = [milestone_table(report), fan_table(report)]
    if report.systematic_risks:
        tables.append(systematic_table(report))
    if report.contributions:
        tables.append(contribution_table(report))
    print_tables(console, *tables, currency=scenario.program.currency)
    typer.echo(f"wrote {folder.path / 'risk.json'}")


def mitigate(
    file: ScenarioArgument,
    out: OutOption = DEFAULT_OUT,
    plan_file: PlanOption = None,
    runs: RunsOption = defaults.MITIGATION_RUNS,
    seed: SeedOption = defaults.SEED,
    milestone: Annotated[
        str | None,
        typer.Option(
            "--milestone",
            metavar="ID",
            help="Milestone to rank on (default: the key milestones, summed).",
        ),
    ] = None,
    executor: ExecutorOption = Executor.LOCAL,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    batch_runs: BatchOption = defaults.BATCH_RUNS,
    reaction_delay_weeks: DelayOption = defaults.REACTION_DELAY_WEEKS,
    no_recovery: NoRecoveryOption = False,
    time_limit: PlanTimeLimitOption = defaults.PLAN_TIME_LIMIT_S,
    wide: WideOption = False,
    as_json: JsonOption = False,
) -> None:
    """Rank the scenario's mitigations by P90 days and odds gained per million.

    Each mitigation, and each declared combination, runs on the same draws as the
    baseline; the ranking sums the gains over the key milestones (or ranks on the
    one --milestone names). Writes OUT/mitigations.json; --json prints it.

    Example: surgeplan mitigate examples/uav-surge.yaml --out runs/uav --runs 2000
    """
    from surgeplan.risk.tables import mitigation_table

    options = MitigationOptions(
        runs=runs,
        seed=seed,
        milestone=milestone,
        recovery=_recovery(no_recovery, reaction_delay_weeks),
        execution=_execution(executor, workers, scheduler, batch_runs),
    )
    with reported_input_errors():
        scenario = load_scenario(file)
        if not scenario.mitigations:
            raise InputRefusedError(f"'{file}' declares no mitigations to compare")
        known = [m.id for m in scenario.demand.milestones]
        if milestone is not None and milestone not in known:
            raise InputRefusedError(
                f"no milestone '{milestone}'; milestones: {', '.join(known)}"
            )
        folder = RunFolder(out, file)
        folder.prepare()
        used = _plan_for(scenario, folder, plan_file, time_limit)
        with progress_bar(
            f"ranking mitigations, {runs:,} runs", enabled=not as_json
        ) as step:
            step("drawing the risks and executing each option", None)
            report = risks.mitigate(
                scenario, used, folder, options, batches_step(step, "batches")
            )
    if as_json:
        typer.echo(report.to_json(), nl=False)
        return
    print_tables(
        output_console(wide=wide),
        mitigation_table(report),
        currency=scenario.program.currency,
    )
    typer.echo(f"wrote {folder.path / 'mitigations.json'}")


def register(app: typer.Typer) -> None:
    """Add the risk commands to the `surgeplan` app."""
    for command in (simulate, mitigate):
        app.command(help=help_of(command), short_help=short_help_of(command))(command)
