"""Plan checks on material: stock balances, supply, lanes, core demand, milestones, costs."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.planning.checker import Violation, differs, exceeds
from surgeplan.planning.plan import Plan
from surgeplan.planning.records import CostKind
from surgeplan.scenario import ItemKind, Scenario, make_buckets
from surgeplan.scenario.calendar import (
    bucket_index_of,
    open_share_by_bucket,
    rate_by_bucket,
    weeks_to_buckets,
)

Series = dict[tuple[str, str], np.ndarray]


def _made(scenario: Scenario, plan: Plan) -> Series:
    horizon = len(plan.buckets)
    made: Series = defaultdict(lambda: np.zeros(horizon))
    first = {item.id: item.routing[0].id for item in scenario.items if item.routing}
    for record in plan.production:
        if record.operation == first.get(record.item):
            made[(record.item, record.site)][record.bucket] += record.units
    return made


def check_material(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Stock(t) = stock(t-1) + made + bought + received - shipped - used, and never negative."""
    horizon = len(plan.buckets)
    zeros = lambda: np.zeros(horizon)  # noqa: E731
    made = _made(scenario, plan)
    change: Series = defaultdict(zeros)
    for key, units in made.items():
        change[key] += units
    for item in scenario.items:
        for line in item.bom:
            for (parent, site_id), units in list(made.items()):
                if parent == item.id:
                    change[(line.item, site_id)] -= units * line.quantity_per
    for purchase in plan.purchases:
        if purchase.arrival_bucket < horizon:
            change[(purchase.item, purchase.site)][purchase.arrival_bucket] += (
                purchase.units
            )
    site_ids = {site.id for site in scenario.sites}
    for transfer in plan.transfers:
        change[(transfer.item, transfer.origin)][transfer.bucket] -= transfer.units
        if transfer.destination in site_ids and transfer.arrival_bucket < horizon:
            change[(transfer.item, transfer.destination)][transfer.arrival_bucket] += (
                transfer.units
            )
    stock: Series = defaultdict(zeros)
    for record in plan.inventory:
        stock[(record.item, record.site)][record.bucket] += record.units
    core_items = {item.id for item in scenario.items_of_kind(ItemKind.CORE)}
    found: list[Violation] = []
    for key in sorted(set(change) | set(stock)):
        if key[0] in core_items:
            continue
        expected = np.cumsum(change[key])
        for bucket in range(horizon):
            if (
                differs(float(stock[key][bucket]), float(expected[bucket]))
                or stock[key][bucket] < -1e-6
            ):
                found.append(
                    Violation(
                        "material",
                        f"{key[0]} at {key[1]}, bucket {bucket}",
                        f"stock {stock[key][bucket]:g} but made, bought, received, shipped and "
                        f"used give {expected[bucket]:g}",
                    )
                )
                break
    return found


