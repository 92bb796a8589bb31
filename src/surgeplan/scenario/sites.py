"""Sites, their calendars, work centers and workforce pools, and delivery points."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from surgeplan.scenario.base import Id, Money, NonNegative, ScenarioModel, Share

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

    start_date: dt.date = Field(description="First closed day.")
    end_date: dt.date = Field(description="Last closed day (inclusive).")
    reason: str = Field(
        default="",
        max_length=200,
        description="Why the site is closed, for people reading the plan.",
    )

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
        description="Days of the week the site works.",
    )
    shifts_per_day: Annotated[int, Field(ge=1, le=4)] = Field(
        default=2, description="Shifts worked on each working day."
    )
    hours_per_shift: Annotated[float, Field(gt=0, le=12)] = Field(
        default=8.0, description="Hours of one shift."
    )
    public_holidays: list[dt.date] = Field(
        default_factory=list, description="Single days the site is closed."
    )
    shutdowns: list[Shutdown] = Field(
        default_factory=list,
        description="Periods the whole site is closed; weekly rates pause during them.",
    )


class ShiftPattern(ScenarioModel):
    """A way of staffing a work center: how many shifts, and the cost of switching."""

    id: Id = Field(description="Id of the pattern, unique within its work center.")
    shifts_per_day: Annotated[int, Field(ge=1, le=4)] = Field(
        description="Shifts worked on each working day."
    )
    hours_per_shift: Annotated[float, Field(gt=0, le=12)] | None = Field(
        default=None, description="Defaults to the site calendar's hours per shift."
    )
    working_days: list[Weekday] | None = Field(
        default=None,
        min_length=1,
        max_length=7,
        description="Defaults to the site calendar's working days.",
    )
    fixed_cost_per_week: Money = Field(
        default=0.0, description="Cost of running this pattern for a week."
    )
    switch_cost: Money = Field(
        default=0.0, description="One-off cost of switching to this pattern."
    )
    switch_lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        default=0, description="Weeks between the decision and the first week on it."
    )


class Conversion(ScenarioModel):
    """Converting a work center so that it gains capabilities (and may lose others)."""

    id: Id = Field(description="Id of the conversion, unique within its work center.")
    adds_capabilities: list[Id] = Field(
        min_length=1, description="Capabilities the work center gains once converted."
    )
    removes_capabilities: list[Id] = Field(
        default_factory=list,
        description="Capabilities lost when the conversion is done; core load on them "
        "must move to another work center of the site.",
    )
    capex: Money = Field(description="Investment the conversion needs.")
    lead_time_weeks: Annotated[int, Field(ge=0, le=260)] = Field(
        description="Weeks from the start of the conversion until the new "
        "capabilities can be used."
    )
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

    capability: Id = Field(
        description="Capability of the work center that core production uses."
    )
    hours_per_week: NonNegative = Field(
        description="Station hours it takes per working week."
    )


class Changeover(ScenarioModel):
    """Set-up time on a station when it switches from one item to another."""

    from_item: Id = Field(description="Id of the item the station was making.")
    to_item: Id = Field(description="Id of the item it switches to.")
    hours: NonNegative = Field(description="Set-up hours of this switch.")


class WorkCenter(ScenarioModel):
    """A group of identical stations sharing capabilities and a shift pattern."""

    id: Id = Field(description="Id of the work center, unique within its site.")
    name: str = Field(default="", max_length=200, description="Name for people.")
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
    conversions: list[Conversion] = Field(
        default_factory=list,
        description="Ways to convert it so that it gains capabilities.",
    )
    changeover_hours_default: NonNegative = Field(
        default=0.0,
        description="Set-up hours when a station switches items, unless listed below.",
    )
    changeovers: list[Changeover] = Field(
        default_factory=list,
        description="Set-up hours of particular switches between items.",
    )


class WorkforcePool(ScenarioModel):
    """People of one skill at one site, and how many may work on the program."""

    skill: Id = Field(
        description="Skill of these people; operations ask for labour hours by skill."
    )
    headcount: Annotated[int, Field(ge=0)] = Field(
        description="People with this skill at the site."
    )
    volunteer_share: Share = Field(
        description="Share of the headcount willing to work on the program."
    )
    initially_qualified: Annotated[int, Field(ge=0)] = Field(
        default=0, description="Volunteers already trained for the program at start."
    )
    hours_per_week: Annotated[float, Field(gt=0, le=80)] = Field(
        default=35.0, description="Contract hours per person and week."
    )
    hourly_cost: Money = Field(
        description="Cost of one hour of work, employer's charges included."
    )
    overtime_share_max: Share = Field(
        default=0.1, description="Overtime allowed, as a share of contract hours."
    )
    overtime_premium: Annotated[float, Field(ge=0, le=3)] = Field(
        default=0.25, description="Extra cost of an overtime hour, as a share."
    )
    training_lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        default=0, description="Weeks of training before a volunteer is qualified."
    )
    trainees_per_week_max: Annotated[int, Field(ge=0)] | None = Field(
        default=None,
        description="People who can start training in one week; empty means no limit.",
    )
    training_cost_per_person: Money = Field(
        default=0.0, description="Cost of training one person."
    )
    hires_per_week_max: Annotated[int, Field(ge=0)] = Field(
        default=0, description="People who can be hired in one week."
    )
    hires_max_total: Annotated[int, Field(ge=0)] = Field(
        default=0, description="People who can be hired over the whole horizon."
    )
    hire_lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        default=0, description="Weeks from the decision to hire to the first day."
    )
    hiring_cost_per_person: Money = Field(
        default=0.0, description="Cost of hiring one person."
    )

    @property
    def volunteers(self) -> int:
        """People willing to work on the program (rounded down)."""
        return int(self.headcount * self.volunteer_share + 1e-9)


class Site(ScenarioModel):
    """A plant or assembly line."""

    id: Id = Field(
        description="Id of the site, unique among sites and delivery points."
    )
    name: str = Field(default="", max_length=200, description="Name for people.")
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2 code.")
    calendar: Calendar = Field(
        default_factory=Calendar, description="When the site works by default."
    )
    threat_level: ThreatLevel = Field(
        default=ThreatLevel.LOW, description="Security threat level of the site."
    )
    network_zone: Id = Field(
        description="Network zone of its plant IT/OT, shared by sites on one network."
    )
    work_centers: list[WorkCenter] = Field(
        default_factory=list, description="Its groups of identical stations."
    )
    workforce: list[WorkforcePool] = Field(
        default_factory=list, description="Its people, one pool per skill."
    )


class DeliveryPoint(ScenarioModel):
    """Where the customer takes delivery of the program's product."""

    id: Id = Field(
        description="Id of the delivery point, unique among sites and delivery points."
    )
    name: str = Field(default="", max_length=200, description="Name for people.")
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2 code.")


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
