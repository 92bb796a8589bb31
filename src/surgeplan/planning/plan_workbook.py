"""plan.xlsx: the plan's tables as a workbook people can filter, sort and print.

A Summary sheet with the key figures comes first, then one sheet per table of
plan.json with the same columns, plus the first day of each bucket next to a bucket
index that has no date of its own. Sheets are streamed (openpyxl's write-only mode),
so a large plan needs little memory.

Text from the scenario (names, ids) is always written as text: a name such as
`=HYPERLINK(...)` stays a string and never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from pydantic import BaseModel

from surgeplan.planning.plan import TABLES, Plan
from surgeplan.planning.records import CostKind

CellValue = str | int | float | bool | dt.date | dt.datetime | None

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from surgeplan.scenario import Scenario

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
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDE4EE")


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
    if isinstance(value, Enum):
        value = str(value.value)
    elif isinstance(value, list):
        value = "; ".join(str(part) for part in value)
    elif isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
    if value is None or isinstance(value, int | float | dt.date):
        return value
    return cell_value(str(value))


def text_cell(sheet: WriteOnlyWorksheet, value: object) -> Cell:
    """A cell whose string value is stored as text, never as a formula or error code."""
    cell = WriteOnlyCell(sheet)
    cell.value = cell_value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


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


def _rows(
    records: Sequence[BaseModel], columns: Sequence[Column], starts: dict[int, dt.date]
) -> Iterator[list[CellValue]]:
    for record in records:
        values: list[CellValue] = []
        for column in columns:
            value = getattr(record, column.field)
            if column.is_bucket_date:
                value = starts.get(value) if isinstance(value, int) else None
            values.append(cell_value(value))
        yield values


def _width(header: str, samples: Iterable[object], number_format: str | None) -> float:
    longest = len(header)
    for value in samples:
        if isinstance(value, float):
            longest = max(longest, len(f"{value:,.1f}"))
        elif isinstance(value, dt.date):
            longest = max(longest, 10)
        elif value is not None:
            longest = max(longest, len(str(value)))
    extra = 2 if number_format == MONEY_FORMAT else 0
    return float(min(max(longest + 2 + extra, MIN_WIDTH), MAX_WIDTH))


def _write_table(workbook: Workbook, plan: Plan, name: str) -> None:
    records: list[BaseModel] = getattr(plan, name)
    record_type = typing.get_args(type(plan).model_fields[name].annotation)[0]
    columns = table_columns(record_type)
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    sheet = workbook.create_sheet(name)
    sample = list(_rows(records[:WIDTH_SAMPLE_ROWS], columns, starts))
    for number, column in enumerate(columns):
        width = _width(
            column.header, (row[number] for row in sample), column.number_format
        )
        sheet.column_dimensions[get_column_letter(number + 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(records) + 1}"
    header = [text_cell(sheet, column.header) for column in columns]
    for cell in header:
        cell.font, cell.fill = BOLD, HEADER_FILL
    sheet.append(header)
    # One cell per column, reused: a write-only sheet serialises each row on append.
    cells = [WriteOnlyCell(sheet) for _ in columns]
    for cell, column in zip(cells, columns, strict=True):
        if column.number_format is not None:
            cell.number_format = column.number_format
    for values in _rows(records, columns, starts):
        row: list[Cell | None] = []
        for cell, value in zip(cells, values, strict=True):
            if value is None:
                row.append(None)
                continue
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
            row.append(cell)
        sheet.append(row)


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
        Figure("Created (UTC)", plan.created_at, "yyyy-mm-dd hh:mm"),
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
    if plan.bottlenecks:
        top = plan.bottlenecks[0]
        where = f"{top.site}/{top.resource}" if top.site else top.resource
        figures.append(Figure("Tightest bottleneck", f"{top.kind.value} {where}"))
    return figures


def _write_summary(workbook: Workbook, plan: Plan, scenario: Scenario | None) -> None:
    sheet = workbook.create_sheet("Summary")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 44
    title = text_cell(sheet, "Key figures")
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    for figure in summary_figures(plan, scenario):
        label = text_cell(sheet, figure.label)
        label.font = BOLD
        value = text_cell(sheet, figure.value)
        value.alignment = Alignment(horizontal="left")
        if figure.number_format is not None:
            value.number_format = figure.number_format
        sheet.append([label, value])


def write_plan_workbook(
    plan: Plan, path: str | Path, scenario: Scenario | None = None
) -> Path:
    """Write plan.xlsx: a Summary sheet, then one formatted sheet per table.

    The scenario, when given, adds the product and the scenario's size to the Summary.
    """
    target = Path(path)
    workbook = Workbook(write_only=True)
    _write_summary(workbook, plan, scenario)
    for name in SHEET_ORDER:
        _write_table(workbook, plan, name)
    workbook.save(target)
    return target


__all__ = ["SHEET_ORDER", "summary_figures", "write_plan_workbook"]
