"""What must be delivered: program milestones and the core demand to protect."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from surgeplan.scenario.base import Id, NonNegative, Positive, ScenarioModel


class Milestone(ScenarioModel):
    """A cumulative quantity of an item due at a delivery point by a date."""

    id: Id
    item: Id
    delivery_point: Id
    due_date: dt.date
    cumulative_quantity: Positive = Field(
        description="Units delivered there in total by the due date."
    )
    late_penalty_per_unit_week_eur: NonNegative = Field(
        default=0.0, description="Contract penalty per unit and week late."
    )


class CoreRateChange(ScenarioModel):
    """From this day on, core demand runs at a new weekly rate."""

    from_date: dt.date
    units_per_week: NonNegative


class CoreDemand(ScenarioModel):
    """Weekly demand for a core product at a site."""

    item: Id
    site: Id
    units_per_week: NonNegative
    changes: list[CoreRateChange] = Field(default_factory=list)
    is_protected: bool = Field(
        default=True,
        description="Protected demand must be met; otherwise a shortfall is penalised.",
    )
    shortfall_penalty_per_unit_eur: NonNegative = Field(
        default=0.0, description="Lost margin per core unit not made."
    )


class Demand(ScenarioModel):
    """Program milestones and core demand."""

    milestones: list[Milestone] = Field(min_length=1)
    core: list[CoreDemand] = Field(default_factory=list)
