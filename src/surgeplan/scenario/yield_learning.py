"""First-pass yield that improves with volume: the gap to a final yield halves.

An operation's `first_pass_yield` is its yield at the start of the plan. With
`yield_learning`, the yield after a site has finished `n` good units of the item is

    y(n) = y_final - (y_final - y_start) * 0.5 ** (n / units_to_half_gap)

so after `units_to_half_gap` units half the gap to the final yield is closed, after
twice as many three quarters. Rework and scrap follow the yield as in `yields`: the
units an operation starts per good unit fall as the yields rise.

The hours per good unit of a bucket are those at the yields reached with the site's
output before it (`yields.learned_hours_ratio`); planner and checker count them with
the learning factors (`planning/rules/yield_learning.py`), and the risk simulation,
which runs the plan's hours, with them. Parts per good unit stay at the start's.
"""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field

from surgeplan.arrays import FloatArray
from surgeplan.scenario.base import Positive, ScenarioModel


class YieldLearning(ScenarioModel):
    """How an operation's first-pass yield rises with the units a site has made."""

    final_first_pass_yield: Annotated[float, Field(gt=0.0, le=1.0)] = Field(
        description="The first-pass yield the operation tends to with volume; at "
        "least its first_pass_yield."
    )
    units_to_half_gap: Positive = Field(
        description="Good units of the item a site makes to close half the gap "
        "between first_pass_yield and final_first_pass_yield."
    )


def learned_first_pass_yield(
    start_yield: float, learning: YieldLearning, units_made: FloatArray
) -> FloatArray:
    """The first-pass yield after each number of good units made."""
    gap = learning.final_first_pass_yield - start_yield
    remaining = np.power(
        0.5, np.asarray(units_made, float) / learning.units_to_half_gap
    )
    learned: FloatArray = learning.final_first_pass_yield - gap * remaining
    return learned
