"""The earliest-date LPs, run beside the planner's own solves and awaited.

They run in a daemon thread (see `background`) while the planner learns and searches:
each LP runs to its end, so its dates do not depend on how fast the machine is. Only
when the run's time limit passes first are they stopped (a backstop the plan then
records); when a planning run fails, they are stopped and awaited briefly.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from surgeplan.planning.solve.background import InBackground
from surgeplan.planning.solve.earliest import EarliestDates

STOP_WAIT_S = 5.0


@dataclass
class SideSolves:
    """The earliest-date LPs of one planning run."""

    stop_earliest: threading.Event = field(default_factory=threading.Event)
    earliest: InBackground[EarliestDates] | None = None

    def start_earliest(self, call: Callable[[], EarliestDates]) -> None:
        """Find the earliest dates in the background."""
        self.earliest = InBackground("earliest-dates", call)

    def earliest_dates(self, deadline: float) -> EarliestDates:
        """The earliest dates, awaited until `deadline`; the rest are left unknown."""
        if self.earliest is None:
            return EarliestDates({}, stopped_by_time_limit=False)
        if not self.earliest.wait(max(deadline - time.perf_counter(), 0.0)):
            self.stop_earliest.set()
            found = self.earliest.result()
            return EarliestDates(found.buckets, stopped_by_time_limit=True)
        return self.earliest.result()

    def stop_all(self) -> None:
        """Stop the side solves and wait a little for them to end."""
        self.stop_earliest.set()
        if self.earliest is not None:
            self.earliest.wait(STOP_WAIT_S)
