"""The `schedule` command: a site's detailed schedule over some weeks.

OR-Tools is imported inside the command only: HiGHS and OR-Tools cannot share a
process, and other commands load HiGHS.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.errors import ExitCode, reported_input_errors
from surgeplan.cli.plan_commands import prepare_out_folder
from surgeplan.cli.scenario_commands import ScenarioArgument
from surgeplan.planning.plan import Plan, PlanFileError, load_plan
from surgeplan.scenario import load_scenario, scenario_hash
from surgeplan.scheduling.site.errors import ScheduleInputError
from surgeplan.scheduling.site.result import Objective, Schedule


def _load_plan(plan_file: Path | None, scenario_file: Path, digest: str) -> Plan | None:
    if plan_file is None:
        return None
    try:
        loaded = load_plan(plan_file)
    except PlanFileError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    if loaded.scenario_hash != digest:
        typer.echo(
            f"note: {plan_file} was made from another version of {scenario_file}",
            err=True,
        )
    return loaded


def _summary(schedule: Schedule) -> str:
    solver = schedule.solver
    late = len(schedule.late_batches)
    return (
        f"{schedule.site} weeks {schedule.start_week}.."
        f"{schedule.start_week + schedule.weeks - 1}: {len(schedule.operations)} "
        f"operations of {len(schedule.batches)} batches, {late} late; "
        f"{solver.status.value} in {solver.seconds:.1f} s, makespan "
        f"{solver.makespan_hours:.1f} working h"
    )


def schedule(
    file: ScenarioArgument,
    site: Annotated[str, typer.Option("--site", help="Id of the site to schedule.")],
    start_week: Annotated[
        int,
        typer.Option(
            "--start-week",
            min=1,
            help="First program week (1-based: week 1 starts on the program's "
            "start date); a week inside a plan's merged bucket gets its share of it.",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the files; created if missing.")
    ],
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, help="Weeks to schedule.")
    ] = 1,
    plan_file: Annotated[
        Path | None,
        typer.Option(
            "--plan", help="plan.json from `surgeplan plan`; without it, the demand."
        ),
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="Seconds CP-SAT may take.")
    ] = 10.0,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="CP-SAT workers.")
    ] = 2,
    seed: Annotated[int, typer.Option("--seed", help="CP-SAT's random seed.")] = 0,
    objective: Annotated[
        Objective,
        typer.Option(
            "--objective", help="Weighted tardiness then makespan, or makespan."
        ),
    ] = Objective.TARDINESS,
    deterministic_time: Annotated[
        float | None,
        typer.Option(
            "--deterministic-time",
            min=0.01,
            help="A deterministic budget (CP-SAT units): repeatable for a seed and "
            "number of workers, unlike a wall-clock limit.",
        ),
    ] = None,
) -> None:
    """Schedule a site's batches on its stations, around shifts and changeovers.

    Writes OUT/schedule.json (format surgeplan-schedule/1, see
    docs/schedule-format.md), OUT/schedule.xlsx and OUT/gantt.html (opens offline).

    Exit codes: 0 a schedule was written (late batches are reported, not errors),
    2 invalid input, among them an operation no station of the site can do.

    Example: surgeplan schedule examples/uav-surge.yaml --site chassis-plant
    --start-week 10 --plan plans/uav/plan.json --out schedules/w10
    """
    with reported_input_errors():
        scenario = load_scenario(file)
        prepare_out_folder(out)
    loaded = _load_plan(plan_file, file, scenario_hash(scenario))
    from surgeplan.scheduling.site.gantt import write_gantt
    from surgeplan.scheduling.site.solve import schedule_site
    from surgeplan.scheduling.site.workbook import write_schedule_workbook

    try:
        result = schedule_site(
            scenario,
            site,
            start_week,
            weeks,
            loaded,
            time_limit_s=time_limit,
            workers=workers,
            seed=seed,
            objective=objective,
            deterministic_time=deterministic_time,
        )
    except ScheduleInputError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    with reported_input_errors():
        paths = (
            result.save(out / "schedule.json"),
            write_schedule_workbook(result, out / "schedule.xlsx"),
            write_gantt(result, out / "gantt.html"),
        )
    typer.echo(_summary(result))
    typer.echo("wrote " + ", ".join(str(path) for path in paths))


def register(app: typer.Typer) -> None:
    """Add the `schedule` command to the `surgeplan` app."""
    paragraphs = inspect.cleandoc(schedule.__doc__ or "").split("\n\n")
    text = "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    app.command(help=text)(schedule)
