"""First-pass yields learned with volume, in the planner and the plan checker.

The planner's scenario has every yield folded into hours per good unit at its start
(`scenario/yields.py`). An operation with `yield_learning` passes more units as its
site makes more, so the item's hours per good unit in a bucket are those at the
yields reached with the site's output before it (`learned_hours_ratio`, operations
weighed by their station hours). That ratio multiplies the item's learning factor at
the site: the successive solves, which re-estimate the factors from each solve's
output, settle Wright's law and the yields together, and the checker recomputes both
from the plan's output. Parts per good unit stay at the start's (the plan buys for the
yield at the start: cautious by the scrap the learned yields avoid).
"""

from __future__ import annotations

from surgeplan.arrays import FloatArray
from surgeplan.scenario import Scenario
from surgeplan.scenario.yields import has_yield_learning, learned_hours_ratio


def with_learned_yields(
    factors: FloatArray, stated: Scenario | None, item_id: str, units: FloatArray
) -> FloatArray:
    """Learning factors of an item at a site, times its learned-yield hours ratio.

    `stated` is the scenario as written (its yields not folded); the factors come
    back unchanged for an item whose yields do not learn.
    """
    if stated is None:
        return factors
    item = next((i for i in stated.items if i.id == item_id), None)
    if item is None or not has_yield_learning(item):
        return factors
    learned: FloatArray = factors * learned_hours_ratio(item, units)
    return learned
