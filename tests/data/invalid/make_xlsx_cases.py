"""Regenerate the broken workbooks of this folder and what `surgeplan validate` says.

Run from the repository root: python tests/data/invalid/make_xlsx_cases.py

Each case is the template workbook (`surgeplan init DIR --excel`, without its empty
sheets) with one mistake a planner makes in Excel, or a hostile file. It is written as
xlsx-NAME.xlsx beside xlsx-NAME.expected, whose lines must each appear in the output
of validate. Zip timestamps and document dates are fixed so that regenerating changes
nothing.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

from surgeplan.scenario.excel_writer import write_template

FOLDER = Path(__file__).resolve().parent
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
Edit = Callable[[Workbook], None]
Tamper = Callable[[dict[str, bytes]], dict[str, bytes]]


def set_cell(
    sheet: str, coordinate: str, value: object, number_format: str = ""
) -> Edit:
    def edit(workbook: Workbook) -> None:
        workbook[sheet][coordinate] = value
        if number_format:
            workbook[sheet][coordinate].number_format = number_format

    return edit


def append_row(sheet: str, row: list[object]) -> Edit:
    def edit(workbook: Workbook) -> None:
        workbook[sheet].append(row)

    return edit


def delete_sheet(sheet: str) -> Edit:
    def edit(workbook: Workbook) -> None:
        del workbook[sheet]

    return edit


def rename_sheet(sheet: str, title: str) -> Edit:
    def edit(workbook: Workbook) -> None:
        workbook[sheet].title = title

    return edit


def both(*edits: Edit) -> Edit:
    def edit(workbook: Workbook) -> None:
        for one in edits:
            one(workbook)

    return edit


def add_part(name: str, data: bytes) -> Tamper:
    return lambda parts: {**parts, name: data}


def doctype_in_sheet(parts: dict[str, bytes]) -> dict[str, bytes]:
    name = "xl/worksheets/sheet2.xml"
    entity = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return {
        **parts,
        name: b'<?xml version="1.0"?>' + entity + parts[name].split(b"?>")[-1],
    }


EDITS: dict[str, tuple[Edit, list[str]]] = {
    "text-in-number-cell": (
        append_row("WorkCenters", ["plant", "paint-cell", None, "assembly", "two"]),
        [
            "sheet 'WorkCenters', row 3, column E (stations)",
            "must be a whole number (got 'two')",
        ],
    ),
    "unknown-site-in-work-center": (
        set_cell("WorkCenters", "A2", "plnt"),
        [
            "sheet 'WorkCenters', row 2, column A (site)",
            "site 'plnt' is not on sheet 'Sites'; did you mean 'plant'?",
        ],
    ),
    "formula-in-cell": (
        set_cell("WorkCenters", "E2", "=1+1"),
        [
            "sheet 'WorkCenters', row 2, column E (stations)",
            "cell E2 holds a formula (=1+1); type the value",
        ],
    ),
    "error-value-in-cell": (
        set_cell("Routing", "D2", "#DIV/0!"),
        [
            "sheet 'Routing', row 2, column D (hours_per_unit)",
            "holds the error #DIV/0!",
        ],
    ),
    "number-in-date-cell": (
        set_cell("Milestones", "D2", 46391, "General"),
        [
            "sheet 'Milestones', row 2, column D (due_date)",
            "holds the number 46391, not a date",
        ],
    ),
    "unknown-column": (
        set_cell("WorkCenters", "E1", "stationz"),
        [
            "sheet 'WorkCenters', row 1, column E (stationz)",
            "unknown column 'stationz'; did you mean 'stations'?",
        ],
    ),
    "missing-sheet": (delete_sheet("Items"), ["the workbook has no sheet 'Items'"]),
    "misspelt-sheet": (
        rename_sheet("Shutdowns", "Shutdown"),
        ["sheet 'Shutdown'", "is not read: did you mean 'Shutdowns'?"],
    ),
    "duplicate-site-id": (
        append_row("Sites", ["plant", "Twin", "FR", None, None, None, None, "ot"]),
        [
            "sheet 'WorkCenters', row 2, column A (site)",
            "site 'plant' is on rows 2 and 3 of sheet 'Sites'; ids must be unique",
        ],
    ),
    "unknown-delivery-point": (
        set_cell("Milestones", "C3", "custmer"),
        [
            "sheet 'Milestones', row 3, column C (delivery_point)",
            "unknown delivery point 'custmer'; did you mean 'customer'?",
        ],
    ),
    "triangular-mode-above-high": (
        set_cell("SupplierRisks", "G2", 8),
        [
            "sheet 'SupplierRisks', row 2, column E (duration_weeks.distribution)",
            "low <= mode <= high is required",
        ],
    ),
    "blank-required-cell": (
        set_cell("WorkCenters", "E2", None),
        [
            "sheet 'WorkCenters', row 2, column E (stations)",
            "'stations' is required but missing",
        ],
    ),
    "share-as-percentage": (
        set_cell("Workforce", "D2", 25),
        [
            "sheet 'Workforce', row 2, column D (volunteer_share)",
            "shares and probabilities go from 0 to 1",
        ],
    ),
    "unknown-program-field": (
        both(set_cell("Program", "A9", "descripton"), set_cell("Program", "B9", "x")),
        [
            "sheet 'Program', row 9, column A (field)",
            "unknown field 'descripton'; did you mean 'description'?",
        ],
    ),
    "problems-in-six-sheets": (
        both(
            set_cell("Program", "B7", "=20+6"),
            set_cell("WorkCenters", "E2", "two"),
            set_cell("Economics", "B2", "abc"),
            set_cell("Suppliers", "D2", "nowhere"),
            set_cell("Lanes", "B2", "plnt"),
            set_cell("Milestones", "C2", "depot"),
        ),
        [
            "sheet 'Program', row 7, column B (value): program.horizon_buckets: "
            "cell B7 holds a formula (=20+6)",
            "sheet 'WorkCenters', row 2, column E (stations): "
            "sites[0].work_centers[0].stations: must be a whole number (got 'two')",
            "sheet 'Economics', row 2, column B (value): "
            "economics.contract_unit_price: must be a number (got 'abc')",
            "sheet 'Suppliers', row 2, column D (sites): suppliers[0].sites[0]: "
            "unknown site 'nowhere'",
            "sheet 'Lanes', row 2, column B (origin): lanes[0].origin: "
            "unknown site 'plnt'",
            "sheet 'Milestones', row 2, column C (delivery_point): "
            "demand.milestones[0].delivery_point: unknown delivery point 'depot'",
            "6 problems found.",
        ],
    ),
}

TAMPERED: dict[str, tuple[Tamper, list[str]]] = {
    "macros": (
        add_part("xl/vbaProject.bin", b"\0" * 64),
        ["the workbook contains macros (VBA)"],
    ),
    "external-link": (
        add_part("xl/externalLinks/externalLink1.xml", b"<externalLink/>"),
        ["the workbook links to other workbooks (external links)"],
    ),
    "doctype-entity": (
        doctype_in_sheet,
        ["xl/worksheets/sheet2.xml declares a DTD or entities"],
    ),
}


def normalised(parts: dict[str, bytes]) -> bytes:
    """A zip of the parts with fixed timestamps, so regenerating changes nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data
                )
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_case(name: str, data: bytes, expected: list[str]) -> None:
    (FOLDER / f"xlsx-{name}.xlsx").write_bytes(data)
    (FOLDER / f"xlsx-{name}.expected").write_text("\n".join(expected) + "\n", "utf-8")


