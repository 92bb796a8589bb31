"""The reference class of real surges: public figures, each with its source.

The data (`reference_surges.yaml`, shipped in the package) is read into these models
and checked: every figure names a source that the file lists, and every source says
either when it was read or where it was found.
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import StrEnum
from importlib import resources
from typing import Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

REFERENCE_FORMAT = "surgeplan-reference-surges/1"


class Reliability(StrEnum):
    """How far a figure can be trusted (see the data file's header)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class DatePrecision(StrEnum):
    """To what a published date was given; the stored date is the middle of it."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Record(BaseModel):
    """A read-only record of the reference data."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """Where figures were published, and when the project read them."""

    id: str
    publisher: str
    url: str
    published: dt.date
    read_on: dt.date | None = None
    found_in: str | None = Field(
        default=None, description="Where the figure was found when not re-read."
    )

    @model_validator(mode="after")
    def _read_or_found(self) -> Self:
        if self.read_on is None and not self.found_in:
            raise ValueError(f"source {self.id}: give read_on or found_in")
        return self


class Observation(Record):
    """One published figure of output: cumulative units by a date, or a weekly rate."""

    date: dt.date
    date_precision: DatePrecision = DatePrecision.DAY
    cumulative_units: float | None = None
    units_per_week: float | None = None
    as_published: str
    source: str
    reliability: Reliability
    note: str | None = None

    @model_validator(mode="after")
    def _one_figure(self) -> Self:
        if (self.cumulative_units is None) == (self.units_per_week is None):
            raise ValueError("an observation gives cumulative_units or units_per_week")
        return self


class ScheduleEntry(Record):
    """A milestone of the program's first schedule and whether it was met."""

    due: dt.date
    cumulative_units: float | None = None
    rate_per_week: float | None = None
    met: bool
    source: str
    reliability: Reliability
    note: str | None = None


class LearningRecord(Record):
    """Time or hours per unit at the first unit and later, as published."""

    first_unit_days: float
    later_average_days: float
    as_published: str
    source: str
    reliability: Reliability
    note: str | None = None


class Program(Record):
    """A real surge: when it was decided, its first unit, schedule and output."""

    id: str
    name: str
    product: str
    new_line: bool = Field(
        description="A new product or line (timed from its first unit); false for an "
        "existing line pushed to more output (timed from the decision)."
    )
    decision_date: dt.date | None = None
    decision: str | None = None
    decision_source: str | None = None
    first_unit_date: dt.date | None = None
    first_unit: str | None = None
    first_unit_source: str | None = None
    prior_units_per_week: float | None = None
    prior_rate_as_published: str | None = None
    prior_rate_source: str | None = None
    prior_rate_multiple: float | None = Field(
        default=None, description="Published directly where the prior rate was not."
    )
    prior_rate_multiple_as_published: str | None = None
    prior_rate_multiple_source: str | None = None
    planned_rate_per_week: float | None = None
    planned_rate_source: str | None = None
    schedule: list[ScheduleEntry] = Field(default_factory=list)
    schedule_note: str | None = None
    learning: LearningRecord | None = None
    observations: list[Observation] = Field(default_factory=list)

    def source_ids(self) -> list[str]:
        """Every source this program's figures name."""
        named = [
            self.decision_source,
            self.first_unit_source,
            self.prior_rate_source,
            self.prior_rate_multiple_source,
            self.planned_rate_source,
            *(entry.source for entry in self.schedule),
            *(observation.source for observation in self.observations),
            self.learning.source if self.learning else None,
        ]
        return [source for source in named if source]


class ContractCut(Record):
    """A contract terminated or capped part-way."""

    program: str
    schedule: str
    outcome: str
    source: str
    reliability: Reliability


class LearningRangeKind(StrEnum):
    """What a published learning figure stands for."""

    SINGLE = "single"
    TYPICAL = "typical"
    RANGE = "range"


class LearningRate(Record):
    """A published range of learning rates (unit cost ratio per doubling)."""

    figure: str
    kind: LearningRangeKind
    low: float
    high: float
    source: str
    reliability: Reliability
    note: str | None = None


class ReferenceClass(Record):
    """Every program of the reference class, with the sources they cite."""

    format: Literal["surgeplan-reference-surges/1"]
    sources: list[Source]
    programs: list[Program]
    contracts_cut: list[ContractCut] = Field(default_factory=list)
    learning_rates: list[LearningRate] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sources_exist(self) -> Self:
        known = {source.id for source in self.sources}
        named = [s for program in self.programs for s in program.source_ids()]
        named += [cut.source for cut in self.contracts_cut]
        named += [rate.source for rate in self.learning_rates]
        unknown = sorted(set(named) - known)
        if unknown:
            raise ValueError(f"figures cite unknown sources: {', '.join(unknown)}")
        return self

    def learning_range(self, kind: LearningRangeKind) -> LearningRate | None:
        """The published learning figure of a kind, if the data holds one."""
        return next((rate for rate in self.learning_rates if rate.kind == kind), None)

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        return next(source for source in self.sources if source.id == source_id)


@functools.cache
def load_reference_class() -> ReferenceClass:
    """The reference class shipped with surgeplan."""
    text = (
        resources.files("surgeplan.realism")
        .joinpath("reference_surges.yaml")
        .read_text("utf-8")
    )
    return ReferenceClass.model_validate(yaml.safe_load(text))
