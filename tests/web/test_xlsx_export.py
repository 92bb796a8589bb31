"""Result tables as workbooks: text stays text, numbers stay numbers."""

from __future__ import annotations

import io

import openpyxl

from surgeplan.web.xlsx_export import xlsx_bytes


def test_a_cell_that_looks_like_a_formula_is_written_as_text() -> None:
    data = xlsx_bytes(
        "plan.production",
        ["item", "units", "is_key", "note"],
        [['=HYPERLINK("http://evil")', 12.5, True, None], ["@SUM(A1)", 3, False, "x"]],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet.title == "plan.production"
    cells = list(sheet.iter_rows(min_row=2))
    assert cells[0][0].value == '=HYPERLINK("http://evil")'
    assert cells[0][0].data_type == "s"
    assert cells[0][1].value == 12.5
    assert cells[0][2].value is True
    assert cells[0][3].value is None
    assert cells[1][1].value == 3
