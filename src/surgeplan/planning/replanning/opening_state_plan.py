"""The state a program would be in had it followed a plan, at a given share of output.

Used to rehearse a re-plan without actuals (tests, benchmarks, "what if we are 30 %
behind at week 20?"): the plan's first `status_week` weeks are taken as what
happened, with the units made, shipped and delivered scaled by `output_share`.
Purchases arrive as ordered, so parts the missing output would have used stay in
stock; people are qualified and hired and conversions done as planned.

With actuals, the program's measured state (EXEC's `ProgramState`) fills the same
`OpeningState` fields directly: units completed per item and site -> `made`; stock
per item and site (completed + received - used - shipped) -> `stock`; delivered ->
`delivered`; headcount trained and hired per pool -> `people`; conversions finished
-> `conversions_done`; supplier receipts in transit -> `in_transit`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from surgeplan.keys import ItemPoint, ItemSite
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import ItemKind, Scenario
from surgeplan.scenario.opening_state import (
    DeliveredUnits,
    DoneConversion,
    OpeningState,
    PoolState,
    PurchaseInTransit,
    ShipmentInTransit,
    StockOnHand,
    UnitsMade,
)


def state_from_plan(
    scenario: Scenario,
    plan: Plan,
    status_week: int,
    *,
    output_share: float = 1.0,
    cause: str = "",
) -> OpeningState:
    """What exists at the end of bucket `status_week` (1-based) had the plan been run.

    Output (units made, shipped and delivered) is the plan's times `output_share`;
    stock is then `share x planned stock + (1 - share) x units received from
    suppliers`, which keeps every stock balance true.
    """
    share = output_share
    past = status_week
    start_of = {bucket.index: bucket.start for bucket in plan.buckets}
    # Core products are made to their demand week by week: they carry no state.
    first_step = {
        item.id: item.routing[0].id
        for item in scenario.items
        if item.routing and item.kind is not ItemKind.CORE
    }
    made: defaultdict[ItemSite, float] = defaultdict(float)
    for record in plan.production:
        if record.bucket < past and record.operation == first_step.get(record.item):
            made[ItemSite(record.item, record.site)] += record.units * share
    stock: defaultdict[ItemSite, float] = defaultdict(float)
    for held in plan.inventory:
        if held.bucket == past - 1:
            stock[ItemSite(held.item, held.site)] += held.units * share
    in_transit: list[PurchaseInTransit] = []
    for order in plan.purchases:
        if order.bucket >= past:
            continue
        if order.arrival_bucket < past:
            stock[ItemSite(order.item, order.site)] += order.units * (1 - share)
        elif order.arrival_bucket in start_of:
            in_transit.append(
                PurchaseInTransit(
                    supplier=order.supplier,
                    site=order.site,
                    units=order.units,
                    arrival_date=start_of[order.arrival_bucket],
                )
            )
    shipments = [
        ShipmentInTransit(
            lane=transfer.lane,
            item=transfer.item,
            units=transfer.units * share,
            arrival_date=start_of[transfer.arrival_bucket],
        )
        for transfer in plan.transfers
        if transfer.bucket < past <= transfer.arrival_bucket
        and transfer.arrival_bucket in start_of
    ]
    delivered: defaultdict[ItemPoint, float] = defaultdict(float)
    for delivery in plan.deliveries:
        if delivery.bucket < past:
            delivered[ItemPoint(delivery.item, delivery.delivery_point)] += (
                delivery.units * share
            )
    people = [
        PoolState(
            site=labour.site,
            skill=labour.skill,
            qualified=round(labour.headcount),
            hired=round(
                sum(
                    other.hires
                    for other in plan.labour
                    if (other.site, other.skill) == (labour.site, labour.skill)
                    and other.bucket < past
                )
            ),
        )
        for labour in plan.labour
        if labour.bucket == past - 1
    ]
    conversions = [
        DoneConversion(
            site=conversion.site,
            work_center=conversion.work_center,
            conversion=conversion.conversion,
            ready_date=_ready_date(start_of, conversion.ready_bucket, past),
        )
        for conversion in plan.conversions
        if conversion.start_bucket < past
    ]
    return OpeningState(
        made=[
            UnitsMade(item=k[0], site=k[1], units=v) for k, v in sorted(made.items())
        ],
        stock=[
            StockOnHand(item=k[0], site=k[1], units=v)
            for k, v in sorted(stock.items())
            if v > 1e-9
        ],
        in_transit=in_transit,
        shipments=shipments,
        delivered=[
            DeliveredUnits(item=k[0], delivery_point=k[1], units=v)
            for k, v in sorted(delivered.items())
        ],
        people=people,
        conversions_done=conversions,
        cause=cause,
    )


def _ready_date(
    start_of: dict[int, dt.date], ready_bucket: int, past: int
) -> dt.date | None:
    """The ready day of a conversion still under way at the status week; else None."""
    if ready_bucket < past or ready_bucket not in start_of:
        return None
    return start_of[ready_bucket]
