"""Whole-number decisions from an LP relaxation: a fast, always-feasible first plan.

Every whole-number decision of the model can be rounded without losing feasibility:
milestones and (unless protected) core demand are soft, so any choice of conversions,
shift patterns and orders leaves a feasible LP. The MILP solve then starts from it.
"""

from __future__ import annotations

import numpy as np

from surgeplan.planning.formulation import PlanningModel
from surgeplan.planning.index import PlanningIndex
from surgeplan.planning.model_builder import FloatArray

# A conversion the relaxation uses at all is taken: its capex is small next to the
# lateness it avoids, and the MILP solve drops it again if it does not pay.
TAKE_CONVERSION = 0.01


def round_decisions(
    index: PlanningIndex, model: PlanningModel, columns: FloatArray
) -> dict[int, float]:
    """Column -> 0/1 for every whole-number decision, from relaxed values."""
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
        chosen_pattern = np.argmax(shares, axis=0)
        for number in range(len(info.patterns)):
            block = variables.pattern[(info.index, number)]
            for position, column in enumerate(block.columns):
                fixed[int(column)] = 1.0 if chosen_pattern[position] == number else 0.0
    for number, placed in variables.order_placed.items():
        bought = columns[variables.purchase[number].columns]
        for position, column in enumerate(placed.columns):
            fixed[int(column)] = 1.0 if bought[position] > 1e-6 else 0.0
    return fixed


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
