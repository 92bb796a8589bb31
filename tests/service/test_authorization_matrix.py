"""Every route x 4 roles x member / non-member against the expected table."""

from __future__ import annotations

import json
from dataclasses import dataclass

from world import MINIMAL, ROLES, TOTAL_COST_KEUR, ProgramIds, World

from surgeplan.store.roles import Role

V, AU, P, AD = ROLES
ALL_OK = 200


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    member_status: dict[Role, int]
    json: dict[str, object] | None = None
    files: bool = False
    has_object_ids: bool = True
    # User ids: whoever may not manage members gets 403 for every id, member or not.
    ids_are_users: bool = False


def statuses(viewer: int, auditor: int, planner: int, admin: int) -> dict[Role, int]:
    return {V: viewer, AU: auditor, P: planner, AD: admin}


EVERYONE = statuses(200, 200, 200, 200)
S = "/programs/{program}/scenarios/{scenario}"
R = "/programs/{program}/runs/{run}"
# Order matters: the admin's changes (removing the spare member) come last.
ROUTES = (
    Route("GET", "/programs/{program}", EVERYONE, has_object_ids=False),
    Route(
        "PATCH",
        "/programs/{program}",
        statuses(403, 403, 403, 200),
        json={"description": "x"},
        has_object_ids=False,
    ),
    Route(
        "GET",
        "/programs/{program}/members",
        statuses(403, 200, 200, 200),
        has_object_ids=False,
    ),
    Route(
        "POST",
        "/programs/{program}/members",
        statuses(403, 403, 403, 201),
        json={"username": "bravo-spare", "role": "viewer"},
        has_object_ids=False,
    ),
    Route(
        "PUT",
        "/programs/{program}/members/{spare}",
        statuses(403, 403, 403, 200),
        json={"role": "auditor"},
        ids_are_users=True,
    ),
    # Who may not manage members cannot tell a member's id from anyone else's.
    Route(
        "PUT",
        "/programs/{program}/members/999999",
        statuses(403, 403, 403, 404),
        json={"role": "auditor"},
        has_object_ids=False,
    ),
    Route(
        "DELETE",
        "/programs/{program}/members/999999",
        statuses(403, 403, 403, 404),
        has_object_ids=False,
    ),
    Route(
        "DELETE",
        "/programs/{program}/members/{spare}",
        statuses(403, 403, 403, 204),
        ids_are_users=True,
    ),
    Route("GET", "/programs/{program}/api-tokens", EVERYONE, has_object_ids=False),
    Route(
        "POST",
        "/programs/{program}/api-tokens",
        statuses(201, 201, 201, 201),
        json={"name": "script", "role": "viewer"},
        has_object_ids=False,
    ),
    Route(
        "DELETE",
        "/programs/{program}/api-tokens/{my_token}",
        statuses(204, 204, 204, 204),
    ),
    Route("GET", "/programs/{program}/scenarios", EVERYONE, has_object_ids=False),
    Route(
        "POST",
        "/programs/{program}/scenarios",
        statuses(403, 403, 201, 201),
        json={"name": "variant"},
        has_object_ids=False,
    ),
    Route("GET", S, EVERYONE),
    Route("PATCH", S, statuses(403, 403, 200, 200), json={"description": "x"}),
    Route("GET", S + "/versions", EVERYONE),
    Route(
        "POST", S + "/versions", statuses(403, 403, 201, 201), json={"content": MINIMAL}
    ),
    Route("POST", S + "/versions/upload", statuses(403, 403, 201, 201), files=True),
    Route("GET", S + "/versions/1", EVERYONE),
    Route("GET", S + "/versions/1/download", EVERYONE),
    Route("GET", S + "/diff?from=1&to=1", EVERYONE),
    Route("GET", "/programs/{program}/runs", EVERYONE, has_object_ids=False),
    Route(
        "POST",
        "/programs/{program}/runs",
        statuses(403, 403, 201, 201),
        json={"kind": "validate", "scenario_id": "{scenario}"},
    ),
    Route("GET", R, EVERYONE),
    Route("POST", R + "/cancel", statuses(403, 403, 200, 200)),
    Route("GET", R + "/results", EVERYONE),
    Route("GET", R + "/tables", EVERYONE),
    Route("GET", R + "/tables/plan.production.csv", EVERYONE),
    Route("GET", R + "/tables/plan.costs.csv", statuses(403, 200, 200, 200)),
    Route("GET", R + "/artifacts", EVERYONE),
    Route("GET", R + "/artifacts/{artifact}", statuses(403, 200, 200, 200)),
    Route(
        "GET",
        "/programs/{program}/runs/{run}/artifacts/999999",
        statuses(403, 404, 404, 404),
        has_object_ids=False,
    ),
    Route("GET", R + "/log", statuses(403, 403, 403, 200)),
    Route(
        "GET",
        "/programs/{program}/audit",
        statuses(403, 200, 403, 200),
        has_object_ids=False,
    ),
    Route(
        "GET",
        "/programs/{program}/audit.csv",
        statuses(403, 200, 403, 200),
        has_object_ids=False,
    ),
)


