"""Run a solver stage in a process of its own when the other solver is loaded here.

highspy (planning) and ortools (scheduling) cannot be imported into one process: the
second import fails with an undefined-symbol ImportError (docs/python-api.md). A
notebook that plans and then schedules would die in its second cell. The API runs a
stage in the calling process when it can, and in a freshly spawned process (never
forked: no solver state is copied) when the other solver is already loaded; inputs
and results cross as pickles of their pydantic models.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from enum import StrEnum
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class SolverModule(StrEnum):
    """The top-level module of each solver; its presence means it is loaded."""

    PLANNER = "highspy"
    SCHEDULER = "ortools"


def is_loaded(solver: SolverModule) -> bool:
    """Whether this process has imported the solver."""
    return solver.value in sys.modules


def call_apart_from(
    other: SolverModule, function: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs
) -> R:
    """`function(*args, **kwargs)`, in a spawned process if `other` is loaded here.

    Exceptions raised in the spawned process are raised here, with their type.
    """
    if not is_loaded(other):
        return function(*args, **kwargs)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args, **kwargs).result()
