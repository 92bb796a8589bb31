"""Writing actuals: a folder of CSV files (about.csv and one per table) or a workbook.

What is written reads back equal (`execution.reading`); empty optional columns are
left empty, so that a file stays as short as a person would write it.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from surgeplan.execution.reading import ABOUT
from surgeplan.execution.records import ACTUALS_FORMAT, TABLES, Actuals, record_type


def _about_rows(actuals: Actuals) -> list[tuple[str, str]]:
    return [
        ("format", ACTUALS_FORMAT),
        ("program", actuals.program),
        ("start_date", actuals.start_date.isoformat()),
        ("through_week", str(actuals.through_week)),
    ]


def _table_rows(actuals: Actuals, name: str) -> tuple[list[str], list[list[Any]]]:
    columns = list(record_type(name).model_fields)
    rows = [
        [
            "" if value is None else value
            for value in record.model_dump(mode="json").values()
        ]
        for record in getattr(actuals, name)
    ]
    return columns, rows


def write_folder(actuals: Actuals, folder: str | Path) -> Path:
    """Write about.csv and one CSV file per table into a folder (created if missing)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    with (target / f"{ABOUT}.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["key", "value"])
        writer.writerows(_about_rows(actuals))
    for name in TABLES:
        columns, rows = _table_rows(actuals, name)
        with (target / f"{name}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(columns)
            writer.writerows(rows)
    return target


def write_workbook(actuals: Actuals, path: str | Path) -> Path:
    """Write the actuals as a workbook: an `about` sheet and a sheet per table."""
    from openpyxl import Workbook

    book = Workbook()
    about = book.active
    assert about is not None
    about.title = ABOUT
    about.append(["key", "value"])
    for key, value in _about_rows(actuals):
        about.append([key, value])
    for name in TABLES:
        sheet = book.create_sheet(name)
        columns, rows = _table_rows(actuals, name)
        sheet.append(columns)
        for cells in rows:
            sheet.append([None if cell == "" else cell for cell in cells])
    target = Path(path)
    book.save(target)
    return target
