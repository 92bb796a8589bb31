"""Read a solved model back into the Plan's tidy records."""

from __future__ import annotations

import datetime as dt

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite, SitePool
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.rows_labour import labour_needed
from surgeplan.planning.model.rows_loans import people_moved_values
from surgeplan.planning.model.variables import Weights
from surgeplan.planning.results.plan import Plan, SolverInfo
from surgeplan.planning.results.records import (
    BucketRecord,
    CoreRecord,
    InventoryRecord,
    LabourRecord,
    PurchaseRecord,
    TransferRecord,
)
from surgeplan.planning.results.records_confidence import AimRecord, TargetsRecord
from surgeplan.planning.solution.bottlenecks import find_bottlenecks
from surgeplan.planning.solution.costs import plan_costs
from surgeplan.planning.solution.records_capacity import (
    capacity_records,
    conversion_records,
    production_records,
    shift_change_records,
)
from surgeplan.planning.solution.records_demand import (
    delivery_records,
    milestone_records,
)
from surgeplan.planning.solve.highs import SolveResult
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
    *,
    allow_core_impact: bool,
    earliest: dict[str, int | None],
    solver: SolverInfo,
) -> Plan:
    """The Plan of a solved model, with how the planner found it."""
    values = _clean(result.columns)
    variables = model.variables
    scenario = index.scenario
    horizon = index.horizon
    production, program_hours, core_routed = production_records(index, model, values)
    capacity = capacity_records(index, model, values, program_hours, core_routed)
    needed = labour_needed(
        index, [block.columns for block in variables.route], model.labour, values
    )
    labour = _labour_records(index, model, values, needed)
    purchases = [
        PurchaseRecord(
            supplier=supply.supplier.id,
            item=supply.supplier.item,
            site=supply.site,
            bucket=int(bucket),
            arrival_bucket=int(supply.arrival_bucket[bucket]),
            units=float(units[bucket]),
            cost_eur=float(units[bucket] * supply.supplier.unit_cost),
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
            arrival_bucket=int(route.arrival_bucket[bucket]),
            units=float(units[bucket]),
            cost_eur=float(units[bucket] * route.lane.cost_per_unit),
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
            values[variables.make[ItemSite(demand.item, demand.site)].columns]
            if ItemSite(demand.item, demand.site) in variables.make
            else np.zeros(horizon)
        ]
        for short in [values[variables.shortfall[number].columns]]
        for bucket in range(horizon)
    ]
    conversions = conversion_records(index, model, values)
    shift_changes = shift_change_records(index, model, values)
    bottlenecks = find_bottlenecks(index, model, result, weights)
    return Plan(
        scenario_name=scenario.program.name,
        scenario_hash=scenario_hash(index.stated_scenario or scenario),
        currency=scenario.program.currency,
        time_bucket=scenario.program.time_bucket.value,
        allow_core_impact=allow_core_impact,
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        solver=solver,
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
        targets=_targets_record(index),
        bottlenecks=bottlenecks,
    )


def _labour_records(
    index: PlanningIndex,
    model: PlanningModel,
    values: FloatArray,
    needed: dict[SitePool, FloatArray],
) -> list[LabourRecord]:
    """Hours, headcount, trainees and hires of each skill pool in each bucket."""
    variables = model.variables
    horizon = index.horizon
    labour: list[LabourRecord] = []
    loans_lent, loans_borrowed = people_moved_values(variables.loans, values, horizon)
    for key, pool in index.pools.items():
        hours_each = (
            pool.hours_per_person_week * index.weeks * index.open_share[key.site]
        )
        qualified = values[variables.qualified[key].columns]
        extra = values[variables.labour_overtime[key].columns]
        worked = np.maximum(needed[key] - extra, 0.0)
        trainees = values[variables.trainees[key].columns]
        hires = values[variables.hires[key].columns]
        lent, borrowed = loans_lent[key], loans_borrowed[key]
        working_here = qualified - lent + borrowed
        for bucket in range(horizon):
            labour.append(
                LabourRecord(
                    site=key.site,
                    skill=key.skill,
                    bucket=bucket,
                    hours=float(worked[bucket]),
                    overtime_hours=float(extra[bucket]),
                    available_hours=float(working_here[bucket] * hours_each[bucket]),
                    headcount=float(qualified[bucket]),
                    trainees=float(trainees[bucket]),
                    hires=float(hires[bucket]),
                    volunteers=pool.volunteers,
                    people_lent=float(lent[bucket]),
                    people_borrowed=float(borrowed[bucket]),
                )
            )
    return labour


def _targets_record(index: PlanningIndex) -> TargetsRecord | None:
    """The margins the plan was asked to keep; None for a plan without targets."""
    targets = index.targets
    if targets.is_empty:
        return None
    aims = [
        AimRecord(
            milestone=milestone.id,
            weeks_ahead=targets.aim_weeks_ahead[milestone.id],
            aim_bucket=group.aim_buckets[number],
            aim_date=index.buckets[group.aim_buckets[number]].end,
        )
        for group in index.groups
        for number, milestone in enumerate(group.milestones)
        if milestone.id in group.targeted
    ]
    return TargetsRecord(reserve_share=targets.reserve_share, aims=aims)
