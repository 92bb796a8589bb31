"""What solving a shop gives back: the schedule, its makespan and how good it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ShopStatus(Enum):
    """How far the solver got.

    A schedule always exists (no deadlines, the dispatching rules build one at
    once), so there is no infeasible outcome.
    """

    OPTIMAL = "optimal"
    """The makespan equals the proven lower bound."""
    FEASIBLE = "feasible"
    """A schedule, not proven optimal within the limit."""


@dataclass(frozen=True)
class ScheduledOperation:
    """When and where one operation runs: on `machine` over [start, end)."""

    machine: int
    start: int
    end: int


@dataclass(frozen=True)
class ShopStatistics:
    """How the solution was found, for logs and benchmarks.

    Attributes:
        heuristic_makespan: the best makespan of the dispatching rules.
        lns_iterations: neighbourhoods re-solved by the large neighbourhood search.
        lns_improvements: how many of those found a shorter schedule.
        deterministic_time: CP-SAT's deterministic time spent, summed over calls.
    """

    heuristic_makespan: int = 0
    lns_iterations: int = 0
    lns_improvements: int = 0
    deterministic_time: float = 0.0


@dataclass(frozen=True)
class ShopSolution:
    """A schedule for every operation of every job.

    Attributes:
        makespan: when the last operation ends.
        lower_bound: no schedule ends before this (proven).
        status: OPTIMAL when `makespan == lower_bound`.
        seconds: wall-clock time the solve took.
        operations_by_job: per job, per operation in routing order, where and
            when it runs; machines are numbered as in the instance.
        statistics: how the solution was found.
    """

    makespan: int
    lower_bound: int
    status: ShopStatus
    seconds: float
    operations_by_job: tuple[tuple[ScheduledOperation, ...], ...]
    statistics: ShopStatistics = field(default_factory=ShopStatistics)

    @property
    def gap(self) -> float:
        """Relative distance between makespan and lower bound (0 when optimal)."""
        if self.makespan == 0:
            return 0.0
        return (self.makespan - self.lower_bound) / self.makespan


def makespan_of(operations_by_job: tuple[tuple[ScheduledOperation, ...], ...]) -> int:
    """The latest end over all operations (0 for an empty schedule)."""
    return max((op.end for job in operations_by_job for op in job), default=0)
