"""Spread the plan's cost totals over its buckets, to turn them into yearly cash flows.

The plan states each kind of cost as one total over its horizon. Each kind is spread
in proportion to what drives it in the plan's tables (labour hours times the pool's
hourly cost, purchase orders, conversions started...), so the totals are kept
exactly; a kind with no driver in the plan is spread over the buckets by their days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import CostKind
from surgeplan.scenario import Scenario
from surgeplan.scenario.sites import WorkforcePool

Driver = dict[int, float]

# Costs that keep running while the program produces; the rest are one-off.
RUNNING_KINDS = frozenset(
    {
        CostKind.LABOUR,
        CostKind.OVERTIME,
        CostKind.SHIFTS,
        CostKind.PURCHASES,
        CostKind.MATERIALS,
        CostKind.TRANSPORT,
        CostKind.HOLDING,
    }
)


def weeks_by_bucket(plan: Plan) -> dict[int, float]:
    """Each bucket's length in weeks: 1 for a week, 4 for four merged weeks."""
    return {
        bucket.index: ((bucket.end - bucket.start).days + 1) / 7
        for bucket in plan.buckets
    }


def _pools(scenario: Scenario) -> dict[tuple[str, str], WorkforcePool]:
    return {
        (site.id, pool.skill): pool
        for site in scenario.sites
        for pool in site.workforce
    }


def _labour_driver(
    scenario: Scenario,
    plan: Plan,
    measure: Callable[[WorkforcePool, float, float], float],
) -> Driver:
    pools = _pools(scenario)
    driver: Driver = defaultdict(float)
    for record in plan.labour:
        pool = pools.get((record.site, record.skill))
        if pool is not None:
            driver[record.bucket] += measure(pool, record.hours, record.overtime_hours)
    return driver


def _shift_driver(scenario: Scenario, plan: Plan) -> Driver:
    cost_per_week = {
        (site.id, center.id, pattern.id): pattern.fixed_cost_per_week
        for site, center in scenario.work_centers()
        for pattern in center.shift_patterns
    }
    weeks = weeks_by_bucket(plan)
    driver: Driver = defaultdict(float)
    for record in plan.capacity:
        key = (record.site, record.work_center, record.shift_pattern)
        driver[record.bucket] += cost_per_week.get(key, 0.0) * weeks.get(
            record.bucket, 0
        )
    return driver


def _materials_driver(scenario: Scenario, plan: Plan) -> Driver:
    last_operation = {
        item.id: item.routing[-1].id for item in scenario.items if item.routing
    }
    cost = {item.id: item.material_cost_per_unit for item in scenario.items}
    driver: Driver = defaultdict(float)
    for record in plan.production:
        if last_operation.get(record.item) == record.operation:
            driver[record.bucket] += record.units * cost.get(record.item, 0.0)
    return driver


def _holding_driver(scenario: Scenario, plan: Plan) -> Driver:
    # Stock is held, and priced, for every week of its bucket, as the planner does.
    cost = {item.id: item.holding_cost_per_unit_week for item in scenario.items}
    weeks = weeks_by_bucket(plan)
    driver: Driver = defaultdict(float)
    for record in plan.inventory:
        driver[record.bucket] += (
            record.units * cost.get(record.item, 0.0) * weeks.get(record.bucket, 0.0)
        )
    return driver


def _late_driver(scenario: Scenario, plan: Plan) -> Driver:
    penalty = {
        milestone.id: milestone.late_penalty_per_unit_week
        for milestone in scenario.demand.milestones
    }
    delivered: dict[str, Driver] = defaultdict(lambda: defaultdict(float))
    for delivery in plan.deliveries:
        delivered[delivery.milestone][delivery.bucket] += delivery.units
    weeks = weeks_by_bucket(plan)
    driver: Driver = defaultdict(float)
    for milestone in plan.milestones:
        cumulative = 0.0
        for bucket in sorted(plan.buckets, key=lambda record: record.index):
            cumulative += delivered[milestone.id][bucket.index]
            if bucket.index >= milestone.due_bucket:
                # The penalty is per unit-week: a unit missing over a four-week
                # bucket is four weeks late there, as the planner counts it.
                missing = max(0.0, milestone.quantity - cumulative)
                driver[bucket.index] += (
                    missing * penalty.get(milestone.id, 0.0) * weeks[bucket.index]
                )
    return driver


def _core_driver(scenario: Scenario, plan: Plan) -> Driver:
    penalty = {
        (core.site, core.item): core.shortfall_penalty_per_unit
        for core in scenario.demand.core
    }
    driver: Driver = defaultdict(float)
    for record in plan.core:
        driver[record.bucket] += record.shortfall * penalty.get(
            (record.site, record.item), 1.0
        )
    return driver


def _by_bucket(pairs: list[tuple[int, float]]) -> Driver:
    driver: Driver = defaultdict(float)
    for bucket, amount in pairs:
        driver[bucket] += amount
    return driver


def cost_drivers(scenario: Scenario, plan: Plan) -> dict[CostKind, Driver]:
    """For each kind of cost, what makes it rise or fall from one bucket to the next."""
    return {
        CostKind.LABOUR: _labour_driver(
            scenario, plan, lambda pool, hours, _: hours * pool.hourly_cost
        ),
        CostKind.OVERTIME: _labour_driver(
            scenario,
            plan,
            lambda pool, _, overtime: (
                overtime * pool.hourly_cost * (1 + pool.overtime_premium)
            ),
        ),
        CostKind.TRAINING: _by_bucket(
            [(record.bucket, record.trainees) for record in plan.labour]
        ),
        CostKind.HIRING: _by_bucket(
            [(record.bucket, record.hires) for record in plan.labour]
        ),
        CostKind.SHIFTS: _shift_driver(scenario, plan),
        CostKind.SHIFT_SWITCHES: _by_bucket(
            [(record.bucket, record.cost_eur) for record in plan.shift_changes]
        ),
        CostKind.CONVERSION_CAPEX: _by_bucket(
            [(record.start_bucket, record.capex_eur) for record in plan.conversions]
        ),
        CostKind.PURCHASES: _by_bucket(
            [(record.bucket, record.cost_eur) for record in plan.purchases]
        ),
        CostKind.MATERIALS: _materials_driver(scenario, plan),
        CostKind.TRANSPORT: _by_bucket(
            [(record.bucket, record.cost_eur) for record in plan.transfers]
        ),
        CostKind.HOLDING: _holding_driver(scenario, plan),
        CostKind.LATE_PENALTIES: _late_driver(scenario, plan),
        CostKind.CORE_SHORTFALL: _core_driver(scenario, plan),
    }


def costs_by_kind_bucket(
    scenario: Scenario, plan: Plan
) -> dict[CostKind, dict[int, float]]:
    """Each kind's total over the horizon, spread over the buckets by its driver."""
    drivers = cost_drivers(scenario, plan)
    days = {
        bucket.index: float((bucket.end - bucket.start).days + 1)
        for bucket in plan.buckets
    }
    result: dict[CostKind, dict[int, float]] = {}
    for kind in CostKind:
        amount = plan.cost(kind)
        if amount == 0:
            continue
        driver = {bucket: value for bucket, value in drivers[kind].items() if value > 0}
        weights = driver if sum(driver.values()) > 0 else days
        total = sum(weights.values())
        result[kind] = {
            bucket: amount * value / total for bucket, value in weights.items()
        }
    return result