def pruned(workbook: Workbook) -> None:
    """Drop the sheets and header comments a case does not need: smaller files."""
    for worksheet in list(workbook.worksheets):
        if worksheet.title in ("Instructions", "Lists") or (
            worksheet.max_row == 1 and worksheet.title != "Shutdowns"
        ):
            workbook.remove(worksheet)
            continue
        for cell in worksheet[1]:
            cell.comment = None


def main() -> None:
    template = FOLDER / "template.tmp.xlsx"
    write_template(template)
    small = openpyxl.load_workbook(template)
    pruned(small)
    small.save(template)
    try:
        for name, (edit, expected) in EDITS.items():
            workbook = openpyxl.load_workbook(template)
            edit(workbook)
            buffer = io.BytesIO()
            workbook.save(buffer)
            write_case(name, normalised(parts_of(buffer.getvalue())), expected)
        clean = parts_of(template.read_bytes())
        for name, (tamper, expected) in TAMPERED.items():
            write_case(name, normalised(tamper(clean)), expected)
    finally:
        template.unlink()
    bomb = bytearray(normalised(clean))
    directory = bomb.index(b"PK\x01\x02")
    # The first entry claims 200 MB once expanded, as a zip bomb's would.
    bomb[directory + 24 : directory + 28] = struct.pack("<I", 200 * 1024 * 1024)
    write_case("zip-bomb", bytes(bomb), ["refused as a possible zip bomb"])
    write_case(
        "renamed-yaml",
        b"format: surgeplan/2\nprogram: {name: A YAML file renamed .xlsx}\n",
        ["not an .xlsx workbook (the file is not a zip archive)"],
    )


if __name__ == "__main__":
    main()
