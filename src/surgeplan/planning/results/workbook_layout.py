"""What plan.xlsx shows: sheets, columns, number formats, widths and key figures.

No Excel library here: `workbook` turns this layout into a file. Values come
out as Excel takes them (clean text, enums by value, lists joined, naive datetimes).
Titles and labels are said in the language in force (`workbook_words`).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from surgeplan.i18n import gettext, pgettext
from surgeplan.planning.results import workbook_words
from surgeplan.planning.results.plan import TABLES, Plan, SolveStatus
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
    """One column of a table sheet: its plan.json name, number format and field.

    `header` is the name in plan.json (or, for a bucket's first day, the name
    docs/plan-format.md gives the column); the sheet shows `title`.
    """

    header: str
    number_format: str | None
    field: str
    is_bucket_date: bool = False
    title: str = ""
    note: str = ""
    """What the header's note says (its meaning and plan.json name); empty: none."""

    def shown(self) -> str:
        """What the header cell says: the title, or the plan.json name."""
        return self.title or self.header


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
    """One table of the plan as a sheet: its name, columns and records.

    `name` is the table's name in plan.json; the sheet tab shows `title`.
    """

    name: str
    columns: list[Column]
    records: Sequence[BaseModel]
    starts: dict[int, dt.date]
    title: str = ""

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
    """The plan's table `name` laid out as a sheet, titled in the language in force.

    In English the sheet and its columns keep their plan.json names.
    """
    records: list[BaseModel] = getattr(plan, name)
    record_type = typing.get_args(type(plan).model_fields[name].annotation)[0]
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    columns = table_columns(record_type)
    if workbook_words.speaks_plan_names():
        return TableSheet(name, columns, records, starts, name)
    titles = workbook_words.column_titles()
    titled = [
        replace(
            column,
            title=titles.get(column.header, column.header),
            note=workbook_words.header_note(
                column.header,
                _meaning(record_type, column, titles.get(column.field, column.field)),
            ),
        )
        for column in columns
    ]
    return TableSheet(
        name, titled, records, starts, workbook_words.sheet_titles()[name]
    )


def _meaning(record_type: type[BaseModel], column: Column, index_title: str) -> str:
    """What a column holds, in the language in force: its field's description."""
    if column.is_bucket_date:
        return workbook_words.bucket_date_meaning(index_title)
    description = record_type.model_fields[column.field].description
    return gettext(description) if description else ""


def column_width(column: Column, samples: Iterable[object]) -> float:
    """Width that shows the header and the sampled values, within bounds."""
    longest = len(column.shown())
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


def _yes_no(answer: bool) -> str:
    return gettext("yes") if answer else gettext("no")


def _bucket_word(time_bucket: str) -> str:
    words = {
        "day": pgettext("plan.xlsx", "day"),
        "week": pgettext("plan.xlsx", "week"),
        "month": pgettext("plan.xlsx", "month"),
    }
    return words.get(time_bucket, time_bucket)


def solver_status(status: SolveStatus) -> str:
    """How the solver ended, in words (in English, plan.json's own)."""
    return {
        SolveStatus.OPTIMAL: gettext("optimal"),
        SolveStatus.FEASIBLE: gettext("feasible"),
        SolveStatus.TIME_LIMIT: gettext("time_limit"),
        SolveStatus.INFEASIBLE: gettext("infeasible"),
        SolveStatus.NO_SOLUTION: gettext("no_solution"),
    }[status]


