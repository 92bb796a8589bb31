import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import httpx
import pytest
from live_server import served
from world import PASSWORD, World

from surgeplan.service import login as login_module
from surgeplan.service.login import LoginDesk
from surgeplan.service.problems import ProblemError
from surgeplan.store.roles import Role
from surgeplan.store.throttle import FREE_FAILURES
from surgeplan.store.users import set_disabled

LOGIN = "/api/v1/auth/login"


T = TypeVar("T")


def login(world: World, username: str, password: str = PASSWORD) -> httpx.Response:
    response: httpx.Response = world.client.post(
        LOGIN, json={"username": username, "password": password}
    )
    return response


def test_login_gives_a_short_lived_token_and_a_refresh_token(world: World) -> None:
    response = login(world, "alpha-planner")
    assert response.status_code == 200
    body = response.json()
    assert body["expires_in"] == 15 * 60
    me = world.client.get("/api/v1/me", headers=world.headers(body["access_token"]))
    assert me.json()["username"] == "alpha-planner"


def test_an_expired_access_token_is_refused_and_refresh_renews_it(world: World) -> None:
    body = login(world, "alpha-planner").json()
    world.clock.advance(minutes=16)
    expired = world.client.get(
        "/api/v1/me", headers=world.headers(body["access_token"])
    )
    assert expired.status_code == 401
    renewed = world.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": body["refresh_token"]}
    )
    assert renewed.status_code == 200
    again = world.client.get(
        "/api/v1/me", headers=world.headers(renewed.json()["access_token"])
    )
    assert again.status_code == 200


def test_logout_revokes_the_session(world: World) -> None:
    body = login(world, "alpha-viewer").json()
    headers = world.headers(body["access_token"])
    assert world.client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert world.client.get("/api/v1/me", headers=headers).status_code == 401
    refreshed = world.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": body["refresh_token"]}
    )
    assert refreshed.status_code == 401


def test_a_disabled_user_is_refused_at_once(world: World) -> None:
    headers = world.headers(login(world, "alpha-viewer").json()["access_token"])
    with world.database.write() as session:
        set_disabled(session, "alpha-viewer", disabled=True, now=world.clock())
    assert world.client.get("/api/v1/me", headers=headers).status_code == 401
    assert login(world, "alpha-viewer").status_code == 401


def test_repeated_failures_lock_the_account_with_retry_after(world: World) -> None:
    for _ in range(FREE_FAILURES):
        assert login(world, "alpha-admin", "wrong password!").status_code == 401
    locked = login(world, "alpha-admin")
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) >= 1
    world.clock.advance(seconds=int(locked.headers["Retry-After"]))
    assert login(world, "alpha-admin").status_code == 200


def test_unknown_and_known_users_fail_alike(world: World) -> None:
    unknown = login(world, "nobody-here", "whatever password")
    known = login(world, "alpha-admin", "whatever password")
    assert unknown.status_code == known.status_code == 401
    assert unknown.json()["detail"] == known.json()["detail"]


def test_logins_and_failures_are_audited(world: World) -> None:
    login(world, "alpha-admin", "wrong password!")
    login(world, "alpha-admin")
    audit = world.client.get(
        f"/api/v1/programs/{world.a.program}/audit?action=auth.login&limit=200",
        headers=world.as_role(Role.ADMIN),
    )
    # Logins belong to no program; the program trail holds program events only.
    assert audit.status_code == 200
    from sqlalchemy import select

    from surgeplan.store.tables import AuditRow

    with world.database.read() as session:
        outcomes = (
            session.execute(
                select(AuditRow.outcome).where(AuditRow.action == "auth.login")
            )
            .scalars()
            .all()
        )
    assert outcomes == ["failed", "ok"]


def _parallel(count: int, request: Callable[[], T]) -> list[T]:
    start = threading.Barrier(count)

    def one(_: int) -> T:
        start.wait(timeout=20)
        return request()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_ten_concurrent_guesses_are_not_all_checked(world: World) -> None:
    guesses = 10
    with served(world.app) as base, httpx.Client(base_url=base) as client:
        statuses = _parallel(
            guesses,
            lambda: (
                client.post(
                    LOGIN, json={"username": "alpha-admin", "password": "wrong guess!"}
                ).status_code
            ),
        )
    assert statuses.count(401) <= FREE_FAILURES
    assert statuses.count(429) == guesses - statuses.count(401)


def test_concurrent_refreshes_with_one_token_renew_once_and_end_the_session(
    world: World,
) -> None:
    body = login(world, "alpha-planner").json()
    with served(world.app) as base, httpx.Client(base_url=base) as client:
        responses = _parallel(
            6,
            lambda: client.post(
                "/api/v1/auth/refresh", json={"refresh_token": body["refresh_token"]}
            ),
        )
        renewed = [r.json() for r in responses if r.status_code == 200]
        assert len(renewed) == 1
        me = client.get("/api/v1/me", headers=world.headers(renewed[0]["access_token"]))
    assert me.status_code == 401


def test_guesses_from_one_source_do_not_lock_the_account_out_elsewhere(
    world: World,
) -> None:
    desk = LoginDesk(world.app.state.service)
    refusals = []
    for _ in range(FREE_FAILURES + 2):
        try:
            desk.login("alpha-admin", "wrong password!", "203.0.113.66")
        except ProblemError as error:
            refusals.append(error.status)
    assert refusals[-1] == 429

    pair = desk.login("alpha-admin", PASSWORD, "198.51.100.7")

    assert pair.access_token


def test_a_login_beyond_the_hashing_slots_waits_then_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(login_module, "HASHING_WAIT_S", 0.1)
    slots = world.app.state.service.hashing_slots
    taken = 0
    while slots.acquire(blocking=False):
        taken += 1
    try:
        refused = login(world, "alpha-admin")
    finally:
        for _ in range(taken):
            slots.release()
    assert refused.status_code == 503
    assert login(world, "alpha-admin").status_code == 200
