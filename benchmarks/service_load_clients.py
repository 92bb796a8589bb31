"""Authenticated read latency with N clients reading back to back, on loopback.

Each client is a thread with its own token and connection that sends a read as soon
as the previous one is answered (the worst case for N users: no think time). The
reads are those of `service_load.py` (scenario list, run list, a version's text, the
program), half by planners and half by viewers (whose version reads are redacted).
Bounded: each level lasts `--seconds` and at most `MAX_REQUESTS_PER_LEVEL` requests.
Prints p50/p95/p99, throughput, statuses and the server's CPU time per read for
each level, and server errors. On a shared machine the latencies measure the
machine; the CPU time per read measures the service.

    .venv/bin/python benchmarks/service_load_clients.py [--clients 1,10,50]
        [--seconds 15] [--backend sqlite|postgresql] [--server-workers N]

Without --server-workers the server runs its default number of processes (one per
core). `benchmarks/service_load_wrk.py` sends the same reads with wrk (C), whose
client costs little CPU.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TypedDict

import httpx
import psutil

from service_load import percentile, read_paths, seed
from surgeplan.store.roles import Role

MAX_REQUESTS_PER_LEVEL = 100_000
REPOSITORY = Path(__file__).resolve().parents[1]


def start_postgres() -> tuple[str, str]:
    """A throwaway cluster (the test suite's script): its URL and folder."""
    started = subprocess.run(
        ["bash", str(REPOSITORY / "scripts" / "start-test-postgres.sh"), "start"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    url, folder = started.stdout.split()
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE DATABASE load")
    return url.rsplit("/", 1)[0] + "/load", folder


class LevelFigures(TypedDict):
    """What one level of concurrent clients measured."""

    clients: int
    reads: int
    per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    statuses: dict[int, int]


def run_level(
    base: str,
    tokens: list[tuple[str, Role]],
    paths: list[str],
    clients: int,
    seconds: float,
) -> LevelFigures:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    count = [0]
    # Half planners, half viewers, whatever the number of clients.
    planners = [t for t, r in tokens if r is Role.PLANNER]
    viewers = [t for t, r in tokens if r is Role.VIEWER]
    chosen = [(planners if i % 2 else viewers)[i // 2 % 10] for i in range(clients)]

    def client(index: int) -> None:
        headers = {"Authorization": f"Bearer {chosen[index]}"}
        with httpx.Client(base_url=base, timeout=30, headers=headers) as http:
            turn = index
            while time.monotonic() < deadline:
                with lock:
                    if count[0] >= MAX_REQUESTS_PER_LEVEL:
                        return
                    count[0] += 1
                path = paths[turn % len(paths)]
                turn += 1
                start = time.perf_counter()
                response = http.get(path)
                elapsed = time.perf_counter() - start
                with lock:
                    statuses[response.status_code] = (
                        statuses.get(response.status_code, 0) + 1
                    )
                    if response.status_code == 200:
                        latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    wall = time.monotonic() - started
    return {
        "clients": clients,
        "reads": len(latencies),
        "per_s": len(latencies) / wall,
        "p50_ms": 1000 * percentile(latencies, 0.5),
        "p95_ms": 1000 * percentile(latencies, 0.95),
        "p99_ms": 1000 * percentile(latencies, 0.99),
        "statuses": dict(sorted(statuses.items())),
    }


def _cpu_s(process: psutil.Process) -> float:
    """CPU time of the server and its children (job processes) so far."""
    total = sum(process.cpu_times()[:2])
    for child in process.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            continue
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--server-workers", type=int, default=None)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="surgeplan-load-"))
    postgres_folder = None
    if arguments.backend == "postgresql":
        url, postgres_folder = start_postgres()
    else:
        url = f"sqlite:///{folder / 'load.db'}"
    tokens, program_id, scenario_id = seed(url)
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "surgeplan.service", "--db", url]
    command += ["--port", str(port), "--workers", "1"]
    if arguments.server_workers is not None:
        command += ["--processes", str(arguments.server_workers)]
    # The access log (a line per request) goes to a file, not over the results.
    server_log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        command,
        cwd=folder,
        stdout=server_log,
        stderr=server_log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        paths = read_paths(program_id, scenario_id)
        run_level(base, tokens, paths, 4, 2.0)  # warm-up: imports, caches
        process = psutil.Process(server.pid)
        for clients in (int(n) for n in arguments.clients.split(",")):
            cpu_before = _cpu_s(process)
            level = run_level(base, tokens, paths, clients, arguments.seconds)
            cpu_ms = 1000 * (_cpu_s(process) - cpu_before) / max(level["reads"], 1)
            errors = sum(n for s, n in level["statuses"].items() if s >= 500)
            print(
                f"{arguments.backend} {clients} clients: {level['reads']} reads, "
                f"{level['per_s']:.0f}/s, p50 {level['p50_ms']:.0f} ms, "
                f"p95 {level['p95_ms']:.0f} ms, p99 {level['p99_ms']:.0f} ms, "
                f"statuses {level['statuses']}, server errors {errors}, "
                f"server CPU {cpu_ms:.1f} ms per read"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if postgres_folder is not None:
            subprocess.run(
                [
                    "bash",
                    str(REPOSITORY / "scripts" / "start-test-postgres.sh"),
                    "stop",
                    postgres_folder,
                ],
                check=False,
                timeout=60,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
