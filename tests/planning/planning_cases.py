"""Tiny named scenarios for planner tests: one plant, one line, one bought part."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from surgeplan.planning import Plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.validation import unlocated, validate_data

ONE_LINE: dict[str, Any] = {
    "format": "surgeplan/2",
    "program": {
        "name": "One line",
        "start_date": "2027-01-04",
        "horizon_buckets": 12,
        "product": "drone",
    },
    "sites": [
        {
            "id": "chassis-plant",
            "country": "FR",
            "network_zone": "fr-ot",
            "calendar": {"shifts_per_day": 1, "hours_per_shift": 8},
            "work_centers": [
                {
                    "id": "assembly-line",
                    "capabilities": ["assembly"],
                    "stations": 1,
                    "efficiency": 1.0,
                }
            ],
            "workforce": [
                {
                    "skill": "assembler",
                    "headcount": 100,
                    "volunteer_share": 1.0,
                    "initially_qualified": 100,
                    "hourly_cost": 40,
                }
            ],
        }
    ],
    "delivery_points": [{"id": "customer", "country": "FR"}],
    "items": [
        {
            "id": "drone",
            "kind": "program",
            "bom": [{"item": "kit", "quantity_per": 1}],
            "routing": [
                {
                    "id": "assemble",
                    "capability": "assembly",
                    "hours_per_unit": 4,
                    "labour_hours_by_skill": {"assembler": 4},
                }
            ],
        },
        {"id": "kit", "kind": "component", "sourcing": "buy"},
    ],
    "suppliers": [
        {
            "id": "kit-supplier",
            "item": "kit",
            "sites": ["chassis-plant"],
            "country": "DE",
            "lead_time_weeks": 0,
            "capacity_per_week": 1000,
            "unit_cost": 100,
        }
    ],
    "lanes": [
        {
            "id": "to-customer",
            "origin": "chassis-plant",
            "destination": "customer",
            "lead_time_weeks": 0,
        }
    ],
    "demand": {
        "milestones": [
            {
                "id": "order",
                "item": "drone",
                "delivery_point": "customer",
                "due_date": "2027-03-26",
                "cumulative_quantity": 50,
            }
        ]
    },
    "economics": {"contract_unit_price": 10000},
}


def make_scenario(change: Callable[[dict[str, Any]], None] | None = None) -> Scenario:
    """The one-line scenario, changed in place by `change` before validation."""
    data = copy.deepcopy(ONE_LINE)
    if change is not None:
        change(data)
    return validate_data(data, unlocated("test"))


def assert_plan_is_feasible(scenario: Scenario, plan: Plan) -> None:
    """The independent checker finds nothing wrong with the plan."""
    violations = check_plan(scenario, plan)
    assert violations == [], "\n".join(str(v) for v in violations[:20])


def with_hall(data: dict[str, Any]) -> None:
    """A hall whose two work centers (assembly, the only test bench) one building
    conversion readies: capex 1000, 2 weeks; the drone is then also tested (4 h)."""
    site = data["sites"][0]
    site["work_centers"] += [
        {"id": "hall-a", "stations": 1, "efficiency": 1.0},
        {"id": "hall-b", "stations": 1, "efficiency": 1.0},
    ]
    site["building_conversions"] = [
        {
            "id": "clean-hall",
            "work_centers": [
                {"work_center": "hall-a", "adds_capabilities": ["assembly"]},
                {"work_center": "hall-b", "adds_capabilities": ["testing"]},
            ],
            "capex": 1000,
            "lead_time_weeks": 2,
        }
    ]
    data["items"][0]["routing"].append(
        {"id": "test", "capability": "testing", "hours_per_unit": 4}
    )
