"""Sites, their calendars, work centers and workforce pools, and delivery points."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from surgeplan.scenario.base import Id, Money, NonNegative, ScenarioModel, Share
from surgeplan.scenario.buildings import BuildingConversion
from surgeplan.scenario.speech import gettext
from surgeplan.scenario.workforce_terms import (
    CalendarException,
    CrewLearning,
    part_time_hours,
)

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
            raise ValueError(gettext("end_date is before start_date"))
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
    exceptions: list[CalendarException] = Field(
        default_factory=list,
        description="Public holidays or days off on which the site, or one work "
        "center, works anyway.",
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
    runs_through_holidays: bool = Field(
        default=False,
        description="Works on public holidays too (a 24/7 line); shutdowns still "
        "stop it.",
    )
    crew_skill: Id | None = Field(
        default=None,
        description="Skill of the crew this pattern needs (e.g. a third shift's); "
        "a workforce pool of the site.",
    )
    crew_people: Annotated[int, Field(ge=0)] = Field(
        default=0,
        description="Qualified people of crew_skill the site must have in every week "
        "it runs this pattern; 0 means none beyond the work itself.",
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
        description="Pattern at the start; defaults to its first pattern (the site "
        "calendar's when it declares none).",
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

    def starting_shift_pattern(self) -> ShiftPattern | None:
        """The pattern it runs at the start; None means the site calendar's.

        Its initial pattern, or else its first one: with patterns declared, the site
        calendar is not one of them. The planner, the checker, the scheduler and the
        scenario's checks all start it here.
        """
        wanted = self.initial_shift_pattern
        for pattern in self.shift_patterns:
            if wanted is None or pattern.id == wanted:
                return pattern
        return None


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
    training_cost_per_trainee: Money | None = Field(
        default=None,
        description="Cost of training one person, paid for volunteers and hires "
        "alike; replaces training_cost_per_person (which hires never paid). Empty "
        "keeps training_cost_per_person for volunteers only.",
    )
    recruiting_lead_time_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        default=0,
        description="Weeks from the start of the plan before the first hire can be "
        "decided (setting up recruiting).",
    )
    hires_per_week_ramp: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        description="Growth of the weekly hiring limit: in the n-th week of "
        "recruiting at most n times this many people are hired, up to "
        "hires_per_week_max. Empty means hires_per_week_max from the first week.",
    )
    attrition_share_per_week: Annotated[float, Field(ge=0.0, le=0.2)] = Field(
        default=0.0,
        description="Share of the qualified people who leave each week; they must "
        "be replaced by training or hiring.",
    )
    part_time_share: Share = Field(
        default=0.0, description="Share of the people who work part time."
    )
    part_time_hours_per_week: Annotated[float, Field(gt=0, le=80)] = Field(
        default=20.0, description="Contract hours per part-timer and week."
    )
    is_salaried: bool = Field(
        default=False,
        description="Qualified people are paid their contract hours whether there "
        "is work for them or not; otherwise only hours worked are paid.",
    )

    @property
    def volunteers(self) -> int:
        """People willing to work on the program (rounded down)."""
        return int(self.headcount * self.volunteer_share + 1e-9)

    @property
    def hours_per_person_week(self) -> float:
        """Average contract hours a week of one person, part-timers included."""
        return part_time_hours(
            self.hours_per_week, self.part_time_share, self.part_time_hours_per_week
        )

    @property
    def trainee_cost(self) -> float:
        """What one volunteer's training costs."""
        if self.training_cost_per_trainee is None:
            return self.training_cost_per_person
        return self.training_cost_per_trainee

    @property
    def hire_training_cost(self) -> float:
        """What a hire's training costs (nothing unless training_cost_per_trainee)."""
        return self.training_cost_per_trainee or 0.0


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
    learning: list[CrewLearning] = Field(
        default_factory=list,
        description="Where its crew starts on an item's learning curve, and what it "
        "forgets after a stop; items not listed follow the item's curve.",
    )
    building_conversions: list[BuildingConversion] = Field(
        default_factory=list,
        description="Conversions of a building that several of its work centers "
        "need: one decision, one capex, one lead time.",
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
    "CalendarException",
    "Changeover",
    "Conversion",
    "CoreLoad",
    "CrewLearning",
    "DeliveryPoint",
    "ShiftPattern",
    "Shutdown",
    "Site",
    "ThreatLevel",
    "WorkCenter",
    "WorkforcePool",
]
