"""Plan checks on material: stock balances through the BOM, supply and lanes."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.keys import ItemSite
from surgeplan.planning.checking.violations import (
    ConstraintFamily,
    Violation,
    differs,
    exceeds,
)
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.rules.opening_state import receipts_by_stock_point
from surgeplan.scenario import ItemKind, Scenario
from surgeplan.scenario.calendar import Bucket, ready_buckets
from surgeplan.scenario.supply_ramps import planned_capacity_by_bucket

# Units of each item at each site per bucket; missing keys read 0.
Series = defaultdict[ItemSite, FloatArray]


def units_made(scenario: Scenario, plan: Plan) -> Series:
    """Units of each item made at each site per bucket (its first operation's units)."""
    horizon = len(plan.buckets)
    made: Series = defaultdict(lambda: np.zeros(horizon))
    first = {item.id: item.routing[0].id for item in scenario.items if item.routing}
    for record in plan.production:
        if record.operation == first.get(record.item):
            made[ItemSite(record.item, record.site)][record.bucket] += record.units
    return made


def check_material(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Stock(t) = stock(t-1) + made + bought + received - shipped - used; never < 0."""
    horizon = len(plan.buckets)

    def zeros() -> FloatArray:
        return np.zeros(horizon)

    made = units_made(scenario, plan)
    change: Series = defaultdict(zeros)
    for key, units in made.items():
        change[key] += units
    for item in scenario.items:
        for line in item.bom:
            for (parent, site_id), units in list(made.items()):
                if parent == item.id:
                    change[ItemSite(line.item, site_id)] -= units * line.quantity_per
    for purchase in plan.purchases:
        if purchase.arrival_bucket < horizon:
            change[ItemSite(purchase.item, purchase.site)][purchase.arrival_bucket] += (
                purchase.units
            )
    receipts = receipts_by_stock_point(
        scenario.opening_state, scenario, scenario.plan_buckets()
    )
    for key, units in receipts.items():
        change[key] += units
    site_ids = {site.id for site in scenario.sites}
    for transfer in plan.transfers:
        change[ItemSite(transfer.item, transfer.origin)][transfer.bucket] -= (
            transfer.units
        )
        if transfer.destination in site_ids and transfer.arrival_bucket < horizon:
            change[ItemSite(transfer.item, transfer.destination)][
                transfer.arrival_bucket
            ] += transfer.units
    stock: Series = defaultdict(zeros)
    for record in plan.inventory:
        stock[ItemSite(record.item, record.site)][record.bucket] += record.units
    core_items = {item.id for item in scenario.items_of_kind(ItemKind.CORE)}
    found: list[Violation] = []
    for key in sorted(set(change) | set(stock)):
        if key.item in core_items:
            continue
        expected = np.cumsum(change[key])
        for bucket in range(horizon):
            if (
                differs(float(stock[key][bucket]), float(expected[bucket]))
                or stock[key][bucket] < -1e-6
            ):
                found.append(
                    Violation(
                        ConstraintFamily.MATERIAL,
                        f"{key.item} at {key.site}, bucket {bucket}",
                        f"stock {stock[key][bucket]:g} but made, bought, "
                        f"received, shipped and used give {expected[bucket]:g}",
                    )
                )
                break
    return found


class _Arrivals:
    """The bucket something sent in a bucket arrives in, by lead time (cached)."""

    def __init__(self, scenario: Scenario, buckets: list[Bucket]) -> None:
        self._program = scenario.program
        self._buckets = buckets
        self._ready: dict[float, IntArray] = {}

    def __call__(self, lead_time_weeks: float, bucket: int) -> int:
        """A bucket outside the horizon arrives in itself (flagged elsewhere)."""
        if not 0 <= bucket < len(self._buckets):
            return bucket
        if lead_time_weeks not in self._ready:
            self._ready[lead_time_weeks] = ready_buckets(
                lead_time_weeks, self._buckets, self._program
            )
        return int(self._ready[lead_time_weeks][bucket])


def check_supply_and_lanes(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Lead times, supplier capacity and minimum orders, lane capacity."""
    found: list[Violation] = []
    buckets = scenario.plan_buckets()
    weeks = np.array([bucket.weeks for bucket in buckets])
    horizon = len(buckets)
    arrival = _Arrivals(scenario, buckets)
    shipped: defaultdict[str, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    suppliers = {supplier.id: supplier for supplier in scenario.suppliers}
    for purchase in plan.purchases:
        where = f"{purchase.supplier} to {purchase.site}, bucket {purchase.bucket}"
        supplier = suppliers.get(purchase.supplier)
        if (
            supplier is None
            or purchase.site not in supplier.sites
            or purchase.item != supplier.item
        ):
            found.append(
                Violation(
                    ConstraintFamily.PURCHASE, where, "not a supply the scenario offers"
                )
            )
            continue
        expected = arrival(supplier.lead_time_weeks, purchase.bucket)
        if purchase.arrival_bucket != expected:
            found.append(
                Violation(
                    ConstraintFamily.LEAD_TIME,
                    where,
                    f"arrives in {purchase.arrival_bucket}, not {expected} "
                    f"({supplier.lead_time_weeks:g} weeks later)",
                )
            )
        if purchase.units > 1e-6 and exceeds(
            supplier.minimum_order_units, purchase.units
        ):
            found.append(
                Violation(
                    ConstraintFamily.MINIMUM_ORDER,
                    where,
                    f"{purchase.units:g} units below the minimum "
                    f"{supplier.minimum_order_units:g}",
                )
            )
        shipped[supplier.id][purchase.bucket] += purchase.units
    for supplier in scenario.suppliers:
        # The promise, or the late or short ramp the scenario says to plan for.
        capacity = planned_capacity_by_bucket(scenario, supplier, buckets)
        for bucket in range(horizon):
            units = shipped[supplier.id][bucket]
            if exceeds(float(units), float(capacity[bucket])):
                found.append(
                    Violation(
                        ConstraintFamily.SUPPLIER_CAPACITY,
                        f"{supplier.id}, bucket {bucket}",
                        f"{units:g} units above {capacity[bucket]:g}",
                    )
                )
    lanes = {lane.id: lane for lane in scenario.lanes}
    carried: defaultdict[str, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    for transfer in plan.transfers:
        where = f"{transfer.lane}, bucket {transfer.bucket}, {transfer.item}"
        lane = lanes.get(transfer.lane)
        if (
            lane is None
            or (lane.items and transfer.item not in lane.items)
            or (lane.origin, lane.destination)
            != (transfer.origin, transfer.destination)
        ):
            found.append(
                Violation(
                    ConstraintFamily.TRANSFER,
                    where,
                    "not a lane and item the scenario offers",
                )
            )
            continue
        expected = arrival(lane.lead_time_weeks, transfer.bucket)
        if transfer.arrival_bucket != expected:
            found.append(
                Violation(
                    ConstraintFamily.LEAD_TIME,
                    where,
                    f"arrives in {transfer.arrival_bucket}, not {expected} "
                    f"({lane.lead_time_weeks:g} weeks later)",
                )
            )
        carried[lane.id][transfer.bucket] += transfer.units
    for lane in scenario.lanes:
        if lane.capacity_units_per_week is None:
            continue
        for bucket in range(horizon):
            limit = lane.capacity_units_per_week * weeks[bucket]
            if exceeds(float(carried[lane.id][bucket]), float(limit)):
                found.append(
                    Violation(
                        ConstraintFamily.LANE_CAPACITY,
                        f"{lane.id}, bucket {bucket}",
                        f"{carried[lane.id][bucket]:g} units above {limit:g}",
                    )
                )
    return found
