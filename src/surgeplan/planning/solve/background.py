"""Solves that run in a thread while the planner goes on.

HiGHS releases the GIL while it solves, so on two cores a second solve costs little
wall time beside the first (measured: the learning loop's LPs are serial dual simplex,
one core each). Concurrent HiGHS instances must use the same number of threads (HiGHS
keeps one scheduler per process), which the planner's single `threads` setting
guarantees. The thread is a daemon, so a solve that does not answer its stop flag
cannot hold the process open at exit (`side_solves` stops and awaits them first).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class InBackground(Generic[T]):
    """A call run in a daemon thread; `result` waits for it and re-raises its error."""

    def __init__(self, name: str, call: Callable[[], T]) -> None:
        self._call = call
        self._value: list[T] = []
        self._failure: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, name=f"surgeplan-{name}", daemon=True
        )
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value.append(self._call())
        except BaseException as failure:  # handed to the caller's thread
            self._failure = failure

    def wait(self, seconds: float) -> bool:
        """Wait at most `seconds` for the call; True if it has returned."""
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def result(self) -> T:
        """The call's value, once it has returned.

        Raises:
            BaseException: whatever the call raised, in the caller's thread.
        """
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self._value[0]
