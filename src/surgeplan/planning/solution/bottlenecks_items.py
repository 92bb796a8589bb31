"""Which bottlenecks hold an item back: those of resources it or its parts use.

A late milestone is "held back by" the tightest limits of its own item's supply chain;
a labour pool of another product, one that is on time, is not named for it (issue 20).
"""

from __future__ import annotations

from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.results.records import BottleneckKind, BottleneckRecord

VOLUNTEERS_SUFFIX = " volunteers"


def items_within(index: PlanningIndex, item_id: str) -> set[str]:
    """The item and every part of its bill of materials, however deep."""
    bom = {item.id: [line.item for line in item.bom] for item in index.scenario.items}
    found: set[str] = set()
    waiting = [item_id]
    while waiting:
        current = waiting.pop()
        if current not in found:
            found.add(current)
            waiting.extend(bom.get(current, []))
    return found


def holds_back(index: PlanningIndex, record: BottleneckRecord, items: set[str]) -> bool:
    """Whether the bottleneck's resource serves any of `items`.

    Lanes are kept: goods of several items may share one, and a lane names no item.
    """
    routes = [route for route in index.routes if route.item in items]
    if record.kind is BottleneckKind.WORK_CENTER:
        return any(
            index.work_centers[route.work_center].key == (record.site, record.resource)
            for route in routes
        )
    if record.kind in (BottleneckKind.LABOUR, BottleneckKind.TRAINING):
        skill = record.resource.removesuffix(VOLUNTEERS_SUFFIX)
        return any(
            route.site == record.site and skill in route.labour_hours_by_skill
            for route in routes
        )
    if record.kind is BottleneckKind.SUPPLIER:
        return any(
            supply.supplier.id == record.resource and supply.supplier.item in items
            for supply in index.supply
        )
    return True
