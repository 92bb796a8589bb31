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

    index: int = Field(description="Position in the horizon, from 0.")
    start: dt.date = Field(description="First day.")
    end: dt.date = Field(description="Last day.")


class ProductionRecord(Record):
    """Units of one operation of an item made on a work center in a bucket."""

    item: str = Field(description="Item made.")
    operation: str = Field(description="Operation of the item's routing.")
    site: str = Field(description="Site of the work center.")
    work_center: str = Field(description="Work center doing the operation.")
    bucket: int = Field(description="Bucket index.")
    units: float = Field(description="Units that pass the operation in the bucket.")
    hours: float = Field(description="Station hours, learning and efficiency included.")
    labour_hours: float = Field(description="Labour hours, all skills together.")
    hours_per_unit: float = Field(description="Station hours per unit after learning.")


class CapacityRecord(Record):
    """Station hours of a work center in a bucket and what uses them."""

    site: str = Field(description="Site of the work center.")
    work_center: str = Field(description="Work center.")
    bucket: int = Field(description="Bucket index.")
    shift_pattern: str = Field(description="Shift pattern it runs in the bucket.")
    available_hours: float = Field(description="Effective hours (after efficiency).")
    overtime_hours: float = Field(description="Extra station hours beyond the shifts.")
    program_hours: float = Field(
        description="Station hours of the production records of program items (not "
        "core products)."
    )
    core_hours: float = Field(
        description="Station hours of core load plus those of routed core products."
    )
    utilisation: float = Field(
        description="Share of available and overtime hours in use, 0 to 1."
    )


class LabourRecord(Record):
    """Program labour of one skill pool at a site in a bucket."""

    site: str = Field(description="Site of the pool.")
    skill: str = Field(description="Skill of the pool.")
    bucket: int = Field(description="Bucket index.")
    hours: float = Field(description="Labour hours worked in contract time.")
    overtime_hours: float = Field(description="Labour hours worked as overtime.")
    available_hours: float = Field(
        description="Contract hours of the qualified people."
    )
    headcount: float = Field(description="People qualified for the program.")
    trainees: float = Field(description="People starting training this bucket.")
    hires: float = Field(description="People whose hiring is decided this bucket.")
    volunteers: int = Field(
        description="People of the pool willing to work on the program."
    )
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

    supplier: str = Field(description="Supplier.")
    item: str = Field(description="Item bought.")
    site: str = Field(description="Site it is delivered to.")
    bucket: int = Field(description="Bucket the order is placed in.")
    arrival_bucket: int = Field(
        description="Bucket it arrives in, after the lead time."
    )
    units: float = Field(description="Units ordered.")
    cost_eur: float = Field(description="Price of the order.")


class TransferRecord(Record):
    """Units shipped on a lane in a bucket."""

    lane: str = Field(description="Lane.")
    item: str = Field(description="Item shipped.")
    origin: str = Field(description="Site it leaves.")
    destination: str = Field(description="Site or delivery point it goes to.")
    bucket: int = Field(description="Bucket it leaves in.")
    arrival_bucket: int = Field(
        description="Bucket it arrives in, after the lead time."
    )
    units: float = Field(description="Units shipped.")
    cost_eur: float = Field(description="Transport cost.")


class InventoryRecord(Record):
    """Units of an item held at a site at the end of a bucket."""

    item: str = Field(description="Item held.")
    site: str = Field(description="Site holding it.")
    bucket: int = Field(description="Bucket index; stock at its end.")
    units: float = Field(description="Units in stock.")


class DeliveryRecord(Record):
    """Units arriving at a delivery point in a bucket, counted against a milestone."""

    milestone: str = Field(description="Milestone the units count against.")
    item: str = Field(description="Program item delivered.")
    delivery_point: str = Field(description="Where it arrives.")
    bucket: int = Field(description="Bucket it arrives in.")
    units: float = Field(description="Units counted against the milestone.")


