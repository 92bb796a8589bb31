"""Actuals uploaded as a file: the workbook or .json, located errors, same checks."""

from __future__ import annotations

import io
import json

import openpyxl
from httpx import Response
from test_actuals_routes import BODY, actuals_path
from world import World

from surgeplan.store.roles import Role


def workbook(completions: list[list[object]]) -> bytes:
    """An actuals workbook for the minimal scenario with these completion rows."""
    book = openpyxl.Workbook()
    about = book.worksheets[0]
    about.title = "about"
    about.append(["key", "value"])
    for key in ("format", "program", "start_date", "through_week"):
        about.append([key, str(BODY[key])])
    sheet = book.create_sheet("completions")
    sheet.append(["week", "item", "site", "units"])
    for row in completions:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def send(
    world: World,
    name: str,
    data: bytes,
    role: Role = Role.PLANNER,
    program: str = "a",
) -> Response:
    ids = world.a if program == "a" else world.b
    response: Response = world.client.post(
        actuals_path(world, program) + "/upload",
        data={
            "scenario_id": str(ids.scenario),
            "scenario_version": "1",
            "message": "from the plant",
        },
        files={"file": (name, data)},
        headers=world.as_role(role, program),
    )
    return response


def test_a_workbook_of_actuals_is_saved_as_the_next_version(world: World) -> None:
    answer = send(world, "week-2.xlsx", workbook([[1, "widget", "plant", 3]]))

    assert answer.status_code == 201, answer.text
    assert answer.json()["number"] == 1
    assert answer.json()["through_week"] == BODY["through_week"]
    read = world.client.get(
        actuals_path(world) + "/1", headers=world.as_role(Role.VIEWER)
    ).json()
    assert read["actuals"]["completions"][0]["units"] == 3


def test_a_json_file_of_actuals_is_read_like_the_json_body(world: World) -> None:
    answer = send(world, "actuals.json", json.dumps(BODY).encode())

    assert answer.status_code == 201, answer.text
    assert answer.json()["through_week"] == 2


def test_a_workbook_naming_an_unknown_item_is_refused_by_sheet_row_and_column(
    world: World,
) -> None:
    answer = send(
        world,
        "week-2.xlsx",
        workbook([[1, "widget", "plant", 3], [2, "gadget", "plant", 4]]),
    )

    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    (error,) = [e for e in answer.json()["errors"] if "gadget" in e["message"]]
    assert (error["sheet"], error["row"], error["column"]) == (
        "completions",
        3,
        "item",
    )
    listed = world.client.get(actuals_path(world), headers=world.as_role(Role.PLANNER))
    assert listed.json()["total"] == 0


def test_a_file_that_is_no_workbook_is_a_422_not_a_crash(world: World) -> None:
    answer = send(world, "actuals.xlsx", b"PK\x03\x04 not really a zip")

    assert answer.status_code == 422
    assert answer.json()["title"] == "Invalid actuals"


def test_a_file_of_another_kind_is_refused_by_name(world: World) -> None:
    answer = send(world, "actuals.csv", b"week,item\n")

    assert answer.status_code == 422
    assert ".xlsx" in answer.json()["detail"]


def test_a_viewer_may_not_upload_a_file_and_an_outsider_sees_no_program(
    world: World,
) -> None:
    viewer = send(world, "a.json", json.dumps(BODY).encode(), role=Role.VIEWER)
    outsider = world.client.post(
        actuals_path(world) + "/upload",
        data={"scenario_id": str(world.a.scenario), "scenario_version": "1"},
        files={"file": ("a.json", json.dumps(BODY).encode())},
        headers=world.as_role(Role.PLANNER, "b"),
    )

    assert viewer.status_code == 403
    assert outsider.status_code == 404
