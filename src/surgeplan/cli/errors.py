"""Exit codes and the one place where bad input becomes messages instead of tracebacks.

Every command wraps its work in `reported_input_errors()`: a `ScenarioError` prints each
located problem on its own line to stderr, an `OSError` (a missing folder, a file that
may not be written) prints one sentence, and both end the command with exit code 2.
Anything else is a bug and keeps its traceback (exit code 1).
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path

import typer

from surgeplan.scenario import ScenarioError, ScenarioIssue


class ExitCode(IntEnum):
    """What the process tells its caller; the same numbers as `cli.main`."""

    OK = 0
    BUG = 1
    INVALID_INPUT = 2
    CONTRADICTORY = 3
    VIOLATIONS = 4
    NO_PLAN_IN_TIME = 5


class InputRefusedError(Exception):
    """A command refuses its arguments (an existing file, a wrong extension)."""


def echo_issues(issues: list[ScenarioIssue], hint: str) -> None:
    """Every problem on its own line, then a hint, all to stderr.

    Plain text, never Rich: paths such as `sites[0]` are not markup, and a message must
    never be wrapped across lines (scripts and tests grep for it).
    """
    for issue in issues:
        typer.echo(str(issue), err=True)
    count = len(issues)
    found = "1 problem" if count == 1 else f"{count} problems"
    typer.echo(f"{found} found. {hint}", err=True)


def describe_os_error(error: OSError) -> str:
    """One sentence a planner can act on, naming the file."""
    name = error.filename if error.filename is not None else ""
    target = f"'{name}'" if name else "the file"
    if isinstance(error, FileNotFoundError):
        parent = Path(str(name)).parent if name else None
        if parent is not None and not parent.exists():
            return f"cannot write {target}: the folder '{parent}' does not exist"
        return f"{target} does not exist"
    if isinstance(error, PermissionError):
        return f"cannot write {target}: permission denied"
    if isinstance(error, FileExistsError):
        return f"{target} exists and is not a folder"
    if isinstance(error, IsADirectoryError):
        return f"{target} is a folder; give a file name"
    if isinstance(error, NotADirectoryError):
        return f"cannot write {target}: a part of the path is a file, not a folder"
    if error.errno == errno.ENOSPC:
        return f"cannot write {target}: the disk is full"
    reason = error.strerror or str(error)
    return f"cannot use {target}: {reason}"


@contextmanager
def reported_input_errors(
    hint: str = "Fix the input and run the command again.",
) -> Iterator[None]:
    """Turn bad input into messages on stderr and exit code 2."""
    try:
        yield
    except ScenarioError as error:
        echo_issues(error.issues, hint)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except InputRefusedError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except OSError as error:
        typer.echo(f"error: {describe_os_error(error)}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None


def refuse_overwrite(path: Path, *, force: bool) -> None:
    """Stop before replacing a file the user did not ask to replace."""
    if path.is_dir():
        raise InputRefusedError(f"'{path}' is a folder; give a file name")
    if path.exists() and not force:
        raise InputRefusedError(
            f"'{path}' already exists; pass --force to overwrite it"
        )
