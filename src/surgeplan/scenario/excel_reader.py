"""Read a scenario workbook into the plain data the YAML loader gives, cells remembered.

The workbook is checked before it is opened (`excel_safety`), read cell by cell with
formulas kept as formulas (refused), and every value is remembered by its scenario
path, so that validation problems name the sheet, row and column to fix. Problems with
the workbook's shape (a missing sheet, an unknown column, a child row naming an unknown
parent) are reported first, all together, before the content is validated.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from surgeplan.scenario.errors import ScenarioIssue
from surgeplan.scenario.excel_assembly import (
    TableAssembly,
    container_at,
    unknown_header,
)
from surgeplan.scenario.excel_cells import (
    BadCellError,
    CellMap,
    CellRef,
    as_text,
    column_label,
    coordinate,
    read_value,
)
from surgeplan.scenario.excel_columns import ColumnKind
from surgeplan.scenario.excel_layout import (
    FIELD_HEADER,
    IGNORED_SHEETS,
    MEANING_HEADER,
    NOTE_PREFIX,
    REQUIRED_SHEETS,
    SHEETS,
    VALUE_HEADER,
    SheetLayout,
    SheetShape,
    column_key,
    normalized,
)
from surgeplan.scenario.excel_safety import check_workbook_file
from surgeplan.scenario.excel_sheets import RawSheet, read_raw_sheets
from surgeplan.scenario.formats import SCENARIO_FORMAT
from surgeplan.scenario.speech import gettext
from surgeplan.scenario.validation import Locate


@dataclass(frozen=True)
class WorkbookContent:
    """What a workbook holds, where each value came from, and what could not be read."""

    data: dict[str, Any]
    locate: Locate
    issues: list[ScenarioIssue]
    incomplete: frozenset[str]
    """Top-level sections that lost rows or sheets the reader could not place."""


def read_workbook(path: str | Path) -> WorkbookContent:
    """The scenario data of a workbook, where each value came from, and its problems.

    Sheets surgeplan does not know (Instructions, a planner's notes) are not read.
    A cell that cannot be read (a formula, an error value), an unknown column or a
    row naming an unknown parent is one located problem: the rest of the workbook
    is still read, so that validation reports everything in one pass.

    Raises:
        ScenarioError: the file is unsafe or not a workbook.
    """
    source = Path(path)
    file = str(source)
    check_workbook_file(source)
    chosen: dict[str, str] = {}
    issues: list[ScenarioIssue] = []

    def choose(titles: list[str]) -> list[str]:
        chosen.update(_match_sheets(titles, file, issues))
        return list(chosen.values())

    raw_sheets = read_raw_sheets(source, file, choose)
    data: dict[str, Any] = {}
    cells = CellMap(file)
    tables = TableAssembly(data, cells, present=set(chosen))
    missing: set[str] = set()
    for sheet in SHEETS:
        title = chosen.get(sheet.name)
        if title is None:
            if sheet.name in REQUIRED_SHEETS:
                # A top-level sheet's path makes "'sites' is required" follow from
                # this problem instead of being a second one.
                section = sheet.path.split(".")[0]
                issues.append(
                    ScenarioIssue(
                        gettext(
                            "the workbook has no sheet '%(sheet)s'; add it (`surgeplan "
                            "init DIR --excel` writes a workbook with every sheet)"
                        )
                        % {"sheet": sheet.name},
                        path=sheet.path if sheet.parent is None else "",
                        file=file,
                    )
                )
                missing.add(section)
            continue
        if sheet.shape is SheetShape.FIELDS:
            issues.extend(_read_fields(sheet, raw_sheets[title], data, cells))
        else:
            tables.read(sheet, raw_sheets[title])
    issues.extend(tables.issues)
    data.setdefault("format", SCENARIO_FORMAT)
    return WorkbookContent(
        data, cells.locate, issues, frozenset(tables.incomplete | missing)
    )


def _match_sheets(
    titles: list[str], file: str, issues: list[ScenarioIssue]
) -> dict[str, str]:
    """The workbook's sheet for each layout sheet; case and spaces do not matter."""
    known = {normalized(sheet.name): sheet.name for sheet in SHEETS}
    ignored = {normalized(name) for name in IGNORED_SHEETS}
    chosen: dict[str, str] = {}
    for title in titles:
        key = normalized(title)
        name = known.get(key)
        if name is not None and name in chosen:
            issues.append(
                ScenarioIssue(
                    gettext(
                        "sheets '%(first)s' and '%(second)s' would both be read as "
                        "%(name)s; keep one"
                    )
                    % {"first": chosen[name], "second": title, "name": name},
                    file=file,
                    sheet=title,
                )
            )
        elif name is not None:
            chosen[name] = title
        elif key not in ignored:
            # A sheet of the planner's own is fine; a misspelt one would be lost.
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8)
            if close:
                issues.append(
                    ScenarioIssue(
                        gettext(
                            "sheet '%(sheet)s' is not read: did you mean "
                            "'%(suggestion)s'? Rename it"
                        )
                        % {"sheet": title, "suggestion": known[close[0]]},
                        file=file,
                        sheet=title,
                    )
                )
    return chosen


