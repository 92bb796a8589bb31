"""Every `--help` reads whole at 80 columns: no cut option, no cut line, no <bool>."""

import os
import subprocess
import sys

import pytest
import typer.main

from surgeplan.cli import main as cli_main


def _commands() -> list[tuple[str, ...]]:
    # Typer ships its own copy of Click: groups are told by their commands.
    group = typer.main.get_command(cli_main.app)
    found: list[tuple[str, ...]] = [()]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        found.append((name,))
        found += [(name, sub) for sub in getattr(command, "commands", {})]
    return found


def _options(path: tuple[str, ...]) -> list[str]:
    command = typer.main.get_command(cli_main.app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return [
        option
        for parameter in command.params
        if parameter.param_type_name == "option"
        for option in parameter.opts
    ]


def _help(path: tuple[str, ...]) -> str:
    environment = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-m", "surgeplan.cli", *path, "--help"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("path", _commands(), ids=lambda path: " ".join(path) or "app")
def test_help_fits_80_columns_without_cutting_anything(path: tuple[str, ...]) -> None:
    text = _help(path)
    lines = text.splitlines()

    assert all(len(line) <= 80 for line in lines), text
    cut = [
        line
        for line in lines
        if line.rstrip().endswith(("...", "…")) and not line.startswith("Usage:")
    ]
    assert cut == []
    for option in _options(path):
        assert option in text
    assert "<bool>" not in text
