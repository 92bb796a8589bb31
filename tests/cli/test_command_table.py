"""The table `surgeplan` uses to import only the module of the command it runs."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
import typer
from typer.main import get_command

from surgeplan.cli.main import COMMANDS_BY_MODULE, modules_for


@pytest.mark.parametrize("module_name", sorted(COMMANDS_BY_MODULE))
def test_table_lists_what_each_module_registers(module_name: str) -> None:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """A group, so that a module's single command keeps its name."""

    importlib.import_module(module_name).register(app)
    registered = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert registered == set(COMMANDS_BY_MODULE[module_name])


def test_a_command_needs_only_its_own_module() -> None:
    assert modules_for(["plan", "examples/uav-surge.yaml", "--out", "out"]) == (
        "surgeplan.cli.plan_commands",
    )
    assert modules_for(["--version"]) == ()
    assert modules_for(["--help"]) == tuple(COMMANDS_BY_MODULE)
    assert modules_for(["no-such-command"]) == tuple(COMMANDS_BY_MODULE)


def test_planning_does_not_import_the_simulation_or_the_reports() -> None:
    probe = (
        "import sys; import surgeplan.cli.main as m; "
        "m.register(m.modules_for(['plan'])); "
        "print(' '.join(sorted(n for n in sys.modules if n.split('.')[0] in "
        "('pandas', 'plotly', 'jinja2', 'fastapi', 'ortools') or "
        "n.startswith(('surgeplan.risk', 'surgeplan.reporting')))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []


def test_help_still_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from surgeplan.cli.main import run; run()", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    for commands in COMMANDS_BY_MODULE.values():
        for command in commands:
            assert command in result.stdout


def test_the_schedule_commands_process_loads_no_solver() -> None:
    """CP-SAT runs in a spawned process: the command's own only waits on it."""
    probe = (
        "import sys; import surgeplan.cli.main as m; "
        "m.register(m.modules_for(['schedule'])); "
        "import surgeplan.pipeline.schedules; "
        "print(' '.join(sorted(n for n in sys.modules if n.split('.')[0] in "
        "('highspy', 'ortools'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []
