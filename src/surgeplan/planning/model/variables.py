"""The planning model's variables, created in blocks per family and key."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from surgeplan.arrays import IntArray
from surgeplan.keys import ItemSite, SitePool
from surgeplan.planning.model.builder import ModelBuilder, VariableBlock
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.milestones_family import (
    AS_EARLY_AS_POSSIBLE_SHARE_OF_LATENESS,
)
from surgeplan.planning.model.rows_loans import LoanVariables, add_loan_variables
from surgeplan.planning.rules.workforce_terms import (
    hire_cost,
    hire_limits,
    hours_each,
    overtime_hourly_cost,
    salary_by_bucket,
)
from surgeplan.planning.targets import AIM_SHARE_OF_LATENESS
from surgeplan.scenario import ItemKind
from surgeplan.scenario.program import TimeBucket

KEUR = 1000.0
# An hour of reserve weighs `reserve_short_per_hour`; a unit of supplier reserve as
# many hours as a unit of the product takes at its floor (about ten).
SUPPLY_RESERVE_HOURS_PER_UNIT = (
    10.0  # objective in thousands of EUR keeps coefficients well scaled
)


@dataclass(frozen=True)
class Weights:
    """Objective weights, in kEUR, that make the objective lexicographic in effect.

    One unit-week late outweighs any saving a plan could make on one unit; one unit of
    core demand lost (when allowed at all) outweighs any cost but weighs less than
    lateness; one unit-week short of a milestone's aim (inside the planning buffer,
    before the due date) weighs a tenth of a unit's price, more than holding or
    overtime usually save: first milestones, then core production, then the planning
    buffer, then cost.
    """

    late_per_unit_week: float
    core_per_unit: float
    short_of_aim_per_unit_week: float
    # An hour of a plan's reserve given up weighs a hundredth of a unit-week short of
    # a targeted aim (a unit takes tens of hours): aims come first, then the reserve,
    # which still outweighs what a shift, a trainee or a conversion costs an hour.
    reserve_short_per_hour: float = 0.0
    tail_weeks: float = 8.0
    # Among plans equal on all else, deliver earlier: 1 EUR per unit and week early.
    early_per_unit_week: float = 1.0 / KEUR


def make_weights(index: PlanningIndex) -> Weights:
    """Weights scaled to the program's unit value."""
    price_keur = index.scenario.economics.unit_price / KEUR
    late = 100.0 * max(price_keur, 1.0)
    return Weights(
        late_per_unit_week=late,
        core_per_unit=late / 10.0,
        short_of_aim_per_unit_week=late / 1000.0,
        reserve_short_per_hour=late * AIM_SHARE_OF_LATENESS / 100.0,
    )


def decision_block_starts(index: PlanningIndex) -> IntArray:
    """First bucket of each block of shift-pattern and conversion decisions.

    In week and month buckets every bucket is a block: a conversion or a shift change
    starts in the very week it can (one per longer bucket after `detailed_weeks`). Day
    buckets keep blocks of a week from the program's start, to keep the model lean,
    but a block also begins where a conversion or a shift pattern first becomes
    possible, so none of them waits for the next week.
    """
    if index.scenario.program.time_bucket is not TimeBucket.DAY:
        return np.arange(index.horizon, dtype=np.int64)
    starts = {
        bucket.index
        for bucket in index.buckets
        if (bucket.start - index.buckets[0].start).days % 7 == 0
    }
    starts.update(
        conversion.earliest_bucket
        for conversion in index.conversions
        if conversion.earliest_bucket < index.horizon
    )
    for info in index.work_centers:
        starts.update(
            pattern.first_bucket
            for pattern in info.patterns
            if pattern.first_bucket < index.horizon
        )
    return np.array(sorted(starts), dtype=np.int64)


@dataclass
class ModelVariables:
    """Every variable block of the model, by family and key."""

    block_starts: IntArray
    block_of: IntArray
    make: dict[ItemSite, VariableBlock] = field(default_factory=dict)
    route: list[VariableBlock] = field(default_factory=list)
    inventory: dict[ItemSite, VariableBlock] = field(default_factory=dict)
    purchase: list[VariableBlock] = field(default_factory=list)
    order_placed: dict[int, VariableBlock] = field(default_factory=dict)
    transfer: list[VariableBlock] = field(default_factory=list)
    delivered: list[VariableBlock] = field(default_factory=list)
    backlog: dict[tuple[int, int], VariableBlock] = field(default_factory=dict)
    short_of_aim: dict[tuple[int, int], VariableBlock] = field(default_factory=dict)
    shortfall: list[VariableBlock] = field(default_factory=list)
    pattern: dict[tuple[int, int], VariableBlock] = field(default_factory=dict)
    switch: dict[tuple[int, int], VariableBlock] = field(default_factory=dict)
    overtime: list[VariableBlock] = field(default_factory=list)
    conversion: list[VariableBlock] = field(default_factory=list)
    conversion_active: list[VariableBlock] = field(default_factory=list)
    moved_core: dict[tuple[int, str, int], VariableBlock] = field(default_factory=dict)
    labour: dict[SitePool, VariableBlock] = field(default_factory=dict)
    labour_overtime: dict[SitePool, VariableBlock] = field(default_factory=dict)
    qualified: dict[SitePool, VariableBlock] = field(default_factory=dict)
    # Hours of the plan's reserve given up (only with a reserve in its targets).
    station_reserve_short: dict[int, VariableBlock] = field(default_factory=dict)
    labour_reserve_short: dict[SitePool, VariableBlock] = field(default_factory=dict)
    supplier_reserve_short: dict[str, VariableBlock] = field(default_factory=dict)
    trainees: dict[SitePool, VariableBlock] = field(default_factory=dict)
    hires: dict[SitePool, VariableBlock] = field(default_factory=dict)
    loans: list[LoanVariables] = field(default_factory=list)

    @property
    def blocks(self) -> int:
        """Number of decision blocks."""
        return len(self.block_starts)

    def block_end(self, block: int) -> int:
        """First bucket after `block` (the horizon for the last block)."""
        if block + 1 < len(self.block_starts):
            return int(self.block_starts[block + 1])
        return len(self.block_of)


