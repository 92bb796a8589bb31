"""Which resources hold the program back: shadow prices of the binding limits.

A row's dual value is what one more unit of its right-hand side (an hour of a work
center or of a skill pool, a unit of supply or lane capacity, a training place) would
save in the objective. Because one unit-week late weighs `late_per_unit_week`, the
dual divided by that weight reads as program unit-weeks of lateness avoided.
"""

from __future__ import annotations

import numpy as np

from surgeplan.planning.formulation import PlanningModel
from surgeplan.planning.records import BottleneckKind, BottleneckRecord
from surgeplan.planning.solve import SolveResult
from surgeplan.planning.variables import KEUR, Weights

DUAL_EPSILON = 1e-6
MAX_BOTTLENECKS = 20

_FAMILIES = {
    "capacity": BottleneckKind.WORK_CENTER,
    "labour": BottleneckKind.LABOUR,
    "contract_hours": BottleneckKind.LABOUR,
    "training_places": BottleneckKind.TRAINING,
    "volunteers": BottleneckKind.LABOUR,
    "supplier_capacity": BottleneckKind.SUPPLIER,
    "lane_capacity": BottleneckKind.LANE,
}


def find_bottlenecks(
    model: PlanningModel, result: SolveResult, weights: Weights
) -> list[BottleneckRecord]:
    """The binding resources, tightest first, with their shadow prices."""
    if result.row_duals is None:
        return []
    found: list[BottleneckRecord] = []
    for block in model.builder.row_blocks:
        kind = _FAMILIES.get(block.family)
        if kind is None:
            continue
        duals = -result.row_duals[block.first : block.first + block.count]
        value = np.maximum(duals, 0.0)
        binding = np.nonzero(value > DUAL_EPSILON * weights.late_per_unit_week)[0]
        if binding.size == 0:
            continue
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
        elif block.family == "contract_hours":
            resource = f"{resource} qualified staff"
        first = int(binding[0]) if block.count > 1 else 0
        last = int(binding[-1]) if block.count > 1 else index_last(model)
        found.append(
            BottleneckRecord(
                kind=kind,
                site=site,
                resource=resource,
                first_bucket=first,
                last_bucket=last,
                binding_buckets=int(binding.size),
                units_per_extra_hour=shadow / KEUR / weights.late_per_unit_week,
                shadow_price=shadow,
            )
        )
    found.sort(key=lambda record: (-record.shadow_price, record.resource))
    return _merge(found)[:MAX_BOTTLENECKS]


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
