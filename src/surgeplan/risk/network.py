"""The plan as the simulator sees it: producers, their flows to delivery points, chains.

A producer is a site that finishes an item with milestones (the program's product);
its planned output per bucket is the units of the item's last operation there. A flow
is what a producer ships on a lane to a delivery point; a move is another producer of
the item that can take over a producer's backlog and ship it to that delivery point
on a lane of its own.

Where a plan stops making the product before its horizon ends (the horizon runs on
past the last milestone), the producer keeps its final rate as capacity: a late run
makes up its backlog there, so late dates fall inside the horizon and are measured.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.keys import ItemPoint, ItemSite
from surgeplan.planning.results.plan import Plan
from surgeplan.risk.chain_build import ChainBuilder
from surgeplan.risk.chains import Node
from surgeplan.risk.opening_state import units_before_start
from surgeplan.risk.resources import Resource, all_spare, sum_by_bucket
from surgeplan.scenario import Scenario, make_buckets
from surgeplan.scenario.calendar import Bucket, bucket_index_of, ready_buckets

FINAL_RATE_BUCKETS = 4
# A plan's final rate: its best 4-week rate in its last quarter of output.
FINAL_RATE_WEEKS = 13.0
RATE_WINDOW_WEEKS = 4.0
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Producer:
    """A site finishing a delivered item."""

    item: str
    site: str
    network_zone: str
    planned: FloatArray
    initial_stock: float
    chain: Node
    capacity_basis: FloatArray
    """Units it can make per bucket before risks: the planned output, then the final
    rate after the plan's last output (see `with_final_rate`)."""


@dataclass(frozen=True)
class Flow:
    """Units a producer ships to a delivery point, per bucket, with the lane's lead."""

    producer: int
    group: int
    lead: int
    planned: FloatArray


@dataclass(frozen=True)
class Move:
    """Producer `target` may make `source`'s backlog and ship it to the flow's end."""

    source: int
    target: int
    flow: int
    arrival: IntArray
    """Bucket what is moved in each bucket arrives in (the horizon: after it)."""


@dataclass(frozen=True)
class DeliveryGroup:
    """An item at a delivery point: its milestones count its cumulative deliveries."""

    item: str
    delivery_point: str
    planned_cumulative: FloatArray
    final_rate: float
    """Units a week the plan delivers at its end (at its last deliveries, when it
    delivers every milestone before the horizon ends): late runs go on at this rate."""


@dataclass(frozen=True)
class MilestoneTarget:
    """A milestone as buckets: its group, quantity, due bucket and the plan's date."""

    id: str
    group: int
    quantity: float
    due_bucket: int
    due_date: dt.date
    planned_met_bucket: int | None
    # Groups of a family milestone's other items, whose deliveries count too.
    family_groups: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanNetwork:
    """Everything of scenario and plan the simulation needs, as arrays."""

    horizon: int
    weeks: FloatArray
    start_weeks: FloatArray
    bucket_ends: tuple[dt.date, ...]
    resources: tuple[Resource, ...]
    spare: FloatArray
    curves: tuple[tuple[str, str], ...]
    curve_units: FloatArray
    producers: tuple[Producer, ...]
    flows: tuple[Flow, ...]
    moves: tuple[Move, ...]
    groups: tuple[DeliveryGroup, ...]
    milestones: tuple[MilestoneTarget, ...]


def final_rate(units: FloatArray, weeks: FloatArray) -> float:
    """Units a week the plan showed it can make at the end of its output.

    The best rate over `RATE_WINDOW_WEEKS` in the last `FINAL_RATE_WEEKS` up to the
    last bucket with units. A plan that meets its last milestone early often ends
    with a trickle (the last few units, or a merged bucket's share spread over its
    weeks); that trickle is not the rate its lines, people and suppliers can make,
    and a late run catching up at it would be dated months too late. Per week, not
    per bucket: buckets may grow longer later in the horizon.
    """
    active = np.nonzero(units > TOLERANCE)[0]
    if active.size == 0:
        return 0.0
    last = int(active[-1])
    best = 0.0
    end = last
    while end >= 0 and weeks[end + 1 : last + 1].sum() < FINAL_RATE_WEEKS:
        start = end
        while start > 0 and weeks[start : end + 1].sum() < RATE_WINDOW_WEEKS:
            start -= 1
        window = slice(start, end + 1)
        best = max(best, float(units[window].sum() / weeks[window].sum()))
        end -= 1
    return best


def with_final_rate(units: FloatArray, weeks: FloatArray) -> FloatArray:
    """Units a bucket, the buckets after the last one with units at the final rate."""
    active = np.nonzero(units > TOLERANCE)[0]
    basis = units.copy()
    if active.size:
        after = int(active[-1]) + 1
        basis[after:] = final_rate(units, weeks) * weeks[after:]
    return basis


def _lane_arrival(
    scenario: Scenario, buckets: list[Bucket], origin: str, destination: str, item: str
) -> IntArray | None:
    """Bucket a shipment sent in each bucket arrives in on the lane, if there is one."""
    for lane in scenario.lanes_from(origin):
        if lane.destination == destination and (not lane.items or item in lane.items):
            return ready_buckets(lane.lead_time_weeks, buckets, scenario.program)
    return None


