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

from surgeplan.scenario.items import Item, Operation
from surgeplan.scenario.model import Scenario


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
        # Counted at the start here; the simulation learns from the written yields.
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
