"""Rows of table sheets into the scenario's nested lists, each row under its parent.

Sheets are read parents first (the order of `SHEETS`). A parent row is remembered by
its key (a site by its id, a work center by its site and id) so that child rows can
find it; a child row naming no known parent is reported at its cell.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from surgeplan.scenario.errors import ScenarioIssue
from surgeplan.scenario.excel_cells import (
    BadCellError,
    CellMap,
    CellRef,
    as_text,
    column_label,
    coordinate,
    read_value,
)
from surgeplan.scenario.excel_columns import Column
from surgeplan.scenario.excel_layout import (
    NOTE_PREFIX,
    REQUIRED_SHEETS,
    SHEETS_BY_NAME,
    SheetLayout,
    SheetShape,
    column_key,
    normalized,
)
from surgeplan.scenario.excel_sheets import RawSheet
from surgeplan.scenario.speech import and_list, gettext

Key = tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A record read from a row, where it sits in the scenario and its row."""

    record: dict[str, Any]
    path: str
    row: int


def container_at(
    data: dict[str, Any], path: str, empty: type[list[Any] | dict[str, Any]]
) -> Any:
    """The list (or mapping) at a dotted path, created with its parents if missing."""
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    return data.setdefault(last, empty())


def _nested(values: dict[str, Any]) -> dict[str, Any]:
    """{'calendar.shifts_per_day': 3} -> {'calendar': {'shifts_per_day': 3}}."""
    record: dict[str, Any] = {}
    for name, value in values.items():
        *parents, last = name.split(".")
        target = record
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return record


def _not_on_sheet(place: dict[str, str], *, is_within: bool) -> str:
    """A row naming a parent row the parent sheet does not have."""
    if is_within and place["suggestion"]:
        message = gettext(
            "%(column)s '%(id)s' of %(outer)s '%(outer_id)s' is not on sheet "
            "'%(sheet)s'; did you mean '%(suggestion)s'?"
        )
    elif is_within:
        message = gettext(
            "%(column)s '%(id)s' of %(outer)s '%(outer_id)s' is not on sheet "
            "'%(sheet)s'"
        )
    elif place["suggestion"]:
        message = gettext(
            "%(column)s '%(id)s' is not on sheet '%(sheet)s'; did you mean "
            "'%(suggestion)s'?"
        )
    else:
        message = gettext("%(column)s '%(id)s' is not on sheet '%(sheet)s'")
    return message % place


def unknown_header(header: str, names: list[str]) -> str:
    """Message for a header that is not a column of the sheet."""
    close = difflib.get_close_matches(header, names, n=1)
    if close:
        return gettext(
            "unknown column '%(header)s'; did you mean '%(suggestion)s'? (start a "
            "header with %(prefix)s to keep notes in a column)"
        ) % {"header": header, "suggestion": close[0], "prefix": NOTE_PREFIX}
    return gettext(
        "unknown column '%(header)s'; its columns are %(columns)s (start a header "
        "with %(prefix)s to keep notes in a column)"
    ) % {"header": header, "columns": ", ".join(names), "prefix": NOTE_PREFIX}


