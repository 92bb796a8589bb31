"""`surgeplan realism`: the plan's ramp held against the surges on record."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from surgeplan.cli.arguments import (
    DEFAULT_OUT,
    JsonOption,
    OutOption,
    PlanOption,
    ScenarioArgument,
    WideOption,
    help_of,
    short_help_of,
)
from surgeplan.cli.console import output_console, print_tables
from surgeplan.cli.errors import reported_input_errors
from surgeplan.pipeline import plans
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.realism import make_realism
from surgeplan.realism.comparison import MeasureRow, RealismReport
from surgeplan.scenario import load_scenario


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "share":
        return f"{value:.0%}"
    if unit == "times":
        return f"{value:.1f}x"
    return f"{value:.1f}"


def _table(report: RealismReport) -> Table:
    table = Table(title="The plan's ramp among the surges on record")
    for heading in ("measure", "plan", "best on record", "program", "verdict"):
        table.add_column(heading)
    for row in report.measures:
        table.add_row(
            row.label,
            _figure(row.plan, row.unit),
            _figure(row.boldest_value, row.unit),
            row.boldest_program or "none on record",
            _short_verdict(row),
        )
    return table


def _short_verdict(row: MeasureRow) -> str:
    if row.plan is None:
        return "not comparable"
    if row.beyond_record:
        return "beyond every precedent"
    return f"bolder than {row.bolder_than} of {row.ranked_count}"


def realism(
    file: ScenarioArgument,
    plan_file: PlanOption = None,
    out: OutOption = DEFAULT_OUT,
    as_json: JsonOption = False,
    wide: WideOption = False,
) -> None:
    """Hold the plan's ramp-up against the surges that really happened.

    Measures the plan as the reference class of real surges is measured (weeks from
    the decision to the first unit, from the first unit to 50 % and 90 % of the
    final rate, the milestones of the first schedule met, the learning rate) and
    places it among them: 2020 ventilators, 155 mm shells, Liberty ships, wartime
    aircraft, each figure with its public source. What no precedent achieved is
    flagged. Writes realism.json into --out; the report and brief show it.

    Exit codes: 0 done, 2 invalid input.

    Example: surgeplan realism examples/uav-surge.yaml --out out
    """
    with reported_input_errors(f"Fix and run `surgeplan validate {file}` again."):
        scenario = load_scenario(file)
        folder = RunFolder(plan_file.parent if plan_file else out, file)
        used = plans.read_plan(scenario, folder, plan_file)
        folder = RunFolder(out, file)
        folder.prepare()
        report = make_realism(scenario, used, folder)
    if as_json:
        typer.echo(json.dumps(json.loads(report.to_json()), indent=2))
        return
    console = output_console(wide=wide)
    print_tables(console, _table(report))
    console.print(f"Learning: {report.learning.verdict}")
    for flag in report.flags:
        console.print(f"[bold]Beyond the record[/bold] — {flag}")
    if not report.flags:
        console.print("No measure of the plan is beyond every surge on record.")
    typer.echo(f"wrote {folder.path / 'realism.json'}")


def register(app: typer.Typer) -> None:
    """Add the realism command to the `surgeplan` app."""
    app.command(help=help_of(realism), short_help=short_help_of(realism))(realism)
