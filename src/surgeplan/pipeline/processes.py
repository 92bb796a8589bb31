"""Calling a stage in a freshly spawned interpreter, and getting its result back.

Two reasons to: OR-Tools cannot be loaded beside HiGHS (SOLVERS.md), and CP-SAT's
solve holds the main thread in C++ (and catches Ctrl-C itself to end its search
gracefully), so a command that solves in its own process can still stop at once on
Ctrl-C: its main thread only waits on a pipe, which a signal interrupts.
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from surgeplan.pipeline.errors import PipelineError

Result = TypeVar("Result")


def _call(
    sender: Connection, function: Callable[..., object], arguments: tuple[object, ...]
) -> None:
    try:
        value = function(*arguments)
    except Exception as error:  # sent back: the caller's process decides what it means
        traceback.print_exc()
        sender.send((None, _transportable(error)))
        return
    sender.send((value, None))


def _transportable(error: Exception) -> Exception:
    """The error itself if a pipe can rebuild it, else a RuntimeError naming it.

    An exception whose `__init__` takes other arguments than its message cannot be
    unpickled; the traceback printed by the child process keeps the detail.
    """
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # any failure to rebuild: the error goes as text
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def call_in_own_process(function: Callable[..., Result], *arguments: object) -> Result:
    """`function(*arguments)` in a spawned interpreter; what it raises is raised here.

    Spawned, never forked: a fork would inherit HiGHS if this process has planned.

    Raises:
        PipelineError: the process died without an answer (killed, out of memory).
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_call, args=(sender, function, arguments))
    process.start()
    sender.close()
    try:
        value, error = receiver.recv()
    except EOFError:
        process.join()
        raise PipelineError(
            f"the {function.__name__} process ended without a result "
            f"(exit code {process.exitcode})"
        ) from None
    finally:
        receiver.close()
    process.join()
    if error is not None:
        raise error
    return value  # type: ignore[no-any-return]
