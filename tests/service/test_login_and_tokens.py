from world import PASSWORD

from surgeplan.store.throttle import FREE_FAILURES
from surgeplan.store.users import set_disabled

LOGIN = "/api/v1/auth/login"


def login(world, username, password=PASSWORD):
    return world.client.post(LOGIN, json={"username": username, "password": password})


def test_login_gives_a_short_lived_token_and_a_refresh_token(world):
    response = login(world, "alpha-planner")
    assert response.status_code == 200
    body = response.json()
    assert body["expires_in"] == 15 * 60
    me = world.client.get("/api/v1/me", headers=world.headers(body["access_token"]))
    assert me.json()["username"] == "alpha-planner"


def test_an_expired_access_token_is_refused_and_refresh_renews_it(world):
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


def test_logout_revokes_the_session(world):
    body = login(world, "alpha-viewer").json()
    headers = world.headers(body["access_token"])
    assert world.client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert world.client.get("/api/v1/me", headers=headers).status_code == 401
    refreshed = world.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": body["refresh_token"]}
    )
    assert refreshed.status_code == 401


def test_a_disabled_user_is_refused_at_once(world):
    headers = world.headers(login(world, "alpha-viewer").json()["access_token"])
    with world.database.write() as session:
        set_disabled(session, "alpha-viewer", disabled=True, now=world.clock())
    assert world.client.get("/api/v1/me", headers=headers).status_code == 401
    assert login(world, "alpha-viewer").status_code == 401


def test_repeated_failures_lock_the_account_with_retry_after(world):
    for _ in range(FREE_FAILURES):
        assert login(world, "alpha-admin", "wrong password!").status_code == 401
    locked = login(world, "alpha-admin")
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) >= 1
    world.clock.advance(seconds=int(locked.headers["Retry-After"]))
    assert login(world, "alpha-admin").status_code == 200


def test_unknown_and_known_users_fail_alike(world):
    unknown = login(world, "nobody-here", "whatever password")
    known = login(world, "alpha-admin", "whatever password")
    assert unknown.status_code == known.status_code == 401
    assert unknown.json()["detail"] == known.json()["detail"]


def test_logins_and_failures_are_audited(world):
    login(world, "alpha-admin", "wrong password!")
    login(world, "alpha-admin")
    audit = world.client.get(
        f"/api/v1/programs/{world.a.program}/audit?action=auth.login&limit=200",
        headers=world.as_role("admin"),
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
