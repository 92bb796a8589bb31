"""The program: what is being planned, in which currency, from when and for how long."""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator

from surgeplan.scenario.base import Id, ScenarioModel
from surgeplan.scenario.speech import gettext


class TimeBucket(StrEnum):
    """The planning period."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Language(StrEnum):
    """The language of the documents people read (report, brief)."""

    EN = "en"
    FR = "fr"


class Program(ScenarioModel):
    """The surge program being planned."""

    name: str = Field(min_length=1, max_length=200, description="Program name.")
    currency: str = Field(
        default="EUR",
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code of every money amount in the scenario.",
    )
    start_date: dt.date = Field(
        description="First day of the plan. Weekly buckets start on this day."
    )
    time_bucket: TimeBucket = Field(
        default=TimeBucket.WEEK, description="Planning period: day, week or month."
    )
    horizon_buckets: Annotated[int, Field(ge=1, le=1040)] = Field(
        description="Number of planning periods in the horizon."
    )
    detailed_weeks: Annotated[int, Field(ge=1, le=1040)] | None = Field(
        default=None,
        description="With weekly buckets: plan the first this many weeks week by week "
        "and the rest of the horizon in buckets of `coarse_bucket_weeks` weeks, each "
        "milestone's due week still ending a bucket. A smaller model plans faster; "
        "leave it out to plan every week.",
    )
    coarse_bucket_weeks: Annotated[int, Field(ge=2, le=13)] = Field(
        default=4,
        description="Length in weeks of the buckets after `detailed_weeks`.",
    )
    plan_ahead_weeks: Annotated[float, Field(ge=0, le=52)] = Field(
        default=0.0,
        description="Planning buffer: the planner aims to meet each milestone this "
        "many weeks before its due date; plans, checks and reports still measure "
        "lateness against the due date.",
    )
    confidence: Annotated[float, Field(gt=0, lt=1)] | None = Field(
        default=None,
        description="Odds the program asks for: `surgeplan plan` then plans for at "
        "least this simulated probability of meeting each key milestone (e.g. 0.8); "
        "leave it out for the cheapest plan that meets the milestones without risks.",
    )
    frozen_weeks: Annotated[int, Field(ge=0, le=52)] = Field(
        default=0,
        description="On a re-plan: the first this many weeks keep the old plan's "
        "production and purchases unless they cannot be kept (`surgeplan replan`).",
    )
    product: Id = Field(
        description="Id of the program's end item (an item of kind 'program')."
    )
    description: str = Field(
        default="",
        max_length=4000,
        description="Free text about the program, for people reading the reports.",
    )
    language: Language = Field(
        default=Language.EN,
        description="Language of the report and the decision brief: `en` (English) "
        "or `fr` (French, with French number and date formats); `--lang` on "
        "`report`, `brief` and `run` overrides it.",
    )

    @property
    def plan_ahead(self) -> dt.timedelta:
        """The planning buffer in whole days, rounded up: never shorter than stated."""
        return dt.timedelta(days=math.ceil(self.plan_ahead_weeks * 7 - 1e-9))

    @field_validator("detailed_weeks")
    @classmethod
    def _detail_in_weeks(cls, weeks: int | None, info: ValidationInfo) -> int | None:
        if weeks is not None and info.data.get("time_bucket") is not TimeBucket.WEEK:
            raise ValueError(
                gettext("needs %(weekly)s; remove it or plan in weeks")
                % {"weekly": "time_bucket: week"}
            )
        return weeks
