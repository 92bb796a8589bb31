"""Whole-number decisions from an LP relaxation: a fast, always-feasible first plan.

Milestones and (unless protected) core demand are soft, so most whole-number choices
leave a feasible LP. Core load on a work center is hard, though: a block's shift pattern
is rounded to one that still gives the core load its hours, so a relaxation that could
carry it never rounds to a plan that cannot. The MILP solve then starts from it.
"""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex, WorkCenterInfo
from surgeplan.planning.model.variables import ModelVariables

# A conversion the relaxation uses at all is taken: its capex is small next to the
# lateness it avoids, and the MILP solve drops it again if it does not pay.
TAKE_CONVERSION = 0.01


def round_decisions(
    index: PlanningIndex,
    model: PlanningModel,
    columns: FloatArray,
    *,
    most_hours: bool = False,
) -> dict[int, float]:
    """Column -> 0/1 for every whole-number decision, from relaxed values.

    A block's shift pattern is the one the relaxation used most; with `most_hours`,
    the one giving the most hours among those it used at all (the relaxation that
    mixes two shifts and three in a block needs the third shift's hours to be on
    time, which the pattern used most would not give).
    """
    variables = model.variables
    fixed: dict[int, float] = {}
    for block in variables.conversion:
        starts = columns[block.columns]
        chosen = np.nonzero(np.cumsum(starts) >= TAKE_CONVERSION)[0]
        for column in block.columns:
            fixed[int(column)] = 0.0
        if chosen.size:
            fixed[int(block.columns[chosen[0]])] = 1.0
    for info in index.work_centers:
        if len(info.patterns) <= 1:
            continue
        shares = np.stack(
            [
                columns[variables.pattern[(info.index, n)].columns]
                for n in range(len(info.patterns))
            ]
        )
        chosen_pattern = _patterns_carrying_core(
            info,
            shares,
            core_hours_needed(info, variables, columns),
            variables,
            most_hours=most_hours,
        )
        for number in range(len(info.patterns)):
            block = variables.pattern[(info.index, number)]
            for position, column in enumerate(block.columns):
                fixed[int(column)] = 1.0 if chosen_pattern[position] == number else 0.0
    for number, placed in variables.order_placed.items():
        bought = columns[variables.purchase[number].columns]
        for position, column in enumerate(placed.columns):
            fixed[int(column)] = 1.0 if bought[position] > 1e-6 else 0.0
    return fixed


def core_hours_needed(
    info: WorkCenterInfo, variables: ModelVariables, columns: FloatArray
) -> FloatArray:
    """Hours per bucket the shift pattern must give for core load, beyond overtime.

    The work center's own core load (kept whole even where a conversion may free part
    of it: the conservative side) and the core load the relaxation moved onto it.
    """
    needed = np.zeros(len(info.overtime_hours))
    for hours in info.core_hours_by_capability.values():
        needed += hours
    for (_owner, _capability, target), block in variables.moved_core.items():
        if target == info.index:
            needed += columns[block.columns]
    return np.asarray(needed - info.overtime_hours, dtype=float)


def _patterns_carrying_core(
    info: WorkCenterInfo,
    shares: FloatArray,
    needed: FloatArray,
    variables: ModelVariables,
    *,
    most_hours: bool,
) -> IntArray:
    """Per block, the pattern the relaxation used most among those carrying core load.

    Only patterns the relaxation used at all are candidates (the others may be barred,
    e.g. by a switch lead time); if none carries the core load alone, the one closest
    to it. With `most_hours`, the candidate with the most hours in the block.
    """
    chosen = np.argmax(shares, axis=0)
    for block in range(shares.shape[1]):
        buckets = slice(int(variables.block_starts[block]), variables.block_end(block))
        used = np.nonzero(shares[:, block] > 1e-9)[0]
        if used.size <= 1:
            continue
        if most_hours:
            hours = [
                float(np.sum(info.patterns[number].effective_hours[buckets]))
                for number in used
            ]
            chosen[block] = used[int(np.argmax(hours))]
            continue
        slack = np.array(
            [
                np.min(info.patterns[number].effective_hours[buckets] - needed[buckets])
                for number in used
            ]
        )
        carrying = used[slack >= -1e-6]
        if carrying.size:
            chosen[block] = carrying[np.argmax(shares[carrying, block])]
        else:
            chosen[block] = used[np.argmax(slack)]
    return np.asarray(chosen, dtype=np.int64)


def decisions_of(columns: FloatArray, integer: list[int]) -> dict[int, float]:
    """The whole-number decisions of a MILP solution."""
    return {column: float(round(columns[column])) for column in integer}


def removing_conversions_off(
    index: PlanningIndex, model: PlanningModel
) -> dict[int, float]:
    """Fix to zero every conversion that removes a capability carrying core load."""
    fixed: dict[int, float] = {}
    for conversion in index.conversions:
        owner = next(
            info
            for info in index.work_centers
            if info.key == (conversion.site, conversion.work_center)
        )
        if conversion.removes & set(owner.core_hours_by_capability):
            for column in model.variables.conversion[conversion.index].columns:
                fixed[int(column)] = 0.0
    return fixed
