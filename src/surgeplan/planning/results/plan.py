"""The plan: what each work center makes in each bucket, and what it costs.

`Plan` is the planner's result and the contract with every later stage (risk,
economics, reporting, service). It is saved as `plan.json` (`format: surgeplan-plan/1`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from surgeplan.display import Summarized, Summary, day, money, whole
from surgeplan.planning.errors import PlanningError

if TYPE_CHECKING:
    import pandas as pd

from surgeplan.planning.results.files import read_result_file
from surgeplan.planning.results.records import (
    BottleneckRecord,
    BucketRecord,
    CapacityRecord,
    ConversionRecord,
    CoreRecord,
    CostRecord,
    DeliveryRecord,
    InventoryRecord,
    LabourRecord,
    MilestoneRecord,
    ProductionRecord,
    PurchaseRecord,
    ShiftChangeRecord,
    TransferRecord,
)
from surgeplan.planning.results.records_change import ChangeRecord
from surgeplan.planning.results.records_confidence import (
    ConfidenceRecord,
    TargetsRecord,
)

PLAN_FORMAT: Final = "surgeplan-plan/1"

TABLES = (
    "buckets",
    "production",
    "capacity",
    "labour",
    "purchases",
    "transfers",
    "inventory",
    "deliveries",
    "milestones",
    "core",
    "conversions",
    "shift_changes",
    "costs",
    "bottlenecks",
)


class SolveStatus(StrEnum):
    """How the solver ended."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    TIME_LIMIT = "time_limit"
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"


class WholeNumberSearch(StrEnum):
    """How the search over whole-number decisions (the MILP) ended."""

    CLOSED = "closed"
    WORK_LIMIT = "work_limit"
    SKIPPED = "skipped"
    NOT_NEEDED = "not_needed"


