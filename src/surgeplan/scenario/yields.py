"""Yield per operation folded into hours, materials and scrap cost per good unit.

An operation with first-pass yield y and rework share r passes y of the units it
starts; of the (1 - y) that fail, r are reworked into good units by the routing's
rework operation and the rest are scrapped. Its yield is then y + (1 - y) r, and to
finish one good unit an operation starts 1 / (the product of its own yield and of
every later operation's) units. Materials are issued when the first operation starts,
so a scrapped unit loses all of them.

`with_yields_applied` rewrites a scenario so that every quantity is per good unit:
hours, set-ups and labour of each operation times the units it starts (a rework
operation's times the units it reworks), BOM quantities and material cost times the
units the routing starts; yields are then 1. Planner, checker and simulation all work
on that scenario, so they count the same hours and parts for the same plan. The
numbers are expectations: the simulation does not draw which units fail.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.scenario.items import Item, Operation
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.yield_learning import learned_first_pass_yield


def has_yields(item: Item) -> bool:
    """Whether any operation of the item loses or reworks units."""
    return any(operation.first_pass_yield < 1.0 for operation in item.routing)


def has_yield_learning(item: Item) -> bool:
    """Whether any operation of the item learns its yield with volume."""
    return any(operation.yield_learning is not None for operation in item.routing)


def operation_yield(operation: Operation) -> float:
    """Share of started units that leave the operation good (after rework)."""
    failing = 1.0 - operation.first_pass_yield
    return operation.first_pass_yield + failing * operation.rework_share


def _rework_operations(item: Item) -> set[str]:
    return {
        operation.rework_operation
        for operation in item.routing
        if operation.rework_operation is not None
    }


def starts_per_good_unit(item: Item) -> dict[str, float]:
    """Units each operation handles per good unit finished.

    A passing operation starts units; a rework operation reworks the failures of the
    operations that name it.
    """
    rework = _rework_operations(item)
    starts: dict[str, float] = {}
    passing = 1.0
    for operation in reversed(item.routing):
        if operation.id in rework:
            continue
        passing /= operation_yield(operation)
        starts[operation.id] = passing
    for operation in item.routing:
        if operation.id in rework:
            starts[operation.id] = sum(
                (1.0 - other.first_pass_yield) * other.rework_share * starts[other.id]
                for other in item.routing
                if other.rework_operation == operation.id
            )
    return starts


def material_per_good_unit(item: Item) -> float:
    """Sets of materials issued per good unit: what the first operation starts."""
    starts = starts_per_good_unit(item)
    rework = _rework_operations(item)
    first = next((op for op in item.routing if op.id not in rework), None)
    return starts[first.id] if first is not None else 1.0


def scrapped_per_good_unit(item: Item) -> float:
    """Units scrapped (all their materials lost) per good unit finished."""
    return material_per_good_unit(item) - 1.0


def _applied(item: Item) -> dict[str, Any]:
    starts = starts_per_good_unit(item)
    material = material_per_good_unit(item)
    data = item.model_dump(mode="json")
    for operation in data["routing"]:
        factor = starts[operation["id"]]
        operation["hours_per_unit"] *= factor
        operation["setup_hours"] *= factor
        operation["labour_hours_by_skill"] = {
            skill: hours * factor
            for skill, hours in operation["labour_hours_by_skill"].items()
        }
        operation["first_pass_yield"] = 1.0
        # Counted at the start here; the planner's learning factors add what the
        # yields learn (planning/rules/yield_learning.py reads the scenario as written).
        operation["yield_learning"] = None
        operation["rework_share"] = 0.0
        operation["rework_operation"] = None
    for line in data["bom"]:
        line["quantity_per"] *= material
    data["material_cost_per_unit"] *= material
    return data


def with_yields_applied(scenario: Scenario) -> Scenario:
    """The scenario with every yield folded into per-good-unit figures.

    The scenario itself when no operation has a yield below 1, so a scenario without
    yields is planned, checked and simulated exactly as before.
    """
    if not any(has_yields(item) for item in scenario.items):
        return scenario
    items = [
        _applied(item) if has_yields(item) else item.model_dump(mode="json")
        for item in scenario.items
    ]
    return scenario.updated({"items": items})


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


def learned_hours_ratio(item: Item, units: FloatArray) -> FloatArray:
    """Hours per good unit in each bucket over those at the start (at most 1).

    `units` are the good units a site makes of the item in each bucket; a bucket's
    yields are those reached with the units made before it (`yield_learning`), the
    operations weighed by their station hours at the first unit.
    """
    before = np.cumsum(units) - units
    planned = _hours_per_good_unit(
        item, {op.id: op.first_pass_yield for op in item.routing}
    )
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
