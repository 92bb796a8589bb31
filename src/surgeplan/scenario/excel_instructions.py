"""The sheets that explain a workbook: Instructions, and Lists for the drop-downs.

Their sentences are English message ids marked with `N_` and translated when the
sheet is written (`excel_words`); sheet and column names stay as the reader knows them.
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from surgeplan.scenario.excel_layout import (
    INSTRUCTIONS_SHEET,
    LISTS_COLUMNS,
    NOTE_PREFIX,
    SHEETS,
    SheetShape,
)
from surgeplan.scenario.excel_records import capabilities_and_risks
from surgeplan.scenario.excel_words import N_, Translate, untranslated

WORKBOOK_INTRO = N_(
    "This workbook is a surgeplan scenario (format surgeplan/2). Edit its rows, then "
    "check it with: surgeplan validate FILE.xlsx"
)
TEMPLATE_INTRO = N_(
    "This workbook is a worked example to start from: a small surge with one plant, "
    "one assembly cell and one bought kit. Replace its rows with your own, then check "
    "it with: surgeplan validate scenario.xlsx"
)
RULES = (
    N_(
        "Each sheet holds one list of the scenario, one row per record. Blank rows "
        "are skipped."
    ),
    N_(
        "Row 1 holds the field names: keep them as they are. Point at a header to "
        "read what it means. Orange headers are required; grey ones are optional (a "
        "blank cell takes the default); blue ones name the row this one belongs to, "
        "such as the 'site' column of WorkCenters, which names a row of Sites."
    ),
    N_(
        "Program and Economics hold a single record: one row per field, the value in "
        "column B."
    ),
    N_(
        "Money (cost, price, capex) is in the program's currency. Other units are in "
        "the names: _weeks, _hours, _per_week, _per_unit. Shares and probabilities "
        "go from 0 to 1 (0.25 for a quarter), never percentages."
    ),
    N_("Dates are Excel dates (or text written YYYY-MM-DD)."),
    N_(
        "Several ids in one cell (capabilities, working_days, sites, items, "
        "mitigations) are separated by commas: assembly, testing."
    ),
    N_(
        "A distribution (duration_weeks, volunteer_share, learning_rate on the risk "
        "sheets) takes a column per parameter: choose it in the '.distribution' "
        "column, then fill in what it needs: fixed: value; uniform: low, high; "
        "triangular: low, mode, high; lognormal: median, sigma."
    ),
    N_(
        "Type values, not formulas: a cell holding a formula is refused (paste it as "
        "values)."
    ),
    N_(
        "Columns whose header starts with %(prefix)s hold your notes and are not "
        "read; neither are sheets surgeplan does not know, such as this one."
    ),
    N_(
        "The Lists sheet holds the capabilities and risk ids the drop-downs offer: "
        "add new ones there."
    ),
    N_("Every field is described in docs/scenario-format.md."),
)
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def add_instructions(
    worksheet: Worksheet, intro: str, translate: Translate = untranslated
) -> None:
    """How to fill in the workbook, then every sheet's columns with their meaning."""
    worksheet.title = INSTRUCTIONS_SHEET
    worksheet.append([translate(N_("surgeplan scenario workbook"))])
    worksheet["A1"].font = TITLE_FONT
    # Only one rule has a placeholder; a mapping leaves the others as they are.
    for text in (translate(intro), *(translate(rule) for rule in RULES)):
        text %= {"prefix": NOTE_PREFIX}
        worksheet.append([text])
        row = worksheet.max_row
        # Merged across the table's width; Excel does not size merged rows itself.
        worksheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        worksheet.row_dimensions[row].height = 15 * (1 + len(text) // 140)
    worksheet.append([])
    worksheet.append(
        [
            translate(N_("sheet")),
            translate(N_("column")),
            translate(N_("required")),
            translate(N_("meaning")),
        ]
    )
    for cell in worksheet[worksheet.max_row]:
        cell.font = BOLD
    is_required = translate(N_("yes"))
    for sheet in SHEETS:
        if sheet.shape is SheetShape.FIELDS:
            rows_note = translate(N_("(rows: field | value)"))
            worksheet.append([sheet.name, rows_note, "", ""])
        for column in sheet.columns:
            worksheet.append(
                [
                    sheet.name,
                    column.name,
                    is_required if column.is_required else "",
                    column.help(translate),
                ]
            )
    for (cell,) in worksheet.iter_rows(min_row=2, min_col=1, max_col=1):
        if cell.coordinate in worksheet.merged_cells:
            cell.alignment = WRAP
    for (cell,) in worksheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.alignment = WRAP
    worksheet.column_dimensions["A"].width = 22
    worksheet.column_dimensions["B"].width = 34
    worksheet.column_dimensions["C"].width = 10
    worksheet.column_dimensions["D"].width = 90


def add_lists(worksheet: Worksheet, data: dict[str, Any]) -> None:
    """Capabilities and risk ids the scenario uses, offered by the drop-downs."""
    values = capabilities_and_risks(data)
    for index, name in enumerate(LISTS_COLUMNS, start=1):
        worksheet.cell(row=1, column=index, value=name).font = BOLD
        for row, value in enumerate(values[name], start=2):
            cell = worksheet.cell(row=row, column=index, value=value)
            cell.data_type = "s"
        worksheet.column_dimensions[chr(ord("A") + index - 1)].width = 24
