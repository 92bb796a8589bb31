"""The `surgeplan` command: one Typer app, one module per command family.

Each command module exposes `register(app)`; solvers are imported inside the commands,
never at module level, because HiGHS and OR-Tools cannot share one process.
"""

from __future__ import annotations

import importlib

import typer

from surgeplan import __version__

EXIT_OK = 0
EXIT_BUG = 1
EXIT_INVALID_INPUT = 2
EXIT_CONTRADICTORY = 3
EXIT_VIOLATIONS = 4
EXIT_NO_PLAN_IN_TIME = 5

COMMAND_MODULES = (
    "surgeplan.cli.scenario_commands",
    "surgeplan.cli.plan_commands",
    "surgeplan.cli.generate_command",
    "surgeplan.cli.service_commands",
    "surgeplan.cli.report_commands",
    "surgeplan.cli.schedule_command",
    "surgeplan.cli.solve_shop",
    "surgeplan.cli.risk_commands",
)

app = typer.Typer(
    name="surgeplan",
    help=(
        "Plan a manufacturing surge: validate a scenario, plan capacity and ramp-up, "
        "schedule a site, simulate risks and write the reports.\n\n"
        "Exit codes: 0 done, 1 a bug, 2 invalid input, 3 a scenario that contradicts "
        "itself, 4 a plan that breaks a constraint (check), 5 no plan within the time "
        "limit."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"surgeplan {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version_callback,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Plan a manufacturing surge from one scenario file."""


for _module_name in COMMAND_MODULES:
    importlib.import_module(_module_name).register(app)


def run() -> None:
    """Entry point of the console script."""
    app()
