"""Load on the service over loopback: 50 users (1 planner to 4 viewers) at 1x, 2x, 5x.

Bounded: each phase lasts PHASE_S seconds, requests are capped, the run queue is
drained for at most DRAIN_S seconds, then the server is stopped. One job worker
process is killed during the 5x phase. Prints read latency p50/p95 per phase, the
share of rejections that are 429/503 with Retry-After, server errors, accepted runs
not finished (lost) and the server's memory growth, counted from after one read of
each kind (the service imports the scenario package on its first version read, so
growth from the bare start would count imports, not leaks).

    .venv/bin/python benchmarks/service_load.py [--phase-seconds 20]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psutil

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
from surgeplan.store.tables import Membership
from surgeplan.store.users import add_user

USERS = 50
PLANNERS = USERS // 5
READS_PER_USER_S = 0.2  # one read every 5 s per user at 1x: 10 reads/s in all
RUNS_PER_PLANNER_S = 1 / 60  # one run a minute per planner at 1x
MAX_REQUESTS = 20_000
DRAIN_S = 180
MINIMAL = (
    Path(__file__).resolve().parents[1] / "examples" / "minimal.yaml"
).read_text()


def seed(url: str) -> tuple[list[tuple[str, Role]], int, int]:
    database = Database(make_engine(url))
    upgrade(database.engine)
    now = datetime.now(UTC)
    hasher = make_password_hasher(fast=True)
    tokens = []
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
        program = create_program(session, principal, "Load", "", now)
        session.flush()
        scope = ProgramScope.open(session, principal, program.id, now)
        scenarios = ScenarioRepository(scope)
        scenario = scenarios.create("base", "")
        scenarios.save_version(scenario.id, scenario.etag, MINIMAL, "yaml", "")
        for index in range(USERS):
            role = Role.PLANNER if index < PLANNERS else Role.VIEWER
            user = add_user(
                session,
                f"user{index}",
                "correct horse battery",
                is_superadmin=False,
                hasher=hasher,
                now=now,
            )
            session.add(Membership(program_id=program.id, user_id=user.id, role=role))
            pair = issue_tokens(
                session, user, now, timedelta(hours=2), timedelta(hours=2)
            )
            tokens.append((pair.access_token, role))
    database.dispose()
    return tokens, program.id, scenario.id


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.read_latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.rejections = 0
        self.rejections_with_retry_after = 0
        self.accepted_runs: list[int] = []
        self.requests = 0

    def record(self, response: httpx.Response, latency: float, is_read: bool) -> None:
        with self.lock:
            self.requests += 1
            self.statuses[response.status_code] = (
                self.statuses.get(response.status_code, 0) + 1
            )
            if is_read and response.status_code == 200:
                self.read_latencies.append(latency)
            if response.status_code in (429, 503):
                self.rejections += 1
                if response.headers.get("Retry-After", "").isdigit():
                    self.rejections_with_retry_after += 1
            elif response.status_code >= 400 and not is_read:
                self.rejections += 1
            if not is_read and response.status_code == 201:
                self.accepted_runs.append(response.json()["id"])


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def kill_one_worker(server: subprocess.Popen[bytes]) -> bool:
    for child in psutil.Process(server.pid).children(recursive=True):
        try:
            if "surgeplan.cli.main" in " ".join(child.cmdline()):
                os.killpg(child.pid, signal.SIGKILL)
                return True
        except (psutil.Error, ProcessLookupError):
            continue
    return False


def read_paths(program_id: int, scenario_id: int) -> list[str]:
    return [
        f"/api/v1/programs/{program_id}/scenarios",
        f"/api/v1/programs/{program_id}/runs?limit=20",
        f"/api/v1/programs/{program_id}/scenarios/{scenario_id}/versions/1",
        f"/api/v1/programs/{program_id}",
    ]


def warm_up(
    base: str, tokens: list[tuple[str, Role]], program_id: int, scenario_id: int
) -> None:
    """One read of each kind as a planner and as a viewer."""
    for role in (Role.PLANNER, Role.VIEWER):
        token = next(token for token, token_role in tokens if token_role == role)
        headers = {"Authorization": f"Bearer {token}"}
        for path in read_paths(program_id, scenario_id):
            httpx.get(base + path, headers=headers, timeout=30)


def run_phase(
    base: str,
    tokens: list[tuple[str, Role]],
    program_id: int,
    scenario_id: int,
    multiplier: int,
    seconds: float,
    recorder: Recorder,
    server: subprocess.Popen[bytes],
    kill_at: float | None,
) -> dict[str, object]:
    rng = random.Random(multiplier)
    clients = [
        httpx.Client(
            base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}
        )
        for token, _ in tokens
    ]
    paths = read_paths(program_id, scenario_id)
    read_rate = USERS * READS_PER_USER_S * multiplier
    run_rate = PLANNERS * RUNS_PER_PLANNER_S * multiplier
    phase_recorder_start = len(recorder.read_latencies)
    killed = False

    def read(index: int) -> None:
        start = time.perf_counter()
        response = clients[index].get(rng.choice(paths))
        recorder.record(response, time.perf_counter() - start, True)

    def submit(index: int) -> None:
        response = clients[index].post(
            f"/api/v1/programs/{program_id}/runs",
            json={"kind": "validate", "scenario_id": scenario_id},
        )
        recorder.record(response, 0.0, False)

    with ThreadPoolExecutor(max_workers=64) as pool:
        start = time.monotonic()
        next_read = start
        next_run = start
        while time.monotonic() - start < seconds and recorder.requests < MAX_REQUESTS:
            now = time.monotonic()
            if kill_at is not None and not killed and now - start >= kill_at:
                killed = kill_one_worker(server)
            if now >= next_read:
                pool.submit(read, rng.randrange(USERS))
                next_read += rng.expovariate(read_rate)
            if now >= next_run:
                pool.submit(submit, rng.randrange(PLANNERS))
                next_run += rng.expovariate(run_rate)
            time.sleep(max(0.0, min(next_read, next_run) - time.monotonic()))
    for client in clients:
        client.close()
    latencies = recorder.read_latencies[phase_recorder_start:]
    return {
        "multiplier": multiplier,
        "reads": len(latencies),
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": 1000 * percentile(latencies, 0.95),
        "worker_killed": killed,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase-seconds", type=float, default=20.0)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="surgeplan-load-"))
    url = f"sqlite:///{folder / 'load.db'}"
    tokens, program_id, scenario_id = seed(url)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "surgeplan.service",
            "--db",
            url,
            "--port",
            str(port),
            "--workers",
            "2",
            # One process: its memory is the one measured.
            "--processes",
            "1",
        ],
        cwd=folder,
        # The access log (a line per request) goes to a file, not over the results.
        stdout=(folder / "server.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/v1/health").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    recorder = Recorder()
    rss_bare = psutil.Process(server.pid).memory_info().rss
    warm_up(base, tokens, program_id, scenario_id)
    rss_start = psutil.Process(server.pid).memory_info().rss
    phases = []
    try:
        for multiplier in (1, 2, 5):
            kill_at = arguments.phase_seconds / 2 if multiplier == 5 else None
            phases.append(
                run_phase(
                    base,
                    tokens,
                    program_id,
                    scenario_id,
                    multiplier,
                    arguments.phase_seconds,
                    recorder,
                    server,
                    kill_at,
                )
            )
        rss_end = psutil.Process(server.pid).memory_info().rss
        admin = httpx.Client(
            base_url=base,
            timeout=30,
            headers={"Authorization": f"Bearer {tokens[0][0]}"},
        )
        unfinished = set(recorder.accepted_runs)
        drain_deadline = time.monotonic() + DRAIN_S
        while unfinished and time.monotonic() < drain_deadline:
            for run_id in list(unfinished):
                state = admin.get(f"/api/v1/programs/{program_id}/runs/{run_id}").json()
                if state.get("state") in ("done", "failed", "cancelled"):
                    unfinished.discard(run_id)
            time.sleep(1)
        runs = admin.get(f"/api/v1/programs/{program_id}/runs?limit=200").json()
        retried = sum(1 for run in runs["items"] if run["attempts"] > 1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    for phase in phases:
        print(
            f"{phase['multiplier']}x: {phase['reads']} reads, "
            f"p50 {phase['p50_ms']:.0f} ms,"
            f" p95 {phase['p95_ms']:.0f} ms, worker killed: {phase['worker_killed']}"
        )
    errors = sum(
        count
        for status, count in recorder.statuses.items()
        if status >= 500 and status != 503
    )
    share = (
        recorder.rejections_with_retry_after / recorder.rejections
        if recorder.rejections
        else 1.0
    )
    statuses = dict(sorted(recorder.statuses.items()))
    print(f"requests {recorder.requests}, statuses {statuses}")
    print(f"rejections {recorder.rejections}, with 429/503 + Retry-After {share:.0%}")
    print(
        f"server errors {errors}; accepted runs {len(recorder.accepted_runs)}, "
        f"not finished (lost) {len(unfinished)}, retried after the kill {retried}"
    )
    print(
        f"server memory {rss_bare / 1e6:.0f} MB at start, {rss_start / 1e6:.0f} MB "
        f"after one read of each kind -> {rss_end / 1e6:.0f} MB "
        f"({(rss_end - rss_start) / rss_start:+.0%} after the warm-up)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
