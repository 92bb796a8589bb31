"""Constraints on work centers: routings, station hours, shift patterns, conversions."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.keys import ItemSite
from surgeplan.planning.model.builder import ModelBuilder
from surgeplan.planning.model.index import PlanningIndex, WorkCenterInfo
from surgeplan.planning.model.variables import ModelVariables

LearningFactors = dict[ItemSite, FloatArray]


def route_hours(index: PlanningIndex, factors: LearningFactors) -> list[FloatArray]:
    """Station hours per unit of each route in each bucket, learning included."""
    return [
        route.hours_per_unit
        * factors[ItemSite(route.item, route.site)]
        * route.efficiency_penalty
        + route.setup_hours_per_unit
        for route in index.routes
    ]


def active_entries(
    variables: ModelVariables, conversion: int, horizon: int
) -> tuple[IntArray, IntArray]:
    """(bucket, column) of the 'conversion done' variable of each bucket."""
    return np.arange(horizon), variables.conversion_active[conversion].columns


def add_conversion_progress(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """Done(t) = done(t-1) + the start whose lead time ends at t; at most one start."""
    horizon = index.horizon
    time = np.arange(horizon)
    starts = variables.block_starts
    for conversion in index.conversions:
        done = variables.conversion_active[conversion.index].columns
        start = variables.conversion[conversion.index].columns
        rows = builder.add_rows(
            "conversion_done", (conversion.id,), horizon, lower=0.0, upper=0.0
        )
        builder.add_entries(rows.first + time, done, 1.0)
        builder.add_entries(rows.first + time[1:], done[:-1], -1.0)
        ready = conversion.ready_bucket[starts]
        usable = ready < horizon
        builder.add_entries(rows.first + ready[usable], start[usable], -1.0)


def add_routing_balance(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """Every operation of an item made at a site is done for each unit made there."""
    horizon = index.horizon
    steps: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for number, route in enumerate(index.routes):
        steps[(route.item, route.site, route.operation_index)].append(number)
    time = np.arange(horizon)
    for (item_id, site_id, operation_index), numbers in steps.items():
        rows = builder.add_rows(
            "routing",
            (item_id, site_id, operation_index),
            horizon,
            lower=0.0,
            upper=0.0,
        )
        row_ids = rows.first + time
        builder.add_entries(
            row_ids, variables.make[ItemSite(item_id, site_id)].columns, -1.0
        )
        for number in numbers:
            builder.add_entries(row_ids, variables.route[number].columns, 1.0)


def capacity_limit(index: PlanningIndex, work_center: int) -> FloatArray:
    """The most effective hours a work center could have in each bucket."""
    info = index.work_centers[work_center]
    most = np.max([pattern.effective_hours for pattern in info.patterns], axis=0)
    return np.asarray(most + info.overtime_hours, dtype=float)


def add_station_capacity(
    builder: ModelBuilder,
    index: PlanningIndex,
    variables: ModelVariables,
    hours: list[FloatArray],
) -> None:
    """Program and core hours fit in the hours the shift pattern and overtime give."""
    for info in index.work_centers:
        _station_rows(builder, index, variables, hours, info, "capacity", 1.0)


def add_station_reserve(
    builder: ModelBuilder,
    index: PlanningIndex,
    variables: ModelVariables,
    hours: list[FloatArray],
) -> None:
    """A share of the program's station hours is kept free, or its shortfall paid for.

    The same rows as the capacity's with each program hour weighing 1/kept of an hour,
    less an hour of `reserve_short` for each hour of reserve the plan gives up. The
    capacity rows stay as they are, so the reserve never makes a plan late: it buys
    capacity (a shift, a conversion) where that costs less than the reserve's weight,
    and is given up where capacity runs out.
    """
    weight = 1.0 / index.targets.kept_share
    for info in index.work_centers:
        row_ids = _station_rows(
            builder, index, variables, hours, info, "capacity_reserve", weight
        )
        builder.add_entries(
            row_ids, variables.station_reserve_short[info.index].columns, -1.0
        )


def _station_rows(
    builder: ModelBuilder,
    index: PlanningIndex,
    variables: ModelVariables,
    hours: list[FloatArray],
    info: WorkCenterInfo,
    family: str,
    program_weight: float,
) -> IntArray:
    """One work center's hour balance per bucket, program hours weighted; row ids."""
    horizon = index.horizon
    time = np.arange(horizon)
    core_items = {core.item for core in index.core}
    core_fixed = np.zeros(horizon)
    for capability_hours in info.core_hours_by_capability.values():
        core_fixed += capability_hours
    patterned = len(info.patterns) > 1
    upper = -core_fixed if patterned else info.patterns[0].effective_hours - core_fixed
    rows = builder.add_rows(family, info.key, horizon, upper=upper)
    row_ids = rows.first + time
    for number, route in enumerate(index.routes):
        if route.work_center != info.index:
            continue
        # Core products routed here keep their own hours: the reserve is the program's.
        weight = 1.0 if route.item in core_items else program_weight
        builder.add_entries(
            row_ids, variables.route[number].columns, hours[number] * weight
        )
    builder.add_entries(row_ids, variables.overtime[info.index].columns, -1.0)
    if patterned:
        for number, pattern in enumerate(info.patterns):
            columns = variables.pattern[(info.index, number)].columns[
                variables.block_of
            ]
            builder.add_entries(row_ids, columns, -pattern.effective_hours)
    for conversion in info.conversions:
        for capability in conversion.removes & set(info.core_hours_by_capability):
            load = info.core_hours_by_capability[capability]
            buckets, columns = active_entries(variables, conversion.index, horizon)
            # A done conversion frees the core hours of the lost capability here.
            builder.add_entries(rows.first + buckets, columns, -load[buckets])
    for (_owner, _capability, target), block in variables.moved_core.items():
        if target == info.index:
            builder.add_entries(row_ids, block.columns, 1.0)
    return row_ids