class TableAssembly:
    """Reads table sheets into `data`, collecting located issues on the way."""

    def __init__(self, data: dict[str, Any], cells: CellMap, present: set[str]) -> None:
        self.data = data
        self.cells = cells
        self.present = present  # layout sheets the workbook has
        self.loaded: set[str] = set()
        self.issues: list[ScenarioIssue] = []
        self.entries: dict[str, dict[Key, list[Entry]]] = {}
        self.incomplete: set[str] = set()  # top-level sections that lost a row

    def _issue(self, message: str, ref: CellRef) -> None:
        self.issues.append(self.cells.issue(message, ref))

    def columns(self, sheet: SheetLayout, raw: RawSheet) -> dict[int, Column] | None:
        """The layout column of each header; None when a needed column is missing."""
        known = {normalized(column.name): column for column in sheet.columns}
        found: dict[int, Column] = {}
        for index, cell in enumerate(raw.header):
            header = str(as_text(cell.value)).strip() if not cell.is_blank else ""
            ref = CellRef(raw.title, 1, column_label(index, header))
            if cell.data_type == "f":
                self._issue(
                    gettext("cell %(cell)s holds a formula; type the header")
                    % {"cell": coordinate(index, 1)},
                    ref,
                )
                continue
            if not header or header.startswith(NOTE_PREFIX):
                continue
            column = known.get(column_key(header))
            if column is None:
                self._issue(
                    unknown_header(header, [c.name for c in sheet.columns]), ref
                )
            elif column in found.values():
                self._issue(
                    gettext("column '%(column)s' appears twice; keep one")
                    % {"column": column.name},
                    ref,
                )
            else:
                found[index] = column
        needed = (
            sheet.columns
            if sheet.shape is not SheetShape.RECORDS
            else sheet.parent_columns
        )
        missing = [column.name for column in needed if column not in found.values()]
        for name in missing:
            self._issue(
                gettext("the sheet needs a column '%(column)s'") % {"column": name},
                CellRef(raw.title, 1),
            )
        return None if missing else found

    def read(self, sheet: SheetLayout, raw: RawSheet) -> None:
        """Every non-blank row of a table sheet, placed under its parent."""
        if sheet.parent is not None and sheet.parent not in self.loaded:
            # A parent sheet missing or unreadable is reported already, unless it
            # is an optional one the workbook lacks: then say where these rows go.
            if sheet.parent not in self.present | set(REQUIRED_SHEETS) and raw.rows:
                self._issue(
                    gettext(
                        "its rows belong to rows of sheet '%(sheet)s', which the "
                        "workbook does not have"
                    )
                    % {"sheet": sheet.parent},
                    CellRef(raw.title),
                )
            if raw.rows:
                self.incomplete.add(self._section(sheet))
            return
        columns = self.columns(sheet, raw)
        if columns is None:
            if raw.rows:
                self.incomplete.add(self._section(sheet))
            return
        self.loaded.add(sheet.name)
        if sheet.parent is None:
            container_at(self.data, sheet.path, list)
            self.cells.add(sheet.path, CellRef(raw.title))
        for number, cells in raw.rows:
            values: dict[str, Any] = {}
            refs: dict[str, CellRef] = {}
            unread: list[tuple[str, str]] = []
            for index, column in columns.items():
                refs[column.name] = CellRef(
                    raw.title, number, column_label(index, column.name)
                )
                try:
                    value = read_value(
                        cells[index], column.kind, coordinate(index, number)
                    )
                except BadCellError as error:
                    # Reported below; the rest of the row is still placed, so that
                    # its child rows do not add "unknown parent" problems of their own.
                    unread.append((column.name, str(error)))
                    continue
                if value is not None:
                    values[column.name] = value
            if not values and not unread:
                continue  # a blank row, or one with notes only
            path = None
            unread_names = {name for name, _ in unread}
            # A row whose parent cell is unreadable has no place to go; in a sheet of
            # plain values or pairs, an unreadable cell leaves nothing to place.
            placeable = bool(values) and not unread_names & self._parent_names(sheet)
            if sheet.shape is not SheetShape.RECORDS and unread:
                placeable = False
            if placeable:
                parent = self._parent(sheet, values, refs, CellRef(raw.title, number))
                if parent is not None:
                    path = self._place(
                        sheet, parent, values, refs, CellRef(raw.title, number)
                    )
            if path is None or (unread and sheet.shape is not SheetShape.RECORDS):
                # What the row held is lost: a check that reads its section could
                # blame the loss on something else ("no work center can do …").
                self.incomplete.add(self._section(sheet))
            for name, message in unread:
                # With the record's path, validation sets the record aside for the
                # reference checks instead of reading it without this value.
                where = f"{path}.{name}" if path is not None else ""
                self.issues.append(self.cells.issue(message, refs[name], where))

    @staticmethod
    def _section(sheet: SheetLayout) -> str:
        """The top-level section a sheet's rows end up in (`sites` for WorkCenters)."""
        while sheet.parent is not None:
            sheet = SHEETS_BY_NAME[sheet.parent]
        return sheet.path.split(".")[0]

    @staticmethod
    def _parent_names(sheet: SheetLayout) -> set[str]:
        return {column.name for column in sheet.parent_columns}

    def _parent(
        self,
        sheet: SheetLayout,
        values: dict[str, Any],
        refs: dict[str, CellRef],
        row: CellRef,
    ) -> tuple[Key, Entry] | None:
        """The row's parent record (the top of the scenario for a top-level sheet)."""
        if sheet.parent is None:
            return (), Entry(self.data, "", 0)
        key: list[str] = []
        for column in sheet.parent_columns:
            value = values.get(column.name)
            if value is None:
                self._issue(
                    gettext("'%(column)s' is empty: name the row this one belongs to")
                    % {"column": column.name},
                    refs[column.name],
                )
                return None
            key.append(str(value))
        last = sheet.parent_columns[-1].name
        candidates = self.entries.get(sheet.parent, {})
        found = candidates.get(tuple(key), [])
        if len(found) == 1:
            return tuple(key), found[0]
        if found:
            rows = and_list([str(entry.row) for entry in found])
            self._issue(
                gettext(
                    "%(column)s '%(id)s' is on rows %(rows)s of sheet '%(sheet)s'; "
                    "ids must be unique"
                )
                % {"column": last, "id": key[-1], "rows": rows, "sheet": sheet.parent},
                refs[last],
            )
            return None
        siblings = [known[-1] for known in candidates if list(known[:-1]) == key[:-1]]
        close = difflib.get_close_matches(key[-1], siblings, n=1)
        self._issue(
            _not_on_sheet(
                {
                    "column": last,
                    "id": key[-1],
                    "sheet": str(sheet.parent),
                    "outer": sheet.parent_columns[0].name,
                    "outer_id": key[0],
                    "suggestion": close[0] if close else "",
                },
                is_within=len(key) > 1,
            ),
            refs[last],
        )
        return None

    def _place(
        self,
        sheet: SheetLayout,
        parent: tuple[Key, Entry],
        values: dict[str, Any],
        refs: dict[str, CellRef],
        row: CellRef,
    ) -> str | None:
        """Put the row's value under its parent; where it went, or None if nowhere."""
        parent_key, entry = parent
        base = f"{entry.path}.{sheet.path}" if entry.path else sheet.path
        own = [column for column in sheet.columns if not column.is_parent]
        if sheet.shape is SheetShape.VALUES:
            value = values.get(own[0].name)
            if value is None:
                self._issue(self._empty(own[0]), refs[own[0].name])
                return None
            target = container_at(entry.record, sheet.path, list)
            path = f"{base}[{len(target)}]"
            self.cells.add(path, refs[own[0].name])
            target.append(value)
            return path
        if sheet.shape is SheetShape.MAPPING:
            return self._place_pair(sheet, entry, values, refs, base)
        target = container_at(entry.record, sheet.path, list)
        path = f"{base}[{len(target)}]"
        record = _nested(
            {name: value for name, value in values.items() if sheet.column(name) in own}
        )
        target.append(record)
        self.cells.add(path, row)
        for column in own:
            ref = refs.get(column.name, row)
            self.cells.add(f"{path}.{column.name}", ref)
            if "." in column.name:
                self.cells.add(f"{path}.{column.name.rsplit('.', 1)[0]}", ref)
        own_key = [values.get(field) for field in sheet.key]
        if sheet.key and None not in own_key:
            key = (*parent_key, *(str(part) for part in own_key))
            self.entries.setdefault(sheet.name, {}).setdefault(key, []).append(
                Entry(record, path, row.row or 0)
            )
        return path

    @staticmethod
    def _empty(column: Column) -> str:
        return gettext("'%(column)s' is empty; fill it in or clear the row") % {
            "column": column.name
        }

    def _place_pair(
        self,
        sheet: SheetLayout,
        entry: Entry,
        values: dict[str, Any],
        refs: dict[str, CellRef],
        base: str,
    ) -> str | None:
        key_column, value_column = [c for c in sheet.columns if not c.is_parent]
        key = values.get(key_column.name)
        if key is None:
            self._issue(self._empty(key_column), refs[key_column.name])
            return None
        mapping = container_at(entry.record, sheet.path, dict)
        if key in mapping:
            self._issue(
                gettext(
                    "%(column)s '%(id)s' is given twice for the same row of "
                    "sheet '%(sheet)s'; keep one"
                )
                % {"column": key_column.name, "id": key, "sheet": sheet.parent},
                refs[key_column.name],
            )
            return None
        mapping[key] = values.get(value_column.name)
        self.cells.add(f"{base}.{key}", refs[key_column.name])
        return f"{base}.{key}"
