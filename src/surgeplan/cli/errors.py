"""The one place where a refusal becomes messages and an exit code, never a traceback.

Every command wraps its work in `reported_input_errors()`. A `ScenarioError` prints
each located problem on its own line; an `OSError` (a missing folder, a file that may
not be written) one sentence; the refusals of the stages (a missing or mismatched
result file, a contradictory scenario, a plan that breaks constraints) their message.
Anything else is a bug and keeps its traceback (exit code 1).
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import typer

from surgeplan.cli.exit_codes import ExitCode
from surgeplan.i18n import ngettext
from surgeplan.pipeline.errors import PipelineError, PlanBreaksConstraintsError
from surgeplan.scenario import ScenarioError, ScenarioIssue

__all__ = ["ExitCode", "InputRefusedError", "reported_input_errors"]


class InputRefusedError(Exception):
    """A command refuses its arguments (an existing file, a wrong extension)."""


class Refusal(NamedTuple):
    """An error a stage raises on purpose, by the module that defines it."""

    module: str
    name: str
    code: ExitCode
    prefix: str


# By module and name, not by import: a solver's errors live in modules that load the
# solver, and an error of a module that is not loaded cannot have been raised.
REFUSALS = (
    Refusal(
        "surgeplan.planning.solve.contradiction",
        "ContradictoryScenarioError",
        ExitCode.CONTRADICTORY,
        "The scenario contradicts itself: ",
    ),
    Refusal(
        "surgeplan.planning.solve.contradiction",
        "PlanningTimeoutError",
        ExitCode.INVALID_INPUT,
        "No plan (give it more --time-limit): ",
    ),
    Refusal(
        "surgeplan.planning.results.plan", "PlanFileError", ExitCode.INVALID_INPUT, ""
    ),
    Refusal("surgeplan.risk.executors", "ExecutorError", ExitCode.INVALID_INPUT, ""),
    Refusal(
        "surgeplan.scheduling.site.errors",
        "ScheduleInputError",
        ExitCode.INVALID_INPUT,
        "",
    ),
    Refusal(
        "surgeplan.reporting.pdf", "PdfUnavailableError", ExitCode.INVALID_INPUT, ""
    ),
    Refusal(
        "surgeplan.reporting.risk_view",
        "RiskUnavailableError",
        ExitCode.INVALID_INPUT,
        "",
    ),
    Refusal(
        "surgeplan.reporting.mitigation_view",
        "MitigationsUnavailableError",
        ExitCode.INVALID_INPUT,
        "",
    ),
)


def echo_issues(issues: list[ScenarioIssue], hint: str) -> None:
    """Every problem on its own line, then a hint, all to stderr.

    Plain text, never Rich: paths such as `sites[0]` are not markup, and a message must
    never be wrapped across lines (scripts and tests grep for it).
    """
    for issue in issues:
        typer.echo(str(issue), err=True)
    count = len(issues)
    found = ngettext("%(num)d problem found.", "%(num)d problems found.", count) % {
        "num": count
    }
    typer.echo(f"{found} {hint}", err=True)


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


def refusal_of(error: Exception) -> Refusal | None:
    """The refusal an error is, or None for a bug."""
    for refusal in REFUSALS:
        module = sys.modules.get(refusal.module)
        kind = getattr(module, refusal.name, None) if module else None
        if isinstance(kind, type) and isinstance(error, kind):
            return refusal
    return None


@contextmanager
def reported_input_errors(
    hint: str = "Fix the input and run the command again.",
) -> Iterator[None]:
    """Turn refusals into messages on stderr and their exit code."""
    try:
        yield
    except ScenarioError as error:
        echo_issues(error.issues, hint)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except PlanBreaksConstraintsError as error:
        for violation in error.violations:
            typer.echo(violation, err=True)
        typer.echo(f"{error.message}.", err=True)
        raise typer.Exit(ExitCode.VIOLATIONS) from None
    except (InputRefusedError, PipelineError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except OSError as error:
        typer.echo(f"error: {describe_os_error(error)}", err=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except Exception as error:
        refusal = refusal_of(error)
        if refusal is None:
            raise
        prefix = refusal.prefix or "error: "
        typer.echo(f"{prefix}{error}", err=True)
        raise typer.Exit(refusal.code) from None


def refuse_overwrite(path: Path, *, force: bool) -> None:
    """Stop before replacing a file the user did not ask to replace."""
    if path.is_dir():
        raise InputRefusedError(f"'{path}' is a folder; give a file name")
    if path.exists() and not force:
        raise InputRefusedError(
            f"'{path}' already exists; pass --force to overwrite it"
        )
