"""The tidy records a plan is made of: one type per table of `plan.json`."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base of plan records: immutable, strict."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class BucketRecord(Record):
    """A planning period; `end` is its last day."""

    index: int
    start: dt.date
    end: dt.date


class ProductionRecord(Record):
    """Units of one operation of an item made on a work center in a bucket."""

    item: str
    operation: str
    site: str
    work_center: str
    bucket: int
    units: float
    hours: float = Field(description="Station hours, learning and efficiency included.")
    labour_hours: float
    hours_per_unit: float = Field(description="Station hours per unit after learning.")


class CapacityRecord(Record):
    """Station hours of a work center in a bucket and what uses them."""

    site: str
    work_center: str
    bucket: int
    shift_pattern: str
    available_hours: float = Field(description="Effective hours (after efficiency).")
    overtime_hours: float
    program_hours: float = Field(
        description="Hours of program items (not core products)."
    )
    core_hours: float = Field(
        description="Core load plus the hours of routed core products."
    )
    utilisation: float


class LabourRecord(Record):
    """Program labour of one skill pool at a site in a bucket."""

    site: str
    skill: str
    bucket: int
    hours: float
    overtime_hours: float
    available_hours: float
    headcount: float = Field(description="People qualified for the program.")
    trainees: float = Field(description="People starting training this bucket.")
    hires: float = Field(description="People whose hiring is decided this bucket.")
    volunteers: int
    people_lent: float = Field(
        default=0.0,
        description="Qualified people away on loan to other sites (labour_loans).",
    )
    people_borrowed: float = Field(
        default=0.0,
        description="People on loan from other sites working here (labour_loans).",
    )


class PurchaseRecord(Record):
    """An order to a supplier, placed in one bucket and arriving later."""

    supplier: str
    item: str
    site: str
    bucket: int
    arrival_bucket: int
    units: float
    cost_eur: float


class TransferRecord(Record):
    """Units shipped on a lane in a bucket."""

    lane: str
    item: str
    origin: str
    destination: str
    bucket: int
    arrival_bucket: int
    units: float
    cost_eur: float


class InventoryRecord(Record):
    """Units of an item held at a site at the end of a bucket."""

    item: str
    site: str
    bucket: int
    units: float


class DeliveryRecord(Record):
    """Units arriving at a delivery point in a bucket, counted against a milestone."""

    milestone: str
    item: str
    delivery_point: str
    bucket: int
    units: float


class MilestoneRecord(Record):
    """How the plan does against one milestone."""

    id: str
    item: str
    delivery_point: str
    due_date: dt.date
    due_bucket: int
    quantity: float
    delivered_by_due: float
    met_bucket: int | None
    met_date: dt.date | None = Field(description="Last day of the bucket it is met in.")
    weeks_late: float | None = Field(description="0 when on time; null if never met.")
    earliest_bucket: int | None = Field(
        description="Earliest bucket any plan could reach the quantity; null if none."
    )
    earliest_date: dt.date | None
    limited_by: list[str] = Field(
        default_factory=list, description="Resources that hold it back, tightest first."
    )


class CoreRecord(Record):
    """Core production of an item at a site in a bucket against its demand."""

    item: str
    site: str
    bucket: int
    demand: float
    produced: float
    shortfall: float


class ConversionRecord(Record):
    """A conversion the plan decides."""

    site: str
    work_center: str
    conversion: str
    start_bucket: int
    ready_bucket: int
    ready_date: dt.date
    capex_eur: float


class ShiftChangeRecord(Record):
    """A work center moving to another shift pattern."""

    site: str
    work_center: str
    bucket: int = Field(description="First bucket on the new pattern.")
    from_pattern: str
    to_pattern: str
    cost_eur: float


class CostKind(StrEnum):
    """What money is spent on."""

    LABOUR = "labour"
    OVERTIME = "overtime"
    TRAINING = "training"
    HIRING = "hiring"
    SHIFTS = "shifts"
    SHIFT_SWITCHES = "shift_switches"
    CONVERSION_CAPEX = "conversion_capex"
    PURCHASES = "purchases"
    MATERIALS = "materials"
    TRANSPORT = "transport"
    HOLDING = "holding"
    LATE_PENALTIES = "late_penalties"
    CORE_SHORTFALL = "core_shortfall"


class CostRecord(Record):
    """Money spent on one kind of thing over the horizon."""

    kind: CostKind
    amount_eur: float


class BottleneckKind(StrEnum):
    """Which kind of resource limits the plan."""

    WORK_CENTER = "work_center"
    LABOUR = "labour"
    SUPPLIER = "supplier"
    LANE = "lane"
    TRAINING = "training"


class BottleneckRecord(Record):
    """A resource whose limit holds the program back, with its shadow price."""

    kind: BottleneckKind
    site: str | None
    resource: str
    first_bucket: int
    last_bucket: int
    binding_buckets: int
    units_per_extra_hour: float = Field(
        description="Program unit-weeks of lateness avoided per extra hour (or unit) "
        "of the resource in every bucket where it binds."
    )
    shadow_price: float = Field(
        description="Objective saved per extra hour (or unit) in every binding "
        "bucket, in EUR-equivalent (cost saved; a unit-week late weighs 100 unit "
        "prices)."
    )
