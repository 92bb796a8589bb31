"""The `schedule` command: a site's detailed schedule over some weeks.

A thin caller of `surgeplan.pipeline.schedules`. CP-SAT runs in a spawned process
of its own: this one loads no solver and only waits, so Ctrl-C stops it at once.
"""

from __future__ import annotations

from typing import Annotated

import typer

from surgeplan.cli.arguments import (
    DEFAULT_OUT,
    OutOption,
    PlanOption,
    ScenarioArgument,
    SeedOption,
    help_of,
    short_help_of,
)
from surgeplan.cli.console import progress_bar
from surgeplan.cli.errors import reported_input_errors
from surgeplan.pipeline import defaults, plans, schedules
from surgeplan.pipeline.folder import Artefact, RunFolder
from surgeplan.pipeline.schedule_options import ScheduleOptions
from surgeplan.scenario import load_scenario
from surgeplan.scheduling.site.result import Objective, Schedule


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
    site: Annotated[
        str, typer.Option("--site", metavar="ID", help="Id of the site to schedule.")
    ],
    start_week: Annotated[
        int,
        typer.Option(
            "--start-week",
            min=1,
            metavar="WEEK",
            help="First program week (1-based: week 1 starts on the program's "
            "start date); a week inside a plan's merged bucket gets its share of it.",
        ),
    ],
    out: OutOption = DEFAULT_OUT,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, metavar="N", help="Weeks to schedule.")
    ] = defaults.SCHEDULE_WEEKS,
    plan_file: PlanOption = None,
    without_plan: Annotated[
        bool,
        typer.Option(
            "--demand",
            help="Schedule the site's share of the demand, not a plan's production.",
        ),
    ] = False,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit", min=0.1, metavar="SECONDS", help="Seconds CP-SAT may take."
        ),
    ] = defaults.SCHEDULE_TIME_LIMIT_S,
    threads: Annotated[
        int, typer.Option("--threads", min=1, metavar="N", help="CP-SAT threads.")
    ] = defaults.SCHEDULE_THREADS,
    seed: SeedOption = defaults.SEED,
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
            metavar="UNITS",
            help="A deterministic budget (CP-SAT units): repeatable for a seed and "
            "number of threads, unlike a wall-clock limit.",
        ),
    ] = None,
) -> None:
    """Schedule a site's batches on its stations, around shifts and changeovers.

    Schedules the production of OUT/plan.json (or --plan), or with --demand (or no
    plan in OUT) the site's share of the demand. Writes OUT/schedule.json (format
    surgeplan-schedule/1, see docs/schedule-format.md), OUT/schedule.xlsx and
    OUT/gantt.html (opens offline).

    Exit codes: 0 a schedule was written (late batches are reported, not errors),
    2 invalid input, among them an operation no station of the site can do.

    Example: surgeplan schedule examples/uav-surge.yaml --site chassis-plant
    --start-week 10 --out runs/uav
    """
    options = ScheduleOptions(
        site=site,
        start_week=start_week,
        weeks=weeks,
        time_limit_s=time_limit,
        threads=threads,
        seed=seed,
        objective=objective,
        deterministic_time=deterministic_time,
    )
    with reported_input_errors():
        scenario = load_scenario(file)
        folder = RunFolder(out, file)
        folder.prepare()
        has_plan = plan_file is not None or folder.file(Artefact.PLAN).is_file()
        used = None
        if has_plan and not without_plan:
            used = plans.read_plan(scenario, folder, plan_file)
        with progress_bar("scheduling", limit_s=time_limit) as step:
            step(f"{site}, {weeks} week(s) from week {start_week}", None)
            result, paths = schedules.schedule_in_own_process(
                scenario, used, folder, options
            )
    typer.echo(_summary(result))
    typer.echo("wrote " + ", ".join(str(path) for path in paths))


def register(app: typer.Typer) -> None:
    """Add the `schedule` command to the `surgeplan` app."""
    app.command(help=help_of(schedule), short_help=short_help_of(schedule))(schedule)