def add_variables(
    builder: ModelBuilder,
    index: PlanningIndex,
    weights: Weights,
    *,
    allow_core_impact: bool,
) -> ModelVariables:
    """Create every variable with its bounds and cost."""
    horizon = index.horizon
    weeks = index.weeks
    scenario = index.scenario
    block_starts = decision_block_starts(index)
    block_of = np.searchsorted(block_starts, np.arange(horizon), side="right") - 1
    found = ModelVariables(block_starts=block_starts, block_of=block_of)
    core_items = {item.id for item in scenario.items_of_kind(ItemKind.CORE)}

    for item_id, sites in index.made_at.items():
        material = scenario.item(item_id).material_cost_per_unit / KEUR
        for site_id in sites:
            found.make[ItemSite(item_id, site_id)] = builder.add_variables(
                "make", ItemSite(item_id, site_id), horizon, cost=material
            )
    for route in index.routes:
        work_center = index.work_centers[route.work_center]
        found.route.append(
            builder.add_variables(
                "produce",
                (route.item, route.operation_id, route.site, work_center.id),
                horizon,
            )
        )
    for item_id, site_id in index.stock_points:
        if item_id in core_items:
            continue
        holding = scenario.item(item_id).holding_cost_per_unit_week * weeks / KEUR
        found.inventory[ItemSite(item_id, site_id)] = builder.add_variables(
            "inventory", ItemSite(item_id, site_id), horizon, cost=holding
        )
    for number, supply in enumerate(index.supply):
        usable = supply.arrival_bucket < horizon
        capacity = np.where(usable, supply.capacity_by_bucket, 0.0)
        found.purchase.append(
            builder.add_variables(
                "purchase",
                (supply.supplier.id, supply.site),
                horizon,
                upper=capacity,
                cost=supply.supplier.unit_cost / KEUR,
            )
        )
        if supply.supplier.minimum_order_units > 0:
            found.order_placed[number] = builder.add_variables(
                "order_placed",
                (supply.supplier.id, supply.site),
                horizon,
                upper=np.where(usable, 1.0, 0.0),
                integer=True,
            )
    for lane_route in index.lanes:
        usable = lane_route.arrival_bucket < horizon
        found.transfer.append(
            builder.add_variables(
                "transfer",
                (lane_route.lane.id, lane_route.item),
                horizon,
                upper=np.where(usable, np.inf, 0.0),
                cost=lane_route.lane.cost_per_unit / KEUR,
            )
        )
    for group_number, group in enumerate(index.groups):
        found.delivered.append(
            builder.add_variables(
                "delivered",
                (group.item, group.delivery_point),
                horizon,
                cost=-weights.early_per_unit_week * weeks,
            )
        )
        for number, milestone in enumerate(group.milestones):
            due = group.due_buckets[number]
            late_weeks = weeks[due:].copy()
            late_weeks[-1] += weights.tail_weeks
            penalty = milestone.late_penalty_per_unit_week / KEUR
            # A capable-to-promise question weighs less than the commitments.
            share = (
                1.0
                if index.anchor is None
                else index.anchor.lateness_share(milestone.id)
            )
            found.backlog[(group_number, number)] = builder.add_variables(
                "backlog",
                (milestone.id,),
                horizon - due,
                cost=late_weeks * (weights.late_per_unit_week + penalty) * share,
            )
            aim = group.aim_buckets[number]
            if aim < due:
                short_weight = (
                    weights.late_per_unit_week * AIM_SHARE_OF_LATENESS
                    if milestone.id in group.targeted
                    else weights.short_of_aim_per_unit_week
                )
                if milestone.as_early_as_possible:
                    short_weight = max(
                        short_weight,
                        weights.late_per_unit_week
                        * AS_EARLY_AS_POSSIBLE_SHARE_OF_LATENESS,
                    )
                found.short_of_aim[(group_number, number)] = builder.add_variables(
                    "short_of_aim",
                    (milestone.id,),
                    due - aim,
                    cost=weeks[aim:due] * short_weight,
                )
    for core in index.core:
        hard = core.is_hard and not allow_core_impact
        weight = 0.0 if not core.is_hard else weights.core_per_unit
        found.shortfall.append(
            builder.add_variables(
                "core_shortfall",
                (core.item, core.site),
                horizon,
                upper=0.0 if hard else core.demand,
                cost=weight + core.penalty_per_unit_eur / KEUR,
            )
        )
    _add_work_center_variables(builder, index, found)
    _add_labour_variables(builder, index, found)
    found.loans = add_loan_variables(builder, index, KEUR)
    if index.targets.reserve_share > 0:
        _add_reserve_variables(builder, index, weights, found)
    return found


def _add_reserve_variables(
    builder: ModelBuilder, index: PlanningIndex, weights: Weights, found: ModelVariables
) -> None:
    """Hours of the reserve given up, per work center and per workforce pool."""
    horizon = index.horizon
    cost = weights.reserve_short_per_hour
    for info in index.work_centers:
        found.station_reserve_short[info.index] = builder.add_variables(
            "station_reserve_short", info.key, horizon, cost=cost
        )
    for key in index.pools:
        found.labour_reserve_short[key] = builder.add_variables(
            "labour_reserve_short", key, horizon, cost=cost
        )
    # A unit of supply takes tens of hours downstream: its reserve weighs as much.
    unit_cost = cost * SUPPLY_RESERVE_HOURS_PER_UNIT
    for supplier in sorted({supply.supplier.id for supply in index.supply}):
        found.supplier_reserve_short[supplier] = builder.add_variables(
            "supplier_reserve_short", (supplier,), horizon, cost=unit_cost
        )


