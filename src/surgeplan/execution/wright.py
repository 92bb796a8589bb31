"""Wright's law as the execution stage reads it, and the base hours of each step.

An item's units at a site take `h0 * max((1 + x)^b, floor)` station hours each, where
`x` is the item's finished units at that site before the week (prior units included),
`b = log2(learning_rate)` and `h0` the first unit's station hours on that work center
(efficiency included). `base_hours` reads `h0` back from the plan, so that actuals are
compared with the same hours the planner used.
"""

from __future__ import annotations

import math

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.execution.plan_weeks import PlanWeeks, Step
from surgeplan.scenario import Scenario


def wright(
    cumulative_before: FloatArray, learning_rate: float, floor: float
) -> FloatArray:
    """Share of the first unit's hours a unit takes after this many units."""
    exponent = math.log2(learning_rate)
    return np.maximum(np.power(1.0 + cumulative_before, exponent), floor)


def cumulative_before(weekly_units: FloatArray, prior_units: float) -> FloatArray:
    """Units made before each week: prior units plus every earlier week's."""
    return prior_units + np.concatenate(([0.0], np.cumsum(weekly_units)[:-1]))


def base_hours(scenario: Scenario, weeks: PlanWeeks) -> dict[Step, float]:
    """First-unit station hours of each step, read back from the plan (median)."""
    result: dict[Step, float] = {}
    for step, units in weeks.units_by_step.items():
        item = scenario.item(step.item)
        finished = weeks.finished_by_item_site.get(
            (step.item, step.site), np.zeros(weeks.weeks)
        )
        factor = wright(
            cumulative_before(finished, item.prior_cumulative_units),
            item.learning_rate,
            item.learning_floor_share,
        )
        made = units > 1e-6
        if not made.any():
            continue
        per_unit = weeks.hours_by_step[step][made] / units[made]
        result[step] = float(np.median(per_unit / factor[made]))
    return result