def fill(text: str, program: ProgramIds, objects: ProgramIds, role: Role) -> str:
    return text.format(
        program=program.program,
        scenario=objects.scenario,
        run=objects.run,
        artifact=objects.artifact,
        spare=objects.spare_user,
        my_token=objects.token_id_by_role[role],
    )


def call(
    world: World,
    route: Route,
    token: str,
    program: ProgramIds,
    objects: ProgramIds,
    role: Role,
) -> int:
    body = None
    if route.json is not None:
        body = {
            k: (
                int(fill(v, program, objects, role))
                if isinstance(v, str) and v.startswith("{")
                else v
            )
            for k, v in route.json.items()
        }
    files = {"file": ("s.yaml", MINIMAL.encode())} if route.files else None
    response = world.client.request(
        route.method,
        "/api/v1" + fill(route.path, program, objects, role),
        json=body,
        files=files,
        headers=world.headers(token, **{"If-Match": "*"}),
    )
    # Starlette types TestClient against the httpx2 package, so responses are Any.
    return int(response.status_code)


def test_every_route_answers_every_role_as_the_table_says(world: World) -> None:
    mismatches = []
    for route in ROUTES:
        for role in ROLES:
            # A member of B with the same role reaches into A: never told it exists.
            status = call(
                world, route, world.b.access_by_role[role], world.a, world.a, role
            )
            if status != 404:
                mismatches.append(
                    (route.method, route.path, role, "non-member", status)
                )
        for role in ROLES:
            status = call(
                world, route, world.a.access_by_role[role], world.a, world.a, role
            )
            if status != route.member_status[role]:
                mismatches.append((route.method, route.path, role, "member", status))
    assert mismatches == []


def test_program_b_objects_through_program_a_are_not_found(world: World) -> None:
    mismatches = []
    for route in ROUTES:
        if not route.has_object_ids:
            continue
        for role in ROLES:
            status = call(
                world, route, world.a.access_by_role[role], world.a, world.b, role
            )
            expected = 403 if route.ids_are_users and role != AD else 404
            if status != expected:
                mismatches.append((route.method, route.path, role, status))
    assert mismatches == []


def test_every_route_needs_a_token(world: World) -> None:
    for route in ROUTES:
        response = world.client.request(
            route.method, "/api/v1" + fill(route.path, world.a, world.a, V)
        )
        assert response.status_code == 401, route.path
        assert response.headers["content-type"] == "application/problem+json"


def test_every_route_refuses_an_unknown_token(world: World) -> None:
    # Reads check their token only when the route first touches the caller: a read
    # route that never did would answer anyone. This catches it.
    unknown = world.headers("unknown-token-" + "x" * 30)
    for route in ROUTES:
        response = world.client.request(
            route.method,
            "/api/v1" + fill(route.path, world.a, world.a, V),
            headers=unknown,
        )
        assert response.status_code == 401, (route.method, route.path)


def test_an_api_token_reaches_only_its_program_with_its_narrower_role(
    world: World,
) -> None:
    token = world.a.api_token_by_role[AD]
    own = world.client.get(
        f"/api/v1/programs/{world.a.program}/members", headers=world.headers(token)
    )
    other = world.client.get(
        f"/api/v1/programs/{world.b.program}", headers=world.headers(token)
    )
    assert (own.status_code, other.status_code) == (403, 404)


def test_viewers_never_see_cost_fields(world: World) -> None:
    viewer, planner = world.as_role(V), world.as_role(P)
    path = f"/api/v1/programs/{world.a.program}/runs/{world.a.run}/results"
    seen = world.client.get(path, headers=viewer).json()
    full = world.client.get(path, headers=planner).json()
    plan = seen["results"]["plan.json"]
    assert plan["solver"] == {"status": "optimal", "variables": 7661}
    assert plan["bottlenecks"] == [{"resource": "press", "units_per_extra_hour": 0.5}]
    assert "summary" not in plan
    assert "scenario_hash" not in plan
    assert "costs" not in plan
    assert "unit_cost" not in plan["production"][0]
    assert str(TOTAL_COST_KEUR) not in json.dumps(seen)
    assert full["results"]["plan.json"]["solver"]["objective"] == TOTAL_COST_KEUR
    version = world.client.get(
        f"/api/v1/programs/{world.a.program}/scenarios/{world.a.scenario}/versions/1",
        headers=viewer,
    ).json()
    assert version["is_redacted"]
    assert "cost" not in version["content"]
    assert "_eur:" not in version["content"]


def test_a_superadmin_sees_only_programs_they_belong_to(world: World) -> None:
    root = world.headers(world.root_token)
    listed = world.client.get("/api/v1/programs", headers=root).json()
    assert {p["id"] for p in listed["items"]} == {world.a.program, world.b.program}
    planner = world.client.get("/api/v1/programs", headers=world.as_role(P)).json()
    assert [p["id"] for p in planner["items"]] == [world.a.program]
    refused = world.client.post(
        "/api/v1/programs", json={"name": "x"}, headers=world.as_role(AD)
    )
    assert refused.status_code == 403
