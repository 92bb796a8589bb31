"""The solves that run beside the learning loop: earliest dates and the MILP polish.

Each runs in a daemon thread (see `background`) and can be stopped: HiGHS checks a
stop flag through its interrupt callbacks, but only between steps of its own (a MILP
in its root cuts answers after a second or more). The MILP's improving plans are
kept as HiGHS reports them, so the planner takes the best one when it stops the MILP
and need not wait for it to end; `solve.wait_for_solves` keeps a solve still
finishing from meeting a resized thread pool or the end of the process. When a
planning run fails, both are stopped and awaited briefly.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from surgeplan.planning.background import InBackground
from surgeplan.planning.model_builder import FloatArray
from surgeplan.planning.plan import SolveStatus
from surgeplan.planning.solve import SolveResult

STOP_WAIT_S = 5.0
# How long a stopped MILP may take to hand over its own result before the planner
# goes on with the best plan HiGHS reported: a small MILP finishing its last step
# (0.14 s on a generated case) is waited for, one deep in its root cuts (1.4 s on
# the drone example) is not.
STOP_GRACE_S = 0.25

Improved = Callable[[FloatArray, float], None]


@dataclass
class PolishOutcome:
    """What the MILP found: its best plan, the gap when known, whether proven."""

    objective: float
    columns: FloatArray
    mip_gap: float | None
    status: SolveStatus


@dataclass
class Polish:
    """A MILP started from a learning solve, with the plans it improved to."""

    start: SolveResult
    run: InBackground[SolveResult]
    started_at: float
    # (objective, columns), appended from the MILP's thread as HiGHS reports them.
    improved: list[tuple[float, FloatArray]]


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

    def start_polish(
        self, start: SolveResult, call: Callable[[Improved], SolveResult]
    ) -> None:
        """Polish the decisions of `start` with the MILP in the background.

        `call` runs the MILP and tells each improving plan to the callback it gets.
        """
        improved: list[tuple[float, FloatArray]] = []

        def record(columns: FloatArray, objective: float) -> None:
            improved.append((objective, columns))

        run = InBackground("milp", lambda: call(record))
        self.polishes.append(Polish(start, run, time.perf_counter(), improved))

    def finish_polish(self, polish: Polish, least_s: float) -> PolishOutcome:
        """The MILP's best plan, once it has had as long again as the loop gave it.

        Its bound stays weak on large plans, and a plan that waits on it is not
        interactive: after the learning loop it gets at most the time it already had
        (and at least `least_s`), then it is stopped. If it has not ended a moment
        later, its last improving plan stands (its gap is then unknown) and it
        finishes on its own.
        """
        given = time.perf_counter() - polish.started_at
        polish.run.wait(max(given, least_s))
        self.stop_polish.set()
        if polish.run.wait(STOP_GRACE_S):
            milp = polish.run.result()
            return PolishOutcome(
                milp.objective, milp.columns, milp.mip_gap, milp.status
            )
        if polish.improved:
            objective, columns = min(polish.improved, key=lambda found: found[0])
            return PolishOutcome(objective, columns, None, SolveStatus.FEASIBLE)
        return PolishOutcome(
            polish.start.objective, polish.start.columns, None, SolveStatus.FEASIBLE
        )

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
