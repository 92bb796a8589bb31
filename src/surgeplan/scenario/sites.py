"""Sites, their calendars, work centers and workforce pools, and delivery points."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from surgeplan.scenario.base import Id, NonNegative, ScenarioModel, Share

Weekday = Annotated[
    str, Field(pattern=r"^(mon|tue|wed|thu|fri|sat|sun)$", description="mon … sun")
]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ThreatLevel(StrEnum):
    """Security threat level of a site, as assessed by its security officer."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    SEVERE = "severe"


class Shutdown(ScenarioModel):
    """A period when the whole site is closed, such as an August closure."""

    start_date: dt.date
    end_date: dt.date = Field(description="Last closed day (inclusive).")
    reason: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _ordered(self) -> Shutdown:
        if self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self


class Calendar(ScenarioModel):
    """When a site works by default."""

    working_days: list[Weekday] = Field(
        default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"],
        min_length=1,
        max_length=7,
    )
    shifts_per_day: Annotated[int, Field(ge=1, le=4)] = 2
    hours_per_shift: Annotated[float, Field(gt=0, le=12)] = 8.0
    public_holidays: list[dt.date] = Field(default_factory=list)
    shutdowns: list[Shutdown] = Field(default_factory=list)


class ShiftPattern(ScenarioModel):
    """A way of staffing a work center: how many shifts, and what it costs to switch to it."""

    id: Id
    shifts_per_day: Annotated[int, Field(ge=1, le=4)]
    hours_per_shift: Annotated[float, Field(gt=0, le=12)] | None = Field(
        default=None, description="Defaults to the site calendar's hours per shift."
    )
    working_days: list[Weekday] | None = Field(
        default=None, description="Defaults to the site calendar's working days."
    )
    fixed_cost_per_week_eur: NonNegative = Field(
        default=0.0, description="Cost of running this pattern for a week."
    )
    switch_cost_eur: NonNegative = Field(
        default=0.0, description="One-off cost of switching to this pattern."
    )
    switch_lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        default=0, description="Weeks between the decision and the first week on it."
    )


class Conversion(ScenarioModel):
    """Converting a work center so that it gains capabilities (and may lose others)."""

    id: Id
    adds_capabilities: list[Id] = Field(min_length=1)
    removes_capabilities: list[Id] = Field(
        default_factory=list,
        description="Capabilities lost when the conversion is done; core load on them "
        "must move to another work center of the site.",
    )
    capex_eur: NonNegative
    lead_time_weeks: Annotated[int, Field(ge=0, le=260)]
    earliest_start_date: dt.date | None = Field(
        default=None, description="The conversion cannot start before this day."
    )
    efficiency_after: Share | None = Field(
        default=None,
        gt=0,
        description="OEE of the converted work center (a new line starts lower); "
        "defaults to the work center's efficiency.",
    )


class CoreLoad(ScenarioModel):
    """Station hours a week that core (civilian) production takes on a work center."""

    capability: Id
    hours_per_week: NonNegative


class Changeover(ScenarioModel):
    """Set-up time on a station when it switches from one item to another."""

    from_item: Id
    to_item: Id
    hours: NonNegative


class WorkCenter(ScenarioModel):
    """A group of identical stations sharing capabilities and a shift pattern."""

    id: Id
    name: str = Field(default="", max_length=200)
    capabilities: list[Id] = Field(
        default_factory=list, description="What its stations can do today."
    )
    stations: Annotated[int, Field(ge=1, le=10_000)] = Field(
        description="Parallel identical stations."
    )
    efficiency: Annotated[float, Field(gt=0.0, le=1.0)] = Field(
        default=0.8, description="Overall equipment effectiveness (OEE), 0 to 1."
    )
    shift_patterns: list[ShiftPattern] = Field(
        default_factory=list,
        description="Patterns it may run; none declared means the site calendar only.",
    )
    initial_shift_pattern: Id | None = Field(
        default=None,
        description="Pattern at the start; defaults to the site calendar's pattern.",
    )
    overtime_hours_per_week_max: NonNegative = Field(
        default=0.0,
        description="Extra hours a week each station may run beyond its shifts.",
    )
    core_load: list[CoreLoad] = Field(
        default_factory=list,
        description="Station hours a week already taken by core production.",
    )
    conversions: list[Conversion] = Field(default_factory=list)
    changeover_hours_default: NonNegative = Field(
        default=0.0,
        description="Set-up hours when a station switches items, unless listed below.",
    )
    changeovers: list[Changeover] = Field(default_factory=list)


class WorkforcePool(ScenarioModel):
    """People of one skill at one site, and how many may work on the program."""

    skill: Id
    headcount: Annotated[int, Field(ge=0)]
    volunteer_share: Share = Field(
        description="Share of the headcount willing to work on the program."
    )
    initially_qualified: Annotated[int, Field(ge=0)] = Field(
        default=0, description="Volunteers already trained for the program at start."
    )
    hours_per_week: Annotated[float, Field(gt=0, le=80)] = Field(
        default=35.0, description="Contract hours per person and week."
    )
    hourly_cost_eur: NonNegative
    overtime_share_max: Share = Field(
        default=0.1, description="Overtime allowed, as a share of contract hours."
    )
    overtime_premium: Annotated[float, Field(ge=0, le=3)] = Field(
        default=0.25, description="Extra cost of an overtime hour, as a share."
    )
    training_lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = 0
    trainees_per_week_max: Annotated[int, Field(ge=0)] = Field(
        default=0, description="People who can start training in one week."
    )
    training_cost_per_person_eur: NonNegative = 0.0
    hires_per_week_max: Annotated[int, Field(ge=0)] = 0
    hires_max_total: Annotated[int, Field(ge=0)] = 0
    hire_lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        default=0, description="Weeks from the decision to hire to the first day."
    )
    hiring_cost_per_person_eur: NonNegative = 0.0

    @property
    def volunteers(self) -> int:
        """People willing to work on the program (rounded down)."""
        return int(self.headcount * self.volunteer_share + 1e-9)


class Site(ScenarioModel):
    """A plant or assembly line."""

    id: Id
    name: str = Field(default="", max_length=200)
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2 code.")
    calendar: Calendar = Field(default_factory=Calendar)
    threat_level: ThreatLevel = ThreatLevel.LOW
    network_zone: Id = Field(
        description="Network zone of its plant IT/OT, shared by sites on one network."
    )
    work_centers: list[WorkCenter] = Field(default_factory=list)
    workforce: list[WorkforcePool] = Field(default_factory=list)


class DeliveryPoint(ScenarioModel):
    """Where the customer takes delivery of the program's product."""

    id: Id
    name: str = Field(default="", max_length=200)
    country: str = Field(pattern=r"^[A-Z]{2}$")


__all__ = [
    "WEEKDAYS",
    "Calendar",
    "Changeover",
    "Conversion",
    "CoreLoad",
    "DeliveryPoint",
    "ShiftPattern",
    "Shutdown",
    "Site",
    "ThreatLevel",
    "WorkCenter",
    "WorkforcePool",
]
