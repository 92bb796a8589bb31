"""Checks on an .xlsx before any parser opens it, for the CLI and for uploads alike.

An .xlsx is a zip of XML parts. A hostile one can expand far beyond its size (a zip
bomb), carry macros or links to other files, or declare a DTD whose entities read
local files (XXE) or expand exponentially (billion laughs), or make a sheet claim a
million rows and sixteen thousand columns (in its `<dimension>` or its row and cell
numbers) so that a reader pads out billions of empty cells. openpyxl parses through
defusedxml when it is installed, but the checks here refuse such files outright, with
a message that says why, and let the service use the same rules on uploads. Every
part is streamed in chunks: memory stays bounded whatever the file declares.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from surgeplan.scenario.errors import ScenarioError, ScenarioIssue
from surgeplan.scenario.speech import count_text, gettext

MAX_ENTRIES = 1000
MEGABYTE = 1024 * 1024
MAX_EXPANDED_BYTES = 100 * MEGABYTE
MAX_RATIO = 200  # expanded / compressed size; real workbooks stay far below
RATIO_FLOOR_BYTES = 10 * MEGABYTE  # small files may compress well; that is harmless
READ_CHUNK = 64 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")
# A scenario sheet is far smaller; the loader refuses data beyond 100,000 rows too.
MAX_SHEET_ROWS = 100_000
MAX_SHEET_COLUMNS = 1_000  # column ALL; Excel's last is XFD (16,384)
MAX_TAG_CHARS = READ_CHUNK  # Excel's longest tags (long sqref lists) stay far below
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
# Attributes are matched up to the next `<` or `>`, so a hostile run of unclosed
# tags costs linear time.
_DIMENSION = re.compile(r"<(?:\w+:)?dimension\b[^<>]*?\bref\s*=\s*[\"']([^\"'<>]*)")
# Only row and cell numbers that may be too far (3+ letters, 6+ digits, or written
# with character references) are looked at closely: a sheet has a great many.
_SUSPECT_INDEX = re.compile(
    r"\sr\s*=\s*[\"']((?:[a-z]{3,}|[a-z]*\d{6,}|[a-z\d]*&)[^\"'<>]*)"
)
_CELL_REFERENCE = re.compile(r"\$?([a-z]*)\$?(\d+)")
_ABSURD = 10**15
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an old .xls, or a password-protected .xlsx
_FORBIDDEN_MARKUP = ("<!doctype", "<!entity")


def _refuse(message: str, file: str) -> ScenarioError:
    return ScenarioError([ScenarioIssue(message, file=file)])


def check_workbook_bytes(data: bytes, file: str) -> None:
    """Refuse an unsafe or malformed workbook given as bytes (an upload).

    Raises:
        ScenarioError: naming what is wrong with the file.
    """
    _check_stream(io.BytesIO(data), len(data), file)


def check_workbook_file(path: str | Path) -> None:
    """Refuse an unsafe or malformed workbook on disk.

    Raises:
        ScenarioError: naming what is wrong with the file.
    """
    source = Path(path)
    with source.open("rb") as stream:
        _check_stream(stream, source.stat().st_size, str(source))


def _check_stream(stream: BinaryIO, size: int, file: str) -> None:
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(_OLE_MAGIC):
        raise _refuse(
            gettext(
                "not an .xlsx workbook: this is an old .xls or a password-protected "
                "workbook; save it in Excel as an .xlsx without a password"
            ),
            file,
        )
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(
            gettext(
                "not an .xlsx workbook (the file is not a zip archive): save it in "
                "Excel as .xlsx, or give a YAML scenario the .yaml extension"
            ),
            file,
        ) from None
    with archive:
        entries = archive.infolist()
        _check_entries(entries, size, file)
        try:
            for entry in entries:
                if entry.filename.lower().endswith(XML_SUFFIXES):
                    _scan_xml(archive, entry, file)
        # zipfile raises NotImplementedError for compression methods it cannot read.
        except (
            zipfile.BadZipFile,
            zlib.error,
            NotImplementedError,
            RuntimeError,
            EOFError,
            OSError,
        ) as error:
            raise _refuse(
                gettext(
                    "the workbook is damaged or encrypted (%(reason)s); open it in "
                    "Excel and save it again as .xlsx"
                )
                % {"reason": error},
                file,
            ) from None


def _check_entries(entries: list[zipfile.ZipInfo], size: int, file: str) -> None:
    if len(entries) > MAX_ENTRIES:
        raise _refuse(
            gettext(
                "the workbook has %(count)s parts (at most %(limit)s); a "
                "scenario workbook has a few dozen"
            )
            % {"count": count_text(len(entries)), "limit": count_text(MAX_ENTRIES)},
            file,
        )
    expanded = sum(entry.file_size for entry in entries)
    if expanded > MAX_EXPANDED_BYTES or (
        expanded > RATIO_FLOOR_BYTES and expanded > MAX_RATIO * max(size, 1)
    ):
        raise _refuse(
            gettext(
                "the workbook would expand to %(size)s MB (at most "
                "%(limit)d MB); refused as a possible zip bomb"
            )
            % {
                "size": count_text(round(expanded / MEGABYTE)),
                "limit": MAX_EXPANDED_BYTES // MEGABYTE,
            },
            file,
        )
    names = {entry.filename.lower() for entry in entries}
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(
            gettext(
                "not an .xlsx workbook (a zip archive without an Excel workbook in it)"
            ),
            file,
        )
    if any(name.endswith("vbaproject.bin") for name in names):
        raise _refuse(
            gettext(
                "the workbook contains macros (VBA), which surgeplan never opens; "
                "save it as a plain .xlsx workbook without macros"
            ),
            file,
        )
    if any(name.startswith("xl/externallinks/") for name in names):
        raise _refuse(
            gettext(
                "the workbook links to other workbooks (external links); break the "
                "links in Excel (Data > Edit Links > Break Link) and save it again"
            ),
            file,
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise _refuse(
            gettext("the workbook is encrypted; save it without a password"), file
        )


def _decoder(head: bytes) -> codecs.IncrementalDecoder:
    """A decoder for the part's encoding, sniffed as an XML parser would."""
    if head.startswith((codecs.BOM_UTF16_LE, b"<\x00")):
        return codecs.getincrementaldecoder("utf-16-le")("replace")
    if head.startswith((codecs.BOM_UTF16_BE, b"\x00<")):
        return codecs.getincrementaldecoder("utf-16-be")("replace")
    # UTF-8 and the single-byte encodings spell the markup alike.
    return codecs.getincrementaldecoder("utf-8")("replace")


