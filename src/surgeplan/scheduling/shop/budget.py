"""How much time a solve may still use: wall-clock, and optionally deterministic.

CP-SAT measures its own work in deterministic time (roughly seconds, but the
same on every run and machine). With a deterministic budget the search stops
after the same work on every run, which makes it repeatable; the wall-clock
limit stays as a safety net and, when it is hit first, the run is not.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


@dataclass
class Budget:
    """A wall-clock deadline and an optional budget of deterministic time.

    Attributes:
        deadline: `time.perf_counter()` value after which nothing new starts.
        deterministic_time: total CP-SAT deterministic time allowed, or None.
    """

    deadline: float
    deterministic_time: float | None = None
    spent: float = 0.0
    parent: Budget | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def starting_now(
        cls, time_limit_s: float, deterministic_time: float | None = None
    ) -> Budget:
        """A budget of `time_limit_s` seconds from now."""
        return cls(time.perf_counter() + time_limit_s, deterministic_time)

    @property
    def is_deterministic(self) -> bool:
        """Whether the search is bounded by deterministic time."""
        return self.deterministic_time is not None

    def wall_remaining(self) -> float:
        """Seconds left before the deadline (never negative)."""
        return max(0.0, self.deadline - time.perf_counter())

    def deterministic_remaining(self) -> float | None:
        """Deterministic time left, or None without a deterministic budget."""
        if self.deterministic_time is None:
            return None
        return max(0.0, self.deterministic_time - self.spent)

    def spend(self, deterministic_time: float) -> None:
        """Record deterministic time a CP-SAT call used."""
        with self._lock:
            self.spent += deterministic_time
        if self.parent is not None:
            self.parent.spend(deterministic_time)

    def is_exhausted(self) -> bool:
        """Whether either limit has been reached."""
        remaining = self.deterministic_remaining()
        return self.wall_remaining() <= 0.0 or (
            remaining is not None and remaining <= 0.0
        )

    def slice(self, fraction: float) -> Budget:
        """A part of what is left, for one step; what it spends counts here too."""
        remaining = self.deterministic_remaining()
        return Budget(
            deadline=time.perf_counter() + fraction * self.wall_remaining(),
            deterministic_time=None if remaining is None else fraction * remaining,
            parent=self,
        )

    def share(self, fraction: float) -> float:
        """A fraction of what is left, in the budget's own unit.

        Deterministic time when the budget has it, else wall-clock seconds.
        """
        remaining = self.deterministic_remaining()
        left = remaining if remaining is not None else self.wall_remaining()
        return fraction * left
