"""What plan.xlsx shows: sheets, columns, number formats, widths and key figures.

No Excel library here: `workbook` turns this layout into a file. Values come
out as Excel takes them (clean text, enums by value, lists joined, naive datetimes).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from surgeplan.planning.results.plan import TABLES, Plan
from surgeplan.planning.results.records import CostKind

if TYPE_CHECKING:
    from surgeplan.scenario import Scenario

CellValue = str | int | float | bool | dt.date | dt.datetime | None

# People read the decisions first; the bucket list is a reference, so it comes last.
SHEET_ORDER = (*(name for name in TABLES if name != "buckets"), "buckets")
# Bucket indexes without a date beside them in the record get one in the workbook.
BUCKET_DATE_COLUMNS = {
    "bucket": "bucket_start",
    "arrival_bucket": "arrival_start",
    "start_bucket": "start_date",
    "first_bucket": "first_start",
    "last_bucket": "last_start",
}
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0"
QUANTITY_FORMAT = "#,##0.0"
INTEGER_FORMAT = "0"
QUANTITY_COLUMNS = frozenset(
    {
        *("units", "hours", "labour_hours", "available_hours", "overtime_hours"),
        *("program_hours", "core_hours", "demand", "produced", "shortfall"),
        *("quantity", "delivered_by_due", "headcount", "trainees", "hires"),
        "weeks_late",
    }
)
SPECIAL_FORMATS = {
    "hours_per_unit": "0.00",
    "utilisation": "0.0%",
    "units_per_extra_hour": "0.00000",
    "shadow_price": "#,##0.00",
}
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 48
MAX_TEXT_LENGTH = 32767
# Control characters an XML 1.0 document cannot hold (tab, newline and return can).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def column_format(name: str, annotation: Any) -> str | None:
    """Number format of a table column, chosen by its name (units are in names)."""
    if name in SPECIAL_FORMATS:
        return SPECIAL_FORMATS[name]
    if name.endswith("_eur"):
        return MONEY_FORMAT
    if name in QUANTITY_COLUMNS:
        return QUANTITY_FORMAT
    if name.endswith(("_date", "_start")) or name in ("start", "end"):
        return DATE_FORMAT
    if int in (annotation, *typing.get_args(annotation)):
        return INTEGER_FORMAT
    return None


def cell_value(value: Any) -> CellValue:
    """A value as Excel takes it: clean text, enums by value, lists joined, no zone."""
    # Most cells are numbers: no further checks for them (an IntEnum is not one).
    if value is None or type(value) is float or type(value) is int:
        return value
    if isinstance(value, Enum):
        value = str(value.value)
    elif isinstance(value, list):
        value = "; ".join(str(part) for part in value)
    elif isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_TEXT_LENGTH]
    if value is None or isinstance(value, int | float | dt.date):
        return value
    return cell_value(str(value))


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: header, number format and the field it shows."""

    header: str
    number_format: str | None
    field: str
    is_bucket_date: bool = False


def table_columns(record_type: type[BaseModel]) -> list[Column]:
    """The record's fields in order, each bucket index followed by its first day."""
    columns: list[Column] = []
    for name, field in record_type.model_fields.items():
        columns.append(Column(name, column_format(name, field.annotation), name))
        if name in BUCKET_DATE_COLUMNS:
            header = BUCKET_DATE_COLUMNS[name]
            columns.append(Column(header, DATE_FORMAT, name, is_bucket_date=True))
    return columns


@dataclass(frozen=True)
class TableSheet:
    """One table of the plan as a sheet: its name, columns and records."""

    name: str
    columns: list[Column]
    records: Sequence[BaseModel]
    starts: dict[int, dt.date]

    def rows(self, limit: int | None = None) -> Iterator[list[CellValue]]:
        """The cell values of each record (the first `limit` records, if given)."""
        records = self.records if limit is None else self.records[:limit]
        fields = [column.field for column in self.columns]
        is_date = [column.is_bucket_date for column in self.columns]
        starts = self.starts
        for record in records:
            values: list[CellValue] = []
            for field, is_bucket_date in zip(fields, is_date, strict=True):
                value = getattr(record, field)
                if is_bucket_date:
                    value = starts.get(value) if isinstance(value, int) else None
                values.append(cell_value(value))
            yield values

    def widths(self) -> list[float]:
        """Column widths in characters, from the header and the first records."""
        sample = list(self.rows(WIDTH_SAMPLE_ROWS))
        return [
            column_width(column, (row[number] for row in sample))
            for number, column in enumerate(self.columns)
        ]


def table_sheet(plan: Plan, name: str) -> TableSheet:
    """The plan's table `name` laid out as a sheet."""
    records: list[BaseModel] = getattr(plan, name)
    record_type = typing.get_args(type(plan).model_fields[name].annotation)[0]
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    return TableSheet(name, table_columns(record_type), records, starts)


