"""Commands for a running program: `replan`, `diff`, `promise` and `terminate`.

Thin callers of `surgeplan.pipeline.replanning`; the planner (HiGHS) is imported
only when a command plans.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from surgeplan.cli.arguments import (
    DEFAULT_OUT,
    OutOption,
    ScenarioArgument,
    help_of,
    short_help_of,
)
from surgeplan.cli.errors import ExitCode, reported_input_errors
from surgeplan.pipeline import replanning
from surgeplan.planning.results.records_change import ChangeKind
from surgeplan.scenario import Scenario, load_scenario

if TYPE_CHECKING:
    from surgeplan.execution.records import Actuals

PlanFileOption = Annotated[
    Path,
    typer.Option("--plan", metavar="FILE", help="The plan the program runs on."),
]
# Rows of a diff shown on screen; the CSV has them all.
SHOWN_DIFF_ROWS = 25


def replan(
    file: ScenarioArgument,
    plan_file: PlanFileOption,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state",
            metavar="FILE",
            help="YAML/JSON opening state at the end of the status week (the "
            "scenario's `opening_state` fields; see docs/replanning.md). Needs "
            "--status-week; not with --actuals.",
        ),
    ] = None,
    actuals: Annotated[
        Path | None,
        typer.Option(
            "--actuals",
            metavar="PATH",
            help="Actuals (surgeplan-actuals/1: a folder of CSV files, a workbook "
            "or a .json file): the re-plan starts after their last week, from "
            "what they say happened. Not with --state.",
        ),
    ] = None,
    status_week: Annotated[
        int | None,
        typer.Option(
            "--status-week",
            min=1,
            metavar="WEEK",
            help="Last week that happened (1-based); the new plan starts after it. "
            "With --actuals it is their last week.",
        ),
    ] = None,
    out: OutOption = DEFAULT_OUT,
    kind: Annotated[
        ChangeKind,
        typer.Option(
            "--kind",
            help="What made the program plan again: its state (replan) or a demand "
            "change in the scenario given (scale_up, scale_down).",
        ),
    ] = ChangeKind.REPLAN,
) -> None:
    """Plan again from what already happened, moving only what must move.

    The past is the state given (--state FILE and --status-week) or what the
    actuals say happened (--actuals PATH, checked as `surgeplan status` checks
    them); the program's `frozen_weeks` keep the old plan's production and
    purchases unless they cannot be kept; later changes are priced (nervousness).
    Writes OUT/plan.json (its `change` record names the cause and the frozen
    decisions broken), OUT/scenario.snapshot.yaml (the re-plan's scenario, for
    `surgeplan check`) and OUT/plan-diff.csv; with --actuals also
    OUT/opening-state.yaml, the state the re-plan started from.

    Exit codes: 0 a plan was written, 2 invalid input (every problem of the
    actuals on its own line, located by file, row and column).

    Example: surgeplan replan examples/uav-surge.yaml --plan
    examples/uav-surge-week-20/plan.json --actuals
    examples/uav-surge-week-20/actuals --out runs/uav-week-20
    """
    hint = "Fix the input and run `surgeplan replan` again."
    with reported_input_errors(hint):
        _check_sources(state, actuals, status_week)
        scenario = load_scenario(file)
        if actuals is not None:
            given = _checked_actuals(actuals, scenario, status_week, hint)
            old = replanning.read_plan_file(plan_file)
            result, paths = replanning.replan_actuals_to_folder(
                scenario, file, old, given, out, kind=kind
            )
        else:
            assert state is not None
            assert status_week is not None
            old = replanning.read_plan_file(plan_file)
            opening = replanning.read_opening_state(state)
            result, paths = replanning.replan_to_folder(
                scenario, file, old, opening, status_week, out, kind=kind
            )
    broken = result.frozen_changes
    late = [m.id for m in result.plan.milestones if m.weeks_late]
    typer.echo(
        f"re-planned from {result.scenario.program.start_date}: "
        f"{len(broken)} frozen decision(s) broken, "
        f"{len(late)} milestone(s) late{': ' + ', '.join(late) if late else ''}"
    )
    if result.plan.change is not None:
        typer.echo(f"cause: {result.plan.change.cause}")
    typer.echo("wrote " + ", ".join(str(path) for path in paths))


def _check_sources(
    state: Path | None, actuals: Path | None, status_week: int | None
) -> None:
    """Exactly one source of the past: a state file with its week, or actuals."""
    if (state is None) == (actuals is None):
        raise replanning.PipelineError(
            "give either --actuals PATH or --state FILE with --status-week WEEK "
            "(not both, not neither)"
        )
    if state is not None and status_week is None:
        raise replanning.PipelineError(
            "--state needs --status-week WEEK: the last week the state is the end of"
        )


def _checked_actuals(
    path: Path, scenario: Scenario, status_week: int | None, hint: str
) -> Actuals:
    """Actuals read and checked against the scenario, or every problem and exit 2."""
    from surgeplan.execution.errors import ActualsError
    from surgeplan.execution.loading import load_actuals

    try:
        given = load_actuals(path, scenario)
    except ActualsError as error:
        for issue in error.issues:
            typer.echo(str(issue), err=True)
        count = len(error.issues)
        found = "1 problem" if count == 1 else f"{count} problems"
        typer.echo(f"{found} found in the actuals. {hint}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    if status_week is not None and status_week != given.through_week:
        raise replanning.PipelineError(
            f"--status-week {status_week} but the actuals run to week "
            f"{given.through_week}: leave --status-week out with --actuals"
        )
    return given


def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The old plan.json.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The new plan.json.")],
    csv: Annotated[
        Path | None,
        typer.Option("--csv", metavar="FILE", help="Write every change as CSV."),
    ] = None,
) -> None:
    """What changed from one plan to another: where, when, by how much and why.

    Production, purchases, hires, shift changes, conversions and milestone dates,
    compared by date from the new plan's start; the cause is what the new plan
    records (a re-plan's state, a demand change).

    Exit codes: 0 the diff was shown, 2 invalid input.

    Example: surgeplan diff runs/uav/plan.json runs/uav-week-20/plan.json
    """
    with reported_input_errors():
        frame = replanning.diff_files(old, new)
        if csv is not None:
            frame.to_csv(csv, index=False)
    cause = str(frame["cause"].iloc[0]) if len(frame) else ""
    typer.echo(f"cause: {cause or 'not recorded in the new plan'}")
    for table in sorted(set(frame["table"])):
        rows = frame[frame["table"] == table]
        typer.echo(
            f"{table}: {len(rows)} change(s), total {rows['change'].abs().sum():,.0f}"
        )
    shown = frame.reindex(frame["change"].abs().sort_values(ascending=False).index)
    for row in shown.head(SHOWN_DIFF_ROWS).to_dict("records"):
        when = row["date"] or row["new_date"] or row["old_date"]
        typer.echo(
            f"  {row['table']!s} {row['what']!s} at {row['where']!s} {when!s}: "
            f"{float(row['old']):,.1f} -> {float(row['new']):,.1f}"
        )


def promise(
    file: ScenarioArgument,
    plan_file: PlanFileOption,
    units: Annotated[
        float | None,
        typer.Option(
            "--units", min=1, metavar="N", help="Earliest date for N more units."
        ),
    ] = None,
    by: Annotated[
        dt.datetime | None,
        typer.Option(
            "--by",
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="How many more units by this day.",
        ),
    ] = None,
    delivery_point: Annotated[
        str | None,
        typer.Option(
            "--delivery-point",
            metavar="ID",
            help="Where (default: the last milestone's delivery point).",
        ),
    ] = None,
) -> None:
    """Capable-to-promise against the current plan and the opening state.

    "More" means beyond what the milestones ask in total at that delivery point. The
    current plan's frozen weeks are kept and the existing milestones come first.

    Exit codes: 0 answered, 2 invalid input.

    Example: surgeplan promise examples/uav-surge.yaml --plan runs/uav/plan.json
    --units 2000
    """
    with reported_input_errors():
        scenario = load_scenario(file)
        current = replanning.read_plan_file(plan_file)
        answer = replanning.promise(
            scenario,
            current,
            units=units,
            by_date=by.date() if by is not None else None,
            delivery_point=delivery_point,
        )
    where = f"{answer.item} at {answer.delivery_point}"
    if units is not None:
        when = answer.date.isoformat() if answer.date else "not within the horizon"
        typer.echo(f"{units:,.0f} more {where}: earliest {when}")
    else:
        typer.echo(f"{answer.units_more:,.0f} more {where} by {answer.date}")


def terminate(
    file: ScenarioArgument,
    plan_file: PlanFileOption,
    date: Annotated[
        dt.datetime,
        typer.Option(
            "--date", formats=["%Y-%m-%d"], metavar="DATE", help="Termination day."
        ),
    ],
    work_in_progress: Annotated[
        str,
        typer.Option(
            "--wip",
            metavar="finish|scrap",
            help="Deliver the finished products in stock, or scrap everything.",
        ),
    ] = "finish",
    revert_cost_share: Annotated[
        float,
        typer.Option(
            "--revert-cost-share",
            min=0.0,
            metavar="SHARE",
            help="Cost of reverting a conversion, as a share of its capex.",
        ),
    ] = 0.5,
    severance_per_hire: Annotated[
        float,
        typer.Option(
            "--severance-per-hire", min=0.0, metavar="AMOUNT", help="Per person hired."
        ),
    ] = 0.0,
    out: OutOption = DEFAULT_OUT,
) -> None:
    """The exit ramp of stopping the program, and its business case against the full.

    Purchases stopped within their commitments, work in progress finished or
    scrapped, conversions reverted (cost and lead time), staff back to core jobs,
    stranded capex; NPV, cash and activity per site. Writes OUT/termination.json.

    Exit codes: 0 written, 2 invalid input.

    Example: surgeplan terminate examples/uav-surge.yaml --plan runs/uav/plan.json
    --date 2027-09-01 --wip scrap
    """
    from surgeplan.economics.termination import TerminationTerms, WorkInProgressChoice

    with reported_input_errors():
        choices = {choice.value: choice for choice in WorkInProgressChoice}
        if work_in_progress not in choices:
            raise replanning.PipelineError(
                f"--wip must be one of {', '.join(choices)}, not '{work_in_progress}'"
            )
        scenario = load_scenario(file)
        plan = replanning.read_plan_file(plan_file)
        terms = TerminationTerms(
            date=date.date(),
            work_in_progress=choices[work_in_progress],
            revert_cost_share=revert_cost_share,
            severance_per_hire=severance_per_hire,
        )
        case, path = replanning.terminate_to_folder(scenario, plan, terms, out)
    ramp = case.exit_ramp
    currency = scenario.program.currency
    typer.echo(
        f"exit ramp: {ramp.committed_in_transit:,.0f} {currency} of parts in transit "
        f"scrapped, {ramp.cancelled_purchases:,.0f} cancelled, "
        f"{ramp.written_off_stock:,.0f} written off, "
        f"{ramp.revert_costs:,.0f} to revert {len(ramp.reverted)} conversion(s), "
        f"{ramp.stranded_capex:,.0f} stranded capex"
    )
    typer.echo(
        f"NPV {case.npv_terminated:,.0f} {currency} terminated against "
        f"{case.npv_full:,.0f} full"
    )
    typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add the commands for a running program to the `surgeplan` app."""
    for command in (replan, diff, promise, terminate):
        app.command(help=help_of(command), short_help=short_help_of(command))(command)
