"""Planning commands: plan a scenario into a run folder, and check a plan.

Thin callers of `surgeplan.pipeline.plans`; the planner (HiGHS) is imported by the
stage when it solves, never at module level.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from surgeplan.cli.arguments import (
    DEFAULT_OUT,
    ConfidenceOption,
    JsonOption,
    LanguageOption,
    OutOption,
    PlanThreadsOption,
    PlanTimeLimitOption,
    QuietOption,
    ScenarioArgument,
    SchedulerOption,
    WideOption,
    help_of,
    short_help_of,
)
from surgeplan.cli.console import output_console, progress_bar
from surgeplan.cli.errors import ExitCode, InputRefusedError, reported_input_errors
from surgeplan.cli.plan_confidence import price_table
from surgeplan.cli.plan_summary import delivery_line, render_plan_summary
from surgeplan.pipeline import defaults, plans
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import PlanOptions
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import load_scenario

MODEL_SUFFIXES = (".mps", ".lp")


def _hint(file: Path) -> str:
    return f"Fix and run `surgeplan validate {file}` again."


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


def plan_figures(plan: Plan, path: Path) -> dict[str, object]:
    """What `plan --json` prints: the plan's file and its headline figures."""
    return {
        "plan": str(path),
        "status": plan.solver.status.value,
        "currency": plan.currency,
        "units_delivered": round(plan.units_delivered),
        "total_cost": round(plan.total_cost_eur),
        "milestones": [
            {
                "id": record.id,
                "due_date": record.due_date.isoformat(),
                "met_date": record.met_date.isoformat() if record.met_date else None,
                "weeks_late": record.weeks_late,
            }
            for record in plan.milestones
        ],
    }


def plan(
    file: ScenarioArgument,
    out: OutOption = DEFAULT_OUT,
    time_limit: PlanTimeLimitOption = defaults.PLAN_TIME_LIMIT_S,
    mip_gap: Annotated[
        float,
        typer.Option(
            "--mip-gap",
            min=0.0,
            max=1.0,
            metavar="SHARE",
            help="Relative gap at which HiGHS may stop the whole-number solve.",
        ),
    ] = defaults.PLAN_MIP_GAP,
    write_mps: Annotated[
        Path | None,
        typer.Option(
            "--write-mps",
            metavar="FILE",
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
    confidence: ConfidenceOption = None,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            metavar="local|dask",
            help="Where the confidence search's simulations run: local processes "
            "or an existing Dask cluster (as `simulate`).",
        ),
    ] = "local",
    scheduler: SchedulerOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            metavar="N",
            help="Worker processes for the confidence search's simulations "
            "(default: they run in the planning process).",
        ),
    ] = None,
    threads: PlanThreadsOption = defaults.PLAN_THREADS,
    quiet: QuietOption = False,
    wide: WideOption = False,
    as_json: JsonOption = False,
    language: LanguageOption = None,
) -> None:
    """Plan capacity and ramp-up: what each work center makes each week, and the cost.

    Writes OUT/plan.json (read by the other commands), OUT/plan.xlsx (for people,
    in --lang, else the scenario's program.language) and a snapshot of the
    scenario, then prints a summary: milestones, units made and hours added per
    site, core impact, costs, bottlenecks and the conversions and shift changes
    decided. Units are shown whole; the files keep fractions.

    Exit codes: 0 a plan was written (a late plan is still a plan; the summary says
    how late), 2 invalid input, 3 a scenario that contradicts itself (the reason is
    printed).

    Example: surgeplan plan examples/minimal.yaml --out runs/minimal
    """
    with reported_input_errors(_hint(file)):
        options = PlanOptions(
            time_limit_s=time_limit,
            mip_gap=mip_gap,
            threads=threads,
            allow_core_impact=allow_core_impact,
            write_mps=write_mps,
            confidence=parse_confidence(confidence),
            confidence_executor=_executor(executor),
            confidence_workers=workers,
            confidence_scheduler=scheduler,
            language=language,
        )
        scenario = load_scenario(file)
        folder = RunFolder(out, file)
        folder.prepare()
        if write_mps is not None:
            check_model_file(write_mps)
        shows_progress = not (quiet or as_json)
        with progress_bar(
            "planning", enabled=shows_progress, limit_s=time_limit
        ) as step:
            used = plans.make_plan(
                scenario, folder, options, lambda message: step(message, None)
            )
    result, path = used.plan, used.path
    if as_json:
        typer.echo(json.dumps(plan_figures(result, path), indent=1))
        return
    workbook = folder.path / "plan.xlsx"
    if quiet:
        status = result.solver.status.value
        typer.echo(f"wrote {path} and {workbook}: {status}. {delivery_line(result)}")
        return
    console = output_console(wide=wide)
    render_plan_summary(scenario, result, console)
    price = plans.read_price_of_confidence(folder)
    table = None if price is None else price_table(price, result.currency)
    if table is not None:
        console.print()
        console.print(table)
    console.print()
    typer.echo(f"wrote {path} and {workbook}")


def _executor(name: str) -> str:
    """`--executor`, checked without loading the simulation."""
    if name not in ("local", "dask"):
        raise InputRefusedError(f"--executor {name!r}: give local or dask")
    return name


def parse_confidence(text: str | None) -> tuple[float, ...] | None:
    """`--confidence`: None (the scenario's), () for `none`, or the odds asked for.

    Raises:
        InputRefusedError: not shares between 0 and 1, exclusive.
    """
    if text is None:
        return None
    if text.strip().lower() in ("none", "off", "0"):
        return ()
    odds = []
    for part in text.split(","):
        try:
            value = float(part)
        except ValueError:
            raise InputRefusedError(
                f"--confidence {text!r}: give odds such as 0.8, or 0.5,0.8,0.9, or none"
            ) from None
        if not 0.0 < value < 1.0:
            raise InputRefusedError(
                f"--confidence {value:g} is not a share between 0 and 1 (e.g. 0.8)"
            )
        odds.append(value)
    return tuple(odds)


def check(
    file: ScenarioArgument,
    plan_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PLAN]",
            help="plan.json to check (default: the one in --out).",
            show_default=False,
        ),
    ] = None,
    out: OutOption = DEFAULT_OUT,
) -> None:
    """Recompute every constraint of a plan from its records and the scenario.

    Capacity, labour, learning, material balances, supply and lanes, core demand,
    milestones and costs are checked independently of the planner's model. A plan
    made from another version of the scenario is refused.

    Exit codes: 0 no violation, 2 invalid input (scenario or plan file), 4 the plan
    breaks constraints (one line per violation on stderr).

    Example: surgeplan check examples/minimal.yaml runs/minimal/plan.json
    """
    with reported_input_errors(_hint(file)):
        scenario = load_scenario(file)
        # A plan given by path is checked in its own folder: a refusal names it.
        folder = RunFolder(plan_file.parent if plan_file else out, file)
        used = plans.read_plan(scenario, folder, plan_file)
        violations = plans.check(scenario, used)
    if not violations:
        typer.echo(f"OK {used.path}: every constraint holds")
        return
    for violation in violations:
        typer.echo(str(violation), err=True)
    count = len(violations)
    found = "1 violation" if count == 1 else f"{count} violations"
    typer.echo(f"{found} found in {used.path}.", err=True)
    raise typer.Exit(ExitCode.VIOLATIONS)


def register(app: typer.Typer) -> None:
    """Add the planning commands to the `surgeplan` app."""
    for command in (plan, check):
        app.command(help=help_of(command), short_help=short_help_of(command))(command)
