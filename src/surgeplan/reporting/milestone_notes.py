"""What a milestone says beyond its date and quantity, for the report's table.

A family milestone names its items, a revised one its target's history and the
revision the plan is held to, and the goals and ratings a reader must know of.
"""

from __future__ import annotations

from surgeplan.i18n import gettext
from surgeplan.reporting.formatting import day, number
from surgeplan.reporting.names import Names
from surgeplan.reporting.tables import Row
from surgeplan.scenario import Scenario
from surgeplan.scenario.demand import Milestone, PriorityRating


def milestone_note(milestone: Milestone, names: Names) -> str:
    """One line on a milestone's family, target history, goal and rating; or ''."""
    parts: list[str] = []
    if milestone.family_items:
        items = " + ".join(names.item(item) for item in milestone.items_counted)
        parts.append(gettext("counts {items}").format(items=items))
    if milestone.revisions:
        history = [number(milestone.cumulative_quantity)]
        for revision in milestone.revisions:
            quantity = number(revision.cumulative_quantity)
            history.append(
                gettext("{quantity} from {date} ({reason})").format(
                    quantity=quantity, date=day(revision.as_of), reason=revision.reason
                )
                if revision.reason
                else gettext("{quantity} from {date}").format(
                    quantity=quantity, date=day(revision.as_of)
                )
            )
        parts.append(
            gettext("target {history}; planned to the last, {quantity}").format(
                history=" → ".join(history),
                quantity=number(milestone.quantity_in_force),
            )
        )
    if milestone.as_early_as_possible:
        parts.append(gettext("as early as possible"))
    if milestone.priority is not PriorityRating.UNRATED:
        parts.append(
            gettext("rated {rating}").format(rating=milestone.priority.value.upper())
        )
    return gettext("; ").join(parts)


def with_notes(rows: list[Row], scenario: Scenario, names: Names) -> list[Row]:
    """The milestone rows, each with its `note` (empty for a plain milestone)."""
    notes = {m.id: milestone_note(m, names) for m in scenario.demand.milestones}
    return [{**row, "note": notes.get(row["id"], "")} for row in rows]
