"""How many units of each item a site makes in each scheduled week, and where.

From a plan: the production records of the site in those weeks; every operation
may use the work centers the plan puts it on, at the plan's hours per unit
(learning included). Without a plan: the core demand of the site, plus the
program's product at the average weekly rate its milestones ask for (each
milestone's increment spread evenly over the weeks since the previous one at the
same delivery point), shared equally among the sites able to make it today, with
the made components of its bill of materials the site can make; any work center
with the capability may do an operation, at the routing's first-unit hours.
Quantities are rounded to the nearest whole unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from surgeplan.planning.plan import Plan
from surgeplan.scenario import Item, Scenario, Site
from surgeplan.scenario.calendar import Bucket, open_share_by_bucket, rate_by_bucket
from surgeplan.scenario.items import Sourcing


@dataclass(frozen=True)
class Route:
    """A work center the plan uses for an operation, at its hours per unit."""

    work_center: str
    hours_per_unit: float


@dataclass(frozen=True)
class WeekQuantity:
    """Units of an item the site makes in one program week (1-based).

    An operation missing from `routes_by_operation` may use any work center with
    its capability, at the routing's first-unit hours.
    """

    item: str
    week: int
    units: int
    routes_by_operation: dict[str, tuple[Route, ...]] = field(default_factory=dict)


def week_start(scenario: Scenario, week: int) -> dt.date:
    """First day of a program week (1-based)."""
    return scenario.program.start_date + dt.timedelta(weeks=week - 1)


def planned_quantities(
    scenario: Scenario, plan: Plan, site_id: str, weeks: range
) -> list[WeekQuantity]:
    """What the plan makes at the site in `weeks` (program weeks, 1-based)."""
    records_by_item_week: dict[tuple[str, int], list[object]] = defaultdict(list)
    routes: dict[tuple[str, int, str], list[Route]] = defaultdict(list)
    units_by_item_week_op: dict[tuple[str, int, str], float] = defaultdict(float)
    for record in plan.production:
        week = record.bucket + 1
        if record.site != site_id or week not in weeks or record.units <= 1e-6:
            continue
        records_by_item_week[record.item, week].append(record)
        routes[record.item, week, record.operation].append(
            Route(record.work_center, record.hours_per_unit)
        )
        units_by_item_week_op[record.item, week, record.operation] += record.units
    quantities = []
    for item, week in sorted(records_by_item_week, key=lambda key: (key[1], key[0])):
        routing = scenario.item(item).routing
        done = [
            units_by_item_week_op[item, week, operation.id]
            for operation in routing
            if (item, week, operation.id) in units_by_item_week_op
        ]
        units = round(done[0] + 1e-9) if done else 0
        if units < 1:
            continue
        quantities.append(
            WeekQuantity(
                item,
                week,
                units,
                {
                    operation.id: tuple(routes[item, week, operation.id])
                    for operation in routing
                    if (item, week, operation.id) in routes
                },
            )
        )
    return quantities


def _can_make(site: Site, item: Item) -> bool:
    capabilities = {c for wc in site.work_centers for c in wc.capabilities}
    return (
        item.sourcing is Sourcing.MAKE
        and bool(item.routing)
        and all(operation.capability in capabilities for operation in item.routing)
    )


def _product_rate(scenario: Scenario, day: dt.date) -> float:
    """Units a week of the product the milestones ask for around `day`."""
    rate = 0.0
    previous: dict[str, tuple[dt.date, float]] = {}
    for milestone in scenario.milestones_in_order():
        since, done = previous.get(
            milestone.delivery_point, (scenario.program.start_date, 0.0)
        )
        weeks = max((milestone.due_date - since).days / 7.0, 1.0)
        if since <= day <= milestone.due_date:
            rate += max(milestone.cumulative_quantity - done, 0.0) / weeks
        previous[milestone.delivery_point] = (
            milestone.due_date,
            max(done, milestone.cumulative_quantity),
        )
    return rate


def _with_components(
    scenario: Scenario, site: Site, item: Item, units: float
) -> dict[str, float]:
    units_by_item = {item.id: units}
    for line in item.bom:
        component = scenario.item(line.item)
        if _can_make(site, component):
            for key, value in _with_components(
                scenario, site, component, units * line.quantity_per
            ).items():
                units_by_item[key] = units_by_item.get(key, 0.0) + value
    return units_by_item


def demand_quantities(
    scenario: Scenario, site_id: str, weeks: range
) -> list[WeekQuantity]:
    """What the site should make in `weeks` without a plan (see the module)."""
    site = scenario.site(site_id)
    buckets = [
        Bucket(
            week,
            week_start(scenario, week),
            week_start(scenario, week + 1) - dt.timedelta(1),
        )
        for week in weeks
    ]
    index_buckets = [Bucket(i, b.start, b.end) for i, b in enumerate(buckets)]
    open_share = open_share_by_bucket(site.calendar, index_buckets)
    units_by_item_week: dict[tuple[str, int], float] = defaultdict(float)
    for core in scenario.demand.core:
        if core.site != site_id:
            continue
        steps = [(change.from_date, change.units_per_week) for change in core.changes]
        amounts = rate_by_bucket(core.units_per_week, steps, index_buckets)
        for i, bucket in enumerate(buckets):
            units_by_item_week[core.item, bucket.index] += amounts[i] * open_share[i]
    product = scenario.product
    makers = [s for s in scenario.sites if _can_make(s, product)]
    if site in makers:
        for i, bucket in enumerate(buckets):
            rate = _product_rate(scenario, bucket.start) * open_share[i] / len(makers)
            for item, units in _with_components(scenario, site, product, rate).items():
                units_by_item_week[item, bucket.index] += units
    return [
        WeekQuantity(item, week, round(units + 1e-9))
        for (item, week), units in sorted(
            units_by_item_week.items(), key=lambda entry: (entry[0][1], entry[0][0])
        )
        if round(units + 1e-9) >= 1
    ]