class MilestoneRecord(Record):
    """How the plan does against one milestone."""

    id: str = Field(description="Id of the milestone.")
    item: str = Field(description="Program item due.")
    delivery_point: str = Field(description="Where it is due.")
    due_date: dt.date = Field(description="Day it is due, from the scenario.")
    due_bucket: int = Field(description="Bucket holding the due date.")
    quantity: float = Field(description="Cumulative quantity due.")
    delivered_by_due: float = Field(
        description="Cumulative units delivered by the end of the due bucket."
    )
    met_bucket: int | None = Field(
        description="First bucket by whose end the quantity is delivered; null if not "
        "within the horizon."
    )
    met_date: dt.date | None = Field(description="Last day of the bucket it is met in.")
    weeks_late: float | None = Field(
        description="Days from the due bucket's end to the met bucket's end, over 7; "
        "0 when on time, null if never met."
    )
    earliest_bucket: int | None = Field(
        description="Earliest bucket any plan could reach the quantity: a lower bound "
        "from the LP relaxation, each milestone on its own, so no plan meets it "
        "sooner. Where the plan itself is earlier, or that LP did not finish "
        "within the time limit, the plan's own bucket; null when neither is known."
    )
    earliest_date: dt.date | None = Field(
        description="Last day of `earliest_bucket`; null if none."
    )
    limited_by: list[str] = Field(
        default_factory=list,
        description="Resources that hold it back, tightest first, each read `kind "
        "site/resource` as in `bottlenecks`; empty when the milestone is on time.",
    )


class CoreRecord(Record):
    """Core production of an item at a site in a bucket against its demand."""

    item: str = Field(description="Core item.")
    site: str = Field(description="Site making it.")
    bucket: int = Field(description="Bucket index.")
    demand: float = Field(description="Units of core demand in the bucket.")
    produced: float = Field(description="Units made.")
    shortfall: float = Field(
        description="Units of demand not made (only with unprotected demand or "
        "`allow_core_impact`)."
    )


class ConversionRecord(Record):
    """A conversion the plan decides."""

    site: str = Field(description="Site of the work center.")
    work_center: str = Field(description="Work center converted.")
    conversion: str = Field(description="Id of the conversion in the scenario.")
    start_bucket: int = Field(description="Bucket the conversion starts in.")
    ready_bucket: int = Field(
        description="First bucket the new capabilities can be used."
    )
    ready_date: dt.date = Field(description="First day of `ready_bucket`.")
    capex_eur: float = Field(description="Investment, from the scenario.")


class ShiftChangeRecord(Record):
    """A work center moving to another shift pattern."""

    site: str = Field(description="Site of the work center.")
    work_center: str = Field(description="Work center.")
    bucket: int = Field(description="First bucket on the new pattern.")
    from_pattern: str = Field(description="Shift pattern before.")
    to_pattern: str = Field(description="Shift pattern from `bucket` on.")
    cost_eur: float = Field(description="One-off cost of the switch.")


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

    kind: CostKind = Field(description="What the money is spent on.")
    amount_eur: float = Field(description="Total over the horizon.")


class BottleneckKind(StrEnum):
    """Which kind of resource limits the plan."""

    WORK_CENTER = "work_center"
    LABOUR = "labour"
    SUPPLIER = "supplier"
    LANE = "lane"
    TRAINING = "training"


class BottleneckRecord(Record):
    """A resource whose limit holds the program back, with its shadow price."""

    kind: BottleneckKind = Field(description="Which kind of resource.")
    site: str | None = Field(description="Its site; null for suppliers and lanes.")
    resource: str = Field(
        description="Work center, skill (`... volunteers` when no one is left to "
        "train), supplier or lane."
    )
    first_bucket: int = Field(description="First bucket where the limit binds.")
    last_bucket: int = Field(description="Last bucket where the limit binds.")
    binding_buckets: int = Field(description="Buckets where the limit binds.")
    units_per_extra_hour: float = Field(
        description="Program unit-weeks of lateness avoided per extra hour (a unit for "
        "suppliers and lanes) of the resource in every bucket where it binds: the "
        "shadow price over the weight of one unit-week late."
    )
    shadow_price: float = Field(
        description="Objective saved per extra hour (or unit) in every binding "
        "bucket, in EUR-equivalent (cost saved; a unit-week late weighs 100 unit "
        "prices)."
    )
