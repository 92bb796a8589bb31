"""Reading actuals: a folder of CSV files, a workbook or JSON, into `Actuals`.

Every problem is collected before anything is refused, each located by file (or
sheet), row and column; `Sources` remembers where each record came from so that the
checks against the scenario (`execution.consistency`) can locate theirs too.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from surgeplan.execution.errors import ActualsError, ActualsIssue
from surgeplan.execution.records import (
    ACTUALS_FORMAT,
    REQUIRED_TABLES,
    TABLES,
    Actuals,
    record_type,
)
from surgeplan.i18n import N_, gettext
from surgeplan.scenario.speech import or_list

ABOUT = "about"
ABOUT_KEYS = ("format", "program", "start_date", "through_week")
CSV_SUFFIX = ".csv"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Place:
    """Where one record was read: a file or a sheet of a workbook, and its row."""

    file: str
    sheet: str | None
    row: int | None


@dataclass
class Sources:
    """Where each record of each table came from, to locate later problems."""

    places: dict[str, list[Place]] = field(default_factory=dict)
    about: dict[str, Place] = field(default_factory=dict)

    def issue(
        self, table: str, index: int, column: str | None, message: str
    ) -> ActualsIssue:
        """A problem of one record (and column) of a table."""
        place = self.places[table][index]
        return ActualsIssue(message, place.file, place.sheet, place.row, column)

    def about_issue(self, key: str, message: str) -> ActualsIssue:
        """A problem of one entry of the `about` table."""
        place = self.about.get(key, Place("about", None, None))
        return ActualsIssue(message, place.file, place.sheet, place.row, "value")


@dataclass(frozen=True)
class RawTable:
    """A table as read: its header and rows of cells, with where each row is."""

    name: str
    place: Place
    header: list[str]
    rows: list[tuple[Place, dict[str, Any]]]


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _choices(context: dict[str, Any]) -> str:
    """Pydantic's "'a', 'b' or 'c'", with the language's own "or"."""
    head, separator, last = str(context.get("expected", "")).rpartition(" or ")
    return or_list([head, last]) if separator else head + last


def explain(error: ErrorDetails) -> str:
    """A pydantic error about one cell as a sentence a planner can act on."""
    kind = error["type"]
    context = error.get("ctx", {})
    value = error.get("input")
    if kind == "missing":
        return gettext("is required: give a value")
    if kind in ("int_parsing", "int_from_float"):
        return gettext("'%(value)s' is not a whole number") % {"value": value}
    if kind == "float_parsing":
        return gettext("'%(value)s' is not a number") % {"value": value}
    if kind == "finite_number":
        return gettext("must be a finite number")
    if kind in ("greater_than_equal", "greater_than"):
        bound = _number(context.get("ge", context.get("gt")))
        return gettext("must be %(bound)s or more, not %(value)s") % {
            "bound": bound,
            "value": value,
        }
    if kind in ("less_than_equal", "less_than"):
        bound = _number(context.get("le", context.get("lt")))
        return gettext("must be %(bound)s or less, not %(value)s") % {
            "bound": bound,
            "value": value,
        }
    if kind == "enum":
        return gettext("'%(value)s' is not one of %(choices)s") % {
            "value": value,
            "choices": _choices(context),
        }
    if kind in ("date_from_datetime_parsing", "date_parsing"):
        return gettext("'%(value)s' is not a date: write it as YYYY-MM-DD") % {
            "value": value
        }
    if kind == "literal_error":
        return gettext("must be %(choices)s, not '%(value)s'") % {
            "choices": _choices(context),
            "value": value,
        }
    if kind == "extra_forbidden":
        return gettext("unknown field")
    return str(error["msg"])


def _cells(row: dict[str, Any]) -> dict[str, Any]:
    """Cells with a value: an empty cell takes the column's default."""
    cleaned: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            continue
        cleaned[key] = value
    return cleaned


