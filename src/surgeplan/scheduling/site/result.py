"""The schedule of a site: what runs on which station, when, and how the batches fare.

`Schedule` is the scheduler's result, saved as `schedule.json`
(`format: surgeplan-schedule/1`). Times are local clock times of the site (naive
ISO datetimes) and minutes from the start of the scheduled window, Monday 00:00 of
its first week.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from surgeplan.display import Summarized, Summary, whole

SCHEDULE_FORMAT: Final = "surgeplan-schedule/1"


class Record(BaseModel):
    """Base of schedule records: immutable, strict."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ScheduleStatus(StrEnum):
    """How far the solver got."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    HEURISTIC = "heuristic"


class DueStatus(StrEnum):
    """Whether a batch finishes by its due time."""

    ON_TIME = "on_time"
    LATE = "late"


class Objective(StrEnum):
    """What the solver minimises."""

    TARDINESS = "tardiness"
    MAKESPAN = "makespan"


class ShiftWindow(Record):
    """A period when a work center's stations may work (back-to-back shifts)."""

    start: dt.datetime
    end: dt.datetime


class WorkCenterRecord(Record):
    """A work center of the site as the scheduler used it."""

    id: str
    capabilities: list[str]
    stations: list[str] = Field(description="Stations the schedule may use.")
    reserved_stations: list[str] = Field(
        description="Stations kept free for the core load the scenario states in hours."
    )
    shift_patterns: list[str] = Field(description="Shift pattern of each week.")
    windows: list[ShiftWindow]


class ScheduledOperation(Record):
    """One operation of one batch on one station."""

    batch: str
    item: str
    operation: str
    capability: str
    units: int
    work_center: str
    station: str
    start: dt.datetime
    end: dt.datetime
    start_minute: float = Field(description="Minutes from the window start.")
    end_minute: float
    processing_hours: float = Field(description="Working hours, set-up included.")
    setup_hours: float
    hours_per_unit: float
    is_splittable: bool


class BatchRecord(Record):
    """A batch of an item that follows the item's routing, and its due-date status."""

    id: str
    item: str
    week: int = Field(description="Program week (1-based) the batch is planned in.")
    units: int
    weight: int = Field(description="Weight of its tardiness in the objective.")
    release: dt.datetime
    due: dt.datetime
    completion: dt.datetime
    status: DueStatus
    late_hours: float = Field(description="Clock hours after the due time; 0 on time.")


class StationRecord(Record):
    """How one station spends its shift time inside the scheduled window."""

    station: str
    work_center: str
    operations: int
    busy_hours: float
    changeover_hours: float
    idle_hours: float = Field(description="Shift hours in the window left unused.")
    changeovers: int


class SolverRecord(Record):
    """How the schedule was found."""

    status: ScheduleStatus
    objective: Objective
    weighted_tardiness_hours: float
    weighted_tardiness_lower_bound_hours: float
    makespan_hours: float = Field(description="Working hours from the window start.")
    makespan_lower_bound_hours: float
    heuristic_weighted_tardiness_hours: float
    heuristic_makespan_hours: float
    lns_iterations: int
    seconds: float
    workers: int
    seed: int
    time_limit_s: float
    ortools_version: str


class Schedule(Summarized, BaseModel):
    """A site's detailed schedule over one or more weeks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["surgeplan-schedule/1"] = SCHEDULE_FORMAT
    scenario_name: str
    scenario_hash: str
    site: str
    start_week: int = Field(description="First program week scheduled (1-based).")
    weeks: int
    window_start: dt.datetime
    window_end: dt.datetime
    source: Literal["plan", "demand"]
    created_at: dt.datetime
    solver: SolverRecord
    work_centers: list[WorkCenterRecord]
    batches: list[BatchRecord]
    operations: list[ScheduledOperation]
    stations: list[StationRecord]
    notes: list[str] = Field(default_factory=list)

    @property
    def late_batches(self) -> list[BatchRecord]:
        """Batches finishing after their due time."""
        return [batch for batch in self.batches if batch.status is DueStatus.LATE]

    def summary(self) -> Summary:
        """Window, status, batches and lateness, then each station, for notebooks."""
        return Summary(
            title=f"{self.scenario_name}, site {self.site}",
            facts=[
                ("weeks", f"{self.start_week} to {self.start_week + self.weeks - 1}"),
                ("status", self.solver.status.value),
                ("batches", whole(len(self.batches))),
                ("late batches", whole(len(self.late_batches))),
                ("makespan hours", f"{self.solver.makespan_hours:,.1f}"),
            ],
            headers=("work center", "stations"),
            rows=[
                (center.id, whole(len(center.stations))) for center in self.work_centers
            ],
        )

    def to_json(self) -> str:
        """The schedule as `schedule.json` text."""
        return self.model_dump_json(indent=1) + "\n"

    def save(self, path: str | Path) -> Path:
        """Write `schedule.json`."""
        target = Path(path)
        target.write_text(self.to_json(), encoding="utf-8")
        return target
