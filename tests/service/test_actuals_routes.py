"""Actuals uploads: checked against a scenario, numbered, audited, need-to-know."""

from world import MINIMAL

from surgeplan.store.roles import Role

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


def actuals_path(world, program: str = "a") -> str:
    ids = world.a if program == "a" else world.b
    return f"/api/v1/programs/{ids.program}/actuals"


def upload(world, actuals, role=Role.PLANNER):
    return world.client.post(
        actuals_path(world),
        json={
            "scenario_id": world.a.scenario,
            "scenario_version": 1,
            "message": "weeks 1-2",
            "actuals": actuals,
        },
        headers=world.as_role(role),
    )


def test_a_planner_uploads_versions_that_members_can_read(world):
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


def test_actuals_that_contradict_the_scenario_are_a_located_422(world):
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


def test_a_viewer_may_not_upload_and_a_non_member_sees_nothing(world):
    refused = upload(world, BODY, role=Role.VIEWER)
    upload(world, BODY)

    outsider = world.client.get(
        actuals_path(world) + "/1", headers=world.as_role(Role.PLANNER, "b")
    )

    assert refused.status_code == 403
    assert outsider.status_code == 404


def test_an_upload_is_in_the_audit_trail(world):
    upload(world, BODY)

    trail = world.client.get(
        f"/api/v1/programs/{world.a.program}/audit",
        headers=world.as_role(Role.AUDITOR),
    )

    assert trail.status_code == 200
    assert "actuals.upload" in trail.text
