"""The one rule that hides cost figures from members without `read_costs`.

A mapping key is removed, with everything under it, when one of its words (split on
`_`, `-`, `.`, spaces and camelCase) is a money word, or when it contains `cost` or
`price` anywhere (`unitcost`, `prices`). Lists are walked; other values are kept.
"""

from __future__ import annotations

import re
from typing import Any

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
    }
)
MONEY_FRAGMENTS = ("cost", "price", "capex", "opex", "npv", "eur_")
_WORD_SPLIT = re.compile(r"[_\-.\s]+|(?<=[a-z0-9])(?=[A-Z])")


def is_money_key(key: str) -> bool:
    """Whether a field name names a cost figure."""
    words = {word.lower() for word in _WORD_SPLIT.split(key) if word}
    if words & MONEY_WORDS:
        return True
    lowered = key.lower()
    return any(fragment in lowered for fragment in MONEY_FRAGMENTS)


def redact_costs(data: Any) -> Any:
    """A copy of plain data without any money key."""
    if isinstance(data, dict):
        return {
            key: redact_costs(value)
            for key, value in data.items()
            if not (isinstance(key, str) and is_money_key(key))
        }
    if isinstance(data, list):
        return [redact_costs(value) for value in data]
    return data
