"""Write a scenario as an Excel workbook a planner can edit and load back unchanged.

A sheet per list of records (see `excel_layout`), headers that are the field names
with their meaning in a cell comment, drop-downs for ids and choices, dates as real
dates, and text always stored as text so that nothing typed is ever run as a formula.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.excel_columns import Column, ColumnKind
from surgeplan.scenario.excel_instructions import (
    TEMPLATE_INTRO,
    WORKBOOK_INTRO,
    add_instructions,
    add_lists,
)
from surgeplan.scenario.excel_layout import (
    FIELD_HEADER,
    LISTS_COLUMNS,
    LISTS_SHEET,
    MEANING_HEADER,
    REFERENCES,
    SHEETS,
    SHEETS_BY_NAME,
    VALUE_HEADER,
    SheetLayout,
    SheetShape,
)
from surgeplan.scenario.excel_records import field_rows, sheet_rows
from surgeplan.scenario.excel_words import N_, Translate, untranslated
from surgeplan.scenario.loading import parse_scenario_text
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.program import Language
from surgeplan.scenario.template import template_with_names

DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
VALIDATED_ROWS = 2000  # drop-downs reach this row: far more than a scenario needs
HEADER_FONT = Font(bold=True)
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
OPTIONAL_FILL = PatternFill("solid", fgColor="EDEDED")
PARENT_FILL = PatternFill("solid", fgColor="DDEBF7")
MIN_WIDTH, MAX_WIDTH = 10, 48


def write_workbook(scenario: Scenario, path: str | Path) -> None:
    """Write the scenario to an .xlsx that `load_scenario` reads back unchanged.

    Raises:
        ScenarioError: a text holds a control character Excel cannot store.
    """
    _build(scenario, WORKBOOK_INTRO).save(Path(path))


def write_template(
    path: str | Path,
    *,
    language: Language = Language.EN,
    translate: Translate = untranslated,
) -> None:
    """Write the workbook `surgeplan init --excel` starts from: a small worked example.

    It holds the same example as the YAML template, every sheet with its headers and
    drop-downs, and an Instructions sheet; a planner replaces the rows with theirs.
    `translate` says its sentences (instructions, header comments, drop-down
    messages) in `language`, which is also the example's `program.language`; sheet
    names, headers, ids and choices stay English, so the reader reads it as ever.
    """
    # The template is the YAML one, so both `init` flavours start from the same
    # valid example.
    scenario = parse_scenario_text(template_with_names(translate), "template")
    program = scenario.program.model_copy(update={"language": language})
    scenario = scenario.model_copy(update={"program": program})
    _build(scenario, TEMPLATE_INTRO, translate).save(Path(path))


def _build(
    scenario: Scenario, intro: str, translate: Translate = untranslated
) -> Workbook:
    data: dict[str, Any] = scenario.model_dump(mode="python")
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    add_instructions(workbook.create_sheet(), intro, translate)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet.name)
        if sheet.shape is SheetShape.FIELDS:
            _write_fields(worksheet, sheet, data, translate)
        else:
            _write_table(worksheet, sheet, data, translate)
    add_lists(workbook.create_sheet(LISTS_SHEET), data)
    return workbook


def _cell(worksheet: Worksheet, row: int, column: int) -> Cell:
    cell = worksheet.cell(row=row, column=column)
    if not isinstance(cell, Cell):  # only the Instructions sheet merges cells
        raise TypeError(f"{cell.coordinate} of {worksheet.title} is merged")
    return cell


def _put(cell: Cell, value: Any, kind: ColumnKind) -> None:
    """Store a value so that it reads back exactly as it was."""
    if kind is ColumnKind.ID_LIST:
        value = ", ".join(value)
    if isinstance(value, Enum):
        value = value.value
    try:
        cell.value = value
    except IllegalCharacterError:
        raise ScenarioError(
            [
                ScenarioIssue(
                    "the text holds a control character Excel cannot store; remove it",
                    sheet=cell.parent.title,
                    row=cell.row,
                    column=cell.column_letter,
                )
            ]
        ) from None
    if isinstance(value, str):
        # openpyxl makes '=…' a formula and '#N/A' an error; a planner's text is text.
        cell.data_type = "s"
    elif isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes 16 significant digits; some doubles need 17 to read back.
        cell.value = repr(value)
        cell.data_type = "n"
    if kind is ColumnKind.DATE:
        cell.number_format = DATE_FORMAT


def _header(cell: Cell, column: Column, translate: Translate) -> None:
    cell.value = column.name
    cell.data_type = "s"
    cell.font = HEADER_FONT
    if column.is_parent:
        cell.fill = PARENT_FILL
    else:
        cell.fill = REQUIRED_FILL if column.is_required else OPTIONAL_FILL
    comment = _comment_text(column, translate)
    cell.comment = Comment(comment, "surgeplan", height=160, width=320)


def _comment_text(column: Column, translate: Translate) -> str:
    required = translate(N_("Required.")) if column.is_required else ""
    kind = translate(column.kind.value)
    if column.choices:
        kind = translate(N_("one of: %(choices)s")) % {
            "choices": ", ".join(column.choices)
        }
    text = f"{column.help(translate)} {required}\n({kind})"
    return text.replace(" \n", "\n").strip()


def _list_formula(sheet: SheetLayout, column: Column) -> tuple[str, bool] | None:
    """The drop-down source of a column and whether other values are refused."""
    if column.choices:
        return '"' + ",".join(column.choices) + '"', True
    if column.kind is ColumnKind.BOOL:
        return '"TRUE,FALSE"', True
    target = REFERENCES.get(column.name)
    if target is None or target == (sheet.name, column.name):
        return None
    target_sheet, target_column = target
    if target_sheet == LISTS_SHEET:
        index = LISTS_COLUMNS.index(target_column)
    else:
        names = [other.name for other in SHEETS_BY_NAME[target_sheet].columns]
        index = names.index(target_column)
    letter = get_column_letter(index + 1)
    # A warning, not a refusal: ids are often typed before their own row exists.
    return f"'{target_sheet}'!${letter}$2:${letter}${VALIDATED_ROWS}", False


def _add_drop_down(
    worksheet: Worksheet,
    sheet: SheetLayout,
    column: Column,
    cells: str,
    translate: Translate,
) -> None:
    source = _list_formula(sheet, column)
    if source is None:
        return
    formula, is_strict = source
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if is_strict else "warning",
        errorTitle=column.name,
        error=translate(N_("Not a known value for %(column)s."))
        % {"column": column.name},
    )
    validation.add(cells)
    worksheet.add_data_validation(validation)


def _write_table(
    worksheet: Worksheet,
    sheet: SheetLayout,
    data: dict[str, Any],
    translate: Translate,
) -> None:
    rows = sheet_rows(sheet, data)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        _header(_cell(worksheet, 1, index), column, translate)
        for row_number, row in enumerate(rows, start=2):
            if column.name in row:
                cell = _cell(worksheet, row_number, index)
                _put(cell, row[column.name], column.kind)
        dimension = worksheet.column_dimensions[letter]
        if column.kind in (ColumnKind.TEXT, ColumnKind.ID_LIST, ColumnKind.CHOICE):
            # Typed ids such as 007 stay text instead of becoming the number 7.
            dimension.number_format = TEXT_FORMAT
        elif column.kind is ColumnKind.DATE:
            dimension.number_format = DATE_FORMAT
        longest = max(
            [len(column.name), *(len(str(row.get(column.name, ""))) for row in rows)]
        )
        dimension.width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        cells = f"{letter}2:{letter}{VALIDATED_ROWS}"
        _add_drop_down(worksheet, sheet, column, cells, translate)
    worksheet.freeze_panes = "A2"


def _write_fields(
    worksheet: Worksheet,
    sheet: SheetLayout,
    data: dict[str, Any],
    translate: Translate,
) -> None:
    """A single record as field | value | meaning rows (Program, Economics)."""
    for index, name in enumerate((FIELD_HEADER, VALUE_HEADER, MEANING_HEADER), 1):
        cell = worksheet.cell(row=1, column=index, value=name)
        cell.font, cell.fill = HEADER_FONT, OPTIONAL_FILL
    for row_number, (column, value) in enumerate(field_rows(sheet, data), start=2):
        name_cell = _cell(worksheet, row_number, 1)
        _put(name_cell, column.name, ColumnKind.TEXT)
        name_cell.font = HEADER_FONT
        name_cell.fill = REQUIRED_FILL if column.is_required else OPTIONAL_FILL
        value_cell = _cell(worksheet, row_number, 2)
        if value is not None:
            _put(value_cell, value, column.kind)
        elif column.kind is ColumnKind.TEXT:
            value_cell.number_format = TEXT_FORMAT
        meaning_cell = _cell(worksheet, row_number, 3)
        meaning = _comment_text(column, translate).replace("\n", " ")
        _put(meaning_cell, meaning, ColumnKind.TEXT)
        meaning_cell.alignment = Alignment(wrap_text=True)
        _add_drop_down(worksheet, sheet, column, value_cell.coordinate, translate)
    worksheet.column_dimensions["A"].width = 30
    worksheet.column_dimensions["B"].width = 24
    worksheet.column_dimensions["C"].width = 90
    worksheet.freeze_panes = "A2"