def _scan_xml(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, file: str) -> None:
    """Stream one XML part: refuse a DTD, and a worksheet that claims a huge size."""
    is_sheet = _SHEET_PART.fullmatch(entry.filename) is not None
    carry = ""
    with archive.open(entry) as part:
        chunk = part.read(READ_CHUNK)
        decoder = _decoder(chunk)
        is_first_chunk = True
        while chunk:
            text = carry + decoder.decode(chunk).lower()
            if any(markup in text for markup in _FORBIDDEN_MARKUP):
                raise _refuse(
                    gettext(
                        "the part %(part)s declares a DTD or entities (<!DOCTYPE "
                        "or <!ENTITY), which Excel never writes; refused to protect "
                        "against XML entity attacks"
                    )
                    % {"part": entry.filename},
                    file,
                )
            # Look at whole tags only; one cut by the chunk's end comes next time.
            cut = _unfinished_tag_start(text)
            if is_sheet:
                if len(text) - cut > MAX_TAG_CHARS:
                    raise _refuse(
                        gettext(
                            "the sheet %(part)s has a tag over %(limit)d KB long, "
                            "which Excel never writes"
                        )
                        % {"part": entry.filename, "limit": MAX_TAG_CHARS // 1024},
                        file,
                    )
                _check_sheet_size(text[:cut], is_first_chunk, entry.filename, file)
                carry = text[cut:]
            else:
                # The markup may straddle two chunks.
                carry = text[max(cut, len(text) - 16) :]
            is_first_chunk = False
            chunk = part.read(READ_CHUNK)


def _unfinished_tag_start(text: str) -> int:
    """Where a tag that the text does not close begins (its length when none does)."""
    start = text.rfind("<")
    if start == -1 or text.find(">", start) != -1:
        return len(text)
    return start


def _column_number(letters: str) -> int:
    """`A` is 1, `XFD` 16,384; absurdly long names count as absurdly far."""
    if len(letters) > 9:
        return _ABSURD
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("a") + 1
    return number


def _row_number(digits: str) -> int:
    return int(digits) if len(digits) <= 15 else _ABSURD


def _check_sheet_size(text: str, is_start: bool, part: str, file: str) -> None:
    """Refuse a declared size, or a row or cell number, far beyond any scenario."""
    if is_start and (found := _DIMENSION.search(text)):
        for corner in found.group(1).split(":"):
            if reference := _CELL_REFERENCE.fullmatch(corner.strip()):
                letters, digits = reference.groups()
                if (
                    _row_number(digits) > MAX_SHEET_ROWS
                    or _column_number(letters) > MAX_SHEET_COLUMNS
                ):
                    shown = found.group(1)[:40].upper()
                    raise _too_large(
                        gettext("the sheet %(part)s declares a size of %(found)s")
                        % {"part": part, "found": shown},
                        file,
                    )
    for value in _SUSPECT_INDEX.findall(text):
        reference = _CELL_REFERENCE.fullmatch(value)
        if reference is None:
            raise _too_large(
                gettext("the sheet %(part)s numbers a row or cell %(found)s")
                % {"part": part, "found": repr(value[:20])},
                file,
            )
        letters, digits = reference.groups()
        if _row_number(digits) > MAX_SHEET_ROWS:
            raise _too_large(
                gettext("the sheet %(part)s numbers a row %(found)s")
                % {"part": part, "found": digits[:20]},
                file,
            )
        if _column_number(letters) > MAX_SHEET_COLUMNS:
            raise _too_large(
                gettext("the sheet %(part)s has a cell in column %(found)s")
                % {"part": part, "found": letters[:20].upper()},
                file,
            )


def _too_large(found: str, file: str) -> ScenarioError:
    """`found` is the whole clause saying what the sheet claims."""
    return _refuse(
        gettext(
            "%(found)s, beyond %(rows)s rows or %(columns)s columns; refused as a "
            "huge declared dimension (a scenario sheet is far smaller): delete the "
            "unused rows and columns in Excel and save it again"
        )
        % {
            "found": found,
            "rows": count_text(MAX_SHEET_ROWS),
            "columns": count_text(MAX_SHEET_COLUMNS),
        },
        file,
    )