def _check_header(table: RawTable, issues: list[ActualsIssue]) -> bool:
    fields = record_type(table.name).model_fields
    known = list(fields)
    good = True
    for column in table.header:
        if column not in fields:
            issues.append(
                ActualsIssue(
                    gettext(
                        "unknown column '%(column)s'; the columns of %(name)s are"
                        " %(names)s"
                    )
                    % {"column": column, "name": table.name, "names": ", ".join(known)},
                    table.place.file,
                    table.place.sheet,
                    1,
                    column,
                )
            )
            good = False
    for name, info in fields.items():
        if info.is_required() and name not in table.header:
            issues.append(
                ActualsIssue(
                    gettext("missing column '%(column)s'") % {"column": name},
                    table.place.file,
                    table.place.sheet,
                    1,
                    name,
                )
            )
            good = False
    return good


# The `about` table missing, by where the actuals came from.
_NO_ABOUT = {
    "folder": N_(
        "the folder has no 'about' table: it must give %(names)s (key,value rows)"
    ),
    "workbook": N_(
        "the workbook has no 'about' table: it must give %(names)s (key,value rows)"
    ),
    "body": N_(
        "the body has no 'about' table: it must give %(names)s (key,value rows)"
    ),
}


def _about(
    table: RawTable | None, issues: list[ActualsIssue], sources: Sources, where: str
) -> dict[str, Any]:
    if table is None:
        message = _NO_ABOUT.get(where, _NO_ABOUT["body"])
        names = {"names": ", ".join(ABOUT_KEYS)}
        issues.append(ActualsIssue(gettext(message) % names, where))
        return {}
    values: dict[str, Any] = {}
    for place, row in table.rows:
        key = str(row.get("key") or "").strip()
        if key not in ABOUT_KEYS:
            issues.append(
                ActualsIssue(
                    gettext("unknown key '%(key)s'; about gives %(names)s")
                    % {"key": key, "names": ", ".join(ABOUT_KEYS)},
                    place.file,
                    place.sheet,
                    place.row,
                    "key",
                )
            )
            continue
        values[key] = row.get("value")
        sources.about[key] = place
    for key in ABOUT_KEYS:
        if key not in values:
            issues.append(
                ActualsIssue(
                    f"missing key '{key}'",
                    table.place.file,
                    table.place.sheet,
                    None,
                    "key",
                )
            )
    if "format" in values and str(values["format"]).strip() != ACTUALS_FORMAT:
        issues.append(
            sources.about_issue(
                "format",
                gettext(
                    "format '%(found)s' is not %(format)s: this "
                    "version of surgeplan reads only that one"
                )
                % {"found": values["format"], "format": ACTUALS_FORMAT},
            )
        )
    return values


def assemble(
    about: RawTable | None, tables: list[RawTable], where: str
) -> tuple[Actuals, Sources]:
    """Records from raw tables, every problem collected; raises ActualsError."""
    issues: list[ActualsIssue] = []
    sources = Sources()
    header = _about(about, issues, sources, where)
    data: dict[str, Any] = {key: header[key] for key in header if key != "format"}
    by_name = {table.name: table for table in tables}
    for name in REQUIRED_TABLES:
        if name not in by_name:
            issues.append(
                ActualsIssue(
                    gettext("missing table '%(table)s'") % {"table": name}, where
                )
            )
    for name in TABLES:
        table = by_name.get(name)
        data[name] = []
        sources.places[name] = []
        if table is None or not _check_header(table, issues):
            continue
        kind = record_type(name)
        for place, row in table.rows:
            cells = _cells(row)
            if not cells:
                continue  # a blank line, as spreadsheets leave them
            try:
                record = kind.model_validate(cells)
            except ValidationError as error:
                for detail in error.errors():
                    column = str(detail["loc"][0]) if detail["loc"] else None
                    issues.append(
                        ActualsIssue(
                            explain(detail), place.file, place.sheet, place.row, column
                        )
                    )
                continue
            data[name].append(record)
            sources.places[name].append(place)
    if issues:
        raise ActualsError(issues)
    try:
        actuals = Actuals.model_validate(data)
    except ValidationError as error:
        raise ActualsError(
            [
                sources.about_issue(str(detail["loc"][0]), explain(detail))
                for detail in error.errors()
            ]
        ) from None
    return actuals, sources


def _csv_table(path: Path, name: str) -> RawTable:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        header = [column.strip() for column in reader.fieldnames or []]
        rows = [
            (
                Place(path.name, None, number),
                {
                    (key or "").strip(): value
                    for key, value in row.items()
                    if key is not None
                },
            )
            for number, row in enumerate(reader, start=2)
        ]
    return RawTable(name, Place(path.name, None, None), header, rows)


