"""First-pass yields learned with volume, in the simulation: fewer starts, more output.

The planner counts each operation's `first_pass_yield` (its yield at the start), so
the plan's hours per good unit are those of the start. An operation with
`yield_learning` passes more units as a site makes more (`scenario/yield_learning.py`):
in each bucket, after the good units the plan has the site make before it, the
station hours per good unit of the item are those of the learned yields. The ratio of
those hours to the plan's (at most 1) divides the capacity of every work center and
workforce pool the item uses at that site, through the item's learning curve there:
a line whose yields have risen makes more good units of the same hours, which a run
behind the plan uses to catch up. The ratio weighs the operations by their station
hours; parts per good unit stay at the plan's (the plan bought them for the yield at
the start). It is the same in every run: the simulation names it among the risks
(`yield learning of ITEM`), so its contribution says what the learned yields are worth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from surgeplan.risk.chains import FloatArray
from surgeplan.risk.network import PlanNetwork
from surgeplan.scenario import Scenario
from surgeplan.scenario.items import Item
from surgeplan.scenario.yield_learning import learned_first_pass_yield
from surgeplan.scenario.yields import has_yield_learning, starts_per_good_unit


@dataclass(frozen=True)
class YieldLearningRisk:
    """The learned yields of one item, as the simulation names them."""

    id: str


@dataclass(frozen=True)
class YieldLearningTargets:
    """Per learning curve (item at a site), hours per good unit over the plan's."""

    risk: YieldLearningRisk
    ratios: tuple[tuple[int, FloatArray], ...]


def _hours_per_good_unit(item: Item, yields: dict[str, float]) -> float:
    """Station hours per good unit of the item at these first-pass yields."""
    learned = item.model_copy(
        update={
            "routing": [
                op.model_copy(update={"first_pass_yield": yields[op.id]})
                for op in item.routing
            ]
        }
    )
    starts = starts_per_good_unit(learned)
    return sum(op.hours_per_unit * starts[op.id] for op in item.routing)


def hours_ratio(item: Item, units: FloatArray) -> FloatArray:
    """Hours per good unit in each bucket over those at the start: buckets.

    `units` are the good units the site makes in each bucket; a bucket's yields are
    those reached with the units made before it.
    """
    before = np.cumsum(units) - units
    start = {op.id: op.first_pass_yield for op in item.routing}
    planned = _hours_per_good_unit(item, start)
    by_operation = {
        op.id: (
            learned_first_pass_yield(op.first_pass_yield, op.yield_learning, before)
            if op.yield_learning is not None
            else np.full(before.shape, op.first_pass_yield)
        )
        for op in item.routing
    }
    ratios = [
        _hours_per_good_unit(
            item, {name: float(values[bucket]) for name, values in by_operation.items()}
        )
        / planned
        for bucket in range(before.size)
    ]
    capped: FloatArray = np.minimum(np.array(ratios), 1.0)
    return capped


def yield_learning_targets(
    given: Scenario, network: PlanNetwork
) -> list[YieldLearningTargets]:
    """Each item with yield learning, with its hours ratio at each site making it.

    `given` is the scenario as written: the planner's scenario has the yields folded
    into hours (yields of 1), the start the learning counts from is lost there.
    """
    found: list[YieldLearningTargets] = []
    for item in given.items:
        if not has_yield_learning(item):
            continue
        ratios = tuple(
            (curve, hours_ratio(item, network.curve_units[curve]))
            for curve, (item_id, _) in enumerate(network.curves)
            if item_id == item.id
        )
        if ratios:
            found.append(
                YieldLearningTargets(
                    YieldLearningRisk(f"yield learning of {item.id}"), ratios
                )
            )
    return found


def yield_learning_ratios(
    targets: YieldLearningTargets, runs: int
) -> list[tuple[int, FloatArray]]:
    """The same ratios in every run: runs x buckets per curve."""
    return [
        (curve, np.broadcast_to(ratio, (runs, ratio.size)).copy())
        for curve, ratio in targets.ratios
    ]
