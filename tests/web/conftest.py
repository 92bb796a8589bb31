"""A real service on 127.0.0.1 (job workers included) and headless Chromium.

Browser tests skip where Chromium is absent, except in CI (CI=true), where they
must run: `make system-deps` installs Debian's chromium package.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "service"))
sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from live_site import Site

from surgeplan.service.app import create_app
from surgeplan.service.settings import Settings
from surgeplan.store.accounts import make_password_hasher
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade
from surgeplan.store.users import add_user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery"
ACCOUNTS = {
    "ada": True,  # superadmin: creates the program
    "pat": False,  # planner
    "val": False,  # viewer of another program
    "aud": False,  # auditor
    "vic": False,  # viewer of the program
}


def chromium_path() -> str:
    """Debian's chromium; skip without it, fail in CI."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found:
        return found
    message = "chromium is not installed (run `make system-deps`)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must have it")
    pytest.skip(message)


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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright."""
    executable = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
