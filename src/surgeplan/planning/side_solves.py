"""The solves that run beside the learning loop: earliest dates and the MILP polish.

Each runs in a daemon thread (see `background`) and can be stopped: HiGHS checks a
stop flag through its interrupt callbacks. When a planning run fails, both are
stopped and awaited briefly, so that no solve outlives its run (HiGHS's thread pool
is shared by the process, and the next run may resize it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from surgeplan.planning.background import InBackground
from surgeplan.planning.solve import SolveResult

STOP_WAIT_S = 5.0


@dataclass
class Polish:
    """A MILP started from a learning solve."""

    start: SolveResult
    run: InBackground[SolveResult]
    started_at: float


@dataclass
class SideSolves:
    """The earliest-date LPs and the MILP polishes of one planning run."""

    stop_earliest: threading.Event = field(default_factory=threading.Event)
    stop_polish: threading.Event = field(default_factory=threading.Event)
    earliest: InBackground[dict[str, int | None]] | None = None
    polishes: list[Polish] = field(default_factory=list)

    def start_earliest(self, call: Callable[[], dict[str, int | None]]) -> None:
        """Find the earliest dates in the background."""
        self.earliest = InBackground("earliest-dates", call)

    def start_polish(self, start: SolveResult, call: Callable[[], SolveResult]) -> None:
        """Polish the decisions of `start` with the MILP in the background."""
        self.polishes.append(
            Polish(start, InBackground("milp", call), time.perf_counter())
        )

    def finish_polish(self, polish: Polish, least_s: float) -> SolveResult:
        """The MILP's result, once it has had as long again as the loop gave it.

        Its bound stays weak on large plans, and a plan that waits on it is not
        interactive: after the learning loop it gets at most the time it already had
        (and at least `least_s`), then it is stopped with its best plan.
        """
        given = time.perf_counter() - polish.started_at
        polish.run.wait(max(given, least_s))
        self.stop_polish.set()
        return polish.run.result()

    def earliest_dates(self, deadline: float) -> dict[str, int | None]:
        """The earliest dates found by `deadline`; the rest are left unknown."""
        if self.earliest is None:
            return {}
        self.earliest.wait(max(deadline - time.perf_counter(), 0.0))
        self.stop_earliest.set()
        return self.earliest.result()

    def stop_all(self) -> None:
        """Stop every side solve and wait a little for them to end."""
        self.stop_earliest.set()
        self.stop_polish.set()
        for polish in self.polishes:
            polish.run.wait(STOP_WAIT_S)
        if self.earliest is not None:
            self.earliest.wait(STOP_WAIT_S)
