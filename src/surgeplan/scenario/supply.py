"""Suppliers of bought items and transport lanes between sites and delivery points."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from surgeplan.scenario.base import Id, Money, NonNegative, ScenarioModel


class CapacityStep(ScenarioModel):
    """From this day on, the supplier can ship this many units a week."""

    from_date: dt.date = Field(description="First day of this rate.")
    units_per_week: NonNegative = Field(description="Units a week from then on.")


class Supplier(ScenarioModel):
    """A source of one bought item for some sites."""

    id: Id = Field(description="Id of the supplier, unique among suppliers.")
    name: str = Field(default="", max_length=200, description="Name for people.")
    item: Id = Field(description="Id of the bought item it sells (sourcing: buy).")
    sites: list[Id] = Field(min_length=1, description="Sites it delivers to.")
    country: str = Field(
        pattern=r"^[A-Z]{2}$",
        description="ISO 3166 alpha-2 code of where it ships from.",
    )
    lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        description="Weeks from the order to the delivery at the site."
    )
    capacity_per_week: NonNegative = Field(
        description="Units a week at the full rate; never exceeded."
    )
    capacity_ramp: list[CapacityStep] = Field(
        default_factory=list,
        description="Ramp-up as steps by date: with a ramp the supplier ships nothing "
        "before the first step, then each step's rate (capped by capacity_per_week).",
    )
    minimum_order_units: NonNegative = Field(
        default=0.0, description="An order in a week is zero or at least this."
    )
    unit_cost: Money = Field(description="Price of one unit delivered to the site.")
    is_single_source: bool = Field(
        default=False,
        description="Whether no other source could replace it, for the risk review.",
    )


class Lane(ScenarioModel):
    """Transport from a site to another site or to a delivery point."""

    id: Id = Field(description="Id of the lane, unique among lanes.")
    origin: Id = Field(description="Site the goods leave from.")
    destination: Id = Field(description="Site or delivery point they reach.")
    items: list[Id] = Field(
        default_factory=list, description="Items it may carry; empty means any."
    )
    lead_time_weeks: Annotated[int, Field(ge=0, le=52)] = Field(
        description="Weeks in transit."
    )
    cost_per_unit: Money = Field(default=0.0, description="Transport cost of one unit.")
    capacity_units_per_week: NonNegative | None = Field(
        default=None, description="Units a week; empty means unlimited."
    )
