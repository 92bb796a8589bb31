"""The actuals format `surgeplan-actuals/1`: one record type per table.

A week is numbered from 1, the week starting on the program's start date; the actuals
cover weeks 1 to `through_week` (the status week). docs/actuals-format.md describes
every table and column; `Actuals` is also the body the API takes as JSON.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import pandas as pd

ACTUALS_FORMAT: Final = "surgeplan-actuals/1"

Week = Annotated[int, Field(ge=1, le=1040, description="Week of the program, from 1.")]
Units = Annotated[float, Field(ge=0, allow_inf_nan=False)]
People = Annotated[int, Field(ge=0)]
Name = Annotated[str, Field(min_length=1, max_length=100)]


class ActualsRecord(BaseModel):
    """Base of actuals records: immutable, strict about unknown columns."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class CompletionRecord(ActualsRecord):
    """Units of an item completed at a site in a week (of one operation, if named)."""

    week: Week
    item: Name
    site: Name
    units: Units
    operation: Name | None = Field(
        default=None,
        description="The operation completed; empty: finished units of the item.",
    )
    work_center: Name | None = Field(
        default=None, description="Where the operation was done, where known."
    )


class HoursRecord(ActualsRecord):
    """Station hours a work center worked on the program in a week."""

    week: Week
    site: Name
    work_center: Name
    hours: Units


class HeadcountRecord(ActualsRecord):
    """People of one skill working on the program at a site at the end of a week."""

    week: Week
    site: Name
    skill: Name
    headcount: People = Field(description="People on the program at the week's end.")
    joined: People = Field(default=0, description="People who joined this week.")
    left: People = Field(default=0, description="People who left this week.")
    trained: People = Field(
        default=0, description="People who finished their training this week."
    )


class ReceiptRecord(ActualsRecord):
    """Units a supplier delivered to a site in a week, and what is still on the way."""

    week: Week
    supplier: Name
    site: Name
    units: Units
    units_in_transit: Units = Field(
        default=0.0, description="Ordered units shipped but not yet received."
    )


class ShipmentRecord(ActualsRecord):
    """Units sent on a lane in a week."""

    week: Week
    lane: Name
    item: Name
    units: Units


class DeliveryRecord(ActualsRecord):
    """Units of a program item the customer took at a delivery point in a week."""

    week: Week
    item: Name
    delivery_point: Name
    units: Units
    milestone: Name | None = Field(
        default=None,
        description="Milestone they count against; empty: the earliest open one.",
    )


class ConversionRecord(ActualsRecord):
    """A conversion finished (its new capabilities usable) in a week."""

    week: Week
    site: Name
    work_center: Name
    conversion: Name


class IncidentKind(StrEnum):
    """What happened."""

    BREAKDOWN = "breakdown"
    SUPPLIER = "supplier"
    QUALITY = "quality"
    STAFF = "staff"
    CYBER = "cyber"
    OTHER = "other"


class IncidentRecord(ActualsRecord):
    """Something that took capacity away, where and from when to when."""

    id: Name
    kind: IncidentKind
    site: Name
    start_week: Week
    end_week: Week | None = Field(
        default=None, description="Last week it lasted; empty: still open."
    )
    capacity_lost_share: Annotated[float, Field(ge=0, le=1)] = Field(
        description="Share of the capacity lost while it lasted, 0 to 1."
    )
    work_center: Name | None = Field(
        default=None, description="The work center hit; empty: the whole site."
    )
    description: str = Field(default="", max_length=500)


TABLES: Final = (
    "completions",
    "hours",
    "headcount",
    "receipts",
    "shipments",
    "deliveries",
    "conversions",
    "incidents",
)
REQUIRED_TABLES: Final = ("completions",)


class Actuals(BaseModel):
    """What happened in the program's weeks 1 to `through_week`, table by table."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["surgeplan-actuals/1"] = ACTUALS_FORMAT
    program: str = Field(
        min_length=1, max_length=200, description="Name of the program (scenario)."
    )
    start_date: dt.date = Field(
        description="The program's start date: week 1's first day."
    )
    through_week: Week = Field(description="The status week: the last week reported.")
    completions: list[CompletionRecord] = Field(default_factory=list)
    hours: list[HoursRecord] = Field(default_factory=list)
    headcount: list[HeadcountRecord] = Field(default_factory=list)
    receipts: list[ReceiptRecord] = Field(default_factory=list)
    shipments: list[ShipmentRecord] = Field(default_factory=list)
    deliveries: list[DeliveryRecord] = Field(default_factory=list)
    conversions: list[ConversionRecord] = Field(default_factory=list)
    incidents: list[IncidentRecord] = Field(default_factory=list)

    def week_start(self, week: int) -> dt.date:
        """First day of a week of the program."""
        return self.start_date + dt.timedelta(weeks=week - 1)

    @property
    def status_date(self) -> dt.date:
        """Last day of the status week."""
        return self.week_start(self.through_week) + dt.timedelta(days=6)

    def table(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame indexed by the start date of each record's week."""
        import pandas as pd

        if name not in TABLES:
            raise KeyError(f"no table {name!r}; tables: {', '.join(TABLES)}")
        records: list[BaseModel] = getattr(self, name)
        columns = list(record_type(name).model_fields)
        frame = pd.DataFrame(
            [record.model_dump(mode="json") for record in records], columns=columns
        )
        week_column = "start_week" if name == "incidents" else "week"
        frame.index = pd.DatetimeIndex(
            [self.week_start(int(week)) for week in frame[week_column]],
            name="week_start",
        )
        return frame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name."""
        return {name: self.table(name) for name in TABLES}


def record_type(table: str) -> type[ActualsRecord]:
    """The record type of a table."""
    (kind,) = get_args(Actuals.model_fields[table].annotation)
    assert isinstance(kind, type)
    assert issubclass(kind, ActualsRecord)
    return kind
