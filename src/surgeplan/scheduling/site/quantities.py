"""How many units of each item a site makes in each scheduled week, and where.

From a plan: the production records of the site in the buckets of those weeks, a
week inside a longer bucket taking its share of it (see `plan_weeks`: core products
by the days outside shutdowns, like their weekly demand; other items by working
days); every operation may use the work centers the plan puts it on, at the plan's
hours per unit (learning included). Without a plan: the core demand of the site,
plus the program's product at the average weekly rate its milestones ask for (each
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

from surgeplan.planning.results.records import ProductionRecord
from surgeplan.scenario import Item, Scenario, Site
from surgeplan.scenario.calendar import Bucket, open_share_by_bucket, rate_by_bucket
from surgeplan.scenario.items import ItemKind, Sourcing
from surgeplan.scheduling.site.plan_weeks import BucketShare, PlanWeeks, week_start


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


def _rounded(units: float) -> int:
    return round(units + 1e-9)


def _week_quantity(
    scenario: Scenario,
    item_id: str,
    week: int,
    parts: list[tuple[BucketShare, list[ProductionRecord]]],
) -> WeekQuantity | None:
    """The week's share of an item's records in the buckets the week lies in."""
    routing = scenario.item(item_id).routing
    made = {record.operation for _, records in parts for record in records}
    first = next((operation.id for operation in routing if operation.id in made), None)
    if first is None:
        return None
    units = 0
    routes: dict[str, list[Route]] = defaultdict(list)
    for part, records in parts:
        in_bucket = sum(r.units for r in records if r.operation == first)
        # Rounded from the bucket's start: its weeks add up to its rounded units.
        through_week = _rounded(in_bucket * (part.before + part.share))
        units += through_week - _rounded(in_bucket * part.before)
        for record in records:
            routes[record.operation].append(
                Route(record.work_center, record.hours_per_unit)
            )
    if units < 1:
        return None
    return WeekQuantity(
        item_id,
        week,
        units,
        {
            operation.id: tuple(routes[operation.id])
            for operation in routing
            if operation.id in routes
        },
    )


def planned_quantities(
    scenario: Scenario, plan: PlanWeeks, site_id: str, weeks: range
) -> list[WeekQuantity]:
    """What the plan makes at the site in `weeks` (program weeks, 1-based)."""
    records_by_bucket_item: defaultdict[tuple[int, str], list[ProductionRecord]]
    records_by_bucket_item = defaultdict(list)
    for record in plan.plan.production:
        if record.site == site_id and record.units > 1e-6:
            records_by_bucket_item[record.bucket, record.item].append(record)
    items = sorted({item for _, item in records_by_bucket_item})
    quantities = []
    for week in weeks:
        # Core products follow their weekly demand, which only a shutdown pauses;
        # program items fill the capacity of the working days.
        shares_by_is_core = {
            is_core: [s for s in plan.shares(week, open_days=is_core) if s.share > 0]
            for is_core in (False, True)
        }
        for item in items:
            shares = shares_by_is_core[scenario.item(item).kind is ItemKind.CORE]
            parts = [
                (share, records_by_bucket_item[share.bucket, item])
                for share in shares
                if (share.bucket, item) in records_by_bucket_item
            ]
            quantity = _week_quantity(scenario, item, week, parts)
            if quantity is not None:
                quantities.append(quantity)
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
            rate += max(milestone.quantity_in_force - done, 0.0) / weeks
        previous[milestone.delivery_point] = (
            milestone.due_date,
            max(done, milestone.quantity_in_force),
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