def read_folder(folder: Path) -> tuple[Actuals, Sources]:
    """Actuals from a folder holding about.csv and one CSV file per table."""
    if not folder.is_dir():
        raise ActualsError(
            [
                ActualsIssue(
                    gettext("'%(folder)s' is not a folder of actuals CSV files")
                    % {"folder": folder}
                )
            ]
        )
    issues: list[ActualsIssue] = []
    tables: list[RawTable] = []
    about: RawTable | None = None
    for path in sorted(folder.glob(f"*{CSV_SUFFIX}")):
        name = path.stem
        if name == ABOUT:
            about = _csv_table(path, name)
        elif name in TABLES:
            tables.append(_csv_table(path, name))
        else:
            issues.append(
                ActualsIssue(
                    gettext(
                        "'%(name)s' is not a table of %(format)s; the "
                        "tables are about, %(names)s"
                    )
                    % {
                        "name": path.name,
                        "format": ACTUALS_FORMAT,
                        "names": ", ".join(TABLES),
                    },
                    path.name,
                )
            )
    try:
        result = assemble(about, tables, "folder")
    except ActualsError as error:
        raise ActualsError(issues + error.issues) from None
    if issues:
        raise ActualsError(issues)
    return result


def read_workbook(path: Path) -> tuple[Actuals, Sources]:
    """Actuals from a workbook with an `about` sheet and a sheet per table."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as error:
        raise ActualsError(
            [
                ActualsIssue(
                    gettext("cannot read the workbook: %(error)s") % {"error": error},
                    path.name,
                )
            ]
        ) from None
    issues: list[ActualsIssue] = []
    tables: list[RawTable] = []
    about: RawTable | None = None
    try:
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            header = [str(cell).strip() for cell in rows[0] if cell] if rows else []
            raw = RawTable(
                sheet.title,
                Place(path.name, sheet.title, None),
                header,
                [
                    (
                        Place(path.name, sheet.title, number),
                        dict(zip(header, values, strict=False)),
                    )
                    for number, values in enumerate(rows[1:], start=2)
                ],
            )
            if sheet.title == ABOUT:
                about = raw
            elif sheet.title in TABLES:
                tables.append(raw)
            else:
                issues.append(
                    ActualsIssue(
                        gettext("sheet '%(title)s' is not a table of %(format)s")
                        % {"title": sheet.title, "format": ACTUALS_FORMAT},
                        path.name,
                    )
                )
    finally:
        book.close()
    try:
        result = assemble(about, tables, "workbook")
    except ActualsError as error:
        raise ActualsError(issues + error.issues) from None
    if issues:
        raise ActualsError(issues)
    return result


def read_data(data: Any, where: str = "body") -> tuple[Actuals, Sources]:
    """Actuals from plain data (the API's JSON body or a .json file)."""
    try:
        actuals = Actuals.model_validate(data)
    except ValidationError as error:
        issues = []
        for detail in error.errors():
            path = ".".join(str(part) for part in detail["loc"])
            issues.append(ActualsIssue(explain(detail), where, None, None, path))
        raise ActualsError(issues) from None
    sources = Sources(
        places={
            name: [
                Place(f"{where} {name}[{index}]", None, None)
                for index in range(len(getattr(actuals, name)))
            ]
            for name in TABLES
        }
    )
    return actuals, sources


def read_actuals(path: Path) -> tuple[Actuals, Sources]:
    """Actuals from a folder of CSV files, a workbook or a JSON file."""
    if path.is_dir():
        return read_folder(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return read_workbook(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ActualsError(
                [
                    ActualsIssue(
                        gettext("cannot read JSON: %(error)s") % {"error": error},
                        path.name,
                    )
                ]
            ) from None
        return read_data(data, path.name)
    if not path.exists():
        raise ActualsError(
            [ActualsIssue(gettext("'%(path)s' does not exist") % {"path": path})]
        )
    raise ActualsError(
        [
            ActualsIssue(
                gettext(
                    "give a folder of CSV files, a workbook (.xlsx) or a .json file"
                ),
                path.name,
            )
        ]
    )