def check_supply_and_lanes(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Lead times, supplier capacity and minimum orders, lane capacity."""
    found: list[Violation] = []
    buckets = make_buckets(scenario.program)
    weeks = np.array([bucket.weeks for bucket in buckets])
    horizon = len(buckets)
    shipped: Series = defaultdict(lambda: np.zeros(horizon))
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
                Violation("purchase", where, "not a supply the scenario offers")
            )
            continue
        lead = weeks_to_buckets(supplier.lead_time_weeks, scenario.program)
        if purchase.arrival_bucket != purchase.bucket + lead:
            found.append(
                Violation(
                    "lead time",
                    where,
                    f"arrives in {purchase.arrival_bucket}, not {purchase.bucket + lead}",
                )
            )
        if purchase.units > 1e-6 and exceeds(
            supplier.minimum_order_units, purchase.units
        ):
            found.append(
                Violation(
                    "minimum order",
                    where,
                    f"{purchase.units:g} units below the minimum {supplier.minimum_order_units:g}",
                )
            )
        shipped[(supplier.id, "")][purchase.bucket] += purchase.units
    for supplier in scenario.suppliers:
        steps = [
            (step.from_date, step.units_per_week) for step in supplier.capacity_ramp
        ]
        capacity = np.minimum(
            rate_by_bucket(
                0.0 if steps else supplier.capacity_per_week, steps, buckets
            ),
            supplier.capacity_per_week * weeks,
        )
        for bucket in range(horizon):
            if exceeds(
                float(shipped[(supplier.id, "")][bucket]), float(capacity[bucket])
            ):
                found.append(
                    Violation(
                        "supplier capacity",
                        f"{supplier.id}, bucket {bucket}",
                        f"{shipped[(supplier.id, '')][bucket]:g} units above {capacity[bucket]:g}",
                    )
                )
    lanes = {lane.id: lane for lane in scenario.lanes}
    carried: Series = defaultdict(lambda: np.zeros(horizon))
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
                Violation("transfer", where, "not a lane and item the scenario offers")
            )
            continue
        lead = weeks_to_buckets(lane.lead_time_weeks, scenario.program)
        if transfer.arrival_bucket != transfer.bucket + lead:
            found.append(
                Violation(
                    "lead time",
                    where,
                    f"arrives in {transfer.arrival_bucket}, not {transfer.bucket + lead}",
                )
            )
        carried[(lane.id, "")][transfer.bucket] += transfer.units
    for lane in scenario.lanes:
        if lane.capacity_units_per_week is None:
            continue
        for bucket in range(horizon):
            limit = lane.capacity_units_per_week * weeks[bucket]
            if exceeds(float(carried[(lane.id, "")][bucket]), float(limit)):
                found.append(
                    Violation(
                        "lane capacity",
                        f"{lane.id}, bucket {bucket}",
                        f"{carried[(lane.id, '')][bucket]:g} units above {limit:g}",
                    )
                )
    return found


def check_core(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Core production meets core demand (or reports the shortfall when allowed)."""
    found: list[Violation] = []
    buckets = make_buckets(scenario.program)
    made = _made(scenario, plan)
    records = {(r.item, r.site, r.bucket): r for r in plan.core}
    for demand in scenario.demand.core:
        steps = [(change.from_date, change.units_per_week) for change in demand.changes]
        open_share = open_share_by_bucket(scenario.site(demand.site).calendar, buckets)
        expected = rate_by_bucket(demand.units_per_week, steps, buckets) * open_share
        for bucket in range(len(buckets)):
            where = f"{demand.item} at {demand.site}, bucket {bucket}"
            record = records.get((demand.item, demand.site, bucket))
            if record is None:
                found.append(Violation("core", where, "no core record"))
                continue
            produced = float(made[(demand.item, demand.site)][bucket])
            if differs(record.demand, float(expected[bucket])) or differs(
                record.produced, produced
            ):
                found.append(
                    Violation(
                        "core",
                        where,
                        f"record says demand {record.demand:g}, produced {record.produced:g}; scenario and production give {expected[bucket]:g} and {produced:g}",
                    )
                )
            if differs(record.produced + record.shortfall, record.demand):
                found.append(
                    Violation(
                        "core", where, "produced plus shortfall is not the demand"
                    )
                )
            if (
                record.shortfall > 1e-6
                and demand.is_protected
                and not plan.allow_core_impact
            ):
                found.append(
                    Violation(
                        "core",
                        where,
                        f"protected core demand short by {record.shortfall:g} units",
                    )
                )
    return found


def check_milestones(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Deliveries are what arrives at each delivery point; milestone figures are right."""
    found: list[Violation] = []
    buckets = make_buckets(scenario.program)
    horizon = len(buckets)
    arrived: Series = defaultdict(lambda: np.zeros(horizon))
    points = {point.id for point in scenario.delivery_points}
    for transfer in plan.transfers:
        if transfer.destination in points and transfer.arrival_bucket < horizon:
            arrived[(transfer.item, transfer.destination)][transfer.arrival_bucket] += (
                transfer.units
            )
    reported: Series = defaultdict(lambda: np.zeros(horizon))
    for delivery in plan.deliveries:
        reported[(delivery.item, delivery.delivery_point)][delivery.bucket] += (
            delivery.units
        )
    for key in set(arrived) | set(reported):
        if np.any(
            np.abs(np.cumsum(arrived[key]) - np.cumsum(reported[key]))
            > 1e-5 * (1 + np.cumsum(arrived[key]))
        ):
            found.append(
                Violation(
                    "deliveries",
                    f"{key[0]} at {key[1]}",
                    "delivery records do not match arrivals on lanes",
                )
            )
    records = {record.id: record for record in plan.milestones}
    for milestone in scenario.demand.milestones:
        record = records.get(milestone.id)
        if record is None:
            found.append(Violation("milestone", milestone.id, "missing from the plan"))
            continue
        cumulative = np.cumsum(arrived[(milestone.item, milestone.delivery_point)])
        due = bucket_index_of(buckets, milestone.due_date)
        reached = np.nonzero(cumulative >= milestone.cumulative_quantity - 1e-6)[0]
        met = int(reached[0]) if reached.size else None
        if (
            due is None
            or record.due_bucket != due
            or differs(record.delivered_by_due, float(cumulative[due]))
            or record.met_bucket != met
        ):
            found.append(
                Violation(
                    "milestone",
                    milestone.id,
                    f"reported due {record.due_bucket}, delivered {record.delivered_by_due:g}, met "
                    f"{record.met_bucket}; the transfers give due {due}, delivered "
                    f"{float(cumulative[due]) if due is not None else 0:g}, met {met}",
                )
            )
    return found


def check_costs(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Purchase, transport and conversion costs add up from the records."""
    found: list[Violation] = []
    suppliers = {supplier.id: supplier for supplier in scenario.suppliers}
    lanes = {lane.id: lane for lane in scenario.lanes}
    expected = {
        CostKind.PURCHASES: sum(
            p.units * suppliers[p.supplier].unit_cost_eur
            for p in plan.purchases
            if p.supplier in suppliers
        ),
        CostKind.TRANSPORT: sum(
            t.units * lanes[t.lane].cost_per_unit_eur
            for t in plan.transfers
            if t.lane in lanes
        ),
        CostKind.CONVERSION_CAPEX: sum(c.capex_eur for c in plan.conversions),
    }
    for kind, amount in expected.items():
        if (
            differs(plan.cost(kind), amount, 1e-6)
            and abs(plan.cost(kind) - amount) > 0.05
        ):
            found.append(
                Violation(
                    "costs",
                    kind.value,
                    f"{plan.cost(kind):,.2f} reported, records give {amount:,.2f}",
                )
            )
    return found
