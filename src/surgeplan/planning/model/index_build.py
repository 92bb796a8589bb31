"""Build the PlanningIndex: which routes, supplies and lanes can happen, per bucket."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemPoint, ItemSite, LaneItem, SitePool
from surgeplan.planning.model.index import (
    CoreDemandInfo,
    LaneRoute,
    MilestoneGroup,
    OperationRoute,
    PlanningIndex,
    SupplyRoute,
)
from surgeplan.planning.model.index_routes import routes_for, work_center_infos
from surgeplan.planning.model.milestones_family import (
    family_group_numbers,
    with_family_groups,
)
from surgeplan.planning.rules.opening_state import (
    opened_scenario,
    receipts_by_stock_point,
)
from surgeplan.planning.targets import PlanTargets
from surgeplan.scenario import ItemKind, Scenario, Sourcing
from surgeplan.scenario.calendar import (
    Bucket,
    bucket_index_of,
    open_share_by_bucket,
    rate_by_bucket,
    ready_buckets,
)
from surgeplan.scenario.demand import Milestone
from surgeplan.scenario.effective import effective_scenario
from surgeplan.scenario.supply_ramps import planned_capacity_by_bucket


def build_index(
    scenario: Scenario, targets: PlanTargets | None = None
) -> PlanningIndex:
    """Derive the model's sets from a validated scenario and the plan's targets."""
    targets = targets or PlanTargets()
    stated = scenario
    # Yields per good unit, buildings per work center; the opening state's people
    # and conversions change the base itself.
    scenario = opened_scenario(effective_scenario(scenario))
    buckets = scenario.plan_buckets()
    weeks = np.array([bucket.weeks for bucket in buckets])
    open_share = {
        site.id: open_share_by_bucket(site.calendar, buckets) for site in scenario.sites
    }
    work_centers, conversions = work_center_infos(scenario, buckets, open_share)
    pools = {
        SitePool(site.id, pool.skill): pool
        for site in scenario.sites
        for pool in site.workforce
    }

    core_sites: dict[str, set[str]] = defaultdict(set)
    for demand in scenario.demand.core:
        core_sites[demand.item].add(demand.site)
    made_at: dict[str, list[str]] = {}
    routes: list[OperationRoute] = []
    for item in scenario.items:
        if item.sourcing is not Sourcing.MAKE:
            continue
        candidate_sites = [site.id for site in scenario.sites]
        if item.kind is ItemKind.CORE:
            candidate_sites = [s for s in candidate_sites if s in core_sites[item.id]]
        made_at[item.id] = []
        for site_id in candidate_sites:
            item_routes = routes_for(item, site_id, work_centers, pools)
            if item_routes is None:
                continue
            made_at[item.id].append(site_id)
            routes.extend(item_routes)

    supply: list[SupplyRoute] = []
    for supplier in scenario.suppliers:
        capacity = planned_capacity_by_bucket(scenario, supplier, buckets)
        arrival = ready_buckets(supplier.lead_time_weeks, buckets, scenario.program)
        for site_id in supplier.sites:
            supply.append(SupplyRoute(supplier, site_id, arrival, capacity))

    groups = with_family_groups(_milestone_groups(scenario, buckets, targets))
    lanes = _lane_routes(scenario, buckets, made_at, supply, groups)
    core = _core_demand(scenario, buckets, open_share)

    stock: set[ItemSite] = set()
    for item_id, sites in made_at.items():
        stock.update(ItemSite(item_id, site_id) for site_id in sites)
        # Components are drawn from stock wherever their parent is made, even where
        # nothing can bring them: the balance then stops the parent being made there.
        for line in scenario.item(item_id).bom:
            stock.update(ItemSite(line.item, site_id) for site_id in sites)
    stock.update(ItemSite(route.supplier.item, route.site) for route in supply)
    site_ids = {site.id for site in scenario.sites}
    stock.update(
        ItemSite(route.item, route.lane.destination)
        for route in lanes
        if route.lane.destination in site_ids
    )
    receipts = receipts_by_stock_point(scenario.opening_state, scenario, buckets)
    stock.update(receipts)
    return PlanningIndex(
        scenario=scenario,
        buckets=buckets,
        weeks=weeks,
        open_share=open_share,
        work_centers=work_centers,
        conversions=conversions,
        made_at=made_at,
        routes=routes,
        pools=pools,
        supply=supply,
        lanes=lanes,
        groups=groups,
        core=core,
        stock_points=sorted(stock),
        targets=targets,
        family=family_group_numbers(groups),
        receipts=receipts,
        stated_scenario=stated,
    )


def _milestone_groups(
    scenario: Scenario, buckets: list[Bucket], targets: PlanTargets
) -> list[MilestoneGroup]:
    """Milestones grouped by item and delivery point, each with its due and aim bucket.

    The aim bucket holds the day the milestone's planning buffer before its due
    date (the first bucket if that day comes before the horizon). An aim the plan's
    targets set further ahead is the last bucket that ends by that day: buckets stay
    the scenario's, and the aim is never later than asked.
    """
    grouped: dict[ItemPoint, list[Milestone]] = defaultdict(list)
    for milestone in scenario.milestones_in_order():
        grouped[ItemPoint(milestone.item, milestone.delivery_point)].append(milestone)
    groups = []
    for (item_id, point), milestones in sorted(grouped.items()):
        due = [bucket_index_of(buckets, m.due_date) for m in milestones]
        due_buckets = [d if d is not None else len(buckets) - 1 for d in due]
        aim_buckets = [
            0
            if m.as_early_as_possible
            else min(
                bucket_index_of(buckets, m.due_date - scenario.plan_ahead_of(m)) or 0,
                bucket,
            )
            for m, bucket in zip(milestones, due_buckets, strict=True)
        ]
        targeted: set[str] = set()
        for number, milestone in enumerate(milestones):
            weeks = targets.aim_weeks_ahead.get(milestone.id)
            if weeks is None or weeks <= 0:
                continue
            aim_day = milestone.due_date - dt.timedelta(days=math.ceil(7 * weeks))
            ended = [b.index for b in buckets if b.end <= aim_day]
            aim = min(ended[-1] if ended else 0, aim_buckets[number])
            aim_buckets[number] = aim
            targeted.add(milestone.id)
        groups.append(
            MilestoneGroup(
                item_id,
                point,
                milestones,
                due_buckets,
                aim_buckets,
                frozenset(targeted),
            )
        )
    return groups


def _lane_routes(
    scenario: Scenario,
    buckets: list[Bucket],
    made_at: dict[str, list[str]],
    supply: list[SupplyRoute],
    groups: list[MilestoneGroup],
) -> list[LaneRoute]:
    """Items that can be at a lane's origin and are needed at its destination."""
    # (item, place): a lane joins sites and delivery points, so these pairs are
    # neither ItemSite nor ItemPoint but an item at either kind of place.
    present: set[tuple[str, str]] = {
        (i, s) for i, sites in made_at.items() for s in sites
    }
    present.update((route.supplier.item, route.site) for route in supply)
    needed: set[tuple[str, str]] = set()
    for item_id, sites in made_at.items():
        for line in scenario.item(item_id).bom:
            needed.update((line.item, site_id) for site_id in sites)
    needed.update((group.item, group.delivery_point) for group in groups)
    # Goods may cross several lanes: repeat until nothing new can be reached.
    chosen: dict[LaneItem, LaneRoute] = {}
    changed = True
    while changed:
        changed = False
        for lane in scenario.lanes:
            allowed = lane.items or [item.id for item in scenario.items]
            for item_id in allowed:
                key = LaneItem(lane.id, item_id)
                if key in chosen or (item_id, lane.origin) not in present:
                    continue
                forwards = any(
                    (item_id, other.destination) in needed
                    for other in scenario.lanes
                    if other.origin == lane.destination
                )
                if (item_id, lane.destination) not in needed and not forwards:
                    continue
                chosen[key] = LaneRoute(
                    lane,
                    item_id,
                    ready_buckets(lane.lead_time_weeks, buckets, scenario.program),
                )
                if (item_id, lane.destination) not in present:
                    present.add((item_id, lane.destination))
                changed = True
    return [chosen[key] for key in sorted(chosen)]


def _core_demand(
    scenario: Scenario, buckets: list[Bucket], open_share: dict[str, FloatArray]
) -> list[CoreDemandInfo]:
    """Core demand per bucket, following its rate changes and the site's open days."""
    infos = []
    for demand in scenario.demand.core:
        steps = [(change.from_date, change.units_per_week) for change in demand.changes]
        units = (
            rate_by_bucket(demand.units_per_week, steps, buckets)
            * open_share[demand.site]
        )
        infos.append(
            CoreDemandInfo(
                item=demand.item,
                site=demand.site,
                demand=units,
                is_hard=demand.is_protected,
                penalty_per_unit_eur=demand.shortfall_penalty_per_unit,
            )
        )
    return infos