def column_width(column: Column, samples: Iterable[object]) -> float:
    """Width that shows the header and the sampled values, within bounds."""
    longest = len(column.header)
    for value in samples:
        if isinstance(value, float):
            longest = max(longest, len(f"{value:,.1f}"))
        elif isinstance(value, dt.date):
            longest = max(longest, 10)
        elif value is not None:
            longest = max(longest, len(str(value)))
    extra = 2 if column.number_format == MONEY_FORMAT else 0
    return float(min(max(longest + 2 + extra, MIN_WIDTH), MAX_WIDTH))


@dataclass(frozen=True)
class Figure:
    """One line of the Summary sheet."""

    label: str
    value: object
    number_format: str | None = None


def summary_figures(plan: Plan, scenario: Scenario | None = None) -> list[Figure]:
    """The key figures of a plan, in reading order."""
    currency = plan.currency
    milestones = plan.milestones
    on_time = sum(1 for m in milestones if m.weeks_late == 0)
    never = sum(1 for m in milestones if m.met_bucket is None)
    delivered = plan.units_delivered
    solver = plan.solver
    figures = [Figure("Scenario", plan.scenario_name)]
    if scenario is not None:
        work_centers = sum(len(site.work_centers) for site in scenario.sites)
        size = (
            f"{len(scenario.sites)} sites, {work_centers} work centers, "
            f"{len(scenario.items)} items"
        )
        figures += [
            Figure("Product", scenario.program.product),
            Figure("Scenario size", size),
        ]
    first = plan.buckets[0].start if plan.buckets else None
    last = plan.buckets[-1].end if plan.buckets else None
    figures += [
        Figure("Created (UTC)", plan.created_at, DATETIME_FORMAT),
        Figure("Plan format", plan.format),
        Figure("Scenario hash", plan.scenario_hash),
        Figure("Time bucket", plan.time_bucket),
        Figure("Horizon start", first, DATE_FORMAT),
        Figure("Horizon end", last, DATE_FORMAT),
        Figure("Buckets", len(plan.buckets), INTEGER_FORMAT),
        Figure("Solver status", solver.status),
        Figure("MIP gap", solver.mip_gap, "0.00%"),
        Figure("Run time (s)", solver.total_seconds, "0.0"),
        Figure("Learning iterations", solver.learning_iterations, INTEGER_FORMAT),
        Figure("Core impact allowed", "yes" if plan.allow_core_impact else "no"),
        Figure("Units delivered", delivered, QUANTITY_FORMAT),
        Figure("Milestones", len(milestones), INTEGER_FORMAT),
        Figure("Milestones on time", on_time, INTEGER_FORMAT),
        Figure("Milestones late", len(milestones) - on_time - never, INTEGER_FORMAT),
        Figure("Milestones not met within horizon", never, INTEGER_FORMAT),
        Figure(
            "Most weeks late",
            max((m.weeks_late or 0.0 for m in milestones), default=0.0),
            "0.0",
        ),
        Figure(f"Total cost ({currency})", plan.total_cost_eur, MONEY_FORMAT),
        Figure(
            f"Cost per delivered unit ({currency})",
            plan.total_cost_eur / delivered if delivered > 0 else None,
            MONEY_FORMAT,
        ),
        Figure(
            f"Conversion capex ({currency})",
            plan.cost(CostKind.CONVERSION_CAPEX),
            MONEY_FORMAT,
        ),
        Figure(
            f"Late penalties ({currency})",
            plan.cost(CostKind.LATE_PENALTIES),
            MONEY_FORMAT,
        ),
        Figure(
            "Core demand (units)", sum(r.demand for r in plan.core), QUANTITY_FORMAT
        ),
        Figure(
            "Core shortfall (units)",
            sum(r.shortfall for r in plan.core),
            QUANTITY_FORMAT,
        ),
    ]
    top = plan.tightest_bottleneck
    if top is not None:
        where = f"{top.site}/{top.resource}" if top.site else top.resource
        figures.append(Figure("Tightest bottleneck", f"{top.kind.value} {where}"))
    return figures + _confidence_figures(plan)


def _confidence_figures(plan: Plan) -> list[Figure]:
    """The odds the plan was made to, as plan.json records them."""
    record = plan.confidence
    if record is None:
        return []
    figures = [
        Figure("Confidence asked for", record.target, "0%"),
        Figure("Confidence reached", "yes" if record.is_reached else "no"),
        *(
            Figure(
                f"On time in the search's runs: {odds.milestone}",
                odds.probability_on_time,
                "0.0%",
            )
            for odds in record.milestones
            if odds.is_key
        ),
    ]
    if record.cost_without_margins_eur is not None:
        figures.append(
            Figure(
                f"Cost of the margins ({plan.currency})",
                plan.total_cost_eur - record.cost_without_margins_eur,
                MONEY_FORMAT,
            )
        )
    if plan.targets is not None:
        figures.append(
            Figure("Capacity kept in reserve", plan.targets.reserve_share, "0%")
        )
    figures.append(Figure("Why", record.reason))
    return figures
