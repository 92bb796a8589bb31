"""What must be delivered: program milestones and the core demand to protect."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated

from pydantic import Field

from surgeplan.scenario.base import Id, Money, NonNegative, Positive, ScenarioModel


class Milestone(ScenarioModel):
    """A cumulative quantity of an item due at a delivery point by a date."""

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
