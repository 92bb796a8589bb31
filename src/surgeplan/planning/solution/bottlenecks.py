"""Which resources hold the program back: shadow prices of the binding limits.

A row's dual value is what one more unit of its right-hand side (an hour of a work
center or of a skill pool, a unit of supply or lane capacity, a training place) would
save in the objective. Because one unit-week late weighs `late_per_unit_week`, the
dual divided by that weight reads as program unit-weeks of lateness avoided.

A resource is named only in the buckets where it binds AND none of its levers has room
left (bottlenecks_slack.py): a dual on a pool with overtime or trainable people left
is the price of that lever, not a limit. Labour is judged on the pool's hours (the
`labour` rows); the rows that only pass its price on (contract hours, qualified
people) are not limits of their own.
"""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.planning.model.builder import RowBlock
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.variables import KEUR, Weights
from surgeplan.planning.results.records import BottleneckKind, BottleneckRecord
from surgeplan.planning.solution.bottlenecks_slack import LeverSlack
from surgeplan.planning.solve.highs import SolveResult

DUAL_EPSILON = 1e-6
MAX_BOTTLENECKS = 20

_FAMILIES = {
    "capacity": BottleneckKind.WORK_CENTER,
    "labour": BottleneckKind.LABOUR,
    "training_places": BottleneckKind.TRAINING,
    "volunteers": BottleneckKind.LABOUR,
    "supplier_capacity": BottleneckKind.SUPPLIER,
    "lane_capacity": BottleneckKind.LANE,
}

_NOT_YET_THERE = ("supplier_capacity", "lane_capacity")


def find_bottlenecks(
    index: PlanningIndex,
    model: PlanningModel,
    result: SolveResult,
    weights: Weights,
) -> list[BottleneckRecord]:
    """Binding resources with no lever left, tightest first, with shadow prices."""
    if result.row_duals is None:
        return []
    slack = LeverSlack(index, model, result)
    late = weights.late_per_unit_week
    found: list[BottleneckRecord] = []
    for block in model.builder.row_blocks:
        kind = _FAMILIES.get(block.family)
        if kind is None:
            continue
        duals = -result.row_duals[block.first : block.first + block.count]
        duals = duals + _bound_duals(block, model, result)
        value = np.where(slack.extendable(block), 0.0, np.maximum(duals, 0.0))
        if block.family in _NOT_YET_THERE:
            # A supplier or lane with no capacity yet (still qualifying, a ramp
            # from zero) is not a limit in use: it is named from its first units.
            value = np.where(slack.row_upper(block) > 0.0, value, 0.0)
        if block.family == "labour":
            # Hours short while volunteers wait for a training place: training binds.
            blocked = slack.training_blocked(block)
            training = np.where(blocked, value, 0.0)
            found += _record(BottleneckKind.TRAINING, block, training, late, model)
            value = np.where(blocked, 0.0, value)
        found += _record(kind, block, value, late, model)
    found.sort(key=lambda record: (-record.shadow_price, record.resource))
    return _merge(found)[:MAX_BOTTLENECKS]


def _bound_duals(
    block: RowBlock, model: PlanningModel, result: SolveResult
) -> FloatArray:
    """What a supplier's capacity is worth where it binds as purchases' upper bound.

    With one site the row and the purchase column's bound say the same, and the solver
    may price either: both count.
    """
    extra = np.zeros(block.count)
    if block.family != "supplier_capacity" or result.column_duals is None:
        return extra
    for purchase in model.variables.purchase:
        if purchase.key[0] == block.key[0]:
            extra += np.maximum(-result.column_duals[purchase.columns], 0.0)
    return extra


def _record(
    kind: BottleneckKind,
    block: RowBlock,
    value: FloatArray,
    late_per_unit_week: float,
    model: PlanningModel,
) -> list[BottleneckRecord]:
    """The resource of one row block as a bottleneck, if it binds anywhere."""
    binding = np.nonzero(value > DUAL_EPSILON * late_per_unit_week)[0]
    if binding.size == 0:
        return []
    # The objective is in kEUR: the shadow price is reported in EUR-equivalent.
    shadow = float(value.sum()) * KEUR
    site = (
        str(block.key[0])
        if kind is not BottleneckKind.SUPPLIER and kind is not BottleneckKind.LANE
        else None
    )
    resource = str(block.key[-1]) if len(block.key) > 1 else str(block.key[0])
    if block.family == "volunteers":
        resource = f"{resource} volunteers"
    first = int(binding[0]) if block.count > 1 else 0
    last = int(binding[-1]) if block.count > 1 else index_last(model)
    return [
        BottleneckRecord(
            kind=kind,
            site=site,
            resource=resource,
            first_bucket=first,
            last_bucket=last,
            binding_buckets=int(binding.size),
            units_per_extra_hour=shadow / KEUR / late_per_unit_week,
            shadow_price=shadow,
        )
    ]


def index_last(model: PlanningModel) -> int:
    """Last bucket index of the model (for one-off limits such as volunteers)."""
    return (
        max(block.count for block in model.variables.make.values()) - 1
        if model.variables.make
        else 0
    )


def _merge(records: list[BottleneckRecord]) -> list[BottleneckRecord]:
    """One record per resource: its tightest family wins (a pool has several)."""
    seen: set[tuple[BottleneckKind, str | None, str]] = set()
    merged: list[BottleneckRecord] = []
    for record in records:
        key = (record.kind, record.site, record.resource)
        if key not in seen:
            seen.add(key)
            merged.append(record)
    return merged
