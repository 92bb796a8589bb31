"""plan.xlsx: the plan's tables as a workbook people can filter, sort and print.

A Summary sheet with the key figures comes first, then one sheet per table of
plan.json with the same columns, plus the first day of each bucket next to a bucket
index that has no date of its own (the layout is in `workbook_layout`).

Written with XlsxWriter in constant-memory mode: rows stream to disk, so a large plan
needs little memory, and it takes a third to a half of the CPU time of openpyxl's
write-only mode. Text from the scenario (names, ids) is always written with
`write_string`: a name such as `=HYPERLINK(...)` stays a string and never becomes a
formula or a link.

The workbook is written in a language (`write_plan_workbook(..., language=)`,
else the scenario's `program.language`, else English): in English sheets and
headers are plan.json's names, in French they are titled in French and each header
carries a note with its plan.json name (`workbook_words`). Cells hold the same
numbers, dates and ids in every language; their number formats are Excel's own,
which each reader's Excel shows in their locale.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from surgeplan.i18n import Language, gettext, speaking
from surgeplan.planning.results.workbook_layout import (
    DATE_FORMAT,
    SHEET_ORDER,
    CellValue,
    cell_value,
    summary_figures,
    table_columns,
    table_sheet,
)
from surgeplan.planning.results.workbook_words import summary_sheet_title

if TYPE_CHECKING:
    from surgeplan.planning.results.plan import Plan
    from surgeplan.scenario import Scenario

HEADER_STYLE = {"bold": True, "pattern": 1, "bg_color": "#DDE4EE"}
TITLE_STYLE = {"bold": True, "font_size": 13}
SUMMARY_WIDTHS = (34.0, 44.0)
# A header's note holds a sentence or two: wider and taller than Excel's default box.
NOTE_SIZE = {"x_scale": 2.5, "y_scale": 2.0}
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    # Every value goes through write_string/write_number/write_datetime, which never
    # read text as a formula, number or link; these make `write` safe as well.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "default_date_format": DATE_FORMAT,
}


class Formats:
    """Cell formats of one workbook, each made once and shared by all its cells."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self._workbook = workbook
        self._by_style: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, number_format: str | None = None, /, **style: Any) -> Format | None:
        """The format with this number format and style; None for the default."""
        if number_format is not None:
            style["num_format"] = number_format
        if not style:
            return None
        key = tuple(sorted(style.items()))
        if key not in self._by_style:
            self._by_style[key] = self._workbook.add_format(style)
        return self._by_style[key]


def write_value(
    sheet: Worksheet, row: int, col: int, value: CellValue, cell_format: Format | None
) -> None:
    """Write one value with the method of its type; None leaves the cell empty."""
    if value is None:
        return
    if isinstance(value, str):
        if value:
            sheet.write_string(row, col, value, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, cell_format)
    elif math.isfinite(value):
        sheet.write_number(row, col, value, cell_format)
    else:
        # Excel has no number for NaN or infinity; the text still says what it was.
        sheet.write_string(row, col, str(value), cell_format)


def _write_table(
    workbook: xlsxwriter.Workbook, formats: Formats, plan: Plan, name: str
) -> None:
    table = table_sheet(plan, name)
    sheet = workbook.add_worksheet(table.title)
    for number, width in enumerate(table.widths()):
        sheet.set_column(number, number, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table.records), len(table.columns) - 1)
    header_format = formats.get(**HEADER_STYLE)
    for number, column in enumerate(table.columns):
        sheet.write_string(0, number, column.shown(), header_format)
        if column.note:
            sheet.write_comment(0, number, column.note, NOTE_SIZE)
    cell_formats = [formats.get(column.number_format) for column in table.columns]
    for row, values in enumerate(table.rows(), start=1):
        for col, (value, cell_format) in enumerate(
            zip(values, cell_formats, strict=True)
        ):
            write_value(sheet, row, col, value, cell_format)


def _write_summary(
    workbook: xlsxwriter.Workbook,
    formats: Formats,
    plan: Plan,
    scenario: Scenario | None,
) -> None:
    sheet = workbook.add_worksheet(summary_sheet_title())
    for number, width in enumerate(SUMMARY_WIDTHS):
        sheet.set_column(number, number, width)
    sheet.write_string(0, 0, gettext("Key figures"), formats.get(**TITLE_STYLE))
    label_format = formats.get(bold=True)
    for row, figure in enumerate(summary_figures(plan, scenario), start=1):
        write_value(sheet, row, 0, cell_value(figure.label), label_format)
        value_format = formats.get(figure.number_format, align="left")
        value = cell_value(figure.value)
        if value is None:
            # A figure without a value (no MIP gap) keeps its format for a later entry.
            sheet.write_blank(row, 1, None, value_format)
        write_value(sheet, row, 1, value, value_format)


def write_plan_workbook(
    plan: Plan,
    path: str | Path,
    scenario: Scenario | None = None,
    *,
    language: Language | None = None,
) -> Path:
    """Write plan.xlsx: a Summary sheet, then one formatted sheet per table.

    The scenario, when given, adds the product and the scenario's size to the
    Summary, and its `program.language` is the workbook's unless `language` is given.
    """
    target = Path(path)
    if language is None:
        language = Language.EN if scenario is None else scenario.program.language
    workbook = xlsxwriter.Workbook(str(target), WORKBOOK_OPTIONS)
    formats = Formats(workbook)
    with speaking(language):
        _write_summary(workbook, formats, plan, scenario)
        for name in SHEET_ORDER:
            _write_table(workbook, formats, plan, name)
    workbook.close()
    return target


__all__ = ["SHEET_ORDER", "summary_figures", "table_columns", "write_plan_workbook"]
