"""The options of the scheduling stage: which site and weeks, and how CP-SAT runs."""

from __future__ import annotations

from dataclasses import dataclass

from surgeplan.pipeline import defaults
from surgeplan.scheduling.site.result import Objective


@dataclass(frozen=True)
class ScheduleOptions:
    """Which site and weeks to schedule, and how CP-SAT runs."""

    site: str
    start_week: int
    weeks: int = defaults.SCHEDULE_WEEKS
    time_limit_s: float = defaults.SCHEDULE_TIME_LIMIT_S
    threads: int = defaults.SCHEDULE_THREADS
    seed: int = defaults.SEED
    objective: Objective = Objective.TARDINESS
    deterministic_time: float | None = None