def _header_indexes(
    raw: RawSheet, cells: CellMap
) -> tuple[dict[str, int], list[ScenarioIssue]]:
    """Where the field and value columns of a field | value sheet are."""
    found: dict[str, int] = {}
    issues: list[ScenarioIssue] = []
    allowed = [FIELD_HEADER, VALUE_HEADER, MEANING_HEADER]
    for index, cell in enumerate(raw.header):
        header = "" if cell.is_blank else str(as_text(cell.value)).strip()
        if not header or header.startswith(NOTE_PREFIX):
            continue
        name = normalized(header)
        ref = CellRef(raw.title, 1, column_label(index, header))
        if name not in allowed or cell.data_type == "f":
            issues.append(cells.issue(unknown_header(header, allowed), ref))
        else:
            found.setdefault(name, index)
    for name in (FIELD_HEADER, VALUE_HEADER):
        if name not in found:
            issues.append(
                cells.issue(
                    gettext("the sheet needs a column '%(column)s'") % {"column": name},
                    CellRef(raw.title, 1),
                )
            )
    return found, issues


def _read_fields(
    sheet: SheetLayout, raw: RawSheet, data: dict[str, Any], cells: CellMap
) -> list[ScenarioIssue]:
    """A single record written as field | value rows (Program, Economics)."""
    indexes, issues = _header_indexes(raw, cells)
    if issues:
        return issues
    field_at, value_at = indexes[FIELD_HEADER], indexes[VALUE_HEADER]
    record = container_at(data, sheet.path, dict)
    cells.add(sheet.path, CellRef(raw.title))
    known = {normalized(column.name): column for column in sheet.columns}
    seen: dict[str, int] = {}
    for number, row in raw.rows:
        name_ref = CellRef(raw.title, number, column_label(field_at, FIELD_HEADER))
        value_ref = CellRef(raw.title, number, column_label(value_at, VALUE_HEADER))
        try:
            name = read_value(
                row[field_at], ColumnKind.TEXT, coordinate(field_at, number)
            )
        except BadCellError as error:
            issues.append(cells.issue(str(error), name_ref))
            continue
        column = known.get(column_key(str(name))) if name is not None else None
        kind = column.kind if column is not None else ColumnKind.TEXT
        try:
            value = read_value(row[value_at], kind, coordinate(value_at, number))
        except BadCellError as error:
            path = _field_path(sheet, column.name, column.at_root) if column else ""
            issues.append(cells.issue(str(error), value_ref, path))
            if path:
                # The field now looks missing: validation's word on it must point
                # here, where it is recognised as following from this cell.
                cells.add(path, value_ref)
            continue
        if name is None:
            if value is not None:
                issues.append(
                    cells.issue(gettext("a value without a field name"), name_ref)
                )
            continue
        if column is None:
            names = [column.name for column in sheet.columns]
            close = difflib.get_close_matches(str(name), names, n=1)
            if close:
                message = gettext(
                    "unknown field '%(field)s'; did you mean '%(suggestion)s'?"
                ) % {"field": name, "suggestion": close[0]}
            else:
                message = gettext("unknown field '%(field)s'; fields: %(allowed)s") % {
                    "field": name,
                    "allowed": ", ".join(names),
                }
            issues.append(cells.issue(message, name_ref))
            continue
        if column.name in seen:
            issues.append(
                cells.issue(
                    gettext("field '%(field)s' is also on row %(row)d; keep one")
                    % {"field": column.name, "row": seen[column.name]},
                    name_ref,
                )
            )
            continue
        seen[column.name] = number
        path = _field_path(sheet, column.name, column.at_root)
        cells.add(path, value_ref)
        if value is not None:
            (data if column.at_root else record)[column.name] = value
    return issues


def _field_path(sheet: SheetLayout, name: str, at_root: bool) -> str:
    return name if at_root else f"{sheet.path}.{name}"
