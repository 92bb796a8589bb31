"""The running test service a browser test talks to (imported by name: no conftest).

`running_site` starts one: the service with its job workers on a free loopback
port, a fresh SQLite database in the folder, and the journey's accounts.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from surgeplan.service.app import create_app
from surgeplan.service.settings import Settings
from surgeplan.store.accounts import make_password_hasher
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade
from surgeplan.store.users import add_user

PASSWORD = "correct horse battery"
ACCOUNTS = {
    "ada": True,  # superadmin: creates the program
    "pat": False,  # planner
    "val": False,  # viewer of another program
    "aud": False,  # auditor
    "vic": False,  # viewer of the program
}


@dataclass
class Site:
    """The running service, its database and where screenshots go."""

    url: str
    database: Database
    settings: Settings
    shots: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_site(folder: Path) -> Iterator[Site]:
    """The service with its job workers, on a free loopback port, with accounts."""
    url = f"sqlite:///{folder / 'surgeplan.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    settings = Settings(
        db=url,
        fast_password_hashing=True,
        audit_key_file=folder / "audit.key",
        checkpoint_file=folder / "audit.checkpoints",
        job_workers=2,
        poll_interval_s=0.1,
    )
    database = Database(make_engine(url))
    app = create_app(settings, database)
    with database.write() as session:
        for name, is_superadmin in ACCOUNTS.items():
            add_user(
                session,
                name,
                PASSWORD,
                is_superadmin=is_superadmin,
                hasher=make_password_hasher(fast=True),
                now=settings.clock(),
            )
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    shots = Path(os.environ.get("SURGEPLAN_SCREENSHOTS", "") or folder / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    try:
        yield Site(f"http://127.0.0.1:{port}", database, settings, shots)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        database.dispose()
