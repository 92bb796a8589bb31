"""The shift pattern each work center runs at the status week, for a re-plan.

`OpeningState` holds what exists, not how the shops are staffed; a re-plan's scenario
starts every work center on its `initial_shift_pattern`, and a switch to a longer
pattern takes its `switch_lead_time_weeks`. A program re-planned at week 20 on a
third shift would lose it for weeks. The actuals report hours, not patterns, so the
pattern in force is the old plan's in the status week: the shops worked the plan's
pattern (as the worked example's actuals do).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario


def patterns_in_force(
    plan: Plan, program_start: dt.date, week: int
) -> dict[tuple[str, str], str]:
    """The old plan's shift pattern per (site, work center) in program week `week`.

    Weeks count from `program_start` (1-based); the plan's buckets are matched by
    date, so an old plan that is itself a re-plan lines up.
    """
    day = program_start + dt.timedelta(weeks=week - 1)
    buckets = {b.index for b in plan.buckets if b.start <= day <= b.end}
    return {
        (record.site, record.work_center): record.shift_pattern
        for record in plan.capacity
        if record.bucket in buckets
    }


def with_patterns_in_force(scenario: Scenario, plan: Plan, week: int) -> Scenario:
    """The scenario whose work centers start on the pattern they ran in `week`.

    Weeks count from the scenario's start date, as the actuals do.

    Only patterns the work center declares are taken (the site calendar's own
    pattern is the default anyway); without a change the same object is returned.
    """
    running = patterns_in_force(plan, scenario.program.start_date, week)
    changed = False
    sites: list[dict[str, Any]] = []
    for site in scenario.sites:
        data = site.model_dump(mode="json")
        for center, model in zip(data["work_centers"], site.work_centers, strict=True):
            pattern = running.get((site.id, model.id))
            declared = {declared.id for declared in model.shift_patterns}
            if pattern in declared and pattern != model.initial_shift_pattern:
                center["initial_shift_pattern"] = pattern
                changed = True
        sites.append(data)
    return scenario.updated({"sites": sites}) if changed else scenario
