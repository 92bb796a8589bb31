"""Demand that changes on a running program: scale-up and scale-down of milestones.

A change is a new scenario; re-planning it from the program's state
(`replan(..., kind=ChangeKind.SCALE_UP)`) moves only what the change needs, and the
diff names it. Termination is priced in `economics.termination`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from surgeplan.scenario import Scenario

SCALED_UP_MILESTONE = "scale-up"


def scaled_up(
    scenario: Scenario, units_more: float, due_date: dt.date, delivery_point: str
) -> Scenario:
    """A scale-up of N units by a date ("+2,000 by month 18").

    Every milestone of the product at that delivery point due on or after the date
    asks N more; if none is due on the date itself, a milestone there asks N more
    than the last one due before it.
    """
    product = scenario.program.product
    milestones: list[dict[str, Any]] = []
    before = 0.0
    due_on_day = False
    for milestone in scenario.milestones_in_order():
        data = milestone.model_dump(mode="json")
        if milestone.item == product and milestone.delivery_point == delivery_point:
            if milestone.due_date >= due_date:
                data["cumulative_quantity"] = milestone.cumulative_quantity + units_more
                due_on_day = due_on_day or milestone.due_date == due_date
            else:
                before = max(before, milestone.cumulative_quantity)
        milestones.append(data)
    if not due_on_day:
        milestones.append(
            {
                "id": SCALED_UP_MILESTONE,
                "item": product,
                "delivery_point": delivery_point,
                "due_date": due_date.isoformat(),
                "cumulative_quantity": before + units_more,
            }
        )
    return _with_milestones(scenario, milestones)


def scaled_down(scenario: Scenario, share: float) -> Scenario:
    """Every milestone of the product asks `share` of its quantity (0 < share <= 1)."""
    if not 0 < share <= 1:
        raise ValueError(f"a scale-down keeps a share in (0, 1], not {share}")
    product = scenario.program.product
    milestones = [
        {
            **m.model_dump(mode="json"),
            "cumulative_quantity": m.cumulative_quantity * share
            if m.item == product
            else m.cumulative_quantity,
        }
        for m in scenario.demand.milestones
    ]
    return _with_milestones(scenario, milestones)


def _with_milestones(scenario: Scenario, milestones: list[dict[str, Any]]) -> Scenario:
    demand = scenario.demand.model_dump(mode="json")
    demand["milestones"] = milestones
    return scenario.updated({"demand": demand})
