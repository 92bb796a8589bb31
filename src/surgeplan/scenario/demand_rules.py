"""Checks of what milestones may say beyond one item: families of items."""

from __future__ import annotations

from surgeplan.scenario.demand import Milestone, PriorityRating
from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.items import Item, ItemKind
from surgeplan.scenario.references import Problem, _unknown
from surgeplan.scenario.speech import gettext


def family_problems(
    milestone: Milestone, path: str, items: dict[str, Item]
) -> list[Problem]:
    """Every item of a family milestone is a program item of the scenario."""
    problems: list[Problem] = []
    for number, item_id in enumerate(milestone.family_items):
        where = f"{path}.family_items[{number}]"
        item = items.get(item_id)
        if item is None:
            problems.append((where, _unknown(N_("item"), item_id, items)))
        elif item.kind is not ItemKind.PROGRAM:
            problems.append(
                (
                    where,
                    gettext("'%(item_id)s' is not a program item (kind program)")
                    % {"item_id": item_id},
                )
            )
    return problems


RATING_ORDER = (PriorityRating.UNRATED, PriorityRating.DO, PriorityRating.DX)


def program_rating(milestones: list[Milestone]) -> PriorityRating:
    """The program's priority with its suppliers: the highest of its milestones'.

    Suppliers serve a program's orders, not its milestones: one rated milestone makes
    its orders rated. DX ranks above DO only among rated orders, which one program's
    simulation does not compare.
    """
    return max(
        (milestone.priority for milestone in milestones),
        key=RATING_ORDER.index,
        default=PriorityRating.UNRATED,
    )


def contract_items(product: str, milestones: list[Milestone]) -> set[str]:
    """The items the contract pays for: the product and its families' other items.

    A family milestone that counts the product ("any approved model") makes its other
    items units of the same contract.
    """
    items = {product}
    for milestone in milestones:
        if product in milestone.items_counted:
            items.update(milestone.items_counted)
    return items
