"""The opening state in the simulation: units delivered before the plan starts.

Runs replay the plan's own production and shipments, and the plan's initial stock
already holds the opening stock (`network.build_network` reads it from the plan's
first bucket). What runs cannot see are units delivered before the start: they are
taken off each milestone's quantity. Shipments in transit at the start are counted
with them, as certain as units delivered (their lane's lead time is the only wait).
"""

from __future__ import annotations

from surgeplan.scenario import Scenario


def units_before_start(scenario: Scenario, item_id: str, delivery_point: str) -> float:
    """Units of an item at a delivery point that no run has to deliver."""
    opening = scenario.opening_state
    if opening is None:
        return 0.0
    lanes = {lane.id: lane.destination for lane in scenario.lanes}
    in_transit = sum(
        shipment.units
        for shipment in opening.shipments
        if shipment.item == item_id and lanes.get(shipment.lane) == delivery_point
    )
    return opening.delivered_units(item_id, delivery_point) + in_transit
