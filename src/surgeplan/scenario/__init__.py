"""Scenario and its parts (pydantic), YAML/Excel loaders and validation.

Names are imported on first use: `surgeplan.i18n` (and so the service, for its
problems in the caller's language) imports `scenario.program` and
`scenario.speech` without loading the calendar's numpy or the loaders.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from surgeplan.scenario.calendar import Bucket, make_buckets
    from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
    from surgeplan.scenario.formats import SCENARIO_FORMAT
    from surgeplan.scenario.items import Item, ItemKind, Operation, Sourcing
    from surgeplan.scenario.loading import load_scenario, parse_scenario_text
    from surgeplan.scenario.model import Scenario, scenario_hash
    from surgeplan.scenario.saving import save_scenario, scenario_to_yaml
    from surgeplan.scenario.sites import Site, WorkCenter

_MODULE_OF = {
    "Bucket": "calendar",
    "make_buckets": "calendar",
    "ScenarioError": "errors",
    "ScenarioIssue": "errors",
    "SCENARIO_FORMAT": "formats",
    "Item": "items",
    "ItemKind": "items",
    "Operation": "items",
    "Sourcing": "items",
    "load_scenario": "loading",
    "parse_scenario_text": "loading",
    "Scenario": "model",
    "scenario_hash": "model",
    "save_scenario": "saving",
    "scenario_to_yaml": "saving",
    "Site": "sites",
    "WorkCenter": "sites",
}

__all__ = [
    "SCENARIO_FORMAT",
    "Bucket",
    "Item",
    "ItemKind",
    "Operation",
    "Scenario",
    "ScenarioError",
    "ScenarioIssue",
    "Site",
    "Sourcing",
    "WorkCenter",
    "load_scenario",
    "make_buckets",
    "parse_scenario_text",
    "save_scenario",
    "scenario_hash",
    "scenario_to_yaml",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'surgeplan.scenario' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"surgeplan.scenario.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
