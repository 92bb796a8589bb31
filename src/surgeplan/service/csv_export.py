"""CSV exports that a spreadsheet cannot turn into formulas.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed
with a single quote (OWASP's advice against CSV injection), then quoted as usual.
Numbers stay numbers: `-3.5` carries no formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from fastapi import Response

from surgeplan.service.downloads import attachment

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def safe_cell(value: object) -> str:
    """A cell's text, neutralised if a spreadsheet would read it as a formula."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document with every cell quoted and neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()


def csv_download(
    header: Sequence[str], rows: Iterable[Sequence[object]], file_name: str
) -> Response:
    """A CSV attachment of neutralised cells."""
    response = attachment(csv_text(header, rows).encode("utf-8"), "text/csv", file_name)
    response.headers["Content-Type"] = CSV_MEDIA_TYPE
    return response
