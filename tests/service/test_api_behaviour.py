import threading
from pathlib import Path

import pytest
from world import MINIMAL, World

from surgeplan.store.roles import Role


def scenario_path(world: World) -> str:
    return f"/api/v1/programs/{world.a.program}/scenarios/{world.a.scenario}"


def test_a_stale_if_match_is_refused_and_a_missing_one_required(world: World) -> None:
    headers = world.as_role(Role.PLANNER)
    etag = world.client.get(scenario_path(world), headers=headers).headers["ETag"]
    first = world.client.post(
        scenario_path(world) + "/versions",
        json={"content": MINIMAL},
        headers={**headers, "If-Match": etag},
    )
    stale = world.client.post(
        scenario_path(world) + "/versions",
        json={"content": MINIMAL},
        headers={**headers, "If-Match": etag},
    )
    missing = world.client.patch(
        scenario_path(world), json={"name": "x"}, headers=headers
    )
    assert (first.status_code, stale.status_code, missing.status_code) == (
        201,
        412,
        428,
    )
    assert stale.headers["content-type"] == "application/problem+json"
    assert stale.headers["ETag"] == first.headers["ETag"]


def test_two_planners_saving_at_once_lose_nothing(world: World) -> None:
    headers = world.as_role(Role.PLANNER)
    etag = world.client.get(scenario_path(world), headers=headers).headers["ETag"]
    statuses = []

    def save(text: str) -> None:
        response = world.client.post(
            scenario_path(world) + "/versions",
            json={"content": text},
            headers={**headers, "If-Match": etag},
        )
        statuses.append(response.status_code)

    threads = [
        threading.Thread(target=save, args=(MINIMAL + f"# {i}\n",)) for i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 412, 412, 412]
    versions = world.client.get(
        scenario_path(world) + "/versions", headers=headers
    ).json()
    assert versions["total"] == 2


def test_versions_carry_their_hash_and_diff_names_changed_paths(world: World) -> None:
    headers = world.as_role(Role.PLANNER)
    etag = world.client.get(scenario_path(world), headers=headers).headers["ETag"]
    changed = MINIMAL.replace("stations: 2", "stations: 3")
    saved = world.client.post(
        scenario_path(world) + "/versions",
        json={"content": changed},
        headers={**headers, "If-Match": etag},
    ).json()
    import hashlib

    assert saved["sha256"] == hashlib.sha256(changed.encode()).hexdigest()
    diff = world.client.get(scenario_path(world) + "/diff?from=1&to=2", headers=headers)
    assert diff.json()["changed_paths"] == ["sites[0].work_centers[0].stations"]
    assert "+        stations: 3" in diff.json()["unified_diff"]
    download = world.client.get(
        scenario_path(world) + "/versions/2/download", headers=headers
    )
    assert download.content == changed.encode()


def test_an_invalid_scenario_is_a_problem_with_located_issues(world: World) -> None:
    headers = {**world.as_role(Role.PLANNER), "If-Match": "*"}
    response = world.client.post(
        scenario_path(world) + "/versions",
        json={"content": "format: surgeplan/2\nsites: 3\n"},
        headers=headers,
    )
    body = response.json()
    assert response.status_code == 422
    assert body["type"] == "urn:surgeplan:problem:invalid-scenario"
    assert body["errors"]
    assert all("message" in issue for issue in body["errors"])


def test_lists_are_paginated_with_a_maximum(world: World) -> None:
    headers = world.as_role(Role.AUDITOR)
    path = f"/api/v1/programs/{world.a.program}/audit"
    page = world.client.get(path + "?limit=2&offset=1", headers=headers).json()
    assert (page["limit"], page["offset"], len(page["items"])) == (2, 1, 2)
    assert page["next_offset"] == 3
    assert world.client.get(path + "?limit=1000", headers=headers).status_code == 422


def test_security_headers_are_on_every_response(world: World) -> None:
    for response in (
        world.client.get("/api/v1/health"),
        world.client.get("/api/v1/me"),
        world.client.get("/nowhere"),
    ):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Cache-Control"] == "no-store"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "Strict-Transport-Security" not in response.headers
        assert "access-control-allow-origin" not in response.headers


def test_hsts_is_sent_over_https(world: World) -> None:
    from fastapi.testclient import TestClient

    with TestClient(world.app, base_url="https://testserver") as client:
        response = client.get("/api/v1/health")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_docs_exist_only_when_asked(tmp_path: Path, database_url: str) -> None:
    from fastapi.testclient import TestClient

    from surgeplan.service.app import create_app
    from surgeplan.service.settings import Settings

    app = create_app(
        Settings(
            db=database_url,
            start_jobs=False,
            audit_key_file=tmp_path / "audit.key",
            checkpoint_file=tmp_path / "audit.checkpoints",
        )
    )
    with TestClient(app) as client:
        assert client.get("/openapi.json").status_code == 404
        assert client.get("/docs").status_code == 404


def test_an_unexpected_error_is_a_bare_500_with_a_correlation_id(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from surgeplan.store import scenarios

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("SELECT secret FROM somewhere; Traceback")

    monkeypatch.setattr(scenarios.ScenarioRepository, "page", explode)
    response = world.client.get(
        f"/api/v1/programs/{world.a.program}/scenarios",
        headers=world.as_role(Role.VIEWER),
    )
    body = response.json()
    assert response.status_code == 500
    assert body["request_id"] in body["detail"]
    assert "SELECT" not in response.text
    assert "Traceback" not in response.text


def test_csv_export_never_starts_a_cell_with_a_formula(world: World) -> None:
    from surgeplan.service.csv_export import csv_text

    text = csv_text(["a"], [['=HYPERLINK("x")'], ["+1"], ["-2"], ["@SUM(A1)"], ["ok"]])
    cells = [line.strip('"') for line in text.splitlines()[1:]]
    assert cells == ['\'=HYPERLINK(""x"")', "'+1", "'-2", "'@SUM(A1)", "ok"]
    response = world.client.get(
        f"/api/v1/programs/{world.a.program}/audit.csv",
        headers=world.as_role(Role.AUDITOR),
    )
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.startswith('"seq","at"')


@pytest.mark.parametrize(
    "name",
    [
        "   ",
        "invoice\u202egnp.exe",
        "ad\u200bmin",
        "\ufeffplan",
        "a\u2066b\u2069",
        "soft\u00adhyphen",
    ],
)
def test_names_that_display_as_something_else_are_refused(
    world: World, name: str
) -> None:
    created = world.client.post(
        f"/api/v1/programs/{world.a.program}/scenarios",
        json={"name": name},
        headers=world.as_role(Role.PLANNER),
    )
    assert created.status_code == 422
    assert created.headers["content-type"] == "application/problem+json"


def test_a_request_with_100_kb_of_headers_is_refused_before_any_handler(
    world: World,
) -> None:
    response = world.client.get(
        "/api/v1/me", headers={**world.as_role(Role.VIEWER), "X-Padding": "a" * 100_000}
    )
    assert response.status_code == 431
    assert response.headers["content-type"] == "application/problem+json"
