"""Tiny scenarios for the site scheduler's tests."""

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from surgeplan.scenario import Scenario

MINIMAL_SCENARIO = Path(__file__).parents[2] / "examples" / "minimal.yaml"


def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINIMAL_SCENARIO.read_text(encoding="utf-8"))
    data["demand"]["milestones"][0]["cumulative_quantity"] = 1
    return data


@pytest.fixture
def site_scenario() -> Callable[..., Scenario]:
    """A one-site scenario with the given work centers, core items and core demand."""

    def build(
        work_centers: list[dict[str, Any]],
        items: dict[str, list[dict[str, Any]]],
        units_per_week: dict[str, float],
        shifts_per_day: int = 1,
    ) -> Scenario:
        data = copy.deepcopy(_base())
        site = data["sites"][0]
        site["calendar"]["shifts_per_day"] = shifts_per_day
        site["work_centers"] = [
            {"id": "assembly-cell", "capabilities": ["assembly"], "stations": 1},
            *work_centers,
        ]
        data["items"] += [
            {"id": item_id, "kind": "core", "routing": routing}
            for item_id, routing in items.items()
        ]
        data["demand"]["core"] = [
            {"item": item_id, "site": "plant", "units_per_week": units}
            for item_id, units in units_per_week.items()
        ]
        return Scenario.model_validate(data)

    return build
