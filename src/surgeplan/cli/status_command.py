"""`surgeplan status`: plan against actual to the status week, and a forecast.

A thin caller of `surgeplan.execution`; no solver is loaded (the plan is read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.arguments import (
    DEFAULT_OUT,
    OutOption,
    PlanOption,
    ScenarioArgument,
    help_of,
    short_help_of,
)
from surgeplan.cli.errors import ExitCode, reported_input_errors
from surgeplan.execution.errors import ActualsError
from surgeplan.execution.forecast import DEFAULT_RUNS
from surgeplan.execution.loading import load_actuals
from surgeplan.execution.status import PlanMismatchError, Status, status
from surgeplan.pipeline import plans
from surgeplan.pipeline.folder import RunFolder
from surgeplan.scenario import load_scenario

ActualsOption = Annotated[
    Path,
    typer.Option(
        "--actuals",
        metavar="PATH",
        help="Actuals (surgeplan-actuals/1): a folder of CSV files, a workbook or "
        "a .json file.",
    ),
]


def _day(value: object) -> str:
    return "beyond the horizon" if value is None else str(value)


def summary_lines(result: Status) -> list[str]:
    """What `status` prints: the milestones, their odds, and the exceptions."""
    lines = [f"Status at the end of week {result.through_week} ({result.status_date}):"]
    for variance, forecast in zip(result.milestones, result.forecast, strict=True):
        lines.append(
            f"  {variance.milestone}: {variance.actual:,.0f} of "
            f"{variance.planned:,.0f} planned by now ({variance.variance:+,.0f}); "
            f"on time {forecast.before.probability_on_time:.0%} -> "
            f"{forecast.after.probability_on_time:.0%}, P50 "
            f"{_day(forecast.after.p50_date)}, P90 {_day(forecast.after.p90_date)}"
        )
    for exception in result.exceptions:
        if exception.behind_units <= 0:
            what = f"met {exception.weeks_behind:g} weeks late"
        else:
            what = (
                f"{exception.behind_units:,.0f} units ({exception.weeks_behind:g} "
                f"weeks) behind plan since week {exception.since_week}"
            )
        lines.append(f"  late: {exception.milestone}: {what}; why: {exception.cause}")
    return lines


def status_command(
    file: ScenarioArgument,
    actuals: ActualsOption,
    plan_file: PlanOption = None,
    out: OutOption = DEFAULT_OUT,
    runs: Annotated[
        int,
        typer.Option("--runs", min=100, max=100_000, help="Runs of the forecast."),
    ] = DEFAULT_RUNS,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the forecast.")] = 7,
) -> None:
    """Compare actuals with the plan and forecast each remaining milestone.

    Writes status.json and status-*.csv into --out: variance per milestone, item
    and site, work center and week; the learning rate, OEE, volunteer share and
    supplier ramp re-estimated from the actuals; odds and P50/P90 dates of each
    milestone before and after that update; and what is late, since when and why.

    Exit codes: 0 done, 2 invalid input (scenario, plan or actuals; every problem
    of the actuals on its own line, located by file, row and column).

    Example: surgeplan status examples/uav-surge.yaml --plan out/plan.json
    --actuals examples/uav-surge-week-20/actuals --out out
    """
    hint = "Fix the actuals and run `surgeplan status` again."
    with reported_input_errors(hint):
        scenario = load_scenario(file)
        try:
            # Actuals first: every problem in them is worth fixing whatever the plan.
            given = load_actuals(actuals, scenario)
            folder = RunFolder(plan_file.parent if plan_file else out, file)
            used = plans.read_plan(scenario, folder, plan_file)
            result = status(scenario, used.plan, given, runs=runs, seed=seed)
        except ActualsError as error:
            for issue in error.issues:
                typer.echo(str(issue), err=True)
            count = len(error.issues)
            found = "1 problem" if count == 1 else f"{count} problems"
            typer.echo(f"{found} found in the actuals. {hint}", err=True)
            raise typer.Exit(ExitCode.INVALID_INPUT) from None
        except PlanMismatchError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(ExitCode.INVALID_INPUT) from None
        path = result.save(out)
    for line in summary_lines(result):
        typer.echo(line)
    typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add `status` to the `surgeplan` app."""
    app.command(
        "status", help=help_of(status_command), short_help=short_help_of(status_command)
    )(status_command)
