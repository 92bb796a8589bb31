"""Reading an uploaded scenario in a child process with a time and memory limit.

A scenario of a few MB can cost the YAML parser (pure Python, to keep lines) and the
validator seconds of CPU; a crafted one, more. The work runs in a fresh process
forked from a clean fork server (which has the scenario package imported once), with
an address-space limit, and is killed at its deadline: the request gets a 422 saying
so, the service's threads and memory are untouched.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
from multiprocessing.connection import Connection
from typing import Any

from surgeplan.i18n import N_, Language, current_language, gettext, speaking
from surgeplan.service.problems import ProblemError

PARSE_LIMIT_S = 20.0
PARSE_MEMORY_BYTES = 2 * 1024 * 1024 * 1024
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["surgeplan.scenario", "surgeplan.service.uploads"])

Outcome = tuple[str, Any]


def _too_much_memory(language: Language) -> str:
    with speaking(language):
        return gettext("the scenario needs too much memory to read")


def _read_in_child(
    sender: Connection,
    file_name: str | None,
    data: bytes,
    max_bytes: int,
    language: Language,
) -> None:
    """The child's work: an ("ok", (text, format)) or ("problem", fields) answer.

    A process does not inherit the caller's context variables: the language the
    problems are said in comes as an argument.
    """
    from surgeplan.service.uploads import scenario_from_upload

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (PARSE_MEMORY_BYTES, PARSE_MEMORY_BYTES))
    try:
        with speaking(language):
            outcome = scenario_from_upload(file_name, data, max_bytes)
        answer: Outcome = ("ok", outcome)
    except ProblemError as problem:
        answer = (
            "problem",
            (problem.status, problem.title, problem.detail, problem.errors),
        )
    except MemoryError:
        answer = (
            "problem",
            (422, N_("Invalid scenario"), _too_much_memory(language), None),
        )
    sender.send(answer)
    sender.close()


def read_upload_limited(
    file_name: str | None, data: bytes, max_bytes: int
) -> tuple[str, str]:
    """`uploads.scenario_from_upload` in a child process, killed after PARSE_LIMIT_S.

    Raises:
        ProblemError: what the reading refused, or 422 when it took too long.
    """
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_read_in_child,
        args=(sender, file_name, data, max_bytes, current_language()),
        daemon=True,
    )
    child.start()
    sender.close()
    limit_s = PARSE_LIMIT_S
    try:
        if not receiver.poll(limit_s):
            raise ProblemError(
                422,
                N_("Invalid scenario"),
                gettext(
                    "reading the scenario took longer than %(limit).0f s: it is too "
                    "large or too deeply structured"
                )
                % {"limit": limit_s},
            )
        kind, value = receiver.recv()
    except EOFError:
        raise ProblemError(
            422,
            N_("Invalid scenario"),
            gettext("the scenario could not be read (the reader died)"),
        ) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
    if kind == "problem":
        status, title, detail, errors = value
        raise ProblemError(status, title, detail, errors=errors)
    text, source_format = value
    return str(text), str(source_format)
