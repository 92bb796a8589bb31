"""The scenario's opening state as the planner and the checker see it.

People and finished conversions change what the industrial base *is* at the start, so
they are applied to the scenario itself (`opened_scenario`): a pool's qualified people
become its `initially_qualified`, hires already made leave fewer to make, a converted
work center starts with its new capabilities and no conversion left to pay for. Units
(stock, work in progress, purchases in transit) are receipts into the stock balance in
the bucket they are there (`receipts_by_stock_point`); units already delivered start
the cumulative deliveries that milestones are measured on (`delivered_at_start`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite, SiteConversion, SitePool, SiteWorkCenter
from surgeplan.scenario import Scenario
from surgeplan.scenario.calendar import Bucket, bucket_index_of
from surgeplan.scenario.opening_state import OpeningState


def opened_scenario(scenario: Scenario) -> Scenario:
    """The scenario with its opening people and conversions applied to the sites.

    Without an opening state (or with neither people nor conversions in it) the same
    object is returned, so plans of scenarios without one are unchanged.
    """
    opening = scenario.opening_state
    if opening is None or not (
        opening.people or opening.conversions_done or opening.made
    ):
        return scenario
    people = {SitePool(pool.site, pool.skill): pool for pool in opening.people}
    start = scenario.program.start_date
    done: dict[SiteWorkCenter, list[str]] = defaultdict(list)
    under_way: dict[SiteConversion, int] = {}
    for conversion in opening.conversions_done:
        key = SiteWorkCenter(conversion.site, conversion.work_center)
        if conversion.ready_date is None or conversion.ready_date <= start:
            done[key].append(conversion.conversion)
        else:
            days = (conversion.ready_date - start).days
            under_way[SiteConversion(*key, conversion.conversion)] = math.ceil(days / 7)
    sites: list[dict[str, Any]] = []
    for site in scenario.sites:
        data = site.model_dump(mode="json")
        for pool in data["workforce"]:
            state = people.get(SitePool(site.id, pool["skill"]))
            if state is None:
                continue
            pool["initially_qualified"] = min(state.qualified, pool["headcount"])
            if pool.get("hires_max_total") is not None:
                pool["hires_max_total"] = max(pool["hires_max_total"] - state.hired, 0)
        for center in data["work_centers"]:
            finished = done.get(SiteWorkCenter(site.id, center["id"]), [])
            for conversion in [c for c in center["conversions"] if c["id"] in finished]:
                _apply_conversion(center, conversion)
            center["conversions"] = [
                c for c in center["conversions"] if c["id"] not in finished
            ]
            for conversion in center["conversions"]:
                weeks_left = under_way.get(
                    SiteConversion(site.id, center["id"], conversion["id"])
                )
                if weeks_left is not None:
                    # Paid for and begun: the plan may finish it from the first day,
                    # in the weeks it still needs, at no further capex.
                    conversion["capex"] = 0.0
                    conversion["lead_time_weeks"] = weeks_left
                    conversion["earliest_start_date"] = start.isoformat()
        sites.append(data)
    return scenario.updated({"sites": sites, "items": _items_after(scenario, opening)})


def _items_after(scenario: Scenario, opening: OpeningState) -> list[dict[str, Any]]:
    """Items whose learning goes on from the units made before the start.

    `prior_cumulative_units` is one number per item that every site starts from, so
    the units made are averaged over the sites that made them.
    """
    units: dict[str, list[float]] = defaultdict(list)
    for made in opening.made:
        if made.units > 0:
            units[made.item].append(made.units)
    items: list[dict[str, Any]] = []
    for item in scenario.items:
        data = item.model_dump(mode="json")
        if units[item.id]:
            data["prior_cumulative_units"] = item.prior_cumulative_units + sum(
                units[item.id]
            ) / len(units[item.id])
        items.append(data)
    return items


def _apply_conversion(center: dict[str, Any], conversion: dict[str, Any]) -> None:
    """A work center as a finished conversion left it."""
    removed = set(conversion["removes_capabilities"])
    capabilities = [c for c in center["capabilities"] if c not in removed]
    capabilities += [
        c for c in conversion["adds_capabilities"] if c not in capabilities
    ]
    center["capabilities"] = capabilities
    if conversion.get("efficiency_after") is not None:
        center["efficiency"] = conversion["efficiency_after"]
    # Core load of a capability the conversion took away went with it.
    center["core_load"] = [
        load
        for load in center.get("core_load", [])
        if load["capability"] not in removed
    ]


def receipts_by_stock_point(
    opening: OpeningState | None,
    scenario: Scenario,
    buckets: list[Bucket],
) -> dict[ItemSite, FloatArray]:
    """Units that enter each (item, site) stock from outside the plan, per bucket.

    Stock on hand enters in the first bucket; work in progress in the bucket of its
    ready date; purchases in transit in the bucket of their arrival (the supplier's
    item). Units due after the horizon do not enter.
    """
    receipts: dict[ItemSite, FloatArray] = {}
    if opening is None:
        return receipts

    def add(item_id: str, site_id: str, bucket: int | None, units: float) -> None:
        if bucket is None or units <= 0:
            return
        key = ItemSite(item_id, site_id)
        if key not in receipts:
            receipts[key] = np.zeros(len(buckets))
        receipts[key][bucket] += units

    for stock in opening.stock:
        add(stock.item, stock.site, 0, stock.units)
    for wip in opening.work_in_progress:
        add(wip.item, wip.site, bucket_index_of(buckets, wip.ready_date), wip.units)
    site_ids = {site.id for site in scenario.sites}
    lanes = {lane.id: lane for lane in scenario.lanes}
    for shipment in opening.shipments:
        lane = lanes.get(shipment.lane)
        if lane is not None and lane.destination in site_ids:
            add(
                shipment.item,
                lane.destination,
                bucket_index_of(buckets, shipment.arrival_date),
                shipment.units,
            )
    for transit in opening.in_transit:
        item_id = scenario.supplier(transit.supplier).item
        add(
            item_id,
            transit.site,
            bucket_index_of(buckets, transit.arrival_date),
            transit.units,
        )
    return receipts


def arrivals_at_delivery_point(
    opening: OpeningState | None,
    scenario: Scenario,
    buckets: list[Bucket],
    item_id: str,
    delivery_point: str,
) -> FloatArray:
    """Units shipped before the start arriving at a delivery point, per bucket."""
    arrivals = np.zeros(len(buckets))
    if opening is None:
        return arrivals
    lanes = {lane.id: lane for lane in scenario.lanes}
    for shipment in opening.shipments:
        lane = lanes.get(shipment.lane)
        bucket = bucket_index_of(buckets, shipment.arrival_date)
        if (
            lane is not None
            and lane.destination == delivery_point
            and shipment.item == item_id
            and bucket is not None
        ):
            arrivals[bucket] += shipment.units
    return arrivals


def delivered_at_start(
    opening: OpeningState | None, item_id: str, delivery_point: str
) -> float:
    """Units of an item delivered at a delivery point before the plan starts."""
    return 0.0 if opening is None else opening.delivered_units(item_id, delivery_point)
