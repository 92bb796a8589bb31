"""Scenario (+ Plan) -> Schedule: detailed station schedules on CP-SAT.

`schedule_site` (alias `schedule`) imports OR-Tools only when it runs, so importing
this package stays light and never loads a solver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from surgeplan.scheduling.site.errors import (
    ScheduleInputError,
    UnschedulableOperationError,
)
from surgeplan.scheduling.site.result import (
    SCHEDULE_FORMAT,
    Objective,
    Schedule,
    ScheduleStatus,
)

if TYPE_CHECKING:
    from surgeplan.planning.results.plan import Plan
    from surgeplan.scenario import Scenario


def schedule_site(
    scenario: Scenario,
    site_id: str,
    start_week: int,
    weeks: int = 1,
    plan: Plan | None = None,
    *,
    time_limit_s: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    objective: Objective = Objective.TARDINESS,
    deterministic_time: float | None = None,
) -> Schedule:
    """Sequence a site's batches on its stations over program weeks (1-based).

    See `surgeplan.scheduling.site.solve.schedule_site` for the arguments.

    Raises:
        ScheduleInputError: an unknown site, weeks outside the horizon, or an
            operation no station of the site can do.
    """
    from surgeplan.scheduling.site.solve import schedule_site as run

    return run(
        scenario,
        site_id,
        start_week,
        weeks,
        plan,
        time_limit_s=time_limit_s,
        workers=workers,
        seed=seed,
        objective=objective,
        deterministic_time=deterministic_time,
    )


schedule = schedule_site

__all__ = [
    "SCHEDULE_FORMAT",
    "Objective",
    "Schedule",
    "ScheduleInputError",
    "ScheduleStatus",
    "UnschedulableOperationError",
    "schedule",
    "schedule_site",
]