def build_network(scenario: Scenario, plan: Plan) -> PlanNetwork:
    """Producers, flows, moves, milestones and supply chains of a plan."""
    horizon = len(plan.buckets)
    buckets = make_buckets(scenario.program)[:horizon]
    weeks = np.array([bucket.weeks for bucket in buckets])
    builder = ChainBuilder(scenario, plan, horizon)
    group_keys: list[ItemPoint] = []
    for milestone in scenario.milestones_in_order():
        # A family milestone's other items get a group of their own at its point.
        for item_id in milestone.items_counted:
            key = ItemPoint(item_id, milestone.delivery_point)
            if key not in group_keys:
                group_keys.append(key)
    shipped: dict[tuple[str, str, str, int], FloatArray] = defaultdict(
        lambda: np.zeros(horizon)
    )
    shipped_first: dict[ItemSite, float] = defaultdict(float)
    for transfer in plan.transfers:
        if transfer.bucket == 0:
            shipped_first[ItemSite(transfer.item, transfer.origin)] += transfer.units
        arriving = ItemPoint(transfer.item, transfer.destination)
        if arriving in group_keys and transfer.bucket < horizon:
            lead = transfer.arrival_bucket - transfer.bucket
            route = (transfer.item, transfer.origin, transfer.destination, lead)
            shipped[route][transfer.bucket] += transfer.units
    stock_first = {
        (record.item, record.site): record.units
        for record in plan.inventory
        if record.bucket == 0
    }
    producer_keys = sorted({(item, origin) for item, origin, _, _ in shipped})
    producers = []
    for item, site in producer_keys:
        made = builder.made(item, site)
        initial = (
            stock_first.get((item, site), 0.0)
            - made[0]
            + shipped_first[ItemSite(item, site)]
        )
        producers.append(
            Producer(
                item=item,
                site=site,
                network_zone=scenario.site(site).network_zone,
                planned=made,
                initial_stock=max(initial, 0.0),
                chain=builder.make_node(item, site, 0),
                capacity_basis=with_final_rate(made, weeks),
            )
        )
    flows = [
        Flow(
            producer=producer_keys.index((item, origin)),
            group=group_keys.index(ItemPoint(item, destination)),
            lead=lead,
            planned=units,
        )
        for (item, origin, destination, lead), units in sorted(shipped.items())
    ]
    moves = []
    for number, flow in enumerate(flows):
        source = producers[flow.producer]
        destination = group_keys[flow.group].delivery_point
        for target, other in enumerate(producers):
            if other.item != source.item or target == flow.producer:
                continue
            arrival = _lane_arrival(
                scenario, buckets, other.site, destination, other.item
            )
            if arrival is not None:
                moves.append(Move(flow.producer, target, number, arrival))
    planned_met = {record.id: record.met_bucket for record in plan.milestones}
    groups = []
    for item, point in group_keys:
        arrivals = sum_by_bucket(
            (
                (record.bucket, record.units)
                for record in plan.deliveries
                if record.item == item and record.delivery_point == point
            ),
            horizon,
        )
        cumulative = np.cumsum(arrivals)
        # A plan that delivers every milestone may stop once it has (a horizon that
        # runs on past the last one): late runs go on at its last rate. A plan that
        # stops short has no rate to go on at.
        counting = [
            milestone
            for milestone in scenario.milestones_in_order()
            if milestone.delivery_point == point and item in milestone.items_counted
        ]
        # Units delivered before the plan starts count towards the milestones.
        before = units_before_start(scenario, item, point)
        is_complete = all(
            planned_met.get(milestone.id) is not None
            if milestone.family_items
            else cumulative[-1] >= milestone.quantity_in_force - before - 1e-6
            for milestone in counting
        )
        rate = (
            final_rate(arrivals, weeks)
            if is_complete
            else float(
                arrivals[-FINAL_RATE_BUCKETS:].sum() / weeks[-FINAL_RATE_BUCKETS:].sum()
            )
        )
        groups.append(DeliveryGroup(item, point, cumulative, rate))
    milestones = []
    for milestone in scenario.milestones_in_order():
        due = bucket_index_of(buckets, milestone.due_date)
        if due is None:
            due = 0 if milestone.due_date < buckets[0].start else horizon - 1
        milestones.append(
            MilestoneTarget(
                id=milestone.id,
                group=group_keys.index(
                    ItemPoint(milestone.item, milestone.delivery_point)
                ),
                family_groups=tuple(
                    group_keys.index(ItemPoint(item_id, milestone.delivery_point))
                    for item_id in milestone.family_items
                ),
                # Runs count the plan's deliveries; the opening state's come first.
                quantity=milestone.quantity_in_force
                - sum(
                    units_before_start(scenario, item_id, milestone.delivery_point)
                    for item_id in milestone.items_counted
                ),
                due_bucket=due,
                due_date=milestone.due_date,
                planned_met_bucket=planned_met.get(milestone.id),
            )
        )
    spare = all_spare(scenario, plan, horizon)
    resources = sorted(builder.resources, key=builder.resources.__getitem__)
    spare_array = (
        np.stack([spare.get(key, np.zeros(horizon)) for key in resources])
        if resources
        else np.zeros((0, horizon))
    )
    curves = sorted(builder.curves, key=builder.curves.__getitem__)
    curve_units = np.zeros((len(curves), horizon))
    for number, (item, site) in enumerate(curves):
        curve_units[number] = builder.made(item, site)
    return PlanNetwork(
        horizon=horizon,
        weeks=weeks,
        start_weeks=np.concatenate(([0.0], np.cumsum(weeks)[:-1])),
        bucket_ends=tuple(bucket.end for bucket in buckets),
        resources=tuple(resources),
        spare=spare_array,
        curves=tuple(curves),
        curve_units=curve_units,
        producers=tuple(producers),
        flows=tuple(flows),
        moves=tuple(moves),
        groups=tuple(groups),
        milestones=tuple(milestones),
    )
