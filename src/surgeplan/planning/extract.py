"""Read a solved model back into the Plan's tidy records."""

from __future__ import annotations

import datetime as dt

import numpy as np

from surgeplan.planning.bottlenecks import find_bottlenecks
from surgeplan.planning.costs import plan_costs
from surgeplan.planning.earliest import earliest_buckets
from surgeplan.planning.formulation import PlanningModel
from surgeplan.planning.index import PlanningIndex
from surgeplan.planning.model_builder import FloatArray
from surgeplan.planning.plan import Plan, SolveStatus, SolverInfo
from surgeplan.planning.records import (
    BucketRecord,
    CapacityRecord,
    ConversionRecord,
    CoreRecord,
    InventoryRecord,
    LabourRecord,
    ProductionRecord,
    PurchaseRecord,
    ShiftChangeRecord,
    TransferRecord,
)
from surgeplan.planning.records_demand import delivery_records, milestone_records
from surgeplan.planning.rows_capacity import LearningFactors
from surgeplan.planning.rows_labour import labour_needed
from surgeplan.planning.solve import SolveResult, highs_version
from surgeplan.planning.variables import Weights
from surgeplan.scenario import scenario_hash

EPSILON = 1e-6


def _clean(values: FloatArray) -> FloatArray:
    """Solver noise below 1e-6 becomes zero, so tables and checks read cleanly."""
    cleaned = np.where(np.abs(values) < EPSILON, 0.0, values)
    return np.asarray(cleaned, dtype=float)


