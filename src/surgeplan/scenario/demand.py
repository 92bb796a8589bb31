"""What must be delivered: program milestones and the core demand to protect."""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from surgeplan.scenario.base import Id, Money, NonNegative, Positive, ScenarioModel
from surgeplan.scenario.speech import gettext


class PriorityRating(StrEnum):
    """A contract's priority rating: rated orders are served before unrated ones.

    Modelled on rated orders of defence procurement (DO and the higher DX): a supplier
    serves rated orders first, DX before DO, from whatever capacity it has left.
    """

    UNRATED = "unrated"
    DO = "do"
    DX = "dx"


class TargetRevision(ScenarioModel):
    """A change of a milestone's quantity, as of a date (a contract amendment)."""

    as_of: dt.date = Field(description="Day the revised quantity was agreed.")
    cumulative_quantity: Positive = Field(
        description="Units delivered there in total by the due date, as revised."
    )
    reason: str = Field(
        default="", max_length=500, description="Why it changed, for people."
    )


class Milestone(ScenarioModel):
    """A cumulative quantity of an item (or a family of items) due by a date."""

    id: Id = Field(description="Id of the milestone, unique among milestones.")
    item: Id = Field(description="Id of the program item due.")
    delivery_point: Id = Field(description="Id of the delivery point where it is due.")
    due_date: dt.date = Field(description="Day by which the quantity must be there.")
    cumulative_quantity: Positive = Field(
        description="Units delivered there in total by the due date."
    )
    late_penalty_per_unit_week: Money = Field(
        default=0.0, description="Contract penalty per unit and week late."
    )
    is_key: bool = Field(
        default=False,
        description="A contractual milestone the program's confidence target applies "
        "to; when no milestone is key, every milestone is.",
    )
    plan_ahead_weeks: Annotated[float, Field(ge=0, le=52)] | None = Field(
        default=None,
        description="Planning buffer of this milestone, in place of the program's "
        "`plan_ahead_weeks`: the planner aims to meet it this many weeks early.",
    )
    as_early_as_possible: bool = Field(
        default=False,
        description="Meet it as early as the plan can, not just by the due date: "
        "from the first week on, each unit-week it is short of its quantity costs "
        "the planner a hundredth of a unit-week late (about one unit's price), so "
        "it spends up to a unit's price to deliver a unit a week earlier. Plans "
        "and reports give the date it is met.",
    )
    family_items: list[Id] = Field(
        default_factory=list,
        description="Other program items whose deliveries at the delivery point "
        "count toward this milestone too: a family or 'any of these products' "
        "milestone is met when `item` and these items delivered there add up to "
        "the quantity.",
    )
    revisions: list[TargetRevision] = Field(
        default_factory=list,
        description="Later changes of the quantity, by date (30,000 cut to 18,000, "
        "then to what was delivered). Planner, check and simulation hold the "
        "plan to the last revision, the one in force; reports show the history.",
    )
    priority: PriorityRating = Field(
        default=PriorityRating.UNRATED,
        description="Priority rating of the contract behind it: `do` or `dx` "
        "(rated orders) make suppliers serve this program's orders before their "
        "other customers', so a supplier losing capacity cuts the program's "
        "orders only where what is left cannot cover them.",
    )

    @model_validator(mode="after")
    def _revisions_in_order(self) -> Milestone:
        dates = [revision.as_of for revision in self.revisions]
        if dates != sorted(set(dates)):
            raise ValueError(gettext("revisions must have increasing as_of dates"))
        if self.item in self.family_items or len(set(self.family_items)) != len(
            self.family_items
        ):
            raise ValueError(
                gettext("family_items must differ from item and from each other")
            )
        return self

    @property
    def quantity_in_force(self) -> float:
        """The quantity the plan is held to: the last revision's, or else the first."""
        if self.revisions:
            return self.revisions[-1].cumulative_quantity
        return self.cumulative_quantity

    @property
    def items_counted(self) -> list[str]:
        """The items whose deliveries count toward it: its item, then its family."""
        return [self.item, *self.family_items]

    @property
    def plan_ahead(self) -> dt.timedelta | None:
        """Its own buffer in whole days, rounded up; None: the program's."""
        if self.plan_ahead_weeks is None:
            return None
        return dt.timedelta(days=math.ceil(self.plan_ahead_weeks * 7 - 1e-9))


class CoreRateChange(ScenarioModel):
    """From this day on, core demand runs at a new weekly rate."""

    from_date: dt.date = Field(description="First day of the new rate.")
    units_per_week: NonNegative = Field(
        description="Units per working week from then on."
    )


class CoreDemand(ScenarioModel):
    """Weekly demand for a core product at a site."""

    item: Id = Field(description="Id of the core product (an item of kind 'core').")
    site: Id = Field(description="Id of the site that makes it.")
    units_per_week: NonNegative = Field(
        description="Units per working week from the start of the plan."
    )
    changes: list[CoreRateChange] = Field(
        default_factory=list, description="Later changes of the rate, by date."
    )
    is_protected: bool = Field(
        default=True,
        description="Protected demand must be met; otherwise a shortfall is penalised.",
    )
    shortfall_penalty_per_unit: Money = Field(
        default=0.0, description="Lost margin per core unit not made."
    )


class Demand(ScenarioModel):
    """Program milestones and core demand."""

    milestones: list[Milestone] = Field(
        min_length=1, description="Program milestones; at least one."
    )
    core: list[CoreDemand] = Field(
        default_factory=list, description="Weekly demand for core products, to protect."
    )
