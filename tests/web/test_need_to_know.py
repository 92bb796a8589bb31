"""Every dashboard page and fragment, requested as each role and as an outsider.

The seeded world of the service tests (tests/service/world.py): programs Alpha and
Bravo, one member per role in each, a finished plan run whose results hide cost
figures behind innocent names. Each page must answer as the API answers the same
resource (404 for what the caller may not know of, 403 for a role that does not
allow it), never show a viewer a cost figure, and never show an outsider the
program's name. State-changing requests without the session's CSRF token change
nothing.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import openpyxl
import pytest
from execution_world import HIDDEN_HASH, ExecutionIds, seed_execution
from fastapi.testclient import TestClient
from httpx import Response
from world import World, build_world

from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade
from surgeplan.store.roles import Role
from surgeplan.store.tables import RunArtifactRow
from surgeplan.web.session import SESSION_COOKIE

# Figures of the seeded results a viewer must never get, in any spelling (and the
# digest of a plan whose costs they do not see).
COST_MARKERS = (
    "266050",
    "266,050",
    "1200000",
    "1,200,000",
    "unit_cost_eur",
    "812",
    HIDDEN_HASH[:16],
)
OUTSIDER = "outsider"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The seeded service on a fresh SQLite database (one per module)."""
    folder = tmp_path_factory.mktemp("need-to-know")
    url = f"sqlite:///{folder / 'surgeplan.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    built = build_world(url, folder)
    with built.client:
        built.execution = seed_execution(built)  # type: ignore[attr-defined]
        yield built
    built.database.dispose()


def pages(world: World) -> dict[str, str]:
    """Each page and fragment of program Alpha, by the API path of its resource."""
    a = world.a
    program = f"/programs/{a.program}"
    scenario = f"{program}/scenarios/{a.scenario}"
    run = f"{program}/runs/{a.run}"
    execution: ExecutionIds = world.execution  # type: ignore[attr-defined]
    status = f"{program}/runs/{execution.status_run}"
    replan = f"{program}/runs/{execution.replan_run}"
    return {
        f"{program}/actuals": f"{program}/actuals",
        status: status,
        f"{status}/tables/status.exceptions.csv": (
            f"{status}/tables/status.exceptions.csv"
        ),
        f"{status}/tables/status.forecast.xlsx": (
            f"{status}/tables/status.forecast.csv"
        ),
        replan: replan,
        f"{replan}/tables/plan-diff.changes.csv": (
            f"{replan}/tables/plan-diff.changes.csv"
        ),
        f"{replan}/tables/plan.costs.csv": f"{replan}/tables/plan.costs.csv",
        program: program,
        f"{program}/scenarios": f"{program}/scenarios",
        scenario: scenario,
        f"{scenario}/versions/1": f"{scenario}/versions/1",
        f"{scenario}/versions/1/download": f"{scenario}/versions/1/download",
        f"{scenario}/versions/1/download?format=xlsx": (
            f"{scenario}/versions/1/download?format=xlsx"
        ),
        f"{scenario}/diff?from=1&to=1": f"{scenario}/diff?from=1&to=1",
        f"{program}/runs": f"{program}/runs",
        run: run,
        f"{run}/status": run,
        f"{run}/tables/plan.production.csv": f"{run}/tables/plan.production.csv",
        f"{run}/tables/plan.costs.csv": f"{run}/tables/plan.costs.csv",
        f"{run}/tables/plan.production.xlsx": f"{run}/tables/plan.production.csv",
        f"{run}/tables/plan.costs.xlsx": f"{run}/tables/plan.costs.csv",
        f"{run}/files/{a.artifact}": f"{run}/artifacts/{a.artifact}",
        f"{run}/files/{a.artifact}?inline=true": f"{run}/artifacts/{a.artifact}",
        f"{program}/compare": f"{program}/runs",
        f"{program}/compare?first={a.run}&second={a.run}": f"{run}/results",
        f"{program}/members": f"{program}/members",
        f"{program}/audit": f"{program}/audit",
        f"{program}/audit.csv": f"{program}/audit.csv",
    }


def _shows(marker: str, body: str) -> bool:
    """Whether the body shows the marker; a figure only as a number of its own.

    Ids in URLs are random: '812' inside '/programs/1498818129' is not the cost.
    """
    if not marker.replace(",", "").isdigit():
        return marker in body
    return re.search(rf"(?<![0-9]){re.escape(marker)}(?![0-9])", body) is not None


def _text_of(response: Response) -> str:
    """The response as text; a workbook's cells joined (its bytes are zipped)."""
    if response.content[:2] != b"PK":
        return response.text
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return " ".join(
        str(cell)
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    )


def _browser(world: World, who: Role | str) -> TestClient:
    client = world.client
    client.cookies.clear()
    token = (
        world.b.access_by_role[Role.ADMIN]
        if who == OUTSIDER
        else world.a.access_by_role[Role(who)]
    )
    client.cookies.set(SESSION_COOKIE, token)
    return client


