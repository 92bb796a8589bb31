"""A corpus of hostile files: each is a named 4xx, and memory stays bounded."""

from __future__ import annotations

import io
import resource
import zipfile

import pytest
from world import MINIMAL, World

from surgeplan.service import parse_limits
from surgeplan.store.roles import Role

CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/content-types"></Types>'
)


def workbook(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    return workbook({"xl/worksheets/sheet1.xml": b"0" * (120 * 1024 * 1024)})


BILLION_LAUGHS_XML = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b"<sheetData>&lol2;</sheetData>"
)
XXE_XML = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<sst>&xxe;</sst>"
)
YAML_ALIAS_BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join(["*" + chr(97 + i)] * 10) + "]"
        for i in range(8)
    ]
).encode()

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HUGE_DIMENSION = b'<worksheet><dimension ref="A1:XFD1048576"/></worksheet>'
FAR_CELL = (
    b'<worksheet><dimension ref="A1"/><sheetData><row r="1048576">'
    b'<c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
)
CORPUS = {
    "zip-bomb.xlsx": (zip_bomb, 422, "zip bomb"),
    "billion-laughs.xlsx": (
        lambda: workbook({"xl/worksheets/sheet1.xml": BILLION_LAUGHS_XML}),
        422,
        "DTD",
    ),
    "xxe.xlsx": (lambda: workbook({"xl/sharedStrings.xml": XXE_XML}), 422, "DTD"),
    "macros.xlsx": (
        lambda: workbook({"xl/vbaProject.bin": b"\0" * 100}),
        422,
        "macros",
    ),
    "huge-dimensions.xlsx": (
        lambda: workbook({"xl/worksheets/sheet1.xml": HUGE_DIMENSION}),
        422,
        "declares a size of A1:XFD1048576",
    ),
    "far-cell.xlsx": (
        lambda: workbook({"xl/worksheets/sheet1.xml": FAR_CELL}),
        422,
        "numbers a row 1048576",
    ),
    "external-link.xlsx": (
        lambda: workbook({"xl/externalLinks/externalLink1.xml": b"<x/>"}),
        422,
        "link",
    ),
    "renamed.xlsx": (lambda: b"just some text, not a zip", 422, "not a zip"),
    "alias-bomb.yaml": (lambda: YAML_ALIAS_BOMB, 422, "expands to more than"),
    "python-object.yaml": (
        lambda: b"format: !!python/object/apply:os.system ['id']\n",
        422,
        "unsupported YAML tag",
    ),
    "too-big.yaml": (lambda: b"# " + b"x" * (6 * 1024 * 1024), 413, "MB"),
    "binary.yaml": (lambda: b"\xff\xfe\x00garbage", 415, "UTF-8"),
    "archive.yaml": (lambda: workbook({}), 415, "zip archive"),
    "nul-byte.yaml": (
        lambda: MINIMAL.replace("Minimal", "Min\0imal").encode(),
        422,
        "U+0000",
    ),
    "escape-byte.yaml": (lambda: b"format: surgeplan/2\x1b[2J\n", 422, "U+001B"),
    "c1-control.yaml": (lambda: "a: b\u0085c\n".encode(), 422, "U+0085"),
    "escaped-nul.yaml": (
        lambda: MINIMAL.replace("name: Minimal surge", 'name: "Mini\\0mal"').encode(),
        422,
        "U+0000",
    ),
    "escaped-nul.json": (
        lambda: b'{"format": "surgeplan/2", "program": {"name": "a\\u0000b"}}',
        422,
        "U+0000",
    ),
    "deep-flow.yaml": (lambda: b"a: " + b"[" * 3000 + b"]" * 3000, 422, "nests deeper"),
    "encrypted.xlsx": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        422,
        "old .xls",
    ),
}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_hostile_file_is_a_named_4xx_within_bounded_memory(
    world: World, name: str
) -> None:
    build, status, phrase = CORPUS[name]
    data = build()
    before = peak_rss_mb()
    response = world.client.post(
        f"/api/v1/programs/{world.a.program}/scenarios/{world.a.scenario}/versions/upload",
        files={"file": (name, data)},
        headers={**world.as_role(Role.PLANNER), "If-Match": "*"},
    )
    growth = peak_rss_mb() - before
    body = response.json()
    assert response.status_code == status, body
    assert response.headers["content-type"] == "application/problem+json"
    assert phrase.lower() in (body["detail"] + str(body.get("errors", ""))).lower()
    assert growth < 256


HOSTILE_TEXTS = {
    "nul": MINIMAL.replace("Minimal", "Min\0imal"),
    "escape": MINIMAL.replace("Minimal", "Min\x1bimal"),
    "escaped-nul": MINIMAL.replace("name: Minimal surge", 'name: "Mini\\0mal"'),
    "deep-flow": "a: " + "[" * 3000 + "]" * 3000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_hostile_text_in_a_json_body_is_a_located_422_on_every_route(
    world: World, name: str
) -> None:

    text = HOSTILE_TEXTS[name]
    base = f"/api/v1/programs/{world.a.program}/scenarios"
    headers = {**world.as_role(Role.PLANNER), "If-Match": "*"}

    saved = world.client.post(
        f"{base}/{world.a.scenario}/versions", json={"content": text}, headers=headers
    )
    created = world.client.post(
        base, json={"name": "new", "content": text}, headers=headers
    )

    for response in (saved, created):
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
    listed = world.client.get(base, headers=headers).json()
    assert [item["name"] for item in listed["items"]] == ["base"]


@pytest.mark.parametrize(
    ("who", "program", "status"),
    [("viewer", "a", 403), ("planner", "b", 404), ("planner", "missing", 404)],
)
def test_scenario_text_is_refused_before_parsing_unless_the_caller_may_save(
    world: World, who: str, program: str, status: int
) -> None:
    program_id = {"a": world.a.program, "b": world.b.program, "missing": 999_999}
    base = f"/api/v1/programs/{program_id[program]}/scenarios"
    headers = {**world.as_role(Role(who)), "If-Match": "*"}
    # Invalid YAML: a parser that ran first would answer 422.
    text = "a: " + "[" * 3000

    responses = [
        world.client.post(
            f"{base}/{world.a.scenario}/versions",
            json={"content": text},
            headers=headers,
        ),
        world.client.post(base, json={"name": "x", "content": text}, headers=headers),
        world.client.post(
            f"{base}/{world.a.scenario}/versions/upload",
            files={"file": ("s.yaml", text.encode())},
            headers=headers,
        ),
    ]

    assert [r.status_code for r in responses] == [status] * 3


def test_a_scenario_that_takes_too_long_to_read_is_stopped_with_a_422(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_limits, "PARSE_LIMIT_S", 0.2)
    # 3 MB of small list items: seconds of work for the line-keeping YAML parser.
    text = "items:\n" + "  - {a: 1, b: [x, y]}\n" * 140_000

    response = world.client.post(
        f"/api/v1/programs/{world.a.program}/scenarios/{world.a.scenario}/versions/upload",
        files={"file": ("slow.yaml", text.encode())},
        headers={**world.as_role(Role.PLANNER), "If-Match": "*"},
    )

    assert response.status_code == 422
    assert "took longer than" in response.json()["detail"]
