"""What the plan does to each site: units made, hours and people added, core impact."""

from __future__ import annotations

from collections import defaultdict

from rich.table import Table

from surgeplan.cli.plan_text import BucketDates, hours, new_table, plain, units
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import ItemKind, Scenario
from surgeplan.scenario.sites import Site

DEFAULT_HOURS_PER_WEEK = 35.0


def _kind_of(scenario: Scenario) -> dict[str, ItemKind]:
    return {item.id: item.kind for item in scenario.items}


def _last_operation(scenario: Scenario) -> dict[str, str]:
    """The operation that finishes each made item: its units are the item's units."""
    return {item.id: item.routing[-1].id for item in scenario.items if item.routing}


def units_made_table(scenario: Scenario, plan: Plan) -> Table:
    """Units of the program item and its components finished at each site."""
    kinds = _kind_of(scenario)
    finishing = _last_operation(scenario)
    made: dict[tuple[str, str], float] = defaultdict(float)
    for record in plan.production:
        if kinds.get(record.item) is ItemKind.CORE:
            continue
        if finishing.get(record.item, record.operation) == record.operation:
            made[(record.site, record.item)] += record.units
    table = new_table("Units made per site")
    table.add_column("site")
    table.add_column("item")
    table.add_column("kind")
    table.add_column("units", justify="right")
    site_order = {site.id: number for number, site in enumerate(scenario.sites)}
    kind_order = {ItemKind.PROGRAM: 0, ItemKind.COMPONENT: 1}
    for site_id, item_id in sorted(
        made,
        key=lambda key: (
            site_order.get(key[0], len(site_order)),
            kind_order.get(kinds.get(key[1], ItemKind.COMPONENT), 2),
            key[1],
        ),
    ):
        kind = kinds.get(item_id)
        table.add_row(
            plain(site_id),
            plain(item_id),
            kind.value if kind is not None else "",
            units(made[(site_id, item_id)]),
        )
    return table


def average_hours_per_week(site: Site) -> float:
    """Contract hours a week of a full-time person at the site, by headcount."""
    pools = site.workforce
    if not pools:
        return DEFAULT_HOURS_PER_WEEK
    people = sum(pool.headcount for pool in pools)
    if people == 0:
        return sum(pool.hours_per_week for pool in pools) / len(pools)
    return sum(pool.hours_per_week * pool.headcount for pool in pools) / people


def extra_activity_table(scenario: Scenario, plan: Plan) -> Table:
    """Station and labour hours the program adds to each site, and the people it takes.

    Hours of core items' routings are core work, not program work, and are left out.
    A full-time equivalent (FTE) is the site's average contract hours a week.
    """
    kinds = _kind_of(scenario)
    dates = BucketDates(plan)
    station_hours: dict[str, float] = defaultdict(float)
    labour_by_bucket: dict[str, dict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in plan.production:
        if kinds.get(record.item) is ItemKind.CORE:
            continue
        station_hours[record.site] += record.hours
        labour_by_bucket[record.site][record.bucket] += record.labour_hours
    table = new_table(
        "Extra activity the program brings",
        "FTE: full-time equivalents at the site's average contract hours a week; "
        "average over the whole horizon, peak in the busiest bucket.",
    )
    table.add_column("site")
    for header in (
        "station hours",
        "labour hours",
        "FTE average",
        "FTE peak",
        "volunteers",
    ):
        table.add_column(header, justify="right")
    horizon_weeks = dates.total_weeks or 1.0
    for site in scenario.sites:
        per_bucket = labour_by_bucket.get(site.id, {})
        week_hours = average_hours_per_week(site)
        labour_hours = sum(per_bucket.values())
        peak = max(
            (
                value / (week_hours * dates.weeks(bucket))
                for bucket, value in per_bucket.items()
            ),
            default=0.0,
        )
        table.add_row(
            plain(site.id),
            hours(station_hours.get(site.id, 0.0)),
            hours(labour_hours),
            f"{labour_hours / (week_hours * horizon_weeks):,.1f}",
            f"{peak:,.1f}",
            f"{sum(pool.volunteers for pool in site.workforce):,}",
        )
    return table


def core_impact_table(plan: Plan) -> Table | None:
    """Core demand against core production per site and item; None without core."""
    if not plan.core:
        return None
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for record in plan.core:
        total = totals[(record.site, record.item)]
        total[0] += record.demand
        total[1] += record.produced
        total[2] += record.shortfall
    table = new_table("Core demand and production")
    table.add_column("site")
    table.add_column("core item")
    for header in ("demand", "produced", "shortfall"):
        table.add_column(header, justify="right")
    for (site_id, item_id), (demand, produced, shortfall) in totals.items():
        table.add_row(
            plain(site_id),
            plain(item_id),
            units(demand),
            units(produced),
            "none" if shortfall < 0.5 else units(shortfall),
        )
    return table


def core_impact_line(plan: Plan) -> str:
    """One sentence on the core business."""
    if not plan.core:
        return "Core impact: none (the scenario has no core demand)."
    shortfall = sum(record.shortfall for record in plan.core)
    demand = sum(record.demand for record in plan.core)
    if shortfall < 0.5:
        return f"Core impact: none; all {units(demand)} core units are made."
    share = shortfall / demand if demand > 0 else 0.0
    return (
        f"Core impact: {units(shortfall)} core units not made "
        f"({100 * share:.1f} % of core demand)."
    )