def _api_status(world: World, who: Role | str, api_path: str) -> int:
    token = (
        world.b.access_by_role[Role.ADMIN]
        if who == OUTSIDER
        else world.a.access_by_role[Role(who)]
    )
    world.client.cookies.clear()
    response = world.client.get("/api/v1" + api_path, headers=world.headers(token))
    # Starlette types TestClient against the httpx2 package, so responses are Any.
    return int(response.status_code)


@pytest.mark.parametrize("who", [*Role, OUTSIDER], ids=str)
def test_every_page_answers_each_caller_as_the_api_does_and_leaks_nothing(
    world: World, who: Role | str
) -> None:
    leaks: list[str] = []
    for page, api_path in pages(world).items():
        expected = _api_status(world, who, api_path)
        for is_htmx in (False, True):
            client = _browser(world, who)
            headers = {"HX-Request": "true"} if is_htmx else {}
            response = client.get(page, headers=headers, follow_redirects=False)
            if response.status_code != expected:
                leaks.append(
                    f"{page} htmx={is_htmx}: {response.status_code} != API {expected}"
                )
            body = _text_of(response)
            if who == OUTSIDER and "Alpha" in body:
                leaks.append(f"{page}: the outsider sees the program's name")
            if who == Role.VIEWER:
                leaks += [
                    f"{page}: a viewer sees {marker!r}"
                    for marker in COST_MARKERS
                    if _shows(marker, body)
                ]
    assert leaks == []


def test_an_outsider_finds_no_trace_of_the_program_on_the_programs_page(
    world: World,
) -> None:
    body = _browser(world, OUTSIDER).get("/").text
    assert "Bravo" in body
    assert "Alpha" not in body
    assert f"/programs/{world.a.program}" not in body


def test_without_a_session_every_page_sends_the_browser_to_sign_in(
    world: World,
) -> None:
    world.client.cookies.clear()
    for page in pages(world):
        response = world.client.get(page, follow_redirects=False)
        assert response.status_code == 303, page
        assert response.headers["location"] == "/signin"
        fragment = world.client.get(page, headers={"HX-Request": "true"})
        assert fragment.status_code == 401, page
        assert fragment.headers["HX-Redirect"] == "/signin"


def _csrf(client: TestClient, page: str) -> str:
    found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', client.get(page).text)
    assert found, page
    return found.group(1)


