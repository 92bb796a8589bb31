"""Rows of a re-plan: each anchored decision may move from the old plan, at a price.

For every anchored quantity x(t) with old value a(t): x(t) - up(t) + down(t) = a(t),
up and down priced per unit at the frozen weight in the frozen buckets and at the
nervousness weight after them (see `replan_anchor`). Decisions with no old value
(a route the old plan never used) are anchored at zero.
"""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import SupplierSite
from surgeplan.planning.model.builder import ModelBuilder, VariableBlock
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.variables import ModelVariables, Weights


def add_anchor_rows(
    builder: ModelBuilder,
    index: PlanningIndex,
    variables: ModelVariables,
    weights: Weights,
) -> None:
    """Price every move of production and purchases away from the old plan."""
    anchor = index.anchor
    if anchor is None:
        return
    horizon = index.horizon
    cost = np.full(horizon, weights.late_per_unit_week * anchor.nervousness_share)
    cost[: anchor.frozen_buckets] = weights.late_per_unit_week * anchor.frozen_share
    for key, made in sorted(variables.make.items()):
        old = anchor.make_by_item_site.get(key, np.zeros(horizon))
        _anchor(builder, "make", key, made, old, cost)
    for number, route in enumerate(index.routes):
        work_center = index.work_centers[route.work_center].id
        route_key = (route.item, route.operation_id, route.site, work_center)
        old = anchor.route_units.get(route_key, np.zeros(horizon))
        # Where the work is done: only nervousness (the frozen weeks are kept on the
        # units made; which of two like work centers makes them is not a decision
        # worth breaking a plan for).
        _anchor(
            builder,
            "route",
            route_key,
            variables.route[number],
            old,
            np.full(horizon, weights.late_per_unit_week * anchor.nervousness_share),
        )
    for number, supply in enumerate(index.supply):
        supplier_site = SupplierSite(supply.supplier.id, supply.site)
        old = anchor.purchase_by_supplier_site.get(supplier_site, np.zeros(horizon))
        _anchor(
            builder, "purchase", supplier_site, variables.purchase[number], old, cost
        )


def _anchor(
    builder: ModelBuilder,
    family: str,
    key: tuple[str, ...],
    decision: VariableBlock,
    old: FloatArray,
    cost: FloatArray,
) -> None:
    time = np.arange(len(old))
    up = builder.add_variables(f"{family}_up", key, len(old), cost=cost)
    down = builder.add_variables(f"{family}_down", key, len(old), cost=cost)
    rows = builder.add_rows(f"{family}_anchor", key, len(old), lower=old, upper=old)
    builder.add_entries(rows.first + time, decision.columns, 1.0)
    builder.add_entries(rows.first + time, up.columns, -1.0)
    builder.add_entries(rows.first + time, down.columns, 1.0)
