"""Checks of what milestones may say beyond one item: families of items."""

from __future__ import annotations

from surgeplan.scenario.demand import Milestone
from surgeplan.scenario.items import Item, ItemKind
from surgeplan.scenario.references import Problem, _unknown


def family_problems(
    milestone: Milestone, path: str, items: dict[str, Item]
) -> list[Problem]:
    """Every item of a family milestone is a program item of the scenario."""
    problems: list[Problem] = []
    for number, item_id in enumerate(milestone.family_items):
        where = f"{path}.family_items[{number}]"
        item = items.get(item_id)
        if item is None:
            problems.append((where, _unknown("item", item_id, items)))
        elif item.kind is not ItemKind.PROGRAM:
            problems.append(
                (where, f"'{item_id}' is not a program item (kind program)")
            )
    return problems
