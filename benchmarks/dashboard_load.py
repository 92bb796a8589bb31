"""Dashboard pages under 20 concurrent browser users: server time p95 per page.

Seeds a SQLite database with the drone program: its scenario, a finished simulate
run holding a real plan.json and risk.json (from `--results DIR`, or made once by
`surgeplan simulate examples/uav-surge.yaml --runs 1000`), 10 planners and 10
viewers. Starts `surgeplan serve` (one process, as shipped), then each user walks
the pages in turn with a think time between views (a person reads a page before
the next click; `--think-seconds 0` makes every user a tight loop instead). The
time measured is from request to the last byte over loopback, so it is the server's
time plus a loopback hop. Prints p50/p95/max per page, the bytes of each page and
the server's CPU per page view (its worker processes included).

    .venv/bin/python benchmarks/dashboard_load.py [--seconds 30] [--users 20]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psutil

from service_load_clients import _cpu_s
from surgeplan.store.accounts import (
    Principal,
    TokenKind,
    issue_tokens,
    make_password_hasher,
)
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import upgrade
from surgeplan.store.programs import create_program
from surgeplan.store.roles import Role
from surgeplan.store.scenarios import ScenarioRepository
from surgeplan.store.scope import ProgramScope
from surgeplan.store.tables import Membership, RunResultRow, RunRow, User
from surgeplan.store.users import add_user

REPOSITORY = Path(__file__).resolve().parents[1]
DRONE = REPOSITORY / "examples" / "uav-surge.yaml"
TARGET_P95_MS = 200.0
# The console script beside this Python (the project's .venv).
SURGEPLAN = str(Path(sys.executable).parent / "surgeplan")


def results_folder(given: Path | None, scratch: Path) -> Path:
    """A folder with plan.json and risk.json of the drone example."""
    if given is not None:
        return given
    out = scratch / "results"
    subprocess.run(
        [
            SURGEPLAN,
            "simulate",
            str(DRONE),
            "--runs",
            "1000",
            "--out",
            str(out),
        ],
        check=True,
        timeout=900,
    )
    return out


def seed(url: str, results: Path, users: int) -> tuple[int, int, int, list[str]]:
    """The program, scenario and run ids, and one session token per user."""
    database = Database(make_engine(url))
    upgrade(database.engine)
    now = datetime.now(UTC)
    hasher = make_password_hasher(fast=True)
    with database.write() as session:
        root = add_user(
            session,
            "root",
            "correct horse battery",
            is_superadmin=True,
            hasher=hasher,
            now=now,
        )
        principal = Principal(root.id, "root", True, TokenKind.ACCESS, "seed")
        program = create_program(session, principal, "Drone surge", "", now)
        session.flush()
        scope = ProgramScope.open(session, principal, program.id, now)
        scenarios = ScenarioRepository(scope)
        scenario = scenarios.create("baseline", "")
        version = scenarios.save_version(
            scenario.id, scenario.etag, DRONE.read_text("utf-8"), "yaml", ""
        )
        run = RunRow(
            program_id=program.id,
            version_id=version.id,
            kind="simulate",
            parameters={"runs": 1000, "seed": 7},
            state="done",
            created_by=root.id,
            created_at=now,
            started_at=now,
            finished_at=now,
            attempts=1,
            cancel_requested=False,
            progress="done",
            stdout_tail="",
            stderr_tail="",
            exit_code=0,
        )
        session.add(run)
        session.flush()
        for name in ("plan.json", "risk.json"):
            session.add(
                RunResultRow(
                    program_id=program.id,
                    run_id=run.id,
                    name=name,
                    content=(results / name).read_text("utf-8"),
                )
            )
        tokens = []
        for index in range(users):
            role = Role.PLANNER if index % 2 == 0 else Role.VIEWER
            user = add_user(
                session,
                f"user{index}",
                "correct horse battery",
                is_superadmin=False,
                hasher=hasher,
                now=now,
            )
            session.add(Membership(program_id=program.id, user_id=user.id, role=role))
            session.flush()
            tokens.append(
                issue_tokens(
                    session,
                    session.get_one(User, user.id),
                    now,
                    timedelta(hours=12),
                    timedelta(hours=12),
                ).access_token
            )
        ids = (program.id, scenario.id, run.id)
    database.dispose()
    return (*ids, tokens)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--think-seconds", type=float, default=1.0)
    parser.add_argument("--results", type=Path, default=None)
    arguments = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="dashboard-load-"))
    results = results_folder(arguments.results, scratch)
    url = f"sqlite:///{scratch / 'surgeplan.db'}"
    program, scenario, run, tokens = seed(url, results, arguments.users)
    port = free_port()
    server = subprocess.Popen(
        [SURGEPLAN, "serve", "--db", url, "--port", str(port)],
        cwd=scratch,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    pages = {
        "programs": "/",
        "program home": f"/programs/{program}",
        "scenarios": f"/programs/{program}/scenarios",
        "scenario": f"/programs/{program}/scenarios/{scenario}",
        "runs": f"/programs/{program}/runs",
        "run (charts)": f"/programs/{program}/runs/{run}",
        "run status (htmx)": f"/programs/{program}/runs/{run}/status",
        "compare": f"/programs/{program}/compare?first={run}&second={run}",
    }
    latencies: dict[str, list[float]] = defaultdict(list)
    sizes: dict[str, int] = {}
    errors: list[str] = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/signin", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        # Warm up: the first request of each page imports and compiles templates.
        with httpx.Client(base_url=base, cookies={"surgeplan_session": tokens[0]}) as c:
            for path in pages.values():
                c.get(path)
        process = psutil.Process(server.pid)
        cpu_before_s = _cpu_s(process)
        lock = threading.Lock()
        stop_at = time.monotonic() + arguments.seconds

        def user(index: int) -> None:
            cookies = {"surgeplan_session": tokens[index]}
            with httpx.Client(base_url=base, cookies=cookies, timeout=30) as client:
                step = index  # users start on different pages
                while time.monotonic() < stop_at:
                    name, path = list(pages.items())[step % len(pages)]
                    step += 1
                    started = time.perf_counter()
                    response = client.get(path)
                    elapsed_ms = 1000 * (time.perf_counter() - started)
                    with lock:
                        latencies[name].append(elapsed_ms)
                        sizes[name] = len(response.content)
                        if response.status_code != 200:
                            errors.append(f"{path}: {response.status_code}")
                    time.sleep(arguments.think_seconds)

        threads = [threading.Thread(target=user, args=(i,)) for i in range(len(tokens))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        cpu_s = _cpu_s(process) - cpu_before_s
    finally:
        server.terminate()
        server.wait(timeout=30)
    load = os.getloadavg()[0]
    print(
        f"{arguments.users} users, think {arguments.think_seconds} s, "
        f"{arguments.seconds:.0f} s, load average {load:.1f}"
    )
    print("| page | requests | p50 ms | p95 ms | max ms | KB | p95 < 200 ms |")
    print("|---|---|---|---|---|---|---|")
    for name in pages:
        found = sorted(latencies[name])
        if not found:
            continue
        p95 = found[min(len(found) - 1, int(0.95 * len(found)))]
        print(
            f"| {name} | {len(found)} | {statistics.median(found):.0f} | "
            f"{p95:.0f} | {found[-1]:.0f} | {sizes[name] / 1024:.0f} | "
            f"{'yes' if p95 < TARGET_P95_MS else 'NO'} |"
        )
    requests = sum(len(found) for found in latencies.values())
    print(
        f"server CPU {cpu_s:.1f} s for {requests} requests: "
        f"{1000 * cpu_s / max(1, requests):.1f} ms per page view"
    )
    print(f"errors: {len(errors)} {errors[:5]}")
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
