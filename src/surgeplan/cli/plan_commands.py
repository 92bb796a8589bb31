"""Planning commands: plan a scenario, and check a plan against its scenario.

The planner (HiGHS) is imported inside `plan` only, never at module level.
"""

from __future__ import annotations

import inspect
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from surgeplan.cli.errors import ExitCode, InputRefusedError, reported_input_errors
from surgeplan.cli.plan_summary import delivery_line, render_plan_summary
from surgeplan.cli.plan_text import SUMMARY_WIDTH
from surgeplan.cli.scenario_commands import ScenarioArgument
from surgeplan.planning.plan import Plan, PlanFileError, load_plan
from surgeplan.planning.plan_workbook import write_plan_workbook
from surgeplan.scenario import Scenario, load_scenario, scenario_hash

EXIT_VIOLATIONS = ExitCode.VIOLATIONS
MODEL_SUFFIXES = (".mps", ".lp")

Progress = Callable[[str], None]


def _hint(file: Path) -> str:
    return f"Fix and run `surgeplan validate {file}` again."


def prepare_out_folder(out: Path) -> None:
    """Create the output folder and prove that files can be written in it."""
    if out.exists() and not out.is_dir():
        raise InputRefusedError(f"'{out}' is a file; give --out a folder")
    out.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError:
        raise InputRefusedError(
            f"cannot write in '{out}': permission denied or read-only"
        ) from None


def check_model_file(path: Path) -> None:
    """Refuse an MPS target HiGHS could not write, before the solver runs."""
    if path.suffix.lower() not in MODEL_SUFFIXES:
        raise InputRefusedError(
            f"cannot write the model to '{path.name}': give --write-mps a .mps file "
            "(or .lp for the LP format)"
        )
    if path.is_dir():
        raise InputRefusedError(f"'{path}' is a folder; give --write-mps a file name")
    with path.open("a"):
        pass


@contextmanager
def progress_line(enabled: bool) -> Iterator[Progress]:
    """A status line on stderr while HiGHS runs, if stderr is a terminal."""
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield lambda _message: None
        return
    with console.status("planning: building the model") as status:

        def say(message: str) -> None:
            status.update(f"planning: {message}")

        yield say


def summary_console() -> Console:
    """Stdout, 100 columns wide when it is not a terminal (files, pipes, tests)."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = SUMMARY_WIDTH
    return console


def _run_planner(
    scenario: Scenario,
    *,
    time_limit_s: float,
    mip_gap: float,
    allow_core_impact: bool,
    threads: int,
    write_mps: Path | None,
    quiet: bool,
) -> Plan:
    from surgeplan.planning.contradiction import (
        ContradictoryScenarioError,
        PlanningTimeoutError,
    )
    from surgeplan.planning.planner import run_planner

    try:
        with progress_line(not quiet) as say:
            return run_planner(
                scenario,
                time_limit_s=time_limit_s,
                mip_gap=mip_gap,
                allow_core_impact=allow_core_impact,
                threads=threads,
                write_mps=write_mps,
                progress=say,
            )
    except ContradictoryScenarioError as error:
        typer.echo(f"The scenario contradicts itself: {error.message}", err=True)
        raise typer.Exit(ExitCode.CONTRADICTORY) from None
    except PlanningTimeoutError as error:
        typer.echo(f"No plan: {error.message}", err=True)
        raise typer.Exit(ExitCode.NO_PLAN_IN_TIME) from None


def plan(
    file: ScenarioArgument,
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Folder for plan.json and plan.xlsx; created if missing."
        ),
    ],
    time_limit: Annotated[
        float,
        typer.Option("--time-limit", min=1.0, help="Seconds the planner may take."),
    ] = 60.0,
    mip_gap: Annotated[
        float,
        typer.Option(
            "--mip-gap",
            min=0.0,
            max=1.0,
            help="Relative gap at which HiGHS may stop the whole-number solve.",
        ),
    ] = 1e-4,
    write_mps: Annotated[
        Path | None,
        typer.Option(
            "--write-mps",
            help="Also write the planning model to this .mps (or .lp) file.",
        ),
    ] = None,
    allow_core_impact: Annotated[
        bool,
        typer.Option(
            "--allow-core-impact",
            help="Let protected core demand fall short, at its penalty, rather than "
            "stop with exit code 3.",
        ),
    ] = False,
    threads: Annotated[
        int, typer.Option("--threads", min=1, help="Threads HiGHS may use.")
    ] = 2,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", help="No progress line and no summary: one line of results."
        ),
    ] = False,
) -> None:
    """Plan capacity and ramp-up: what each work center makes each week, and the cost.

    Writes OUT/plan.json (read by the other commands) and OUT/plan.xlsx (for people),
    then prints a summary: milestones, units made and hours added per site, core
    impact, costs, bottlenecks and the conversions and shift changes decided.

    Exit codes: 0 a plan was written (a late plan is still a plan; the summary says
    how late), 2 invalid input, 3 a scenario that contradicts itself (the reason is
    printed).

    Example: surgeplan plan examples/minimal.yaml --out plans/minimal
    """
    with reported_input_errors(_hint(file)):
        scenario = load_scenario(file)
        prepare_out_folder(out)
        if write_mps is not None:
            check_model_file(write_mps)
    result = _run_planner(
        scenario,
        time_limit_s=time_limit,
        mip_gap=mip_gap,
        allow_core_impact=allow_core_impact,
        threads=threads,
        write_mps=write_mps,
        quiet=quiet,
    )
    with reported_input_errors():
        json_path = result.save(out / "plan.json")
        xlsx_path = write_plan_workbook(result, out / "plan.xlsx", scenario)
    if quiet:
        status = result.solver.status.value
        typer.echo(
            f"wrote {json_path} and {xlsx_path}: {status}. {delivery_line(result)}"
        )
        return
    console = summary_console()
    render_plan_summary(scenario, result, console)
    console.print()
    typer.echo(f"wrote {json_path} and {xlsx_path}")


def check(
    file: ScenarioArgument,
    plan_file: Annotated[
        Path, typer.Argument(help="plan.json written by `surgeplan plan`.")
    ],
) -> None:
    """Recompute every constraint of a plan from its records and the scenario.

    Capacity, labour, learning, material balances, supply and lanes, core demand,
    milestones and costs are checked independently of the planner's model.

    Exit codes: 0 no violation, 2 invalid input (scenario or plan file), 4 the plan
    breaks constraints (one line per violation on stderr).

    Example: surgeplan check examples/minimal.yaml plans/minimal/plan.json
    """
    with reported_input_errors(_hint(file)):
        scenario = load_scenario(file)
    try:
        loaded = load_plan(plan_file)
    except PlanFileError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    if loaded.scenario_hash != scenario_hash(scenario):
        typer.echo(
            f"note: {plan_file} was made from another version of {file}", err=True
        )
    from surgeplan.planning.checker import check_plan

    violations = check_plan(scenario, loaded)
    if not violations:
        typer.echo(f"OK {plan_file}: every constraint holds")
        return
    for violation in violations:
        typer.echo(str(violation), err=True)
    count = len(violations)
    found = "1 violation" if count == 1 else f"{count} violations"
    typer.echo(f"{found} found in {plan_file}.", err=True)
    raise typer.Exit(EXIT_VIOLATIONS)


def _help_of(command: Callable[..., None]) -> str:
    """The docstring with each paragraph on one line (Typer keeps single breaks)."""
    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def register(app: typer.Typer) -> None:
    """Add the planning commands to the `surgeplan` app."""
    for command in (plan, check):
        app.command(help=_help_of(command))(command)
