"""Scenario and its parts (pydantic), YAML/Excel loaders and validation."""

from surgeplan.scenario.calendar import Bucket, make_buckets
from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.formats import SCENARIO_FORMAT
from surgeplan.scenario.items import Item, ItemKind, Operation, Sourcing
from surgeplan.scenario.loading import load_scenario, parse_scenario_text
from surgeplan.scenario.model import Scenario, scenario_hash
from surgeplan.scenario.saving import save_scenario, scenario_to_yaml
from surgeplan.scenario.sites import Site, WorkCenter

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
