"""The program state at week 20 of the drone example as a re-plan's opening state.

The worked example reports completions (per operation too), receipts, deliveries,
headcount and conversions, but no shipments: the stock balances below are worked out
by hand from its CSV files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from surgeplan.execution.opening import opening_state_from
from surgeplan.execution.records import Actuals, ShipmentRecord
from surgeplan.execution.state import ProgramState, program_state
from surgeplan.keys import ItemSite, SupplierSite
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.opening_state import (
    OpeningState,
    StockOnHand,
    WorkInProgress,
)
from surgeplan.scenario.validation import cross_check

WEEK = 20
NEW_START = dt.date(2027, 5, 24)  # the Monday after week 20 of a 2027-01-04 start


@pytest.fixture(scope="module")
def state(uav_scenario: Scenario, week_20_actuals: Actuals) -> ProgramState:
    return program_state(uav_scenario, week_20_actuals, WEEK)


@pytest.fixture(scope="module")
def opening(
    state: ProgramState, uav_scenario: Scenario, uav_plan: Plan
) -> OpeningState:
    return opening_state_from(state, uav_scenario, uav_plan)


def units(
    entries: Sequence[StockOnHand | WorkInProgress], item: str, site: str
) -> float:
    return sum(
        (e.units for e in entries if (e.item, e.site) == (item, site)), start=0.0
    )


def test_units_made_and_delivered_are_the_actuals_own(
    state: ProgramState, opening: OpeningState
) -> None:
    made = {(e.item, e.site): e.units for e in opening.made}
    delivered = {(e.item, e.delivery_point): e.units for e in opening.delivered}
    core = {"chassis-subframe", "car-engine"}  # core products carry no state

    assert made == pytest.approx(
        {
            tuple(key): value
            for key, value in state.completed_by_item_site.items()
            if key.item not in core
        },
        abs=0.01,
    )
    assert delivered == pytest.approx(
        {tuple(key): value for key, value in state.delivered_by_item_point.items()},
        abs=0.01,
    )
    assert delivered[("uav", "depot-fr")] == pytest.approx(183.75, abs=0.01)


def test_stock_is_what_came_in_less_what_went_out(
    state: ProgramState, opening: OpeningState
) -> None:
    made = state.completed_by_item_site
    uav_made = made[ItemSite("uav", "chassis-plant")]
    uav_started = state.operations_by_item_site[ItemSite("uav", "chassis-plant")][
        "final-assembly"
    ]
    # Finished UAVs less those delivered (the only lane to depot-fr leaves from here).
    assert units(opening.stock, "uav", "chassis-plant") == pytest.approx(
        uav_made - 183.75, abs=0.01
    )
    # Propulsion units are made at the powertrain plant and used at the chassis plant
    # by every UAV finished or past final assembly. The actuals report no shipment:
    # the chassis plant's units came along the lane, and those left went where the
    # old plan sent them (all to the chassis plant by week 20).
    surplus = made[ItemSite("propulsion-unit", "powertrain-plant")] - uav_started
    assert surplus == pytest.approx(149.5, abs=0.01)
    assert units(opening.stock, "propulsion-unit", "chassis-plant") == pytest.approx(
        surplus, abs=0.01
    )
    assert units(opening.stock, "propulsion-unit", "powertrain-plant") == 0
    # Avionics kits: the late partner's receipts all went into UAVs; none is left.
    assert units(opening.stock, "avionics-kit", "chassis-plant") == 0
    assert units(opening.work_in_progress, "uav", "chassis-plant") == pytest.approx(
        uav_started - uav_made, abs=0.01
    )
    assert {e.ready_date for e in opening.work_in_progress} == {
        NEW_START + dt.timedelta(weeks=1)
    }


def test_open_purchase_orders_of_the_old_plan_are_in_transit(
    state: ProgramState, opening: OpeningState, uav_plan: Plan
) -> None:
    for supplier, site in {(e.supplier, e.site) for e in opening.in_transit}:
        ordered = sum(
            o.units
            for o in uav_plan.purchases
            if (o.supplier, o.site) == (supplier, site) and o.bucket < WEEK
        )
        received = state.received_by_supplier_site.get(
            SupplierSite(supplier, site), 0.0
        )
        on_the_way = sum(
            e.units
            for e in opening.in_transit
            if (e.supplier, e.site) == (supplier, site)
        )
        assert on_the_way == pytest.approx(ordered - received, abs=0.05), supplier
    # The avionics partner is two weeks late: what was due by week 20 comes first.
    late = [
        e
        for e in opening.in_transit
        if e.supplier == "avionics-partner" and e.arrival_date == NEW_START
    ]
    partner = [
        o
        for o in uav_plan.purchases
        if (o.supplier, o.site) == ("avionics-partner", "chassis-plant")
        and o.bucket < WEEK
    ]
    due = sum(o.units for o in partner if o.arrival_bucket < WEEK)
    first_week = sum(o.units for o in partner if o.arrival_bucket == WEEK)
    received = state.received_by_supplier_site[
        SupplierSite("avionics-partner", "chassis-plant")
    ]
    assert due - received == pytest.approx(120, abs=0.01)  # two weeks of 60
    assert [e.units for e in late] == [pytest.approx(120 + first_week, abs=0.01)]
    assert min(e.arrival_date for e in opening.in_transit) == NEW_START


def test_people_conversions_and_the_cause(
    state: ProgramState, opening: OpeningState
) -> None:
    assert {(p.site, p.skill): p.qualified for p in opening.people} == {
        tuple(key): pool.headcount for key, pool in state.pools.items()
    }
    finished = {
        (c.site, c.work_center, c.conversion)
        for c in opening.conversions_done
        if c.ready_date is None
    }
    assert finished == {tuple(key) for key in state.conversions_finished}
    # Begun in the old plan before week 20, not reported finished: still under way.
    assert all(
        c.ready_date > NEW_START for c in opening.conversions_done if c.ready_date
    )
    assert opening.cause.startswith("actuals to week 20: uav delivered 184 of ")
    assert "a shortfall of" in opening.cause


def test_the_opening_state_is_valid_in_the_re_plan_scenario(
    uav_scenario: Scenario, opening: OpeningState
) -> None:
    program = uav_scenario.program.model_dump(mode="json")
    program["start_date"] = NEW_START.isoformat()
    program["horizon_buckets"] = uav_scenario.program.horizon_buckets - WEEK
    moved = uav_scenario.updated(
        {"program": program, "opening_state": opening.model_dump(mode="json")}
    )

    assert [p for p in cross_check(moved) if p[0].startswith("opening_state")] == []


def test_shipments_on_a_lane_arrive_and_those_still_on_it_are_in_transit(
    uav_scenario: Scenario, week_20_actuals: Actuals, uav_plan: Plan
) -> None:
    shipped = week_20_actuals.model_copy(
        update={
            "shipments": [
                # Arrived in week 20 at the plant abroad (2 weeks on the lane).
                ShipmentRecord(
                    week=18, lane="kits-to-abroad", item="airframe", units=5
                ),
                # Still on its lane: arrives in week 22.
                ShipmentRecord(
                    week=20,
                    lane="powertrain-to-abroad",
                    item="propulsion-unit",
                    units=10,
                ),
            ]
        }
    )
    before = opening_state_from(
        program_state(uav_scenario, week_20_actuals, WEEK), uav_scenario, uav_plan
    )

    after = opening_state_from(
        program_state(uav_scenario, shipped, WEEK), uav_scenario, uav_plan
    )

    assert units(after.stock, "airframe", "assembly-abroad") == 5
    assert units(after.stock, "airframe", "chassis-plant") == pytest.approx(
        units(before.stock, "airframe", "chassis-plant") - 5, abs=0.01
    )
    # A shipment reported from the powertrain plant: its other units stay there.
    assert units(after.stock, "propulsion-unit", "powertrain-plant") == pytest.approx(
        units(before.stock, "propulsion-unit", "chassis-plant") - 10, abs=0.01
    )
    assert units(after.stock, "propulsion-unit", "chassis-plant") == 0
    assert [(s.lane, s.item, s.units, s.arrival_date) for s in after.shipments] == [
        (
            "powertrain-to-abroad",
            "propulsion-unit",
            10,
            NEW_START + dt.timedelta(weeks=1),
        )
    ]