def summary_figures(plan: Plan, scenario: Scenario | None = None) -> list[Figure]:
    """The key figures of a plan, in reading order."""
    currency = plan.currency
    milestones = plan.milestones
    on_time = sum(1 for m in milestones if m.weeks_late == 0)
    never = sum(1 for m in milestones if m.met_bucket is None)
    delivered = plan.units_delivered
    solver = plan.solver
    figures = [Figure(gettext("Scenario"), plan.scenario_name)]
    if scenario is not None:
        work_centers = sum(len(site.work_centers) for site in scenario.sites)
        # Counts as labelled figures, not nouns: "1 sites" would need three plurals.
        size = gettext(
            "sites: {sites}, work centers: {work_centers}, items: {items}"
        ).format(
            sites=len(scenario.sites),
            work_centers=work_centers,
            items=len(scenario.items),
        )
        figures += [
            Figure(gettext("Product"), scenario.program.product),
            Figure(gettext("Scenario size"), size),
        ]
    first = plan.buckets[0].start if plan.buckets else None
    last = plan.buckets[-1].end if plan.buckets else None
    figures += [
        Figure(gettext("Created (UTC)"), plan.created_at, DATETIME_FORMAT),
        Figure(gettext("Plan format"), plan.format),
        Figure(gettext("Scenario hash"), plan.scenario_hash),
        Figure(gettext("Time bucket"), _bucket_word(plan.time_bucket)),
        Figure(gettext("Horizon start"), first, DATE_FORMAT),
        Figure(gettext("Horizon end"), last, DATE_FORMAT),
        Figure(gettext("Buckets"), len(plan.buckets), INTEGER_FORMAT),
        Figure(gettext("Solver status"), solver_status(solver.status)),
        Figure(gettext("MIP gap"), solver.mip_gap, "0.00%"),
        Figure(gettext("Run time (s)"), solver.total_seconds, "0.0"),
        Figure(
            gettext("Learning iterations"), solver.learning_iterations, INTEGER_FORMAT
        ),
        Figure(gettext("Core impact allowed"), _yes_no(plan.allow_core_impact)),
        Figure(gettext("Units delivered"), delivered, QUANTITY_FORMAT),
        Figure(gettext("Milestones"), len(milestones), INTEGER_FORMAT),
        Figure(gettext("Milestones on time"), on_time, INTEGER_FORMAT),
        Figure(
            gettext("Milestones late"),
            len(milestones) - on_time - never,
            INTEGER_FORMAT,
        ),
        Figure(gettext("Milestones not met within horizon"), never, INTEGER_FORMAT),
        Figure(
            gettext("Most weeks late"),
            max((m.weeks_late or 0.0 for m in milestones), default=0.0),
            "0.0",
        ),
        Figure(
            gettext("Total cost ({currency})").format(currency=currency),
            plan.total_cost_eur,
            MONEY_FORMAT,
        ),
        Figure(
            gettext("Cost per delivered unit ({currency})").format(currency=currency),
            plan.total_cost_eur / delivered if delivered > 0 else None,
            MONEY_FORMAT,
        ),
        Figure(
            gettext("Conversion capex ({currency})").format(currency=currency),
            plan.cost(CostKind.CONVERSION_CAPEX),
            MONEY_FORMAT,
        ),
        Figure(
            gettext("Late penalties ({currency})").format(currency=currency),
            plan.cost(CostKind.LATE_PENALTIES),
            MONEY_FORMAT,
        ),
        Figure(
            gettext("Core demand (units)"),
            sum(r.demand for r in plan.core),
            QUANTITY_FORMAT,
        ),
        Figure(
            gettext("Core shortfall (units)"),
            sum(r.shortfall for r in plan.core),
            QUANTITY_FORMAT,
        ),
    ]
    top = plan.tightest_bottleneck
    if top is not None:
        where = f"{top.site}/{top.resource}" if top.site else top.resource
        figures.append(
            Figure(gettext("Tightest bottleneck"), f"{top.kind.value} {where}")
        )
    return figures + _confidence_figures(plan)


def _confidence_figures(plan: Plan) -> list[Figure]:
    """The odds the plan was made to, as plan.json records them."""
    record = plan.confidence
    if record is None:
        return []
    figures = [
        Figure(gettext("Confidence asked for"), record.target, "0%"),
        Figure(gettext("Confidence reached"), _yes_no(record.is_reached)),
        *(
            Figure(
                gettext("On time in the search's runs: {milestone}").format(
                    milestone=odds.milestone
                ),
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
                gettext("Cost of the margins ({currency})").format(
                    currency=plan.currency
                ),
                plan.total_cost_eur - record.cost_without_margins_eur,
                MONEY_FORMAT,
            )
        )
    if plan.targets is not None:
        figures.append(
            Figure(
                gettext("Capacity kept in reserve"), plan.targets.reserve_share, "0%"
            )
        )
    figures.append(Figure(gettext("Why"), record.reason))
    return figures
