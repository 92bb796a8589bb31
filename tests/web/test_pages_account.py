"""The first administrator's set-up on an empty database, sign-in and sign-out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from surgeplan.service.app import create_app
from surgeplan.service.settings import Settings
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade
from surgeplan.web.session import PRE_SESSION_COOKIE, SESSION_COOKIE

PASSWORD = "correct horse battery"


def _empty_service(folder: Path, address: str) -> TestClient:
    url = f"sqlite:///{folder / 'surgeplan.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    settings = Settings(
        db=url,
        start_jobs=False,
        fast_password_hashing=True,
        audit_key_file=folder / "audit.key",
        checkpoint_file=folder / "audit.checkpoints",
    )
    app = create_app(settings, Database(make_engine(url)))
    return TestClient(app, client=(address, 50000))


@pytest.fixture
def local(tmp_path: Path) -> Iterator[TestClient]:
    with _empty_service(tmp_path, "127.0.0.1") as client:
        yield client


def _form_token(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/signin").text)
    assert found
    return found.group(1)


def test_an_empty_database_offers_the_first_account_to_the_servers_own_machine(
    local: TestClient,
) -> None:
    page = local.get("/signin")
    assert "Create the first account" in page.text
    token = _form_token(local)
    response = local.post(
        "/setup",
        data={
            "username": "ada",
            "password": PASSWORD,
            "repeat": PASSWORD,
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert SESSION_COOKIE in response.cookies
    home = local.get("/")
    assert "New program" in home.text  # the first account is a superadmin
    # Once an account exists the set-up is closed.
    local.cookies.clear()
    assert "Sign in" in local.get("/signin").text
    again = local.post(
        "/setup",
        data={
            "username": "mallory",
            "password": PASSWORD,
            "repeat": PASSWORD,
            "csrf_token": _form_token(local),
        },
    )
    assert again.status_code == 403


def test_a_remote_browser_cannot_claim_an_empty_database(tmp_path: Path) -> None:
    with _empty_service(tmp_path, "203.0.113.9") as remote:
        assert "surgeplan user add NAME --superadmin" in remote.get("/signin").text
        response = remote.post(
            "/setup",
            data={
                "username": "mallory",
                "password": PASSWORD,
                "repeat": PASSWORD,
                # No form is offered; the double-submit cookie's token is valid.
                "csrf_token": remote.cookies[PRE_SESSION_COOKIE],
            },
        )
        assert response.status_code == 403
        assert SESSION_COOKIE not in response.cookies


def test_a_wrong_password_is_said_in_the_form_and_sign_out_ends_the_session(
    local: TestClient,
) -> None:
    local.post(
        "/setup",
        data={
            "username": "ada",
            "password": PASSWORD,
            "repeat": PASSWORD,
            "csrf_token": _form_token(local),
        },
    )
    session_token = local.cookies[SESSION_COOKIE]
    found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', local.get("/").text)
    assert found
    local.post("/signout", data={"csrf_token": found.group(1)})
    local.cookies.clear()
    local.cookies.set(SESSION_COOKIE, session_token)
    assert local.get("/", follow_redirects=False).status_code == 303
    local.cookies.clear()
    wrong = local.post(
        "/signin",
        data={
            "username": "ada",
            "password": "x" * 12,
            "csrf_token": _form_token(local),
        },
    )
    assert wrong.status_code == 401
    assert "user name or password is wrong" in wrong.text