class SolverInfo(BaseModel):
    """How the plan was found."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: SolveStatus = Field(
        description="How the solver ended: `optimal` when proven for the plan that "
        "came out; `time_limit` when the wall-clock backstop stopped a solve (the plan "
        "may differ on a faster machine)."
    )
    mip_gap: float | None = Field(
        description="Relative gap of the plan that came out, against the bound the "
        "MILP proved for its own model; null when no MILP measured that plan."
    )
    objective: float = Field(
        description="Objective value: costs plus lateness and shortfall penalties, in "
        "the objective's units."
    )
    build_seconds: float = Field(description="Time spent building models.")
    solve_seconds: float = Field(
        description="Time spent in HiGHS, summed over its solves; some run in parallel "
        "threads, so it can exceed `total_seconds`."
    )
    total_seconds: float = Field(description="Wall time of the whole planning run.")
    learning_iterations: int = Field(
        description="Solves needed for hours per unit to settle."
    )
    learning_change: float = Field(
        description="Largest relative change of hours per unit in the last iteration."
    )
    variables: int = Field(description="Columns of the final model.")
    constraints: int = Field(description="Rows of the final model.")
    nonzeros: int = Field(description="Nonzero coefficients of the final model.")
    highs_version: str = Field(description="Version of HiGHS that solved it.")
    stopped_by_time_limit: bool = Field(
        default=False,
        description="The wall-clock limit, not a work limit, ended a solve: the plan "
        "may differ on a faster machine.",
    )
    whole_number_search: WholeNumberSearch | None = Field(
        default=None,
        description="How the MILP over conversions, shift patterns and minimum "
        "orders ended; null in plans written before it was recorded.",
    )
    whole_number_search_estimate_s: float | None = Field(
        default=None,
        description="The planner's estimate of one MILP search on this model, which "
        "decides from the time limit whether the search runs.",
    )


class Plan(Summarized, BaseModel):
    """A capacity and ramp-up plan: tidy tables, costs, bottlenecks and solver facts.

    Every table is a list of records; `plan.table("production")` gives it as a pandas
    DataFrame, indexed by the start date of each record's bucket where it has one.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["surgeplan-plan/1"] = Field(
        default=PLAN_FORMAT,
        description="Format of the file; always `surgeplan-plan/1`.",
    )
    scenario_name: str = Field(description="The scenario's `program.name`.")
    scenario_hash: str = Field(description="SHA-256 of the scenario's canonical JSON.")
    currency: str = Field(
        description="Currency of every `_eur` amount (ISO 4217), from the scenario."
    )
    time_bucket: str = Field(
        description="Length of a bucket: `day`, `week` or `month` (`week` also for "
        "weeks merged after `program.detailed_weeks`)."
    )
    allow_core_impact: bool = Field(
        description="Whether protected core demand was allowed to fall short "
        "(`--allow-core-impact`)."
    )
    created_at: dt.datetime = Field(description="When the plan was made.")
    solver: SolverInfo = Field(description="How the plan was found.")
    buckets: list[BucketRecord] = Field(description="The planning periods.")
    production: list[ProductionRecord] = Field(
        description="What each work center makes in each bucket."
    )
    capacity: list[CapacityRecord] = Field(
        description="Station hours of each work center in each bucket."
    )
    labour: list[LabourRecord] = Field(
        description="Program labour of each skill pool in each bucket."
    )
    purchases: list[PurchaseRecord] = Field(description="Orders to suppliers.")
    transfers: list[TransferRecord] = Field(description="Shipments on lanes.")
    inventory: list[InventoryRecord] = Field(
        description="Stock at the end of each bucket."
    )
    deliveries: list[DeliveryRecord] = Field(
        description="Arrivals at delivery points, by milestone."
    )
    milestones: list[MilestoneRecord] = Field(
        description="How the plan does against each milestone."
    )
    core: list[CoreRecord] = Field(description="Core production against core demand.")
    conversions: list[ConversionRecord] = Field(description="Conversions decided.")
    shift_changes: list[ShiftChangeRecord] = Field(
        description="Shift pattern changes decided."
    )
    costs: list[CostRecord] = Field(description="Costs by kind.")
    bottlenecks: list[BottleneckRecord] = Field(
        description="Resources that hold the program back."
    )
    targets: TargetsRecord | None = Field(
        default=None,
        description="Margins beyond the scenario (earlier aims, a capacity reserve); "
        "null for a plan made without them.",
    )
    confidence: ConfidenceRecord | None = Field(
        default=None,
        description="The odds the plan was made to (`plan --confidence`); null "
        "otherwise.",
    )
    change: ChangeRecord | None = Field(
        default=None,
        description="For a re-plan or a demand change: the plan it came from, why, "
        "and the frozen decisions it broke; null for a plan made from scratch.",
    )

    def table(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame (columns in record field order, even when empty).

        Tables with a `bucket` column are indexed by the bucket's start date
        (`bucket_start`, a DatetimeIndex), so that they plot and resample by date;
        the `bucket` number stays a column.
        """
        # pandas is imported here, not with the module: the command line never needs
        # it, and it is a third of `surgeplan plan`'s start-up.
        import pandas as pd

        if name not in TABLES:
            raise KeyError(f"no table {name!r}; tables: {', '.join(TABLES)}")
        records: list[BaseModel] = getattr(self, name)
        (record_type,) = get_args(type(self).model_fields[name].annotation)
        columns = list(record_type.model_fields)
        frame = pd.DataFrame(
            [record.model_dump() for record in records], columns=columns
        )
        if "bucket" in columns:
            starts = {bucket.index: bucket.start for bucket in self.buckets}
            frame.index = pd.DatetimeIndex(
                [starts.get(bucket) for bucket in frame["bucket"]], name="bucket_start"
            )
        return frame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name."""
        return {name: self.table(name) for name in TABLES}

    @property
    def total_cost_eur(self) -> float:
        """Every cost of the plan, penalties included."""
        return sum(cost.amount_eur for cost in self.costs)

    @property
    def units_delivered(self) -> float:
        """Program units delivered over the horizon."""
        return sum(delivery.units for delivery in self.deliveries)

    @property
    def tightest_bottleneck(self) -> BottleneckRecord | None:
        """The bottleneck whose extra hour (or unit) is worth the most; None if none.

        Every document names this one as the plan's bottleneck.
        """
        return max(
            self.bottlenecks, key=lambda record: abs(record.shadow_price), default=None
        )

    def cost(self, kind: str) -> float:
        """Total of one kind of cost."""
        return sum(cost.amount_eur for cost in self.costs if cost.kind == kind)

    def summary(self) -> Summary:
        """Status, units, cost, horizon and each milestone, for repr and notebooks."""
        on_time = sum(1 for m in self.milestones if m.weeks_late == 0)
        horizon = (
            f"{len(self.buckets)} {self.time_bucket}s from {self.buckets[0].start}"
            if self.buckets
            else "none"
        )
        return Summary(
            title=self.scenario_name,
            facts=[
                ("status", self.solver.status.value),
                ("units delivered", whole(self.units_delivered)),
                ("cost", money(self.total_cost_eur, self.currency)),
                ("horizon", horizon),
                ("milestones on time", f"{on_time} of {len(self.milestones)}"),
            ],
            headers=("milestone", "due", "quantity", "met", "weeks late"),
            rows=[
                (
                    m.id,
                    day(m.due_date),
                    whole(m.quantity),
                    day(m.met_date),
                    "-" if m.weeks_late is None else f"{m.weeks_late:g}",
                )
                for m in self.milestones
            ],
        )

    def to_json(self) -> str:
        """The plan as `plan.json` text."""
        return self.model_dump_json(indent=1) + "\n"

    def save(self, path: str | Path) -> Path:
        """Write `plan.json`."""
        target = Path(path)
        target.write_text(self.to_json(), encoding="utf-8")
        return target


def plan_hash(plan: Plan) -> str:
    """SHA-256 of the plan's canonical content, timing fields left out.

    The same plan solved twice, or saved and read back, has the same hash, so a
    risk or mitigation file can say which plan it was made from.
    """
    # When and how fast the plan was made says nothing of what it is.
    content = plan.model_dump(
        mode="json",
        exclude={
            "created_at": True,
            "solver": {"build_seconds", "solve_seconds", "total_seconds"},
        },
    )
    if content.get("change") is None:
        # Plans made from scratch hash as they did before re-plans were recorded.
        content.pop("change", None)
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PlanFileError(PlanningError):
    """A plan.json that cannot be read."""


def load_plan(path: str | Path) -> Plan:
    """Read a `plan.json` written by `surgeplan plan`.

    Raises:
        PlanFileError: missing file, not JSON, another format or invalid records.
    """
    source = Path(path)
    data = read_result_file(
        source, PLAN_FORMAT, kind="plan", command="plan", error=PlanFileError
    )
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PlanFileError(
            f"{source}: {where}: {first['msg']} ({error.error_count()} problems)"
        ) from None
