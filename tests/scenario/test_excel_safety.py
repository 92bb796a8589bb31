"""Hostile or damaged .xlsx files are refused before any parser opens them."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from surgeplan.scenario import ScenarioError, load_scenario
from surgeplan.scenario.excel_safety import (
    READ_CHUNK,
    check_workbook_bytes,
    check_workbook_file,
)
from surgeplan.scenario.excel_writer import write_template

SHEET = "xl/worksheets/sheet2.xml"
DOCTYPE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("template") / "scenario.xlsx"
    write_template(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def refusal(path: Path) -> str:
    """The message `load_scenario` gives, and the same from the upload check."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    with pytest.raises(ScenarioError) as from_bytes:
        check_workbook_bytes(path.read_bytes(), path.name)
    (issue,) = caught.value.issues
    assert issue.file == str(path)
    assert from_bytes.value.issues[0].message == issue.message
    return issue.message


def test_a_clean_workbook_passes(tmp_path: Path, parts: dict[str, bytes]) -> None:
    path = zipped(tmp_path / "clean.xlsx", parts)

    check_workbook_file(path)
    check_workbook_bytes(path.read_bytes(), "clean.xlsx")


def test_a_renamed_yaml_file_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "scenario.xlsx"
    path.write_text("format: surgeplan/2\n", "utf-8")

    assert "not a zip archive" in refusal(path)


def test_an_old_xls_or_password_protected_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "scenario.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))

    assert "old .xls or a password-protected" in refusal(path)


def test_a_zip_without_a_workbook_in_it_is_refused(tmp_path: Path) -> None:
    path = zipped(tmp_path / "scenario.xlsx", {"readme.txt": b"hello"})

    assert "without an Excel workbook in it" in refusal(path)


def test_a_zip_bomb_is_refused_by_its_declared_size(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    path = zipped(tmp_path / "bomb.xlsx", parts)
    data = bytearray(path.read_bytes())
    # Claim 200 MB for the first entry in the central directory, as a bomb would.
    directory = data.index(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = struct.pack("<I", 200 * 1024 * 1024)
    path.write_bytes(bytes(data))

    assert "zip bomb" in refusal(path)


def test_too_many_parts_are_refused(tmp_path: Path, parts: dict[str, bytes]) -> None:
    padding = {f"xl/media/image{n}.png": b"" for n in range(1001)}

    path = zipped(tmp_path / "many.xlsx", {**parts, **padding})

    assert "parts (at most 1,000)" in refusal(path)


def test_a_workbook_with_macros_is_refused(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    path = zipped(tmp_path / "macro.xlsx", {**parts, "xl/vbaProject.bin": b"\0" * 64})

    assert "contains macros" in refusal(path)


def test_a_workbook_with_external_links_is_refused(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    link = {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}

    path = zipped(tmp_path / "linked.xlsx", {**parts, **link})

    assert "external links" in refusal(path)


def test_a_doctype_in_a_sheet_is_refused(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    sheet = DOCTYPE + parts[SHEET].split(b"?>", 1)[-1]

    path = zipped(tmp_path / "xxe.xlsx", {**parts, SHEET: sheet})

    message = refusal(path)
    assert SHEET in message
    assert "declares a DTD or entities" in message


def test_entities_are_found_in_utf16_parts_too(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    laughs = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE l [<!ENTITY a "ha">]><l/>'
    )
    strings = {"xl/sharedStrings.xml": laughs.encode("utf-16")}

    path = zipped(tmp_path / "laughs.xlsx", {**parts, **strings})

    assert "declares a DTD or entities" in refusal(path)


def test_a_doctype_split_across_read_chunks_is_found(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    head = b'<?xml version="1.0"?>'
    padding = b" " * (READ_CHUNK - len(head) - 4)  # '<!DO' ends the first chunk
    sheet = head + padding + b"<!DOCTYPE x []><x/>"

    path = zipped(tmp_path / "split.xlsx", {**parts, SHEET: sheet})

    assert "declares a DTD" in refusal(path)


def test_a_damaged_sheet_is_refused_without_a_traceback(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    path = zipped(tmp_path / "damaged.xlsx", {**parts, SHEET: b"<worksheet><sheetD"})

    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)

    assert "the workbook cannot be read" in caught.value.issues[0].message


def with_dimension(sheet: bytes, reference: bytes) -> bytes:
    start = sheet.index(b"<dimension ")
    end = sheet.index(b"/>", start) + 2
    return sheet[:start] + b'<dimension ref="' + reference + b'" />' + sheet[end:]


def test_a_huge_declared_dimension_is_refused(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    sheet = with_dimension(parts[SHEET], b"A1:XFD1048576")

    path = zipped(tmp_path / "huge.xlsx", {**parts, SHEET: sheet})

    message = refusal(path)
    assert "huge declared dimension" in message
    assert f"{SHEET} declares a size of A1:XFD1048576" in message


def test_a_declared_dimension_of_a_real_sheet_passes(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    sheet = with_dimension(parts[SHEET], b"A1:ALL100000")

    path = zipped(tmp_path / "wide.xlsx", {**parts, SHEET: sheet})

    check_workbook_file(path)


@pytest.mark.parametrize(
    ("cell", "named"),
    [
        (
            b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
            "numbers a row 1048576",
        ),
        (b'<row r="2"><c r="XFD2"><v>1</v></c></row>', "has a cell in column XFD"),
        (b'<x:row r="99999999999999999999"/>', "numbers a row 99999999999999999999"),
        (
            b'<row r="1&#48;&#48;&#48;&#48;&#48;&#48;"/>',
            "numbers a row or cell '1&#48;",
        ),
    ],
)
def test_an_absurd_row_or_cell_number_is_refused(
    tmp_path: Path, parts: dict[str, bytes], cell: bytes, named: str
) -> None:
    sheet = parts[SHEET].replace(b"</sheetData>", cell + b"</sheetData>")

    path = zipped(tmp_path / "far.xlsx", {**parts, SHEET: sheet})

    message = refusal(path)
    assert named in message
    assert "huge declared dimension" in message


def test_a_far_cell_split_across_read_chunks_is_found(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    head = b'<?xml version="1.0"?><worksheet><sheetData><row r="2">'
    padding = b" " * (READ_CHUNK - len(head) - 5)  # '<c r=' ends the first chunk
    sheet = head + padding + b'<c r="XFD2"><v>1</v></c></row></sheetData></worksheet>'

    path = zipped(tmp_path / "split.xlsx", {**parts, SHEET: sheet})

    assert "has a cell in column XFD" in refusal(path)


def test_a_far_cell_at_the_end_of_a_large_sheet_is_found_in_bounded_memory(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
        for n in range(1, 60_001)
    )
    sheet = (
        b'<?xml version="1.0"?><worksheet><dimension ref="A1:A60000"/><sheetData>'
        + rows * 3
        + b'<row r="1048576"/></sheetData></worksheet>'
    )
    path = zipped(tmp_path / "big.xlsx", {**parts, SHEET: sheet})
    data = path.read_bytes()

    tracemalloc.start()
    with pytest.raises(ScenarioError) as caught:
        check_workbook_bytes(data, "big.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert len(sheet) > 6 * 1024 * 1024
    assert "numbers a row 1048576" in caught.value.issues[0].message
    assert peak < 2 * 1024 * 1024


def test_a_sheet_tag_longer_than_a_read_chunk_is_refused(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    sheet = b'<worksheet><sheetData><row r="2"' + b" " * (2 * READ_CHUNK) + b"/>"

    path = zipped(tmp_path / "long.xlsx", {**parts, SHEET: sheet})

    assert "KB long" in refusal(path)
