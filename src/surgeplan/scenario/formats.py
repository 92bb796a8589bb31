"""Scenario format versions and the upgrade from older ones.

`surgeplan/2` is the current format. `surgeplan/1` named every money field with an
`_eur` suffix although the program's `currency` may be USD or GBP; `surgeplan/2` names
money fields without a currency (`hourly_cost`, `capex`) and the program's `currency`
says which one. An older document is upgraded in memory when it is read (so stored
scenarios keep working), and `surgeplan convert` rewrites the file itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SCENARIO_FORMAT = "surgeplan/2"
FORMAT_1 = "surgeplan/1"
OLDER_FORMATS = (FORMAT_1,)
READABLE_FORMATS = (*OLDER_FORMATS, SCENARIO_FORMAT)

# Field names of format 1 and their names in format 2. Every one is a scenario field
# name that nothing else in a scenario uses, so renaming keys wherever they sit is safe.
MONEY_RENAMES_1_TO_2: Mapping[str, str] = {
    "capex_eur": "capex",
    "contract_unit_price_eur": "contract_unit_price",
    "contract_value_eur": "contract_value",
    "cost_eur": "cost",
    "cost_per_unit_eur": "cost_per_unit",
    "fixed_cost_per_week_eur": "fixed_cost_per_week",
    "fixed_overhead_per_year_eur": "fixed_overhead_per_year",
    "hiring_cost_per_person_eur": "hiring_cost_per_person",
    "holding_cost_per_unit_week_eur": "holding_cost_per_unit_week",
    "hourly_cost_eur": "hourly_cost",
    "late_penalty_per_unit_week_eur": "late_penalty_per_unit_week",
    "material_cost_per_unit_eur": "material_cost_per_unit",
    "shortfall_penalty_per_unit_eur": "shortfall_penalty_per_unit",
    "switch_cost_eur": "switch_cost",
    "training_cost_per_person_eur": "training_cost_per_person",
    "unit_cost_eur": "unit_cost",
}


def is_older_format(version: object) -> bool:
    """Whether `version` is a format this release reads by upgrading it."""
    return isinstance(version, str) and version in OLDER_FORMATS


def renamed_keys(data: Any, renames: Mapping[str, str]) -> Any:
    """A copy of plain data with mapping keys renamed wherever they sit.

    A key is renamed only where its new name is not set beside it, so a document
    that mixes both spellings keeps the new one and reports the old as unknown.
    """
    if isinstance(data, list):
        return [renamed_keys(value, renames) for value in data]
    if not isinstance(data, dict):
        return data
    result: dict[Any, Any] = {}
    for key, value in data.items():
        new_key = renames.get(key, key) if isinstance(key, str) else key
        if new_key != key and new_key in data:
            new_key = key
        result[new_key] = renamed_keys(value, renames)
    return result


def upgraded(data: Any) -> Any:
    """Plain scenario data in the current format; other data is returned unchanged."""
    if not isinstance(data, dict) or not is_older_format(data.get("format")):
        return data
    result = renamed_keys(data, MONEY_RENAMES_1_TO_2)
    result["format"] = SCENARIO_FORMAT
    return result


_FORMAT_1_NAMES = {new: old for old, new in MONEY_RENAMES_1_TO_2.items()}


def format_1_path(path: str) -> str:
    """A located path in today's names as format 1 spells it, to find its line.

    `sites[0].workforce[1].hourly_cost` is `sites[0].workforce[1].hourly_cost_eur`
    in a file written in format 1.
    """
    parts = []
    for part in path.split("."):
        name, bracket, rest = part.partition("[")
        parts.append(_FORMAT_1_NAMES.get(name, name) + bracket + rest)
    return ".".join(parts)
