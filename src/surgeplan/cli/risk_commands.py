"""Risk commands: simulate the odds of every milestone, and rank the mitigations.

Without --plan they plan first, in this process, with HiGHS (the risk stage itself uses
no solver, so OR-Tools is never loaded here).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from surgeplan.cli.errors import ExitCode, InputRefusedError, reported_input_errors
from surgeplan.cli.plan_commands import prepare_out_folder
from surgeplan.cli.scenario_commands import ScenarioArgument
from surgeplan.planning.plan import Plan, PlanFileError, load_plan
from surgeplan.risk.executors import ExecutorError
from surgeplan.risk.pairing import PairingError, check_plan_matches_scenario
from surgeplan.risk.policy import BATCH_RUNS, Executor, RecoveryPolicy
from surgeplan.risk.simulate import CONTRIBUTION_RUNS
from surgeplan.scenario import Scenario, load_scenario

TABLE_WIDTH_WHEN_PIPED = 140

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan", help="plan.json from `surgeplan plan`; without it, plan first."
    ),
]
RunsOption = Annotated[int, typer.Option("--runs", min=1, help="Simulated runs.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of every random draw.")]
ExecutorOption = Annotated[
    Executor,
    typer.Option(
        "--executor",
        help="local: processes on this machine; dask: an existing Dask cluster.",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers", min=1, help="Local worker processes (default: one per core)."
    ),
]
BatchOption = Annotated[
    int,
    typer.Option(
        "--batch-runs",
        min=1,
        help="Runs per batch; results depend on the seed and this, not on workers.",
    ),
]
DelayOption = Annotated[
    float,
    typer.Option(
        "--reaction-delay-weeks",
        min=0.0,
        max=52.0,
        help="Weeks in backlog before production moves to another site.",
    ),
]
NoRecoveryOption = Annotated[
    bool,
    typer.Option(
        "--no-recovery",
        help="Lost output stays lost: no backlog, spare capacity or moves.",
    ),
]
TimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit", min=1.0, help="Seconds the planner may take (without --plan)."
    ),
]


def _plan_for(
    scenario: Scenario, plan_file: Path | None, time_limit: float, file: Path
) -> Plan:
    """The given plan (made from this very scenario), or one made now with HiGHS."""
    if plan_file is not None:
        with reported_input_errors():
            try:
                loaded = load_plan(plan_file)
                check_plan_matches_scenario(
                    scenario, loaded, scenario_file=file, plan_file=plan_file
                )
            except (PlanFileError, PairingError) as error:
                raise InputRefusedError(str(error)) from None
        return loaded
    from surgeplan.planning import plan
    from surgeplan.planning.contradiction import ContradictoryScenarioError

    try:
        return plan(scenario, time_limit_s=time_limit)
    except ContradictoryScenarioError as error:
        typer.echo(f"The scenario contradicts itself: {error.message}", err=True)
        raise typer.Exit(ExitCode.CONTRADICTORY) from None


def _console() -> Console:
    """Stdout, wide enough for the date columns when it is not a terminal."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = TABLE_WIDTH_WHEN_PIPED
    return console


def _policy(no_recovery: bool, reaction_delay_weeks: float) -> RecoveryPolicy:
    if no_recovery:
        return RecoveryPolicy.none()
    return RecoveryPolicy(reaction_delay_weeks=reaction_delay_weeks)


def _refuse_executor(error: ExecutorError) -> None:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(ExitCode.INVALID_INPUT)