def extract_plan(
    index: PlanningIndex,
    model: PlanningModel,
    result: SolveResult,
    weights: Weights,
    factors: LearningFactors,
    *,
    allow_core_impact: bool,
    milp_gap: float | None,
    status: SolveStatus,
    learning_iterations: int,
    learning_change: float,
    build_seconds: float,
    solve_seconds: float,
    total_seconds: float,
) -> Plan:
    """The Plan of a solved model."""
    del factors
    values = _clean(result.columns)
    variables = model.variables
    scenario = index.scenario
    horizon = index.horizon
    block_of = np.arange(horizon) // variables.block_buckets

    production: list[ProductionRecord] = []
    program_hours = np.zeros((len(index.work_centers), horizon))
    for number, route in enumerate(index.routes):
        units = values[variables.route[number].columns]
        hours = model.hours[number]
        program_hours[route.work_center] += units * hours
        labour_per_unit = sum(model.labour[number].values(), np.zeros(horizon))
        work_center = index.work_centers[route.work_center]
        for bucket in np.nonzero(units > 0)[0]:
            production.append(
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

    capacity: list[CapacityRecord] = []
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
        core_hours = _core_hours(index, model, values, info.index)
        overtime = values[variables.overtime[info.index].columns]
        for bucket in range(horizon):
            total = available[bucket] + overtime[bucket]
            used = program_hours[info.index, bucket] + core_hours[bucket]
            capacity.append(
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

    labour: list[LabourRecord] = []
    needed = labour_needed(
        index, [block.columns for block in variables.route], model.labour, values
    )
    for key, pool in index.pools.items():
        hours_each = pool.hours_per_week * index.weeks * index.open_share[key[0]]
        qualified = values[variables.qualified[key].columns]
        extra = values[variables.labour_overtime[key].columns]
        worked = np.maximum(needed[key] - extra, 0.0)
        trainees = values[variables.trainees[key].columns]
        hires = values[variables.hires[key].columns]
        for bucket in range(horizon):
            labour.append(
                LabourRecord(
                    site=key[0],
                    skill=key[1],
                    bucket=bucket,
                    hours=float(worked[bucket]),
                    overtime_hours=float(extra[bucket]),
                    available_hours=float(qualified[bucket] * hours_each[bucket]),
                    headcount=float(qualified[bucket]),
                    trainees=float(trainees[bucket]),
                    hires=float(hires[bucket]),
                    volunteers=pool.volunteers,
                )
            )

    purchases = [
        PurchaseRecord(
            supplier=supply.supplier.id,
            item=supply.supplier.item,
            site=supply.site,
            bucket=int(bucket),
            arrival_bucket=int(bucket) + supply.lead_buckets,
            units=float(units[bucket]),
            cost_eur=float(units[bucket] * supply.supplier.unit_cost_eur),
        )
        for number, supply in enumerate(index.supply)
        for units in [values[variables.purchase[number].columns]]
        for bucket in np.nonzero(units > 0)[0]
    ]
    transfers = [
        TransferRecord(
            lane=route.lane.id,
            item=route.item,
            origin=route.lane.origin,
            destination=route.lane.destination,
            bucket=int(bucket),
            arrival_bucket=int(bucket) + route.lead_buckets,
            units=float(units[bucket]),
            cost_eur=float(units[bucket] * route.lane.cost_per_unit_eur),
        )
        for number, route in enumerate(index.lanes)
        for units in [values[variables.transfer[number].columns]]
        for bucket in np.nonzero(units > 0)[0]
    ]
    inventory = [
        InventoryRecord(
            item=key[0], site=key[1], bucket=int(bucket), units=float(units[bucket])
        )
        for key, block in variables.inventory.items()
        for units in [values[block.columns]]
        for bucket in np.nonzero(units > 0)[0]
    ]
    core = [
        CoreRecord(
            item=demand.item,
            site=demand.site,
            bucket=bucket,
            demand=float(demand.demand[bucket]),
            produced=float(made[bucket]),
            shortfall=float(short[bucket]),
        )
        for number, demand in enumerate(index.core)
        for made in [
            values[variables.make[(demand.item, demand.site)].columns]
            if (demand.item, demand.site) in variables.make
            else np.zeros(horizon)
        ]
        for short in [values[variables.shortfall[number].columns]]
        for bucket in range(horizon)
    ]
    conversions = _conversions(index, model, values)
    shift_changes = _shift_changes(index, model, values)
    bottlenecks = find_bottlenecks(index, model, result, weights)
    earliest = earliest_buckets(index, model)
    return Plan(
        scenario_name=scenario.program.name,
        scenario_hash=scenario_hash(scenario),
        currency=scenario.program.currency,
        time_bucket=scenario.program.time_bucket.value,
        allow_core_impact=allow_core_impact,
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        solver=SolverInfo(
            status=status,
            mip_gap=milp_gap,
            objective=result.objective,
            build_seconds=build_seconds,
            solve_seconds=solve_seconds,
            total_seconds=total_seconds,
            learning_iterations=learning_iterations,
            learning_change=learning_change,
            variables=result.variables,
            constraints=result.constraints,
            nonzeros=result.nonzeros,
            highs_version=highs_version(),
        ),
        buckets=[
            BucketRecord(index=b.index, start=b.start, end=b.end) for b in index.buckets
        ],
        production=production,
        capacity=capacity,
        labour=labour,
        purchases=purchases,
        transfers=transfers,
        inventory=inventory,
        deliveries=delivery_records(index, model, values),
        milestones=milestone_records(index, model, values, earliest, bottlenecks),
        core=core,
        conversions=conversions,
        shift_changes=shift_changes,
        costs=plan_costs(index, model, values, needed),
        bottlenecks=bottlenecks,
    )


def _core_hours(
    index: PlanningIndex, model: PlanningModel, values: FloatArray, work_center: int
) -> FloatArray:
    """Core hours on a work center: its own load, less what a conversion freed, plus
    what moved in from a converted work center."""
    info = index.work_centers[work_center]
    hours = np.zeros(index.horizon)
    for load in info.core_hours_by_capability.values():
        hours += load
    ready = np.arange(index.horizon)
    for conversion in info.conversions:
        starts = values[model.variables.conversion[conversion.index].columns]
        begun = np.arange(len(starts)) * model.variables.block_buckets
        active = np.array(
            [starts[begun + conversion.lead_buckets <= t].sum() for t in ready]
        )
        for capability in conversion.removes & set(info.core_hours_by_capability):
            hours -= info.core_hours_by_capability[capability] * active
    for (_source, _capability, target), block in model.variables.moved_core.items():
        if target == work_center:
            hours += values[block.columns]
    return np.maximum(hours, 0.0)


def _conversions(
    index: PlanningIndex, model: PlanningModel, values: FloatArray
) -> list[ConversionRecord]:
    records = []
    for conversion in index.conversions:
        starts = values[model.variables.conversion[conversion.index].columns]
        for block in np.nonzero(starts > 0.5)[0]:
            start = int(block) * model.variables.block_buckets
            ready = start + conversion.lead_buckets
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


def _shift_changes(
    index: PlanningIndex, model: PlanningModel, values: FloatArray
) -> list[ShiftChangeRecord]:
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
                        bucket=block * model.variables.block_buckets,
                        from_pattern=info.patterns[previous].id,
                        to_pattern=info.patterns[pattern].id,
                        cost_eur=info.patterns[pattern].switch_cost_eur,
                    )
                )
            previous = int(pattern)
    return records
