"""Actuals uploads: checked against a scenario, numbered, audited, need-to-know."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from world import MINIMAL, World

import surgeplan
from surgeplan.scenario.loading import parse_scenario_text
from surgeplan.store.roles import Role
from surgeplan.store.tables import RunResultRow, RunRow, ScenarioVersionRow

BODY = {
    "format": "surgeplan-actuals/1",
    "program": "Minimal surge",
    "start_date": "2027-01-04",
    "through_week": 2,
    "completions": [
        {"week": 1, "item": "widget", "site": "plant", "units": 3},
        {"week": 2, "item": "widget", "site": "plant", "units": 4},
    ],
    "deliveries": [
        {"week": 2, "item": "widget", "delivery_point": "customer", "units": 3}
    ],
}


def actuals_path(world: World, program: str = "a") -> str:
    ids = world.a if program == "a" else world.b
    return f"/api/v1/programs/{ids.program}/actuals"


def upload(
    world: World, actuals: dict[str, Any], role: Role = Role.PLANNER
) -> httpx.Response:
    response: httpx.Response = world.client.post(
        actuals_path(world),
        json={
            "scenario_id": world.a.scenario,
            "scenario_version": 1,
            "message": "weeks 1-2",
            "actuals": actuals,
        },
        headers=world.as_role(role),
    )
    return response


def test_a_planner_uploads_versions_that_members_can_read(world: World) -> None:
    first = upload(world, BODY)
    second = upload(world, {**BODY, "through_week": 3})

    listed = world.client.get(actuals_path(world), headers=world.as_role(Role.VIEWER))
    read = world.client.get(
        actuals_path(world) + "/1", headers=world.as_role(Role.VIEWER)
    )

    assert (first.status_code, second.status_code) == (201, 201)
    assert [item["number"] for item in listed.json()["items"]] == [2, 1]
    assert read.json()["actuals"]["completions"][1]["units"] == 4
    assert read.json()["through_week"] == 2
    assert MINIMAL  # the world's scenario is the minimal example


def test_actuals_that_contradict_the_scenario_are_a_located_422(world: World) -> None:
    broken = {
        **BODY,
        "completions": [{"week": 1, "item": "gadget", "site": "plant", "units": 3}],
    }

    answer = upload(world, broken)

    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    errors = answer.json()["errors"]
    assert any(
        "completions[0]" in error["location"] and "no item 'gadget'" in error["message"]
        for error in errors
    )


def test_a_viewer_may_not_upload_and_a_non_member_sees_nothing(world: World) -> None:
    refused = upload(world, BODY, role=Role.VIEWER)
    upload(world, BODY)

    outsider = world.client.get(
        actuals_path(world) + "/1", headers=world.as_role(Role.PLANNER, "b")
    )

    assert refused.status_code == 403
    assert outsider.status_code == 404


def test_an_upload_is_in_the_audit_trail(world: World) -> None:
    upload(world, BODY)

    trail = world.client.get(
        f"/api/v1/programs/{world.a.program}/audit",
        headers=world.as_role(Role.AUDITOR),
    )

    assert trail.status_code == 200
    assert "actuals.upload" in trail.text


def add_plan_run(world: World, plan_json: str) -> int:
    with world.database.write() as session:
        version_id = session.execute(
            select(ScenarioVersionRow.id).where(
                ScenarioVersionRow.scenario_id == world.a.scenario
            )
        ).scalar_one()
        run = RunRow(
            program_id=world.a.program,
            version_id=version_id,
            kind="plan",
            parameters={},
            state="done",
            created_by=world.a.user_by_role[Role.PLANNER],
            created_at=world.clock(),
            attempts=1,
            cancel_requested=False,
            progress="done",
            stdout_tail="",
            stderr_tail="",
            exit_code=0,
        )
        session.add(run)
        session.flush()
        session.add(
            RunResultRow(
                program_id=world.a.program,
                run_id=run.id,
                name="plan.json",
                content=plan_json,
            )
        )
        return run.id


@pytest.mark.slow
def test_the_status_of_a_plan_run_against_uploaded_actuals(world: World) -> None:
    plan = surgeplan.plan(parse_scenario_text(MINIMAL))
    run_id = add_plan_run(world, plan.to_json())
    upload(world, BODY)

    answer = world.client.post(
        actuals_path(world) + "/1/status",
        json={"plan_run_id": run_id, "runs": 200},
        headers=world.as_role(Role.PLANNER),
    )

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["format"] == "surgeplan-status/1"
    assert body["through_week"] == 2
    assert [row["milestone"] for row in body["forecast"]] == [
        m.id for m in parse_scenario_text(MINIMAL).milestones_in_order()
    ]


def test_the_status_of_a_run_without_a_readable_plan_is_a_422(world: World) -> None:
    upload(world, BODY)

    answer = world.client.post(
        actuals_path(world) + "/1/status",
        json={"plan_run_id": world.a.run},
        headers=world.as_role(Role.PLANNER),
    )

    assert answer.status_code == 422
    assert "plan the scenario again" in answer.json()["detail"]