def add_moved_core_load(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """Core load on a capability a conversion removes moves to another work center."""
    horizon = index.horizon
    for conversion in index.conversions:
        owner = next(
            info
            for info in index.work_centers
            if info.key == (conversion.site, conversion.work_center)
        )
        for capability in conversion.removes & set(owner.core_hours_by_capability):
            load = owner.core_hours_by_capability[capability]
            rows = builder.add_rows(
                "core_moved", (*owner.key, capability), horizon, lower=0.0
            )
            for (
                source,
                moved_capability,
                _target,
            ), block in variables.moved_core.items():
                if source == owner.index and moved_capability == capability:
                    builder.add_entries(
                        rows.first + np.arange(horizon), block.columns, 1.0
                    )
            buckets, columns = active_entries(variables, conversion.index, horizon)
            builder.add_entries(rows.first + buckets, columns, -load[buckets])


def add_conversion_gates(
    builder: ModelBuilder,
    index: PlanningIndex,
    variables: ModelVariables,
    hours: list[FloatArray],
) -> None:
    """A capability a conversion adds is usable only once it is done.

    One it removes is usable only before; a conversion starts at most once.
    """
    horizon = index.horizon
    time = np.arange(horizon)
    for conversion in range(len(index.conversions)):
        builder.add_rows("conversion_once", (conversion,), 1, upper=1.0)
        builder.add_entries(
            builder.num_rows - 1, variables.conversion[conversion].columns, 1.0
        )
    add_conversion_progress(builder, index, variables)
    for number, route in enumerate(index.routes):
        if not route.needs_conversions and not route.lost_by_conversions:
            continue
        limit = capacity_limit(index, route.work_center)
        if route.needs_conversions:
            rows = builder.add_rows("needs_conversion", (number,), horizon, upper=0.0)
            builder.add_entries(
                rows.first + time, variables.route[number].columns, hours[number]
            )
            for conversion in route.needs_conversions:
                buckets, columns = active_entries(variables, conversion, horizon)
                builder.add_entries(rows.first + buckets, columns, -limit[buckets])
        if route.lost_by_conversions:
            rows = builder.add_rows(
                "lost_by_conversion", (number,), horizon, upper=limit
            )
            builder.add_entries(
                rows.first + time, variables.route[number].columns, hours[number]
            )
            for conversion in route.lost_by_conversions:
                buckets, columns = active_entries(variables, conversion, horizon)
                builder.add_entries(rows.first + buckets, columns, limit[buckets])


def add_shift_patterns(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """One pattern per work center and decision block; a switch is paid when made."""
    blocks = np.arange(variables.blocks)
    for info in index.work_centers:
        if len(info.patterns) <= 1:
            continue
        rows = builder.add_rows(
            "one_pattern", info.key, variables.blocks, lower=1.0, upper=1.0
        )
        for number in range(len(info.patterns)):
            builder.add_entries(
                rows.first + blocks,
                variables.pattern[(info.index, number)].columns,
                1.0,
            )
        for number in range(len(info.patterns)):
            on = variables.pattern[(info.index, number)].columns
            switch = variables.switch[(info.index, number)].columns
            initial = 1.0 if number == info.initial_pattern else 0.0
            lower = np.zeros(variables.blocks)
            lower[0] = -initial
            rows = builder.add_rows(
                "switch", (*info.key, number), variables.blocks, lower=lower
            )
            builder.add_entries(rows.first + blocks, switch, 1.0)
            builder.add_entries(rows.first + blocks, on, -1.0)
            builder.add_entries(rows.first + blocks[1:], on[:-1], 1.0)
