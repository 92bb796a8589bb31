"""Milestones over several items and milestones met as early as possible.

A family milestone (`family_items`) belongs to the group of its own item and delivery
point; the groups of its other items at the same point count toward it too. Every
such item gets a group (with no milestones of its own if it has none), so its
deliveries to that point have variables, lanes and records like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.planning.model.index import MilestoneGroup
from surgeplan.scenario.demand import Milestone

# A unit-week short of a milestone met as early as possible weighs a hundredth of a
# unit-week late (`Weights.late_per_unit_week`, a hundred times a unit's price): the
# planner pays up to about one unit's price in overtime, shifts or conversions to
# deliver a unit a week earlier, but never lets another milestone slip to do so.
AS_EARLY_AS_POSSIBLE_SHARE_OF_LATENESS = 0.01


def with_family_groups(groups: list[MilestoneGroup]) -> list[MilestoneGroup]:
    """The groups, plus one without milestones per family item lacking a group."""
    keys = {(group.item, group.delivery_point) for group in groups}
    added: list[MilestoneGroup] = []
    for group in groups:
        for milestone in group.milestones:
            for item_id in milestone.family_items:
                key = (item_id, milestone.delivery_point)
                if key not in keys:
                    keys.add(key)
                    added.append(MilestoneGroup(item_id, key[1], [], [], []))
    return groups + sorted(added, key=lambda group: (group.item, group.delivery_point))


def family_group_numbers(groups: list[MilestoneGroup]) -> dict[str, tuple[int, ...]]:
    """Milestone id -> numbers of the other groups that count toward it."""
    number_of = {
        (group.item, group.delivery_point): number
        for number, group in enumerate(groups)
    }
    return {
        milestone.id: tuple(
            number_of[(item_id, milestone.delivery_point)]
            for item_id in milestone.family_items
        )
        for group in groups
        for milestone in group.milestones
        if milestone.family_items
    }


def counted_cumulative(
    cumulative_of: Callable[[int], FloatArray],
    group_number: int,
    others: tuple[int, ...],
) -> FloatArray:
    """Cumulative units counted toward a milestone: its group's and its family's."""
    total = np.array(cumulative_of(group_number), dtype=float)
    for number in others:
        total = total + cumulative_of(number)
    return total


def family_milestones_of(
    groups: list[MilestoneGroup], family: dict[str, tuple[int, ...]], number: int
) -> list[Milestone]:
    """Family milestones another group's deliveries count toward, in due order."""
    found = [
        milestone
        for group in groups
        for milestone in group.milestones
        if number in family.get(milestone.id, ())
    ]
    return sorted(found, key=lambda m: (m.due_date, m.quantity_in_force))


def earliest_probes(
    groups: list[MilestoneGroup], family: dict[str, tuple[int, ...]]
) -> Iterator[tuple[tuple[int, ...], list[Milestone]]]:
    """The earliest-arrival LPs to solve: groups pulled forward, milestones read.

    One per group for its own milestones, one per family milestone over all the
    groups it counts: the earliest date of a family is that of their sum.
    """
    for number, group in enumerate(groups):
        plain = [m for m in group.milestones if m.id not in family]
        if plain:
            yield (number,), plain
        for milestone in group.milestones:
            if milestone.id in family:
                yield (number, *family[milestone.id]), [milestone]
