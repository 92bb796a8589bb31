"""A shift pattern that needs its crew: running it asks for qualified people.

A third shift is not just station hours: its crew must be hired or trained first. A
pattern with `crew_people` of `crew_skill` can run in a decision block only while the
site's pool of that skill has that many qualified people in every bucket of the block.
"""

from __future__ import annotations

import numpy as np

from surgeplan.planning.model.builder import ModelBuilder
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.variables import ModelVariables


def add_shift_crews(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """crew_people x pattern on(block of t) <= qualified(site, crew_skill, t)."""
    horizon = index.horizon
    time = np.arange(horizon)
    for info in index.work_centers:
        if len(info.patterns) <= 1:
            continue
        site = index.scenario.site(info.site)
        center = next(wc for wc in site.work_centers if wc.id == info.id)
        for number, pattern in enumerate(center.shift_patterns):
            key = (info.site, pattern.crew_skill or "")
            if pattern.crew_people == 0 or key not in variables.qualified:
                continue
            on = variables.pattern[(info.index, number)].columns
            rows = builder.add_rows(
                "shift_crew", (*info.key, pattern.id), horizon, upper=0.0
            )
            builder.add_entries(
                rows.first + time, on[variables.block_of], float(pattern.crew_people)
            )
            builder.add_entries(
                rows.first + time, variables.qualified[key].columns, -1.0
            )