def test_forms_without_the_sessions_csrf_token_are_refused_and_change_nothing(
    world: World,
) -> None:
    client = _browser(world, Role.ADMIN)
    program = f"/programs/{world.a.program}"
    token = _csrf(client, program)
    posts = {
        f"{program}/scenarios": {"name": "sneaky"},
        f"{program}/members": {"username": "bravo-viewer", "role": "admin"},
        f"{program}/runs": {"kind": "plan", "scenario_id": str(world.a.scenario)},
        f"{program}/runs/{world.a.run}/cancel": {},
        f"{program}/actuals/upload": {"scenario": f"{world.a.scenario}:1"},
        f"{program}/audit/verify": {},
        "/programs": {"name": "sneaky program"},
        "/signout": {},
    }
    other_session = _csrf(_browser(world, Role.PLANNER), program)
    client = _browser(world, Role.ADMIN)
    for path, form in posts.items():
        for sent in ({}, {"csrf_token": "0" * 64}, {"csrf_token": other_session}):
            response = client.post(path, data={**form, **sent}, follow_redirects=False)
            assert response.status_code == 403, (path, sent)
            assert "security token" in response.text
    assert "sneaky" not in client.get(f"{program}/scenarios").text
    assert "bravo-viewer" not in client.get(f"{program}/members").text
    # The same form with the token goes through (the refusal was the token's).
    response = client.post(
        f"{program}/scenarios",
        data={"name": "with token", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    header = client.post(
        f"{program}/audit/verify",
        headers={"X-CSRF-Token": token, "HX-Request": "true"},
    )
    assert header.status_code == 200
    # This world writes no checkpoints, so the verdict names the missing file.
    assert "verdict" in header.text


def test_an_outsider_with_a_valid_token_cannot_change_the_program(
    world: World,
) -> None:
    client = _browser(world, OUTSIDER)
    token = _csrf(client, "/")
    response = client.post(
        f"/programs/{world.a.program}/scenarios",
        data={"name": "planted", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 404
    assert "Alpha" not in response.text


def test_the_sign_in_form_needs_its_own_token(world: World) -> None:
    world.client.cookies.clear()
    response = world.client.post(
        "/signin",
        data={"username": "alpha-admin", "password": "correct horse battery"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.cookies
    form = world.client.get("/signin").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert found
    response = world.client.post(
        "/signin",
        data={
            "username": "alpha-admin",
            "password": "correct horse battery",
            "csrf_token": found.group(1),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie.replace("Strict", "strict")


def test_static_assets_ship_in_the_package(world: World) -> None:
    for name in ("htmx.min.js", "plotly.min.js", "app.js", "app.css", "favicon.svg"):
        response = world.client.get(f"/static/{name}")
        assert response.status_code == 200, name
        assert len(response.content) > 100
    assert world.client.get("/static/../app.py").status_code == 404
    assert world.client.get("/static/nothing.js").status_code == 404


def test_pages_forbid_inline_scripts(world: World) -> None:
    page = _browser(world, Role.ADMIN).get(f"/programs/{world.a.program}")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in page.text


def test_a_report_opens_in_the_browser_sandboxed_and_never_for_a_viewer(
    world: World,
) -> None:
    with world.database.write() as session:
        report = RunArtifactRow(
            program_id=world.a.program,
            run_id=world.a.run,
            name="report.html",
            media_type="text/html",
            sha256="1" * 64,
            size=40,
            content=b"<html><script>alert(1)</script>report</html>",
        )
        session.add(report)
        session.flush()
        report_id = report.id
    path = f"/programs/{world.a.program}/runs/{world.a.run}/files/{report_id}"
    opened = _browser(world, Role.PLANNER).get(path + "?inline=true")
    assert opened.status_code == 200
    assert opened.headers["content-type"].startswith("text/html")
    assert opened.headers["content-security-policy"].startswith("sandbox;")
    assert "script-src" not in opened.headers["content-security-policy"]
    assert opened.headers["content-disposition"].startswith("inline")
    saved = _browser(world, Role.PLANNER).get(path)
    assert saved.headers["content-disposition"].startswith("attachment")
    assert _browser(world, Role.VIEWER).get(path + "?inline=true").status_code == 403


def test_a_viewer_sees_plan_against_actual_its_exceptions_and_the_replans_diff(
    world: World,
) -> None:
    execution: ExecutionIds = world.execution  # type: ignore[attr-defined]
    program = f"/programs/{world.a.program}"
    client = _browser(world, Role.VIEWER)

    home = client.get(program).text
    status = client.get(f"{program}/runs/{execution.status_run}").text
    replan = client.get(f"{program}/runs/{execution.replan_run}").text
    actuals = client.get(f"{program}/actuals").text

    assert "Plan vs actual at week 2: first-batch 5 units (1.5 weeks) behind" in home
    assert "assembly at plant bound in week 2" in status
    assert 'id="plot-plan_vs_actual"' in status
    assert 'id="plot-forecast_odds"' in status
    assert "42 %" in status
    assert "90 %" in status
    assert "widget delivered 3 of 8 planned" in replan
    assert "+5" in replan
    assert "Upload actuals" not in actuals  # a viewer reads, never uploads
    assert '<td class="num">a1</td>' in actuals


def test_actuals_uploads_and_status_runs_need_the_token_and_the_role(
    world: World,
) -> None:
    execution: ExecutionIds = world.execution  # type: ignore[attr-defined]
    program = f"/programs/{world.a.program}"
    upload = {"scenario": f"{world.a.scenario}:1"}
    files = {"file": ("week-2.json", b'{"format": "surgeplan-actuals/1"}')}
    status_run = {
        "kind": "status",
        "actuals_version": "1",
        "plan_run_id": str(execution.status_run),
    }
    planner = _browser(world, Role.PLANNER)
    refused = planner.post(
        f"{program}/actuals/upload", data=upload, files=files, follow_redirects=False
    )
    refused_run = planner.post(
        f"{program}/runs", data=status_run, follow_redirects=False
    )
    viewer = _browser(world, Role.VIEWER)
    token = _csrf(viewer, program)
    viewer_upload = viewer.post(
        f"{program}/actuals/upload",
        data={**upload, "csrf_token": token},
        files=files,
        follow_redirects=False,
    )

    assert refused.status_code == 403
    assert refused_run.status_code == 403
    assert viewer_upload.status_code == 403
    listed = world.client.get(
        f"/api/v1/programs/{world.a.program}/actuals",
        headers=world.as_role(Role.PLANNER),
    ).json()
    assert listed["total"] == 1


def test_a_broken_actuals_file_shows_its_located_errors_as_a_table(
    world: World,
) -> None:
    program = f"/programs/{world.a.program}"
    client = _browser(world, Role.PLANNER)
    token = _csrf(client, program)
    broken = {
        "format": "surgeplan-actuals/1",
        "program": "Minimal surge",
        "start_date": "2027-01-04",
        "through_week": 2,
        "completions": [{"week": 1, "item": "gadget", "site": "plant", "units": 3}],
    }

    response = client.post(
        f"{program}/actuals/upload",
        data={"scenario": f"{world.a.scenario}:1", "csrf_token": token},
        files={"file": ("week-2.json", json.dumps(broken).encode())},
        follow_redirects=False,
    )

    assert response.status_code == 422
    assert 'class="issues"' in response.text
    assert "gadget" in response.text
    assert "week-2.json" in response.text
