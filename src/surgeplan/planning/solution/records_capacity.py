"""Work-center records of a solved model: production, hours, conversions, shifts."""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.results.records import (
    CapacityRecord,
    ConversionRecord,
    ProductionRecord,
    ShiftChangeRecord,
)
from surgeplan.scenario import ItemKind

EPSILON = 1e-6


def production_records(
    index: PlanningIndex, model: PlanningModel, values: FloatArray
) -> tuple[list[ProductionRecord], FloatArray, FloatArray]:
    """Units of each route in each bucket, and each work center's hours.

    Returns the records, the program hours and the hours of routed core products.
    """
    variables = model.variables
    horizon = index.horizon
    records: list[ProductionRecord] = []
    program_hours = np.zeros((len(index.work_centers), horizon))
    core_routed_hours = np.zeros((len(index.work_centers), horizon))
    core_items = {item.id for item in index.scenario.items_of_kind(ItemKind.CORE)}
    for number, route in enumerate(index.routes):
        units = values[variables.route[number].columns]
        hours = model.hours[number]
        if route.item in core_items:
            core_routed_hours[route.work_center] += units * hours
        else:
            program_hours[route.work_center] += units * hours
        labour_per_unit = sum(model.labour[number].values(), np.zeros(horizon))
        work_center = index.work_centers[route.work_center]
        for bucket in np.nonzero(units > 0)[0]:
            records.append(
                ProductionRecord(
                    item=route.item,
                    operation=route.operation_id,
                    site=route.site,
                    work_center=work_center.id,
                    bucket=int(bucket),
                    units=float(units[bucket]),
                    hours=float(units[bucket] * hours[bucket]),
                    labour_hours=float(units[bucket] * labour_per_unit[bucket]),
                    hours_per_unit=float(hours[bucket]),
                )
            )
    return records, program_hours, core_routed_hours


def capacity_records(
    index: PlanningIndex,
    model: PlanningModel,
    values: FloatArray,
    program_hours: FloatArray,
    core_routed_hours: FloatArray,
) -> list[CapacityRecord]:
    """Hours of each work center in each bucket: its shift pattern's, and their use."""
    variables = model.variables
    horizon = index.horizon
    block_of = variables.block_of
    records: list[CapacityRecord] = []
    for info in index.work_centers:
        chosen = np.full(horizon, info.initial_pattern)
        if len(info.patterns) > 1:
            on = np.stack(
                [
                    values[variables.pattern[(info.index, n)].columns]
                    for n in range(len(info.patterns))
                ]
            )
            chosen = np.argmax(on, axis=0)[block_of]
        available = np.array(
            [info.patterns[chosen[t]].effective_hours[t] for t in range(horizon)]
        )
        core_hours = (
            _core_hours(index, model, values, info.index)
            + core_routed_hours[info.index]
        )
        overtime = values[variables.overtime[info.index].columns]
        for bucket in range(horizon):
            total = available[bucket] + overtime[bucket]
            used = program_hours[info.index, bucket] + core_hours[bucket]
            records.append(
                CapacityRecord(
                    site=info.site,
                    work_center=info.id,
                    bucket=bucket,
                    shift_pattern=info.patterns[chosen[bucket]].id,
                    available_hours=float(available[bucket]),
                    overtime_hours=float(overtime[bucket]),
                    program_hours=float(program_hours[info.index, bucket]),
                    core_hours=float(core_hours[bucket]),
                    utilisation=float(used / total) if total > EPSILON else 0.0,
                )
            )
    return records


def _core_hours(
    index: PlanningIndex, model: PlanningModel, values: FloatArray, work_center: int
) -> FloatArray:
    """Core hours on a work center in each bucket.

    Its own core load, less what a done conversion freed, plus what moved in from a
    converted work center.
    """
    info = index.work_centers[work_center]
    hours = np.zeros(index.horizon)
    for load in info.core_hours_by_capability.values():
        hours += load
    ready = np.arange(index.horizon)
    for conversion in info.conversions:
        starts = values[model.variables.conversion[conversion.index].columns]
        done_in = conversion.ready_bucket[model.variables.block_starts]
        active = np.array([starts[done_in <= t].sum() for t in ready])
        for capability in conversion.removes & set(info.core_hours_by_capability):
            hours -= info.core_hours_by_capability[capability] * active
    for (_source, _capability, target), block in model.variables.moved_core.items():
        if target == work_center:
            hours += values[block.columns]
    return np.maximum(hours, 0.0)


def conversion_records(
    index: PlanningIndex, model: PlanningModel, values: FloatArray
) -> list[ConversionRecord]:
    """The conversions the plan starts, with the bucket each is ready in."""
    records = []
    for conversion in index.conversions:
        starts = values[model.variables.conversion[conversion.index].columns]
        for block in np.nonzero(starts > 0.5)[0]:
            start = int(model.variables.block_starts[block])
            ready = int(conversion.ready_bucket[start])
            records.append(
                ConversionRecord(
                    site=conversion.site,
                    work_center=conversion.work_center,
                    conversion=conversion.id,
                    start_bucket=start,
                    ready_bucket=ready,
                    ready_date=index.buckets[min(ready, index.horizon - 1)].start,
                    capex_eur=conversion.capex_eur,
                )
            )
    return records


def shift_change_records(
    index: PlanningIndex, model: PlanningModel, values: FloatArray
) -> list[ShiftChangeRecord]:
    """Every move of a work center to another shift pattern, with its cost."""
    records = []
    for info in index.work_centers:
        if len(info.patterns) <= 1:
            continue
        on = np.stack(
            [
                values[model.variables.pattern[(info.index, n)].columns]
                for n in range(len(info.patterns))
            ]
        )
        chosen = np.argmax(on, axis=0)
        previous = info.initial_pattern
        for block, pattern in enumerate(chosen):
            if pattern != previous:
                records.append(
                    ShiftChangeRecord(
                        site=info.site,
                        work_center=info.id,
                        bucket=int(model.variables.block_starts[block]),
                        from_pattern=info.patterns[previous].id,
                        to_pattern=info.patterns[pattern].id,
                        cost_eur=info.patterns[pattern].switch_cost_eur,
                    )
                )
            previous = int(pattern)
    return records
