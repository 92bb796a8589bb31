"""Terms of a workforce pool and a site that go beyond a fixed headcount.

Hiring that ramps up after a recruiting lead time, turnover, part-time staff,
salaried people paid while idle, where a site's crew starts on an item's learning
curve and what it forgets after a stop, days a line works although the site
calendar is closed, and people lent between sites. Each is optional; its default
keeps a plan as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from surgeplan.scenario.base import Id, Money, ScenarioModel, Share


class CalendarException(ScenarioModel):
    """A public holiday (or day off) on which a line works anyway."""

    date: dt.date = Field(description="The day worked although the calendar is closed.")
    work_center: Id | None = Field(
        default=None,
        description="Work center that works that day; empty means every work center "
        "of the site. Shutdown days stay closed.",
    )
    reason: str = Field(
        default="",
        max_length=200,
        description="Why the line runs that day, for people reading the plan.",
    )


class CrewLearning(ScenarioModel):
    """Where the crew of one site starts on an item's learning curve, and forgetting."""

    item: Id = Field(description="Id of the item (a row of Items).")
    start_units: Annotated[float, Field(ge=0)] | None = Field(
        default=None,
        description="Units this site's crew has made before the plan: 0 means a new "
        "crew starts at unit 1 of the curve. Empty means the item's "
        "prior_cumulative_units.",
    )
    forget_after_weeks: Annotated[int, Field(ge=1, le=260)] | None = Field(
        default=None,
        description="Weeks without output after which the crew has forgotten "
        "forgotten_share of what it learned; empty means it never forgets.",
    )
    forgotten_share: Share = Field(
        default=0.0,
        description="Share of the units made so far that no longer count on the "
        "curve after a stop of forget_after_weeks (1 means back to unit 1).",
    )


def part_time_hours(
    hours_per_week: float, part_time_share: float, part_time_hours_per_week: float
) -> float:
    """Average contract hours a week of one person of a pool with part-timers."""
    return (
        1.0 - part_time_share
    ) * hours_per_week + part_time_share * part_time_hours_per_week


class LabourLoan(ScenarioModel):
    """Qualified people of one skill that one site may lend to another.

    People on loan leave the lender `lead_time_weeks` before they can work at the
    borrower (travel, induction) and cost `cost_per_person_week` for every week away.
    """

    skill: Id = Field(description="Skill of the people lent; both sites have a pool.")
    from_site: Id = Field(description="Site (or firm's site) that lends them.")
    to_site: Id = Field(description="Site that borrows them.")
    people_max: Annotated[int, Field(ge=0)] = Field(
        description="Most people away on this loan at once."
    )
    lead_time_weeks: Annotated[int, Field(ge=0, le=52)] = Field(
        default=0,
        description="Weeks a person is away from the lender before working at the "
        "borrower (travel, induction).",
    )
    cost_per_person_week: Money = Field(
        default=0.0,
        description="Travel, lodging and allowances of one person for a week away.",
    )


__all__ = ["CalendarException", "CrewLearning", "LabourLoan", "part_time_hours"]
