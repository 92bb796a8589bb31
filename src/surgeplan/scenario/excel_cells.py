"""Cells to scenario values, and scenario paths back to the cells they came from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from surgeplan.scenario.errors import ScenarioIssue
from surgeplan.scenario.excel_columns import ColumnKind
from surgeplan.scenario.excel_sheets import RawCell
from surgeplan.scenario.speech import gettext
from surgeplan.scenario.yaml_source import parent_path

_LIST_SEPARATORS = re.compile(r"[,;]")  # ';' too: Excel's list separator in Europe


class BadCellError(Exception):
    """A cell whose content cannot be a value: a formula, an error, a bare number."""


@dataclass(frozen=True)
class CellRef:
    """Where a value came from: a sheet, maybe a row, maybe a column."""

    sheet: str
    row: int | None = None
    column: str | None = None  # "C (stations)"


def column_label(index: int, header: str) -> str:
    """'C (stations)' for the third column headed stations (index from 0)."""
    return f"{get_column_letter(index + 1)} ({header})"


def coordinate(index: int, row: int) -> str:
    """'C5' for the third column (index from 0) of row 5."""
    return f"{get_column_letter(index + 1)}{row}"


@dataclass
class CellMap:
    """The cell of every scenario path read from a workbook."""

    file: str
    refs: dict[str, CellRef] = field(default_factory=dict)

    def add(self, path: str, ref: CellRef) -> None:
        """Remember the first cell of a path (a record's row, a field's cell)."""
        self.refs.setdefault(path, ref)

    def issue(self, message: str, ref: CellRef, path: str = "") -> ScenarioIssue:
        """A problem located at a cell."""
        return ScenarioIssue(
            message=message,
            path=path,
            file=self.file,
            sheet=ref.sheet,
            row=ref.row,
            column=ref.column,
        )

    def locate(self, path: str, message: str) -> ScenarioIssue:
        """The issue at the cell of `path`, or of its nearest parent that has one."""
        probe = path
        while True:
            ref = self.refs.get(probe)
            if ref is not None:
                return self.issue(message, ref, path)
            if not probe:
                return ScenarioIssue(message=message, path=path, file=self.file)
            probe = parent_path(probe).rstrip(".")


def as_text(value: Any) -> Any:
    """A number typed in a text cell (an id such as 7) as the text it shows."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def _shown(value: Any) -> str:
    text = str(getattr(value, "text", value))
    return text if len(text) <= 40 else text[:37] + "..."


def read_value(cell: RawCell, kind: ColumnKind, where: str) -> Any:
    """A cell's value as scenario data holds it; None when blank.

    Anything that is not plainly wrong is passed on, for the scenario's validation to
    explain (text in a number column: "must be a number (got 'abc')").

    Raises:
        BadCellError: a formula, an Excel error value, or a number in a date column.
    """
    if cell.data_type == "f":
        raise BadCellError(
            gettext("cell %(cell)s holds a formula (%(formula)s); type the value")
            % {"cell": where, "formula": _shown(cell.value)}
        )
    if cell.data_type == "e":
        raise BadCellError(
            gettext("cell %(cell)s holds the error %(error)s; type the value")
            % {"cell": where, "error": _shown(cell.value)}
        )
    if cell.is_blank:
        return None
    value = cell.value
    if kind in (ColumnKind.TEXT, ColumnKind.CHOICE):
        return as_text(value)
    if kind is ColumnKind.ID_LIST:
        if not isinstance(value, str):
            return [as_text(value)]
        parts = (part.strip() for part in _LIST_SEPARATORS.split(value))
        return [part for part in parts if part]
    if kind is ColumnKind.DATE:
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date()
        if isinstance(value, int | float) and not isinstance(value, bool):
            # Pydantic would read a number as seconds since 1970: refuse it instead.
            raise BadCellError(
                gettext(
                    "cell %(cell)s holds the number %(number)s, not a date; format "
                    "the cell as a date or type YYYY-MM-DD"
                )
                % {"cell": where, "number": f"{value:g}"}
            )
    return value
