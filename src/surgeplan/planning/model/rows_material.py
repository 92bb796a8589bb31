"""Constraints on material: stock balance through the BOM, supply, lanes and demand."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.keys import ItemSite
from surgeplan.planning.model.builder import ModelBuilder, delayed_entries
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.variables import ModelVariables
from surgeplan.planning.rules.opening_state import (
    arrivals_at_delivery_point,
    delivered_at_start,
)


def add_stock_balance(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """Stock(t) = stock(t-1) + made + bought + received - shipped - used by parents."""
    horizon = index.horizon
    time = np.arange(horizon)
    scenario = index.scenario
    used_by: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for item in scenario.items:
        for line in item.bom:
            used_by[line.item].append((item.id, line.quantity_per))
    site_ids = {site.id for site in scenario.sites}
    for key, stock in variables.inventory.items():
        item_id, site_id = key
        # Units of the opening state enter as fixed receipts (zero without one).
        receipts = index.receipts.get(key, np.zeros(horizon))
        rows = builder.add_rows("stock", key, horizon, lower=receipts, upper=receipts)
        row_ids = rows.first + time
        builder.add_entries(row_ids, stock.columns, 1.0)
        builder.add_entries(row_ids[1:], stock.columns[:-1], -1.0)
        made = variables.make.get(key)
        if made is not None:
            builder.add_entries(row_ids, made.columns, -1.0)
        for parent_id, quantity in used_by[item_id]:
            parent = variables.make.get(ItemSite(parent_id, site_id))
            if parent is not None:
                builder.add_entries(row_ids, parent.columns, quantity)
        for number, supply in enumerate(index.supply):
            if supply.supplier.item == item_id and supply.site == site_id:
                arrival, columns = delayed_entries(
                    variables.purchase[number].columns, supply.arrival_bucket, horizon
                )
                builder.add_entries(rows.first + arrival, columns, -1.0)
        for number, lane in enumerate(index.lanes):
            if lane.item != item_id:
                continue
            if lane.lane.origin == site_id:
                builder.add_entries(row_ids, variables.transfer[number].columns, 1.0)
            if lane.lane.destination == site_id and site_id in site_ids:
                arrival, columns = delayed_entries(
                    variables.transfer[number].columns, lane.arrival_bucket, horizon
                )
                builder.add_entries(rows.first + arrival, columns, -1.0)


def add_core_demand(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """Core products are made to demand at their site, week by week, or fall short."""
    time = np.arange(index.horizon)
    for number, core in enumerate(index.core):
        rows = builder.add_rows(
            "core_demand",
            (core.item, core.site),
            index.horizon,
            lower=core.demand,
            upper=core.demand,
        )
        made = variables.make.get(ItemSite(core.item, core.site))
        if made is not None:
            builder.add_entries(rows.first + time, made.columns, 1.0)
        builder.add_entries(rows.first + time, variables.shortfall[number].columns, 1.0)


def add_supply_limits(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """A supplier ships at most its capacity, in orders of at least its minimum."""
    horizon = index.horizon
    time = np.arange(horizon)
    by_supplier: dict[str, list[int]] = defaultdict(list)
    for number, supply in enumerate(index.supply):
        by_supplier[supply.supplier.id].append(number)
    for supplier_id, numbers in by_supplier.items():
        capacity = index.supply[numbers[0]].capacity_by_bucket
        rows = builder.add_rows(
            "supplier_capacity", (supplier_id,), horizon, upper=capacity
        )
        for number in numbers:
            builder.add_entries(
                rows.first + time, variables.purchase[number].columns, 1.0
            )
    if index.targets.reserve_share > 0:
        _add_supplier_reserve(builder, index, variables, by_supplier)
    for number, placed in variables.order_placed.items():
        supply = index.supply[number]
        minimum = supply.supplier.minimum_order_units
        purchase = variables.purchase[number].columns
        rows = builder.add_rows(
            "minimum_order", (supply.supplier.id, supply.site), horizon, lower=0.0
        )
        builder.add_entries(rows.first + time, purchase, 1.0)
        builder.add_entries(rows.first + time, placed.columns, -minimum)
        rows = builder.add_rows(
            "order_if_placed", (supply.supplier.id, supply.site), horizon, upper=0.0
        )
        builder.add_entries(rows.first + time, purchase, 1.0)
        builder.add_entries(
            rows.first + time, placed.columns, -supply.capacity_by_bucket
        )


def add_lane_limits(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """A lane carries at most its weekly capacity, all items together."""
    time = np.arange(index.horizon)
    by_lane: dict[str, list[int]] = defaultdict(list)
    for number, route in enumerate(index.lanes):
        if route.lane.capacity_units_per_week is not None:
            by_lane[route.lane.id].append(number)
    for lane_id, numbers in by_lane.items():
        lane = index.lanes[numbers[0]].lane
        assert lane.capacity_units_per_week is not None
        rows = builder.add_rows(
            "lane_capacity",
            (lane_id,),
            index.horizon,
            upper=lane.capacity_units_per_week * index.weeks,
        )
        for number in numbers:
            builder.add_entries(
                rows.first + time, variables.transfer[number].columns, 1.0
            )


def add_deliveries(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """Cumulative deliveries at each delivery point; the backlog of each milestone.

    Between a milestone's aim bucket (its due bucket less the planning buffer) and
    its due bucket, units short of the quantity are counted too, at a lower weight.
    """
    horizon = index.horizon
    time = np.arange(horizon)
    for group_number, group in enumerate(index.groups):
        cumulative = variables.delivered[group_number].columns
        # Units delivered before the start count toward the (cumulative) milestones.
        opening = index.scenario.opening_state
        start = arrivals_at_delivery_point(
            opening, index.scenario, index.buckets, group.item, group.delivery_point
        )
        start[0] += delivered_at_start(opening, group.item, group.delivery_point)
        rows = builder.add_rows(
            "delivered",
            (group.item, group.delivery_point),
            horizon,
            lower=start,
            upper=start,
        )
        builder.add_entries(rows.first + time, cumulative, 1.0)
        builder.add_entries(rows.first + time[1:], cumulative[:-1], -1.0)
        for number, route in enumerate(index.lanes):
            if (
                route.item == group.item
                and route.lane.destination == group.delivery_point
            ):
                arrival, columns = delayed_entries(
                    variables.transfer[number].columns, route.arrival_bucket, horizon
                )
                builder.add_entries(rows.first + arrival, columns, -1.0)
        for number, milestone in enumerate(group.milestones):
            due = group.due_buckets[number]
            backlog = variables.backlog[(group_number, number)].columns
            rows = builder.add_rows(
                "milestone",
                (milestone.id,),
                horizon - due,
                lower=milestone.quantity_in_force,
            )
            span = np.arange(horizon - due)
            builder.add_entries(rows.first + span, backlog, 1.0)
            builder.add_entries(rows.first + span, cumulative[due:], 1.0)
            family = index.family.get(milestone.id, ())
            for other in family:
                others = variables.delivered[other].columns
                builder.add_entries(rows.first + span, others[due:], 1.0)
            short = variables.short_of_aim.get((group_number, number))
            if short is None:
                continue
            aim = group.aim_buckets[number]
            rows = builder.add_rows(
                "milestone_aim",
                (milestone.id,),
                due - aim,
                lower=milestone.quantity_in_force,
            )
            span = np.arange(due - aim)
            builder.add_entries(rows.first + span, short.columns, 1.0)
            builder.add_entries(rows.first + span, cumulative[aim:due], 1.0)
            for other in family:
                others = variables.delivered[other].columns
                builder.add_entries(rows.first + span, others[aim:due], 1.0)


def _add_supplier_reserve(
    builder: ModelBuilder,
    index: PlanningIndex,
    variables: ModelVariables,
    by_supplier: dict[str, list[int]],
) -> None:
    """A share of each supplier's capacity stays unordered, or its shortfall is paid.

    A late run catches up only as far as every part of its chain has room: a supplier
    ordered to capacity leaves none, whatever the plants keep free.
    """
    horizon = index.horizon
    time = np.arange(horizon)
    kept = index.targets.kept_share
    for supplier_id, numbers in by_supplier.items():
        capacity = index.supply[numbers[0]].capacity_by_bucket
        rows = builder.add_rows(
            "supplier_reserve", (supplier_id,), horizon, upper=capacity * kept
        )
        for number in numbers:
            builder.add_entries(
                rows.first + time, variables.purchase[number].columns, 1.0
            )
        builder.add_entries(
            rows.first + time,
            variables.supplier_reserve_short[supplier_id].columns,
            -1.0,
        )
