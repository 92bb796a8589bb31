"""What a member without `read_costs` may see of scenarios and run results.

Run results are shown by meaning, not by name: each result format the service knows
(`plan.json`, `risk.json`, `schedule.json`, …, recognised by their `format` field)
has a reviewed list of the fields that reveal no money (`result_fields.py`). A
viewer gets those fields and nothing else: a field added to a format later, a field
whose name hides what it means (the plan's `solver.objective` is the total cost in
thousands, a bottleneck's `shadow_price` is money per hour, the MIP gap a ratio of
two costs) and a document of an unknown format are withheld until someone reviews
them. Records of a table keep their other fields.

Scenario content is checked against the scenario format itself (`extra="forbid"`:
no undeclared key gets in), which declares every amount of money as such (`Money`
fields: `hourly_cost`, `capex`, …); the economics section (rates, contract value) is
money as a whole. Those fields are removed by what they are, and the word rule below
removes anything else named like money (a field of an older format, `capex_eur`).
"""

from __future__ import annotations

import re
from typing import Any

from surgeplan.store.result_fields import VIEWER_FIELDS_BY_FORMAT, FieldTree

MONEY_WORDS = frozenset(
    {
        "cost",
        "costs",
        "price",
        "prices",
        "pricing",
        "eur",
        "usd",
        "gbp",
        "capex",
        "opex",
        "margin",
        "margins",
        "npv",
        "irr",
        "revenue",
        "revenues",
        "profit",
        "profits",
        "budget",
        "wage",
        "wages",
        "salary",
        "economics",
        "discount",
        "tax",
        "payback",
        "cash",
        "cashflow",
        "overhead",
        "depreciation",
        "financial",
        "finance",
        "money",
        "penalty",
        "penalties",
        "objective",
        "shadow",
        "contract",
    }
)
MONEY_FRAGMENTS = ("cost", "price", "capex", "opex", "npv", "eur_", "penalt")
_WORD_SPLIT = re.compile(r"[_\-.\s]+|(?<=[a-z0-9])(?=[A-Z])")


def is_money_key(key: str) -> bool:
    """Whether a scenario field is money: declared so, or named like it."""
    # Imported here: the scenario package loads numpy, which the service's start-up
    # does not need (tests/service/test_start_up.py).
    from surgeplan.scenario.money_fields import money_field_names

    if key in money_field_names():
        return True
    words = {word.lower() for word in _WORD_SPLIT.split(key) if word}
    if words & MONEY_WORDS:
        return True
    lowered = key.lower()
    return any(fragment in lowered for fragment in MONEY_FRAGMENTS)


def redact_costs(data: Any) -> Any:
    """A copy of scenario data without any money key."""
    if isinstance(data, dict):
        return {
            key: redact_costs(value)
            for key, value in data.items()
            if not (isinstance(key, str) and is_money_key(key))
        }
    if isinstance(data, list):
        return [redact_costs(value) for value in data]
    return data


def _keep(data: Any, tree: FieldTree) -> Any:
    """Only the fields the tree lists; a list is kept item by item."""
    if isinstance(data, list):
        return [_keep(item, tree) for item in data]
    if not isinstance(data, dict):
        return data
    kept: dict[str, Any] = {}
    for key, subtree in tree.items():
        if key not in data:
            continue
        value = data[key]
        if subtree is True:
            # A leaf: plain values only, so a nested object cannot ride along.
            if isinstance(value, (dict, list)) and not _is_plain_list(value):
                continue
            kept[key] = value
        elif isinstance(subtree, dict):
            kept[key] = _keep(value, subtree)
    return kept


def _is_plain_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, (str, int, float, bool)) or item is None for item in value
    )


def visible_result(document: Any) -> Any | None:
    """A result document as a viewer sees it, or None when it is withheld whole."""
    if not isinstance(document, dict):
        return None
    tree = VIEWER_FIELDS_BY_FORMAT.get(str(document.get("format", "")))
    if tree is None:
        return None
    return _keep(document, tree)
