"""The service starts without the heavy libraries of the planning stages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from live_server import free_port
from sqlalchemy import select

from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.tables import AuditRow

HEAVY = ("numpy", "pandas", "highspy", "plotly", "openpyxl", "ortools")


def test_importing_the_service_app_loads_no_solver_or_dataframe_library() -> None:
    probe = (
        "import sys, uvicorn, surgeplan.service.app; "
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()

    assert loaded == []


@pytest.mark.slow
def test_two_server_processes_share_one_port_and_one_audit_trail(
    database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    options = ["--port", str(port), "--processes", "2", "--workers", "1"]
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "surgeplan.service", "--db", database_url, *options],
        cwd=tmp_path,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        answers = [
            httpx.post(
                base + "/auth/login",
                json={"username": "nobody", "password": "wrong password"},
                timeout=30,
            ).status_code
            for _ in range(3)
        ]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert answers == [401, 401, 401]
    # Each worker process logs its requests (they are spawned: no inherited set-up).
    logged = (tmp_path / "server.log").read_text()
    assert logged.count("surgeplan.access POST /api/v1/auth/login 401 ") == 3
    database = Database(make_engine(database_url))
    with database.read() as session:
        logins = session.execute(
            select(AuditRow.outcome).where(AuditRow.action == "auth.login")
        ).scalars()
        assert list(logins) == ["failed"] * 3
    database.dispose()
