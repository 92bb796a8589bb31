"""From a program's measured state to the opening state a re-plan starts from.

`opening_state_from(state, scenario, plan)` maps the `ProgramState` at the end of the
status week onto the scenario's `OpeningState`, field by field:

- `made`: finished units per item and site (learning goes on from them);
- `delivered`: units the customer took per item and delivery point;
- `stock`: a balance per item and site, from week 1: finished units made there, plus
  supplier receipts and shipments arrived, less shipments sent, less the components
  finished parents used (the bill of materials, at the parent's completion as the
  planner counts it) and less what was delivered. Delivered units and shipments that
  the actuals do not report are taken along the scenario's lanes (a site short of an
  item draws on the sites that ship it there; a delivery point's units come from the
  sites whose lanes reach it), so a program that reports only completions and
  deliveries still has its stock where the planner expects it; the units left at a
  site that makes an item only for others went where the old plan sent them. A
  balance below zero (more used than made, received and shipped in) is stock that is
  not there: zero;
- `work_in_progress`: where operations are reported, units through an item's first
  operation but not finished; they are ready one week after the start;
- `shipments`: units on a lane whose lead time has not run out by the status week;
- `in_transit`: the old plan's purchase orders placed by the status week, less what
  the suppliers delivered: units due by then but not received arrive in the first
  week, the rest as the old plan expected (a supplier's reported units in transit,
  where larger, arrive in the first week);
- `people`: headcount at the status week per pool is its qualified people, and the
  people who joined since week 1 its hires;
- `conversions_done`: conversions the actuals report finished; a conversion the old
  plan began before the status week and the actuals do not report finished is under
  way, ready when the old plan said or, when that has passed, one week after the start.

What `OpeningState` cannot hold, and a re-plan therefore does not see: units part-way
through their routing need no more capacity (their remaining operations are not
planned again); units scrapped or reworked, hours worked, overtime and training under
way; open incidents (capacity lost in the past is in the units made; capacity lost
after the status week is the risk model's); whether the old plan's hires and shift
changes were carried out, other than through the headcount; orders placed outside the
old plan, beyond the suppliers' reported units in transit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from surgeplan.execution.state import ProgramState
from surgeplan.keys import ItemSite, SiteConversion, SupplierSite
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
    WorkInProgress,
)

# Below this many units a balance is rounding in the actuals, not stock.
UNITS_TOLERANCE = 1e-6
# Units are recorded to the hundredth, as the actuals are.
UNITS_DECIMALS = 2
WEEK = dt.timedelta(weeks=1)


def opening_state_from(
    state: ProgramState,
    scenario: Scenario,
    plan: Plan,
    *,
    earlier: ProgramState | None = None,
    cause: str = "",
) -> OpeningState:
    """The opening state of a re-plan starting the day after `state.status_date`.

    `plan` is the plan the program ran on: its purchase orders and conversions begun
    are commitments the actuals do not list. If it starts after week 1 (it is itself
    a re-plan), `earlier` is the state at the end of the week before its start: its
    orders are answered by the receipts since then, and orders placed before its
    start are not seen (but for suppliers' reported units in transit). `cause` is
    recorded in the new plan; without one it is `shortfall_cause`.
    """
    start = state.status_date + dt.timedelta(days=1)
    program_items = {
        item.id for item in scenario.items if item.kind is not ItemKind.CORE
    }
    made = {
        key: units
        for key, units in state.completed_by_item_site.items()
        if key.item in program_items and units > UNITS_TOLERANCE
    }
    work_in_progress = _work_in_progress(state, scenario, program_items)
    shipments = _shipments_in_transit(state, scenario)
    stock = _stock(state, scenario, made, work_in_progress, program_items)
    _send_unreported_surplus(stock, state, scenario, plan, made)
    return OpeningState(
        made=[
            UnitsMade(item=key.item, site=key.site, units=_units(units))
            for key, units in sorted(made.items())
        ],
        stock=[
            StockOnHand(item=key.item, site=key.site, units=_units(units))
            for key, units in sorted(stock.items())
            if units > UNITS_TOLERANCE
        ],
        work_in_progress=[
            WorkInProgress(
                item=key.item,
                site=key.site,
                units=_units(units),
                ready_date=start + WEEK,
            )
            for key, units in sorted(work_in_progress.items())
        ],
        in_transit=_purchases_in_transit(state, scenario, plan, start, earlier),
        shipments=shipments,
        delivered=[
            DeliveredUnits(
                item=key.item, delivery_point=key.delivery_point, units=_units(units)
            )
            for key, units in sorted(state.delivered_by_item_point.items())
            if key.item in program_items and units > UNITS_TOLERANCE
        ],
        people=[
            PoolState(
                site=key.site,
                skill=key.skill,
                qualified=pool.headcount,
                hired=pool.hired,
            )
            for key, pool in sorted(state.pools.items())
        ],
        conversions_done=_conversions(state, plan, start),
        cause=cause or shortfall_cause(state, scenario, plan, earlier),
    )


def program_weeks(plan: Plan, state: ProgramState) -> dict[int, int]:
    """The program week (1-based, as the actuals count) of each bucket of a plan.

    By date, so that an old plan that is itself a re-plan (its bucket 0 a later
    week) lines up with the actuals.
    """
    return {
        bucket.index: (bucket.start - program_start(state)).days // 7 + 1
        for bucket in plan.buckets
    }


def program_start(state: ProgramState) -> dt.date:
    """First day of the program's week 1."""
    return state.status_date - dt.timedelta(days=6) - (state.week - 1) * WEEK


def shortfall_cause(
    state: ProgramState,
    scenario: Scenario,
    plan: Plan,
    earlier: ProgramState | None = None,
) -> str:
    """Delivered against planned per program item by the status week, in one line.

    For an old plan that starts after week 1 (a re-plan), `earlier` is the state at
    the end of the week before its start: units are counted from there.
    """
    week_of = program_weeks(plan, state)
    planned: dict[str, float] = defaultdict(float)
    for delivery in plan.deliveries:
        if week_of[delivery.bucket] <= state.week:
            planned[delivery.item] += delivery.units
    parts: list[str] = []
    for item in scenario.items_of_kind(ItemKind.PROGRAM):
        before = earlier.delivered(item.id) if earlier is not None else 0.0
        actual, due = state.delivered(item.id) - before, planned[item.id]
        if due <= UNITS_TOLERANCE and actual <= UNITS_TOLERANCE:
            continue
        gap = due - actual
        if gap > UNITS_TOLERANCE:
            share = f", {gap / due:.0%}" if due > 0 else ""
            how = f"a shortfall of {gap:,.0f}{share}"
        else:
            how = f"{-gap:,.0f} ahead"
        parts.append(f"{item.id} delivered {actual:,.0f} of {due:,.0f} planned ({how})")
    what = "; ".join(parts) or "nothing delivered or planned"
    since = f" since week {earlier.week + 1}" if earlier is not None else ""
    return f"actuals to week {state.week}{since}: {what}"[:400]


def _units(value: float) -> float:
    return round(max(value, 0.0), UNITS_DECIMALS)


def _work_in_progress(
    state: ProgramState, scenario: Scenario, program_items: set[str]
) -> dict[ItemSite, float]:
    """Units past the first operation and not finished (operations reported)."""
    found: dict[ItemSite, float] = {}
    for key, operations in state.operations_by_item_site.items():
        if key.item not in program_items:
            continue
        item = scenario.item(key.item)
        if not item.routing:
            continue
        started = operations.get(item.routing[0].id, 0.0)
        open_units = started - state.completed_by_item_site.get(key, 0.0)
        if open_units > UNITS_TOLERANCE and _units(open_units) > 0:
            found[key] = open_units
    return found


def _shipments_in_transit(
    state: ProgramState, scenario: Scenario
) -> list[ShipmentInTransit]:
    """Units on a lane at the status week's end, arriving in the week they are due."""
    lanes = {lane.id for lane in scenario.lanes}
    first_day = program_start(state)
    return [
        ShipmentInTransit(
            lane=key.lane,
            item=key.item,
            units=_units(units),
            arrival_date=first_day + (week - 1) * WEEK,
        )
        for key, by_week in sorted(state.on_lanes_by_lane_item.items())
        if key.lane in lanes
        for week, units in sorted(by_week.items())
        if _units(units) > 0
    ]


def _stock(
    state: ProgramState,
    scenario: Scenario,
    made: dict[ItemSite, float],
    work_in_progress: dict[ItemSite, float],
    program_items: set[str],
) -> dict[ItemSite, float]:
    """Units on hand per item and site: what came in less what went out (module doc)."""
    balance: defaultdict[ItemSite, float] = defaultdict(float)
    for key, units in made.items():
        balance[key] += units
    for (supplier_id, site_id), units in state.received_by_supplier_site.items():
        balance[ItemSite(scenario.supplier(supplier_id).item, site_id)] += units
    site_ids = {site.id for site in scenario.sites}
    lanes = {lane.id: lane for lane in scenario.lanes}
    arrived_at_point: defaultdict[tuple[str, str], float] = defaultdict(float)
    for shipped, units in state.shipped_by_lane_item.items():
        lane, item_id = lanes.get(shipped.lane), shipped.item
        if lane is None:
            continue
        on_lane = sum(state.on_lanes_by_lane_item.get(shipped, {}).values())
        balance[ItemSite(item_id, lane.origin)] -= units
        if lane.destination in site_ids:
            balance[ItemSite(item_id, lane.destination)] += units - on_lane
        else:
            arrived_at_point[(item_id, lane.destination)] += units - on_lane
    # Components go into a parent when it is finished, as the planner counts them;
    # units in progress took theirs too.
    for source in (made, work_in_progress):
        for key, units in source.items():
            for line in scenario.item(key.item).bom:
                if line.item in program_items:
                    balance[ItemSite(line.item, key.site)] -= units * line.quantity_per
    for point, units in state.delivered_by_item_point.items():
        unshipped = units - arrived_at_point[(point.item, point.delivery_point)]
        if point.item in program_items and unshipped > UNITS_TOLERANCE:
            origins = [
                lane.origin
                for lane in scenario.lanes
                if lane.destination == point.delivery_point
                and (not lane.items or point.item in lane.items)
            ] or sorted(key.site for key in made if key.item == point.item)
            _take(balance, point.item, origins, unshipped)
    _ship_unreported(balance, scenario, site_ids)
    return {key: units for key, units in balance.items() if key.item in program_items}


def _take(
    balance: defaultdict[ItemSite, float],
    item_id: str,
    origins: list[str],
    units: float,
) -> None:
    """Take units from the origins holding most first; the first one goes short."""
    if not origins:
        return
    ordered = sorted(origins, key=lambda site: -balance[ItemSite(item_id, site)])
    for site in ordered:
        key = ItemSite(item_id, site)
        taken = min(max(balance[key], 0.0), units)
        balance[key] -= taken
        units -= taken
    balance[ItemSite(item_id, ordered[0])] -= units


def _ship_unreported(
    balance: defaultdict[ItemSite, float], scenario: Scenario, site_ids: set[str]
) -> None:
    """Cover a site's missing units from the sites whose lanes bring the item there.

    One pass per lane is enough for a chain of lanes as long as the scenario's.
    """
    between_sites = [lane for lane in scenario.lanes if lane.destination in site_ids]
    for _ in range(len(between_sites)):
        moved = False
        for lane in between_sites:
            for key in [k for k in balance if k.site == lane.destination]:
                if lane.items and key.item not in lane.items:
                    continue
                origin = ItemSite(key.item, lane.origin)
                units = min(-balance[key], balance[origin])
                if units > UNITS_TOLERANCE:
                    balance[key] += units
                    balance[origin] -= units
                    moved = True
        if not moved:
            return


def _send_unreported_surplus(
    stock: dict[ItemSite, float],
    state: ProgramState,
    scenario: Scenario,
    plan: Plan,
    made: dict[ItemSite, float],
) -> None:
    """Send a site's surplus of an item it makes for others where the old plan sent it.

    Without a shipment of the item reported from the site, and with no parent of it
    finished there, the units left are taken to have gone the way the old plan's
    transfers went by the status week, in their shares (and stay if it sent none).
    """
    reported = {
        (lanes.origin, key.item)
        for key in state.shipped_by_lane_item
        for lanes in scenario.lanes
        if lanes.id == key.lane
    }
    used_at = {
        (line.item, key.site) for key in made for line in scenario.item(key.item).bom
    }
    week_of = program_weeks(plan, state)
    sent: defaultdict[ItemSite, defaultdict[str, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    site_ids = {site.id for site in scenario.sites}
    for transfer in plan.transfers:
        past = week_of[transfer.bucket] <= state.week
        if past and transfer.destination in site_ids:
            sent[ItemSite(transfer.item, transfer.origin)][transfer.destination] += (
                transfer.units
            )
    for key, shares in sent.items():
        units, total = stock.get(key, 0.0), sum(shares.values())
        if (
            units <= UNITS_TOLERANCE
            or total <= UNITS_TOLERANCE
            or (key.site, key.item) in reported
            or (key.item, key.site) in used_at
        ):
            continue
        stock[key] = 0.0
        for destination, planned in shares.items():
            there = ItemSite(key.item, destination)
            stock[there] = stock.get(there, 0.0) + units * planned / total


def _purchases_in_transit(
    state: ProgramState,
    scenario: Scenario,
    plan: Plan,
    start: dt.date,
    earlier: ProgramState | None,
) -> list[PurchaseInTransit]:
    """The old plan's orders placed by the status week that are not received yet."""
    suppliers = {supplier.id for supplier in scenario.suppliers}
    week_of = program_weeks(plan, state)
    first_day = program_start(state)
    # Units per program week of arrival, of the orders placed by the status week.
    arrivals: defaultdict[SupplierSite, defaultdict[int, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for order in plan.purchases:
        arrival = week_of.get(order.arrival_bucket)
        if week_of[order.bucket] <= state.week and arrival is not None:
            arrivals[SupplierSite(order.supplier, order.site)][arrival] += order.units
    keys = set(arrivals) | set(state.in_transit_by_supplier_site)
    found: list[PurchaseInTransit] = []
    for key in sorted(k for k in keys if k.supplier in suppliers):
        by_week = arrivals[key]
        received = state.received_by_supplier_site.get(key, 0.0)
        if earlier is not None:
            # Only receipts since the old plan's start answer its orders.
            received -= earlier.received_by_supplier_site.get(key, 0.0)
        due = sum(units for week, units in by_week.items() if week <= state.week)
        # Received early: the earliest of the later arrivals came already.
        early = max(received - due, 0.0)
        dated: defaultdict[dt.date, float] = defaultdict(float)
        dated[start] += max(due - received, 0.0)
        for week in sorted(w for w in by_week if w > state.week):
            units = by_week[week] - min(early, by_week[week])
            early = max(early - by_week[week], 0.0)
            dated[first_day + (week - 1) * WEEK] += units
        reported = state.in_transit_by_supplier_site.get(key, 0.0)
        dated[start] += max(reported - sum(dated.values()), 0.0)
        found += [
            PurchaseInTransit(
                supplier=key.supplier,
                site=key.site,
                units=_units(units),
                arrival_date=day,
            )
            for day, units in sorted(dated.items())
            if _units(units) > 0
        ]
    return found


def _conversions(
    state: ProgramState, plan: Plan, start: dt.date
) -> list[DoneConversion]:
    """Conversions finished, and those the old plan began that are not (yet)."""
    done = [
        DoneConversion(
            site=key.site, work_center=key.work_center, conversion=key.conversion
        )
        for key in sorted(state.conversions_finished)
    ]
    finished = set(state.conversions_finished)
    start_of = {bucket.index: bucket.start for bucket in plan.buckets}
    week_of = program_weeks(plan, state)
    for record in plan.conversions:
        key = SiteConversion(record.site, record.work_center, record.conversion)
        if week_of[record.start_bucket] > state.week or key in finished:
            continue
        planned = start_of.get(record.ready_bucket)
        ready = planned if planned is not None and planned > start else start + WEEK
        done.append(
            DoneConversion(
                site=record.site,
                work_center=record.work_center,
                conversion=record.conversion,
                ready_date=ready,
            )
        )
        finished.add(key)
    return done