def simulate(
    file: ScenarioArgument,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for risk.json; created if missing.")
    ],
    plan_file: PlanOption = None,
    runs: RunsOption = 10_000,
    seed: SeedOption = 7,
    executor: ExecutorOption = Executor.LOCAL,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    batch_runs: BatchOption = BATCH_RUNS,
    reaction_delay_weeks: DelayOption = 2.0,
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
            help="Runs (the first ones) on which each risk is switched off in turn.",
        ),
    ] = CONTRIBUTION_RUNS,
    time_limit: TimeLimitOption = 60.0,
) -> None:
    """Simulate the plan under the scenario's risks: the odds of every milestone.

    Writes OUT/risk.json (format surgeplan-risk/2, described in docs/risk.md) and prints
    each milestone's on-time probability and P10/P50/P90 dates, the delivery fan, the
    systematic risks (always-on shortfalls the plan does not assume) and the risks that
    cost the key milestones most, in days and points. A --plan made from another
    version of the scenario is refused. The same seed and --batch-runs give the same
    numbers on any executor and number of workers.

    Example: surgeplan simulate examples/minimal.yaml --runs 2000 --out risk/minimal
    """
    from surgeplan.risk.simulate import simulate as run_simulation
    from surgeplan.risk.tables import (
        contribution_table,
        fan_table,
        milestone_table,
        systematic_table,
    )

    with reported_input_errors():
        scenario = load_scenario(file)
        prepare_out_folder(out)
    chosen = _plan_for(scenario, plan_file, time_limit, file)
    try:
        report = run_simulation(
            scenario,
            chosen,
            runs,
            seed,
            policy=_policy(no_recovery, reaction_delay_weeks),
            contributions=not no_contributions,
            contribution_runs=contribution_runs,
            executor=executor,
            workers=workers or os.cpu_count() or 1,
            scheduler=scheduler,
            batch_runs=batch_runs,
        )
    except ExecutorError as error:
        _refuse_executor(error)
        return
    with reported_input_errors():
        path = report.save(out / "risk.json")
    console = _console()
    console.print(milestone_table(report))
    console.print(fan_table(report))
    if report.systematic_risks:
        console.print(systematic_table(report))
    if report.contributions:
        console.print(contribution_table(report))
    typer.echo(f"wrote {path}")


def mitigate(
    file: ScenarioArgument,
    plan_file: PlanOption = None,
    runs: RunsOption = 10_000,
    seed: SeedOption = 7,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for mitigations.json; created if missing."),
    ] = None,
    milestone: Annotated[
        str | None,
        typer.Option(
            "--milestone",
            help="Milestone to rank on (default: the key milestones, summed).",
        ),
    ] = None,
    executor: ExecutorOption = Executor.LOCAL,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    batch_runs: BatchOption = BATCH_RUNS,
    reaction_delay_weeks: DelayOption = 2.0,
    no_recovery: NoRecoveryOption = False,
    time_limit: TimeLimitOption = 60.0,
) -> None:
    """Rank the scenario's mitigations by P90 days and odds gained per million EUR.

    Each mitigation, and each declared combination, runs on the same draws as the
    baseline; gains are in days (P50, P90, mean days late) and points of on-time
    probability, summed over the key milestones (or the one --milestone names). With
    --out, writes OUT/mitigations.json (format surgeplan-mitigations/2).

    Example: surgeplan mitigate examples/uav-surge.yaml --plan out/plan.json --runs 2000
    """
    from surgeplan.risk.mitigate import mitigate as rank_mitigations
    from surgeplan.risk.tables import mitigation_table

    with reported_input_errors():
        scenario = load_scenario(file)
        if not scenario.mitigations:
            raise InputRefusedError(f"'{file}' declares no mitigations to compare")
        known = [m.id for m in scenario.demand.milestones]
        if milestone is not None and milestone not in known:
            raise InputRefusedError(
                f"no milestone '{milestone}'; milestones: {', '.join(known)}"
            )
        if out is not None:
            prepare_out_folder(out)
    chosen = _plan_for(scenario, plan_file, time_limit, file)
    try:
        report = rank_mitigations(
            scenario,
            chosen,
            runs,
            seed,
            policy=_policy(no_recovery, reaction_delay_weeks),
            key_milestone=milestone,
            executor=executor,
            workers=workers or os.cpu_count() or 1,
            scheduler=scheduler,
            batch_runs=batch_runs,
        )
    except ExecutorError as error:
        _refuse_executor(error)
        return
    _console().print(mitigation_table(report))
    if out is not None:
        with reported_input_errors():
            path = report.save(out / "mitigations.json")
        typer.echo(f"wrote {path}")


def _help_of(command: Callable[..., None]) -> str:
    """The docstring with each paragraph on one line (Typer keeps single breaks)."""
    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def register(app: typer.Typer) -> None:
    """Add the risk commands to the `surgeplan` app."""
    for command in (simulate, mitigate):
        app.command(help=_help_of(command))(command)
