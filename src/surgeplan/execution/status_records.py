"""The records of a status (surgeplan-status/1) and its file, without the arithmetic.

Kept apart from the stage's numpy code so that the service can describe and serve
statuses without loading numpy at start-up.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from surgeplan.execution.errors import ExecutionError
from surgeplan.i18n import gettext

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_RUNS = 2_000
STATUS_FORMAT: Final = "surgeplan-status/1"
STATUS_FILE = "status.json"
STATUS_TABLES: Final = (
    "milestones",
    "items",
    "item_weeks",
    "work_centers",
    "weeks",
    "estimates",
    "forecast",
    "exceptions",
)


class Parameter(StrEnum):
    """What is re-estimated."""

    LEARNING_RATE = "learning_rate"
    OEE_FACTOR = "oee_factor"
    VOLUNTEER_SHARE = "volunteer_share"
    SUPPLIER_RAMP = "supplier_ramp"


@dataclass(frozen=True)
class Estimate:
    """One parameter before and after the actuals, with a 90 % interval after."""

    parameter: Parameter
    subject: str
    prior: float
    posterior: float
    low_90: float
    high_90: float
    observations: int
    weeks_behind: float = 0.0


@dataclass(frozen=True)
class Odds:
    """When a milestone is met across the runs of one forecast."""

    probability_on_time: float
    p50_date: dt.date | None
    p90_date: dt.date | None
    earliest_credible_date: dt.date | None


@dataclass(frozen=True)
class MilestoneForecast:
    """A milestone's odds from the current state, before and after the update."""

    milestone: str
    due_date: dt.date
    quantity: float
    delivered: float
    is_met: bool
    before: Odds
    after: Odds


@dataclass(frozen=True)
class MilestoneVariance:
    """Units counting towards a milestone, planned and actual, by the status week."""

    milestone: str
    item: str
    delivery_point: str
    quantity: float
    planned: float
    actual: float
    variance: float
    weeks_behind: float


@dataclass(frozen=True)
class ItemSiteVariance:
    """Finished units of an item at a site, planned and actual, by the status week."""

    item: str
    site: str
    planned: float
    actual: float
    variance: float


@dataclass(frozen=True)
class ItemWeekVariance:
    """Finished units of an item at a site in one week, planned and actual."""

    item: str
    site: str
    week: int
    planned: float
    actual: float


@dataclass(frozen=True)
class WorkCenterVariance:
    """Station hours on the program, planned and worked, and the actual utilisation."""

    site: str
    work_center: str
    planned_hours: float
    actual_hours: float
    variance_hours: float
    utilisation: float
    binding_weeks: int


@dataclass(frozen=True)
class WeekVariance:
    """Program units delivered in one week, planned and actual, and cumulated."""

    week: int
    planned: float
    actual: float
    planned_cumulative: float
    actual_cumulative: float


@dataclass(frozen=True)
class ExceptionRecord:
    """What is late, by how much, since when and why."""

    milestone: str
    behind_units: float
    weeks_behind: float
    since_week: int
    cause: str
    p50_date: dt.date | None
    due_date: dt.date


class StatusFileError(ExecutionError):
    """A status.json that cannot be read."""


class PlanMismatchError(ExecutionError):
    """A plan made from another scenario than the one given."""


class Status(BaseModel):
    """Where the program stands at the end of its status week, and where it heads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["surgeplan-status/1"] = STATUS_FORMAT
    scenario_name: str
    scenario_hash: str
    plan_hash: str
    start_date: dt.date
    through_week: int
    status_date: dt.date
    runs: int
    seed: int
    binding_item: str
    milestones: list[MilestoneVariance]
    items: list[ItemSiteVariance]
    item_weeks: list[ItemWeekVariance]
    work_centers: list[WorkCenterVariance]
    weeks: list[WeekVariance]
    estimates: list[Estimate]
    forecast: list[MilestoneForecast]
    exceptions: list[ExceptionRecord]

    def rows(self, name: str) -> list[dict[str, Any]]:
        """A table as flat rows (the CSV's); forecasts get before_/after_ columns."""
        if name not in STATUS_TABLES:
            raise KeyError(f"no table {name!r}; tables: {', '.join(STATUS_TABLES)}")
        rows: list[dict[str, Any]] = []
        for record in getattr(self, name):
            flat: dict[str, Any] = {}
            for key, value in dataclasses.asdict(record).items():
                if isinstance(value, dict):
                    flat.update({f"{key}_{inner}": v for inner, v in value.items()})
                else:
                    flat[key] = value.value if hasattr(value, "value") else value
            rows.append(flat)
        return rows

    def table(self, name: str) -> pd.DataFrame:
        """A table as a DataFrame indexed by date where it has one.

        `weeks` by each week's start (`week_start`); `forecast` and `exceptions` by
        the milestone's due date (`due_date`); the others by position.
        """
        import pandas as pd

        frame = pd.DataFrame(self.rows(name))
        if name == "weeks":
            frame.index = pd.DatetimeIndex(
                [
                    self.start_date + dt.timedelta(weeks=int(week) - 1)
                    for week in frame["week"]
                ],
                name="week_start",
            )
        elif name in ("forecast", "exceptions") and len(frame):
            frame.index = pd.DatetimeIndex(frame["due_date"], name="due_date")
        return frame

    def to_json(self) -> str:
        """The status as status.json text."""
        return self.model_dump_json(indent=1) + "\n"

    def save(self, folder: str | Path) -> Path:
        """Write status.json and one CSV per table (status-<table>.csv)."""
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        for name in STATUS_TABLES:
            rows = self.rows(name)
            path = target / f"status-{name.replace('_', '-')}.csv"
            with path.open("w", encoding="utf-8", newline="") as stream:
                columns = list(rows[0]) if rows else []
                writer = csv.DictWriter(stream, fieldnames=columns)
                writer.writeheader()
                writer.writerows(rows)
        path = target / STATUS_FILE
        path.write_text(self.to_json(), encoding="utf-8")
        return path


def load_status(path: str | Path) -> Status:
    """Read a status.json written by `surgeplan status`.

    Raises:
        StatusFileError: missing, not JSON, or not a surgeplan-status/1 file.
    """
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        return Status.model_validate(data)
    except (OSError, ValueError) as error:
        first = (
            error.errors()[0]["msg"] if isinstance(error, ValidationError) else error
        )
        raise StatusFileError(
            gettext(
                "%(source)s: not a status file made by `surgeplan status` (%(first)s)"
            )
            % {"source": source, "first": first}
        ) from None
