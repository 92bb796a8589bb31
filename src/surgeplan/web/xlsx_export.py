"""A result table as an .xlsx workbook, every text cell written as text.

xlsxwriter's generic `write` turns a string starting with '=' into a formula;
cells are therefore written by type, so a scenario's name can never run in Excel.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter
from fastapi import Response

from surgeplan.service.downloads import XLSX_MEDIA_TYPE, attachment

Cell = str | int | float | bool | None


def xlsx_bytes(
    sheet: str, columns: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> bytes:
    """One sheet: a bold header row, then the rows."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    worksheet = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    for column, name in enumerate(columns):
        worksheet.write_string(0, column, name, bold)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, bool):
                worksheet.write_boolean(row_number, column, value)
            elif isinstance(value, int | float):
                worksheet.write_number(row_number, column, value)
            elif value is not None:
                worksheet.write_string(row_number, column, str(value))
    book.close()
    return buffer.getvalue()


def xlsx_download(
    sheet: str, columns: Sequence[str], rows: Sequence[Sequence[Cell]], name: str
) -> Response:
    """The workbook as a download."""
    return attachment(xlsx_bytes(sheet, columns, rows), XLSX_MEDIA_TYPE, name)
