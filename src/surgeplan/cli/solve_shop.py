"""`surgeplan solve-shop`: solve a job-shop or flexible job-shop benchmark instance.

CP-SAT runs in a spawned process of its own: this one loads no solver and only
waits, so Ctrl-C stops it at once (CP-SAT would otherwise finish its search first).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from surgeplan.cli.arguments import SeedOption, help_of, short_help_of
from surgeplan.cli.console import output_console, print_tables, progress_bar
from surgeplan.cli.exit_codes import ExitCode
from surgeplan.pipeline import defaults
from surgeplan.pipeline.processes import call_in_own_process
from surgeplan.scheduling.shop.instance import ShopInstance
from surgeplan.scheduling.shop.parsers import (
    ShopFormat,
    ShopFormatError,
    detect_format,
    read_shop_instance,
)
from surgeplan.scheduling.shop.solution import ShopSolution

FIRST_MACHINE = {ShopFormat.JSP: 0, ShopFormat.FJSP: 1}


def solution_as_dict(
    name: str, shop_format: ShopFormat, solution: ShopSolution
) -> dict[str, object]:
    """The solution as JSON-ready data; machines numbered as in the instance file."""
    return {
        "instance": name,
        "format": shop_format.value,
        "machine_numbering": (
            f"as in the instance file, from {FIRST_MACHINE[shop_format]}"
        ),
        "makespan": solution.makespan,
        "lower_bound": solution.lower_bound,
        "status": solution.status.value,
        "seconds": round(solution.seconds, 3),
        "schedule": [
            [
                {"machine": op.machine, "start": op.start, "end": op.end}
                for op in job_ops
            ]
            for job_ops in solution.operations_by_job
        ],
    }


def _summary_table(name: str, size: str, solution: ShopSolution) -> Table:
    table = Table(title=f"Shop schedule: {name}")
    for column in (
        "jobs x machines",
        "makespan",
        "lower bound",
        "gap",
        "status",
        "seconds",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        size,
        str(solution.makespan),
        str(solution.lower_bound),
        f"{100 * solution.gap:.2f} %",
        solution.status.value,
        f"{solution.seconds:.1f}",
    )
    return table


def _solve(
    instance: ShopInstance,
    time_limit_s: float,
    threads: int,
    seed: int,
    deterministic_time: float | None,
) -> ShopSolution:
    """In the spawned process: CP-SAT holds the main thread while it solves."""
    from surgeplan.scheduling.shop.solve import solve_shop

    return solve_shop(
        instance, time_limit_s, threads, seed, deterministic_time=deterministic_time
    )


def solve_shop_command(
    instance_file: Annotated[
        Path,
        typer.Argument(
            metavar="INSTANCE",
            help="Instance file: job shop (n m, then machine-time pairs) or "
            "Brandimarte flexible job shop (.fjs).",
        ),
    ],
    shop_format: Annotated[
        ShopFormat | None,
        typer.Option(
            "--format",
            help="Instance format; by default .fjs/.fjsp files are fjsp, others jsp.",
            case_sensitive=False,
        ),
    ] = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit", min=0.0, metavar="SECONDS", help="Wall-clock seconds."
        ),
    ] = 60.0,
    threads: Annotated[
        int, typer.Option("--threads", min=1, metavar="N", help="CP-SAT threads.")
    ] = defaults.SCHEDULE_THREADS,
    seed: SeedOption = defaults.SEED,
    deterministic_time: Annotated[
        float | None,
        typer.Option(
            "--deterministic-time",
            min=0.0,
            metavar="UNITS",
            help="Budget in CP-SAT deterministic time: the same seed and threads "
            "then give the same schedule.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole schedule as JSON.")
    ] = False,
) -> None:
    """Solve a job-shop or flexible job-shop instance; minimise the makespan.

    Prints the makespan, the proven lower bound and the status; with --json the
    schedule too: per job, per operation in order, its machine (numbered as in
    the instance file: from 0 for jsp, from 1 for fjsp), start and end.

    Example: surgeplan solve-shop ft06.txt --time-limit 10 --json
    """
    chosen = shop_format if shop_format is not None else detect_format(instance_file)
    try:
        instance = read_shop_instance(instance_file, chosen)
    except ShopFormatError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None

    with progress_bar("solving", limit_s=time_limit) as step:
        step(f"{instance.name}, CP-SAT in a process of its own", None)
        solution = call_in_own_process(
            _solve, instance, time_limit, threads, seed, deterministic_time
        )
    if as_json:
        typer.echo(json.dumps(solution_as_dict(instance.name, chosen, solution)))
        return
    size = f"{len(instance.jobs)} x {len(instance.machines)}"
    print_tables(output_console(), _summary_table(instance.name, size, solution))


def register(app: typer.Typer) -> None:
    """Add `solve-shop` to the surgeplan command."""
    app.command(
        "solve-shop",
        help=help_of(solve_shop_command),
        short_help=short_help_of(solve_shop_command),
    )(solve_shop_command)
