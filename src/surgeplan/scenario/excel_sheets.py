"""Raw cells of a workbook's sheets, read with openpyxl and nothing trusted.

Formulas are kept as formulas (`data_only=False`) so that the reader can refuse them;
sheet dimensions written in the file are ignored (a hostile or buggy file may claim a
million rows), and the number of rows and columns read is capped.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.speech import count_text, gettext

MAX_ROWS = 100_000
MAX_COLUMNS = 200


@dataclass(frozen=True)
class RawCell:
    """A cell as stored: its value and openpyxl's type (n, s, b, d, e or f)."""

    value: Any
    data_type: str

    @property
    def is_blank(self) -> bool:
        """Empty, or only spaces (a formula is never blank)."""
        if self.data_type == "f":
            return False
        return self.value is None or (
            isinstance(self.value, str) and not self.value.strip()
        )


BLANK = RawCell(None, "n")


@dataclass
class RawSheet:
    """Row 1 and the non-blank rows below it, numbered as Excel numbers them."""

    title: str
    header: list[RawCell]
    rows: list[tuple[int, list[RawCell]]] = field(default_factory=list)


def _cells(row: Iterable[Any], width: int) -> list[RawCell]:
    cells = [RawCell(cell.value, cell.data_type or "n") for cell in row]
    return (cells + [BLANK] * width)[:width]


def _read_sheet(worksheet: ReadOnlyWorksheet, file: str) -> RawSheet:
    worksheet.reset_dimensions()  # never trust the size the file declares
    # One pass; one column past the cap shows a sheet that is too wide.
    # The stubs type ReadOnlyWorksheet.iter_rows as Worksheet's; it is the same call.
    rows: Iterator[tuple[Any, ...]] = worksheet.iter_rows(  # type: ignore[misc]
        max_col=MAX_COLUMNS + 1
    )
    header = [RawCell(cell.value, cell.data_type or "n") for cell in next(rows, ())]
    while header and header[-1].is_blank:
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise ScenarioError(
            [
                ScenarioIssue(
                    gettext("the sheet has more than %(limit)d columns")
                    % {"limit": MAX_COLUMNS},
                    file=file,
                    sheet=worksheet.title,
                    row=1,
                )
            ]
        )
    sheet = RawSheet(worksheet.title, header)
    width = max(len(header), 1)
    for number, row in enumerate(rows, start=2):
        cells = _cells(row[:width], width)
        if all(cell.is_blank for cell in cells):
            continue
        if number > MAX_ROWS:
            raise ScenarioError(
                [
                    ScenarioIssue(
                        gettext(
                            "the sheet has data beyond row %(limit)s; a scenario "
                            "sheet is far smaller"
                        )
                        % {"limit": count_text(MAX_ROWS)},
                        file=file,
                        sheet=worksheet.title,
                        row=number,
                    )
                ]
            )
        sheet.rows.append((number, cells))
    return sheet


def read_raw_sheets(
    path: Path, file: str, choose: Callable[[list[str]], list[str]]
) -> dict[str, RawSheet]:
    """The sheets `choose` picks among the workbook's sheet names, by name.

    Raises:
        ScenarioError: the workbook cannot be parsed, or a sheet is far too large.
    """
    with warnings.catch_warnings():
        # openpyxl warns about features it drops (extensions, styles); none matter.
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(path, read_only=True, data_only=False)
            try:
                sheets: dict[str, RawSheet] = {}
                for title in choose(list(workbook.sheetnames)):
                    worksheet = workbook[title]
                    if isinstance(worksheet, ReadOnlyWorksheet):
                        sheets[title] = _read_sheet(worksheet, file)
                return sheets
            finally:
                workbook.close()
        except ScenarioError:
            raise
        except Exception as error:
            # openpyxl raises whatever its parsers meet in a damaged part (KeyError,
            # ValueError, ParseError, zlib.error, …); any of them means the same
            # thing to a planner, and none may reach them as a traceback.
            raise ScenarioError(
                [
                    ScenarioIssue(
                        gettext(
                            "the workbook cannot be read (%(reason)s); open it in "
                            "Excel and save it again as .xlsx"
                        )
                        % {"reason": f"{type(error).__name__}: {error}"},
                        file=file,
                    )
                ]
            ) from None
