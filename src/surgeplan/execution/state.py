"""What exists at the end of a status week: the state a re-plan starts from.

`program_state(scenario, actuals, week)` sums validated actuals up to and including
`week` (1-based, at most the actuals' `through_week`). Quantities are cumulative from
the program's start; `Item.prior_cumulative_units` are not included (the scenario
carries them). Units delivered against a milestone count every unit of its item
delivered at its delivery point by the status week, capped at its quantity, because
milestones are cumulative quantities.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from surgeplan.execution.records import Actuals, IncidentRecord

# The keys were declared here before they moved to surgeplan.keys; re-exported so
# that `surgeplan.execution.state.ItemSite` and the others keep working.
from surgeplan.keys import ItemPoint as ItemPoint
from surgeplan.keys import ItemSite as ItemSite
from surgeplan.keys import LaneItem as LaneItem
from surgeplan.keys import SiteConversion as SiteConversion
from surgeplan.keys import SitePool as SitePool
from surgeplan.keys import SiteWorkCenter as SiteWorkCenter
from surgeplan.keys import SupplierSite as SupplierSite
from surgeplan.scenario import Scenario


@dataclass(frozen=True)
class PoolState:
    """People of one pool at the end of the status week.

    Attributes:
        headcount: on the program at the latest week reported.
        trained: people who finished their training since week 1.
        hired: people who joined since week 1.
        left: people who left since week 1.
    """

    headcount: int
    trained: int
    hired: int
    left: int


@dataclass(frozen=True)
class ProgramState:
    """The program at the end of `week`, from its actuals.

    Attributes:
        week: the status week (1-based); `status_date` is its last day.
        completed_by_item_site: finished units made since week 1.
        operations_by_item_site: units of each operation done since week 1, for
            actuals that report operations (`{(item, site): {operation: units}}`).
        delivered_by_item_point: units the customer took since week 1.
        delivered_by_milestone: units counting towards each milestone (capped).
        pools: people per pool; pools never reported are left out.
        conversions_finished: the week each finished conversion was ready.
        received_by_supplier_site: units received since week 1.
        in_transit_by_supplier_site: units on the way at the status week's end.
        shipped_by_lane_item: units sent on each lane since week 1.
        open_incidents: incidents that started and have not ended by the week's end.
        on_lanes_by_lane_item: units shipped and still on their lane at the week's
            end, by the week (1-based) they arrive: sent in week w on a lane of
            `lead_time_weeks` L, they arrive in week w + L.
    """

    week: int
    status_date: dt.date
    completed_by_item_site: dict[ItemSite, float]
    operations_by_item_site: dict[ItemSite, dict[str, float]]
    delivered_by_item_point: dict[ItemPoint, float]
    delivered_by_milestone: dict[str, float]
    pools: dict[SitePool, PoolState]
    conversions_finished: dict[SiteConversion, int]
    received_by_supplier_site: dict[SupplierSite, float]
    in_transit_by_supplier_site: dict[SupplierSite, float]
    shipped_by_lane_item: dict[LaneItem, float]
    open_incidents: tuple[IncidentRecord, ...]
    on_lanes_by_lane_item: dict[LaneItem, dict[int, float]] = field(
        default_factory=dict
    )

    def completed(self, item: str) -> float:
        """Finished units of an item at every site."""
        return sum(
            units
            for key, units in self.completed_by_item_site.items()
            if key.item == item
        )

    def delivered(self, item: str) -> float:
        """Units of an item delivered at every delivery point."""
        return sum(
            units
            for key, units in self.delivered_by_item_point.items()
            if key.item == item
        )


def _pools(actuals: Actuals, week: int) -> dict[SitePool, PoolState]:
    latest: dict[SitePool, tuple[int, int]] = {}
    totals: dict[SitePool, list[int]] = defaultdict(lambda: [0, 0, 0])
    for record in actuals.headcount:
        if record.week > week:
            continue
        key = SitePool(record.site, record.skill)
        if key not in latest or record.week > latest[key][0]:
            latest[key] = (record.week, record.headcount)
        totals[key][0] += record.trained
        totals[key][1] += record.joined
        totals[key][2] += record.left
    return {key: PoolState(latest[key][1], *totals[key]) for key in sorted(latest)}


def program_state(scenario: Scenario, actuals: Actuals, week: int) -> ProgramState:
    """The state at the end of `week` from actuals already checked against `scenario`.

    Raises:
        ValueError: a week outside 1 to the actuals' status week.
    """
    if not 1 <= week <= actuals.through_week:
        raise ValueError(
            f"week {week} is outside the actuals' weeks 1 to {actuals.through_week}"
        )
    completed: dict[ItemSite, float] = defaultdict(float)
    operations: dict[ItemSite, dict[str, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in actuals.completions:
        if record.week > week:
            continue
        key = ItemSite(record.item, record.site)
        if record.operation is None:
            completed[key] += record.units
        else:
            operations[key][record.operation] += record.units
    delivered: dict[ItemPoint, float] = defaultdict(float)
    for delivery in actuals.deliveries:
        if delivery.week <= week:
            delivered[ItemPoint(delivery.item, delivery.delivery_point)] += (
                delivery.units
            )
    by_milestone = {
        milestone.id: min(
            milestone.cumulative_quantity,
            delivered.get(ItemPoint(milestone.item, milestone.delivery_point), 0.0),
        )
        for milestone in scenario.milestones_in_order()
    }
    received: dict[SupplierSite, float] = defaultdict(float)
    transit_latest: dict[SupplierSite, tuple[int, float]] = {}
    for receipt in actuals.receipts:
        if receipt.week > week:
            continue
        key_supply = SupplierSite(receipt.supplier, receipt.site)
        received[key_supply] += receipt.units
        if (
            key_supply not in transit_latest
            or receipt.week >= transit_latest[key_supply][0]
        ):
            transit_latest[key_supply] = (receipt.week, receipt.units_in_transit)
    shipped: dict[LaneItem, float] = defaultdict(float)
    on_lanes: dict[LaneItem, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    lead_weeks = {lane.id: lane.lead_time_weeks for lane in scenario.lanes}
    for shipment in actuals.shipments:
        if shipment.week <= week:
            key_lane = LaneItem(shipment.lane, shipment.item)
            shipped[key_lane] += shipment.units
            arrival = shipment.week + lead_weeks.get(shipment.lane, 0)
            if arrival > week:
                on_lanes[key_lane][arrival] += shipment.units
    finished = {
        SiteConversion(record.site, record.work_center, record.conversion): record.week
        for record in actuals.conversions
        if record.week <= week
    }
    open_incidents = tuple(
        incident
        for incident in actuals.incidents
        if incident.start_week <= week
        and (incident.end_week is None or incident.end_week > week)
    )
    return ProgramState(
        week=week,
        status_date=actuals.week_start(week) + dt.timedelta(days=6),
        completed_by_item_site=dict(completed),
        operations_by_item_site={key: dict(ops) for key, ops in operations.items()},
        delivered_by_item_point=dict(delivered),
        delivered_by_milestone=by_milestone,
        pools=_pools(actuals, week),
        conversions_finished=finished,
        received_by_supplier_site=dict(received),
        in_transit_by_supplier_site={
            key: value for key, (_, value) in transit_latest.items()
        },
        shipped_by_lane_item=dict(shipped),
        open_incidents=open_incidents,
        on_lanes_by_lane_item={key: dict(by) for key, by in on_lanes.items()},
    )
