"""kill -9 the real server while a client saves versions: no acknowledged version lost.

Kills per backend: SURGEPLAN_CRASH_KILLS, else 200 on SQLite and 50 on PostgreSQL
under CI=true, 5 and 3 locally. The server runs as `python -m surgeplan.service`
(the same `run_server` as `surgeplan serve`, without the CLI's start-up imports).
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, text
from world import MINIMAL, PASSWORD

from surgeplan.store.accounts import (
    Principal,
    TokenKind,
    issue_tokens,
    make_password_hasher,
)
from surgeplan.store.audit_verify import verify_trail
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.programs import create_program
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import ScenarioRow, ScenarioVersionRow
from surgeplan.store.users import add_user

pytestmark = pytest.mark.slow
IS_CI = os.environ.get("CI") == "true"


def kills(backend: str) -> int:
    if "SURGEPLAN_CRASH_KILLS" in os.environ:
        return int(os.environ["SURGEPLAN_CRASH_KILLS"])
    if IS_CI:
        return 200 if backend == "sqlite" else 50
    return 5 if backend == "sqlite" else 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def seed(database: Database) -> tuple[str, int, int]:
    now = datetime.now(UTC)
    with database.write() as session:
        user = add_user(
            session,
            "planner",
            PASSWORD,
            is_superadmin=True,
            hasher=make_password_hasher(fast=True),
            now=now,
        )
        principal = Principal(user.id, user.username, True, TokenKind.ACCESS, "seed")
        program = create_program(session, principal, "Crash", "", now)
        session.flush()
        scope = ProgramScope.open(session, principal, program.id, now)
        scenario = ScenarioRepository(scope).create("base", "")
        token = issue_tokens(session, user, now, timedelta(days=1), timedelta(days=1))
    return token.access_token, program.id, scenario.id


def start_server(url: str, port: int, folder) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "surgeplan.service",
            "--db",
            url,
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_ready(client: httpx.Client, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if client.get("/api/v1/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.02)
    raise AssertionError("the server did not start")


def save_until_killed(client, path, stop, acknowledged, counter):
    while not stop.is_set():
        try:
            etag = client.get(path).headers["ETag"]
            counter[0] += 1
            body = MINIMAL + f"# save {counter[0]} {random.random()}\n"
            response = client.post(
                path + "/versions", json={"content": body}, headers={"If-Match": etag}
            )
        except (httpx.TransportError, KeyError):
            return
        if response.status_code == 201:
            saved = response.json()
            assert saved["sha256"] == hashlib.sha256(body.encode()).hexdigest()
            acknowledged.append((saved["number"], saved["sha256"]))


def test_kill_9_never_loses_an_acknowledged_version(database_url, tmp_path):
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    database = Database(make_engine(database_url))
    token, program_id, scenario_id = seed(database)
    database.dispose()
    path = f"/api/v1/programs/{program_id}/scenarios/{scenario_id}"
    acknowledged: list[tuple[int, str]] = []
    rng = random.Random(7)
    started = time.monotonic()
    restart_times = []
    for _ in range(kills(backend)):
        port = free_port()
        client = httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            timeout=10,
            headers={"Authorization": f"Bearer {token}"},
        )
        begin = time.monotonic()
        server = start_server(database_url, port, tmp_path)
        wait_ready(client)
        restart_times.append(time.monotonic() - begin)
        stop = threading.Event()
        saver = threading.Thread(
            target=save_until_killed, args=(client, path, stop, acknowledged, [0])
        )
        saver.start()
        time.sleep(rng.uniform(0.1, 1.5))
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        stop.set()
        saver.join(timeout=30)
        client.close()
    database = Database(make_engine(database_url))
    with database.read() as session:
        stored = dict(
            session.execute(
                select(ScenarioVersionRow.number, ScenarioVersionRow.sha256).where(
                    ScenarioVersionRow.scenario_id == scenario_id
                )
            ).all()
        )
        contents = session.execute(
            select(ScenarioVersionRow.content, ScenarioVersionRow.sha256)
        ).all()
        head = session.get_one(ScenarioRow, scenario_id).head_number
        if backend == "sqlite":
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert verify_trail(session, None, None).is_intact
    database.dispose()
    lost = [(n, h) for n, h in acknowledged if stored.get(n) != h]
    assert lost == []
    assert sorted(stored) == list(range(1, head + 1))
    assert all(hashlib.sha256(c.encode()).hexdigest() == h for c, h in contents)
    assert acknowledged, "no save was acknowledged between kills"
    print(  # noqa: T201 - kills and restart time, for the CI log
        f"{backend}: {len(restart_times)} kills, {len(acknowledged)} acknowledged, "
        f"restart median {sorted(restart_times)[len(restart_times) // 2]:.2f} s, "
        f"total {time.monotonic() - started:.0f} s"
    )
