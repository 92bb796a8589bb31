"""`serve` says where it listens and logs each request, never a token or a body."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from live_server import free_port
from world import World

from surgeplan.store.roles import Role


def test_each_request_leaves_one_access_line_with_the_user_id_and_no_token(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    token = world.a.access_by_role[Role.PLANNER]
    with caplog.at_level(logging.INFO, logger="surgeplan.access"):
        answer = world.client.get(
            f"/api/v1/programs/{world.a.program}?secret=query",
            headers=world.headers(token),
        )
        world.client.post(
            "/api/v1/auth/login",
            json={"username": "nobody", "password": "a secret password"},
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "surgeplan.access"]
    assert answer.status_code == 200
    user_id = world.a.user_by_role[Role.PLANNER]
    assert lines[0].startswith(f"GET /api/v1/programs/{world.a.program} 200 ")
    assert f" user {user_id} " in lines[0]
    assert answer.headers["x-request-id"] in lines[0]
    assert lines[1].startswith("POST /api/v1/auth/login 401 ")
    assert " user - " in lines[1]
    text = "\n".join(lines)
    assert token not in text
    assert "secret" not in text


def test_a_refused_token_is_logged_without_a_user(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="surgeplan.access"):
        world.client.get(
            f"/api/v1/programs/{world.a.program}",
            headers=world.headers("not-a-token-at-all"),
        )
    (line,) = [r.getMessage() for r in caplog.records if r.name == "surgeplan.access"]
    assert line.startswith(f"GET /api/v1/programs/{world.a.program} 401 ")
    assert " user - " in line


@pytest.mark.slow
def test_the_server_prints_where_it_listens_then_a_line_per_request(
    database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    command = [sys.executable, "-m", "surgeplan.service", "--db", database_url]
    command += ["--port", str(port), "--processes", "1", "--workers", "1"]
    with out.open("w") as stdout, err.open("w") as stderr:
        server = subprocess.Popen(
            command, cwd=tmp_path, stdout=stdout, stderr=stderr, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert health.status_code == 200
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    assert (
        out.read_text()
        .splitlines()[0]
        .startswith(
            f"surgeplan service listening on http://127.0.0.1:{port} (1 process, "
        )
    )
    assert "surgeplan.access GET /api/v1/health 200 " in err.read_text()


def test_an_access_made_for_an_authenticated_caller_checks_no_token(
    world: World,
) -> None:
    from surgeplan.service.access import Access
    from surgeplan.store.accounts import Principal, TokenKind

    running = world.app.state.service
    user_id = world.a.user_by_role[Role.VIEWER]
    principal = Principal(user_id, "a-viewer", False, TokenKind.ACCESS, "browser")
    state: dict[str, object] = {"request_id": "r1"}
    access = Access.of(running, principal, "/", state)
    with access.program(world.a.program) as scope:
        assert (scope.role, scope.principal) == (Role.VIEWER, principal)
    assert state == {"request_id": "r1", "user_id": user_id}
