"""Tiny scenarios for the site scheduler's tests."""

import copy
from pathlib import Path

import pytest
import yaml

from surgeplan.scenario import Scenario

MINIMAL_SCENARIO = Path(__file__).parents[2] / "examples" / "minimal.yaml"


def _base() -> dict:
    data = yaml.safe_load(MINIMAL_SCENARIO.read_text(encoding="utf-8"))
    data["demand"]["milestones"][0]["cumulative_quantity"] = 1
    return data


@pytest.fixture
def site_scenario():
    """A one-site scenario with the given work centers, core items and core demand."""

    def build(work_centers, items, units_per_week, shifts_per_day=1):
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
