"""Records of the margins a plan keeps and of the confidence it was made to.

A plan made by `surgeplan plan --confidence` carries both in plan.json, so that every
document made from the plan (summary, report, brief, workbook, service) reads the same
odds from the same place.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AimRecord(_Record):
    """A milestone the plan aims to meet ahead of its due date."""

    milestone: str = Field(description="Id of the milestone.")
    weeks_ahead: float = Field(description="Weeks before the due date asked for.")
    aim_bucket: int = Field(description="Bucket by whose end the plan aims to meet it.")
    aim_date: dt.date = Field(description="Last day of the aim bucket.")


class TargetsRecord(_Record):
    """The margins the plan keeps beyond the scenario (`planning.targets`)."""

    reserve_share: float = Field(
        description="Share of the program's hours and supplier capacity left unused."
    )
    aims: list[AimRecord] = Field(description="Milestones aimed at ahead of due.")


class ReasonKind(StrEnum):
    """What one clause of the search's reason says."""

    REACHED = "reached"
    BEST_FOUND = "best_found"
    CAPACITY_TAKEN = "capacity_taken"
    NOT_IN_HORIZON = "not_in_horizon"
    NOT_BEFORE = "not_before"
    RESERVE_REFUSED = "reserve_refused"
    SEARCH_STOPPED = "search_stopped"
    NOTHING_HELPED = "nothing_helped"
    RESERVE_KEPT = "reserve_kept"


class ReasonPart(_Record):
    """One clause of why the search stopped, as data each document words itself."""

    kind: ReasonKind = Field(description="What the clause says.")
    milestone: str | None = Field(
        default=None, description="Id of the milestone it is about, if one."
    )
    share: float | None = Field(
        default=None,
        description="Odds (reached, best found) or reserve share it names, if any.",
    )
    runs: int | None = Field(default=None, description="Simulated runs, if named.")
    plans: int | None = Field(default=None, description="Plans made, if named.")
    date: dt.date | None = Field(
        default=None, description="Date met or earliest possible date, if named."
    )
    weeks: float | None = Field(
        default=None, description="Weeks before the due date, if named."
    )


class MilestoneConfidence(_Record):
    """A milestone's simulated odds under the plan, as the search saw them."""

    milestone: str = Field(description="Id of the milestone.")
    is_key: bool = Field(description="Whether the target applies to it.")
    probability_on_time: float = Field(description="Share of runs meeting it by due.")
    p50_date: dt.date | None = Field(description="Date half the runs meet it by.")
    p90_date: dt.date | None = Field(
        description="Date nine runs in ten meet it by; null past any estimate."
    )


class ConfidenceRecord(_Record):
    """The confidence a plan was made to, and whether it was reached."""

    target: float = Field(description="Odds asked for on each key milestone.")
    is_reached: bool = Field(description="Whether every key milestone reached it.")
    runs: int = Field(description="Simulated runs each candidate plan was judged on.")
    seed: int = Field(description="Seed of the search's runs.")
    iterations: int = Field(description="Plans made and simulated in the search.")
    milestones: list[MilestoneConfidence] = Field(
        description="Every milestone's odds under the chosen plan, key or not."
    )
    reason: str = Field(
        description="Why the search stopped: the target held, or what kept it out of "
        "reach, with the best odds found."
    )
    reason_parts: list[ReasonPart] = Field(
        default_factory=list,
        description="The same reason as clauses with their figures, for documents "
        "in other languages; empty in plans written before it was recorded.",
    )
    cost_without_margins_eur: float | None = Field(
        default=None,
        description="Total cost of the plan the search made without margins (its "
        "first): what the odds cost is the difference; null if not made.",
    )
