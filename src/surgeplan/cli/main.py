"""The `surgeplan` command: one Typer app, one module per command family.

Each command module exposes `register(app)`; solvers are imported inside the commands,
never at module level, because HiGHS and OR-Tools cannot share one process.
"""

from __future__ import annotations

import importlib
import inspect
import sys

import typer

from surgeplan import __version__
from surgeplan.cli.exit_codes import ExitCode, help_text
from surgeplan.cli.interrupt import stop_at_once_on_interrupt

# Which module registers each command: a run imports only the module of the command it
# runs (the whole set for help or an unknown name), so `surgeplan plan` does not pay for
# the imports of the simulation, the reports or the service. A test keeps this in step
# with what the modules register.
COMMANDS_BY_MODULE = {
    "surgeplan.cli.scenario_commands": (
        "init",
        "validate",
        "show",
        "schema",
        "convert",
    ),
    "surgeplan.cli.plan_commands": ("plan", "check"),
    "surgeplan.cli.generate_command": ("generate",),
    "surgeplan.cli.service_commands": ("serve", "db", "user", "audit"),
    "surgeplan.cli.report_commands": ("report", "brief", "compare"),
    "surgeplan.cli.schedule_command": ("schedule",),
    "surgeplan.cli.solve_shop": ("solve-shop",),
    "surgeplan.cli.risk_commands": ("simulate", "mitigate"),
    "surgeplan.cli.run_commands": ("run", "sensitivity"),
    "surgeplan.cli.realism_command": ("realism",),
    "surgeplan.cli.status_command": ("status",),
}
COMMAND_MODULES = tuple(COMMANDS_BY_MODULE)


def modules_for(arguments: list[str]) -> tuple[str, ...]:
    """The command modules a command line needs: its command's, or all of them."""
    if "--version" in arguments:
        return ()
    first = next((word for word in arguments if not word.startswith("-")), None)
    for module, commands in COMMANDS_BY_MODULE.items():
        if first in commands:
            return (module,)
    return COMMAND_MODULES


_app = typer.Typer(
    name="surgeplan",
    help=(
        "Plan a manufacturing surge: validate a scenario, plan capacity and ramp-up, "
        "schedule a site, simulate risks and write the reports.\n\n" + help_text()
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"surgeplan {__version__}")
        raise typer.Exit(ExitCode.OK)


@_app.callback()
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


def register(modules: tuple[str, ...]) -> None:
    """Register the commands of these modules on the app, each module once."""
    for module_name in modules:
        if module_name not in _registered:
            importlib.import_module(module_name).register(_app)
            _registered.add(module_name)
    _show_whole_short_help(_app)


def _show_whole_short_help(app: typer.Typer) -> None:
    """Give every command a short help, so Click never cuts one with an ellipsis.

    Click shortens a command's help to about 45 characters in its group's list;
    the docstring's first paragraph is short enough to be shown whole, wrapped.
    """
    for command in app.registered_commands:
        if command.short_help is None:
            text = command.help or inspect.getdoc(command.callback) or ""
            command.short_help = " ".join(text.split("\n\n")[0].split())
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _show_whole_short_help(group.typer_instance)


_registered: set[str] = set()


SERVICE_MODULE = "surgeplan.cli.service_commands"


def run() -> None:
    """Entry point of the console script."""
    modules = modules_for(sys.argv[1:])
    if modules != (SERVICE_MODULE,):
        # The service's commands keep their own shutdown (uvicorn's, the database's).
        stop_at_once_on_interrupt()
    register(modules)
    _app()


def __getattr__(name: str) -> typer.Typer:
    """`app`, with every command registered (for tests and the Python API)."""
    if name == "app":
        register(COMMAND_MODULES)
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
