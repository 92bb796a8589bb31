"""Scenario variants for the sensitivity analysis: one key input moved at a time."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from surgeplan.scenario import Scenario

ScenarioData = dict[str, Any]


class SensitivityInput(StrEnum):
    """A key input the business case is tested against."""

    LEARNING = "learning"
    OPT_IN = "opt_in"
    SUPPLIER_CAPACITY = "supplier_capacity"
    UNIT_PRICE = "unit_price"
    CONVERSION_LEAD_TIME = "conversion_lead_time"


INPUT_LABELS = {
    SensitivityInput.LEARNING: "Learning (progress per doubling)",
    SensitivityInput.OPT_IN: "Staff opt-in share",
    SensitivityInput.SUPPLIER_CAPACITY: "Supplier capacity",
    SensitivityInput.UNIT_PRICE: "Unit price",
    SensitivityInput.CONVERSION_LEAD_TIME: "Conversion lead time",
}


def _move_learning(data: ScenarioData, change: float) -> bool:
    """Learning progress (1 - learning rate) moves: 0.85 at +20 % becomes 0.82."""
    moved = False
    for item in data["items"]:
        rate = item.get("learning_rate", 1.0)
        if rate < 1.0:
            progress = (1.0 - rate) * (1.0 + change)
            item["learning_rate"] = min(1.0, max(0.51, 1.0 - progress))
            moved = True
    return moved


def _move_opt_in(data: ScenarioData, change: float) -> bool:
    moved = False
    for site in data["sites"]:
        for pool in site["workforce"]:
            share = min(1.0, max(0.0, pool["volunteer_share"] * (1.0 + change)))
            pool["volunteer_share"] = share
            volunteers = int(pool["headcount"] * share + 1e-9)
            pool["initially_qualified"] = min(pool["initially_qualified"], volunteers)
            moved = True
    return moved


def _move_supplier_capacity(data: ScenarioData, change: float) -> bool:
    for supplier in data["suppliers"]:
        supplier["capacity_per_week"] *= 1.0 + change
        for step in supplier["capacity_ramp"]:
            step["units_per_week"] *= 1.0 + change
    return bool(data["suppliers"])


def _move_conversion_lead_time(data: ScenarioData, change: float) -> bool:
    moved = False
    for site in data["sites"]:
        for center in site["work_centers"]:
            for conversion in center["conversions"]:
                weeks = conversion["lead_time_weeks"]
                conversion["lead_time_weeks"] = max(0, round(weeks * (1.0 + change)))
                moved = moved or conversion["lead_time_weeks"] != weeks
    return moved


def _move_unit_price(data: ScenarioData, change: float) -> bool:
    economics = data["economics"]
    for key in ("contract_unit_price", "contract_value"):
        if economics.get(key) is not None:
            economics[key] *= 1.0 + change
    return True


MOVES: dict[SensitivityInput, Callable[[ScenarioData, float], bool]] = {
    SensitivityInput.LEARNING: _move_learning,
    SensitivityInput.OPT_IN: _move_opt_in,
    SensitivityInput.SUPPLIER_CAPACITY: _move_supplier_capacity,
    SensitivityInput.UNIT_PRICE: _move_unit_price,
    SensitivityInput.CONVERSION_LEAD_TIME: _move_conversion_lead_time,
}

# Inputs that leave the plan unchanged: the business case is recomputed directly.
NO_REPLAN = frozenset({SensitivityInput.UNIT_PRICE})


def moved_scenario(
    scenario: Scenario, sensitivity_input: SensitivityInput, change: float
) -> Scenario | None:
    """The scenario with one input moved by `change` (0.2 is +20 %).

    None when the scenario has nothing that input applies to (no supplier, no
    conversion, no learning) or the move changes nothing.
    """
    data = scenario.model_dump(mode="json")
    if not MOVES[sensitivity_input](data, change):
        return None
    return Scenario.model_validate(data)