def _add_work_center_variables(
    builder: ModelBuilder, index: PlanningIndex, found: ModelVariables
) -> None:
    horizon = index.horizon
    starts = found.block_starts
    for info in index.work_centers:
        found.overtime.append(
            builder.add_variables(
                "station_overtime", info.key, horizon, upper=info.overtime_hours
            )
        )
        if len(info.patterns) > 1:
            for number, pattern in enumerate(info.patterns):
                fixed = np.add.reduceat(pattern.fixed_cost_per_bucket_eur, starts)
                allowed = (starts >= pattern.first_bucket) | (
                    number == info.initial_pattern
                )
                found.pattern[(info.index, number)] = builder.add_variables(
                    "shift_pattern",
                    (*info.key, pattern.id),
                    found.blocks,
                    upper=np.where(allowed, 1.0, 0.0),
                    cost=fixed / KEUR,
                    integer=True,
                )
                found.switch[(info.index, number)] = builder.add_variables(
                    "shift_switch",
                    (*info.key, pattern.id),
                    found.blocks,
                    upper=1.0,
                    cost=pattern.switch_cost_eur / KEUR,
                )
    for conversion in index.conversions:
        useful = (starts >= conversion.earliest_bucket) & (
            conversion.ready_bucket[starts] < horizon
        )
        found.conversion.append(
            builder.add_variables(
                "conversion_start",
                (conversion.site, conversion.work_center, conversion.id),
                found.blocks,
                upper=np.where(useful, 1.0, 0.0),
                cost=conversion.capex_eur / KEUR,
                integer=True,
            )
        )
        found.conversion_active.append(
            builder.add_variables(
                "conversion_done",
                (conversion.site, conversion.work_center, conversion.id),
                horizon,
                upper=1.0,
            )
        )
        owner = next(
            info
            for info in index.work_centers
            if info.key == (conversion.site, conversion.work_center)
        )
        for capability in conversion.removes:
            if capability not in owner.core_hours_by_capability:
                continue
            for target in index.work_centers:
                if (
                    target.site == owner.site
                    and target.index != owner.index
                    and capability in target.capabilities
                ):
                    found.moved_core[(owner.index, capability, target.index)] = (
                        builder.add_variables(
                            "moved_core_hours",
                            (owner.site, owner.id, capability, target.id),
                            horizon,
                        )
                    )


def _add_labour_variables(
    builder: ModelBuilder, index: PlanningIndex, found: ModelVariables
) -> None:
    horizon = index.horizon
    weeks = index.weeks
    for key, pool in index.pools.items():
        site_id = key.site
        # Contract hours are paid through the units made (see formulation.py), and
        # overtime premium is paid here.
        # overtime only its premium (a salaried pool's people are paid per bucket).
        found.labour[key] = builder.add_variables("labour_hours", key, horizon)
        found.labour_overtime[key] = builder.add_variables(
            "labour_overtime_hours",
            key,
            horizon,
            cost=overtime_hourly_cost(pool) / KEUR,
        )
        salary = salary_by_bucket(
            pool, hours_each(pool, weeks, index.open_share[site_id])
        )
        found.qualified[key] = builder.add_variables(
            "qualified", key, horizon, cost=salary / KEUR
        )
        trainee_cap = (
            np.inf
            if pool.trainees_per_week_max is None
            else pool.trainees_per_week_max * weeks
        )
        found.trainees[key] = builder.add_variables(
            "trainees",
            key,
            horizon,
            upper=trainee_cap,
            cost=pool.trainee_cost / KEUR,
        )
        found.hires[key] = builder.add_variables(
            "hires",
            key,
            horizon,
            upper=hire_limits(pool, index.buckets, index.scenario.program),
            cost=hire_cost(pool) / KEUR,
        )
