"""Actuals uploaded as a file (a workbook or .json), read as `surgeplan status` does.

The file is read by the execution stage's own reader against the scenario version it
is uploaded for, so every problem is located as on the command line: sheet, row and
column of a workbook, record and field of a JSON file. A workbook passes the same
safety checks as a scenario workbook first. The reading runs in a child process of
the upload fork server with a time and memory limit (as scenario uploads do,
`parse_limits`): a crafted file costs that process, never the service.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from surgeplan.i18n import N_, Language, current_language, gettext, ngettext, speaking
from surgeplan.service.jobs.leftovers import upload_folder_prefix
from surgeplan.service.parse_limits import PARSE_LIMIT_S, PARSE_MEMORY_BYTES
from surgeplan.service.problems import ProblemError
from surgeplan.service.uploads import safe_file_name

ACTUALS_SUFFIXES = (".xlsx", ".json")
INVALID = N_("Invalid actuals")
_CONTEXT = multiprocessing.get_context("forkserver")


def issue_fields(issue: Any) -> dict[str, Any]:
    """An actuals issue as a problem's `errors` entry: where, in parts, and what."""
    return {
        "location": issue.location(),
        "file": issue.file,
        "sheet": issue.sheet,
        "row": issue.row,
        "column": issue.column,
        "message": issue.message,
    }


def actuals_from_file(
    file_name: str | None, data: bytes, scenario_text: str
) -> dict[str, Any]:
    """The actuals of an uploaded file as plain data (surgeplan-actuals/1 JSON).

    Raises:
        ProblemError: 422 with every located problem, or naming the file's kind.
    """
    from surgeplan.execution.errors import ActualsError
    from surgeplan.execution.loading import load_actuals
    from surgeplan.scenario import ScenarioError
    from surgeplan.scenario.excel_safety import check_workbook_bytes
    from surgeplan.scenario.loading import parse_scenario_text

    name = safe_file_name(file_name, "actuals.json")
    suffix = Path(name).suffix.lower()
    if suffix not in ACTUALS_SUFFIXES:
        raise ProblemError(
            422,
            INVALID,
            gettext(
                "%(name)s: give the actuals workbook (.xlsx) or a .json file "
                "(surgeplan-actuals/1)"
            )
            % {"name": name},
        )
    if suffix == ".xlsx":
        try:
            check_workbook_bytes(data, name)
        except ScenarioError as error:
            raise ProblemError(422, INVALID, str(error)) from None
    scenario = parse_scenario_text(scenario_text)
    with tempfile.TemporaryDirectory(prefix=upload_folder_prefix()) as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            actuals = load_actuals(path, scenario)
        except ActualsError as error:
            raise ProblemError(
                422,
                INVALID,
                actuals_count(len(error.issues)),
                errors=[issue_fields(issue) for issue in error.issues],
            ) from None
    content: dict[str, Any] = actuals.model_dump(mode="json")
    return content


def actuals_count(count: int) -> str:
    """How many problems the actuals have, as the problem's detail."""
    return ngettext(
        "%(num)d problem in the actuals", "%(num)d problems in the actuals", count
    ) % {"num": count}


def _read_in_child(
    sender: Connection,
    file_name: str | None,
    data: bytes,
    scenario_text: str,
    language: Language,
) -> None:
    """The child's work, in the caller's language (a process has its own context)."""
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (PARSE_MEMORY_BYTES, PARSE_MEMORY_BYTES))
    with speaking(language):
        try:
            answer: tuple[str, Any] = (
                "ok",
                actuals_from_file(file_name, data, scenario_text),
            )
        except ProblemError as problem:
            answer = ("problem", (problem.detail, problem.errors))
        except MemoryError:
            answer = (
                "problem",
                (gettext("the actuals need too much memory to read"), None),
            )
    sender.send(answer)
    sender.close()


def read_actuals_limited(
    file_name: str | None, data: bytes, scenario_text: str
) -> dict[str, Any]:
    """`actuals_from_file` in a child process, killed after PARSE_LIMIT_S.

    Raises:
        ProblemError: 422, what the reading refused or that it took too long.
    """
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_read_in_child,
        args=(sender, file_name, data, scenario_text, current_language()),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(PARSE_LIMIT_S):
            raise ProblemError(
                422,
                INVALID,
                gettext("reading the actuals took longer than %(limit).0f s")
                % {"limit": PARSE_LIMIT_S},
            )
        kind, value = receiver.recv()
    except EOFError:
        raise ProblemError(
            422, INVALID, gettext("the actuals could not be read (the reader died)")
        ) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
    if kind == "problem":
        detail, errors = value
        raise ProblemError(422, INVALID, str(detail), errors=errors)
    content: dict[str, Any] = value
    return content
