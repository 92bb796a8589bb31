"""The reads of `service_load_clients.py`, sent by wrk (a C load generator) instead.

With 50 Python client threads on the same 2 cores as the server, the client itself
takes about as much CPU as the service: the Python benchmark measures both. wrk
sends the same four reads (scenario list, run list, a version's text, the program)
with the same 50 tokens, half planners and half viewers, over N keep-alive
connections with no think time, and costs a few per cent of one core. Prints
p50/p95/p99, reads per second, non-2xx answers, socket errors and the server's CPU
time per read.

    .venv/bin/python benchmarks/service_load_wrk.py [--connections 10,50]
        [--seconds 15] [--backend sqlite|postgresql] [--server-workers N]

Needs Debian's `wrk` (scripts/install-system-deps.sh installs it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

from service_load import read_paths, seed
from service_load_clients import REPOSITORY, _cpu_s, start_postgres
from surgeplan.store.roles import Role

LUA = """
local tokens = %(tokens)s
local paths = %(paths)s
local turn = 0
function setup(thread)
  thread:set("offset", math.random(0, 1000))
end
function request()
  turn = turn + 1
  local i = turn + offset
  local token = tokens[(i %% #tokens) + 1]
  local path = paths[(math.floor(i / #tokens) %% #paths) + 1]
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
function done(summary, latency, requests)
  io.write(string.format(
    "RESULT %%d %%d %%d %%d %%d %%d %%d %%d\\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""
RESULT = re.compile(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", re.M)


def lua_script(tokens: list[tuple[str, Role]], paths: list[str]) -> str:
    """wrk's script: each request takes the next token and, in turn, the next read."""
    ordered = [t for t, r in tokens if r is Role.PLANNER][:10]
    ordered += [t for t, r in tokens if r is Role.VIEWER][:10]

    def table(values: list[str]) -> str:
        return "{" + ", ".join(json.dumps(value) for value in values) + "}"

    return LUA % {"tokens": table(ordered), "paths": table(paths)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", default="10,50")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--server-workers", type=int, default=None)
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: bash scripts/install-system-deps.sh")
        return 2
    folder = Path(tempfile.mkdtemp(prefix="surgeplan-wrk-"))
    postgres_folder = None
    if arguments.backend == "postgresql":
        url, postgres_folder = start_postgres()
    else:
        url = f"sqlite:///{folder / 'load.db'}"
    tokens, program_id, scenario_id = seed(url)
    script = folder / "reads.lua"
    script.write_text(lua_script(tokens, read_paths(program_id, scenario_id)))
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
        warm = ["wrk", "-t", "1", "-c", "4", "-d", "2", "-s", str(script), base]
        subprocess.run(warm, capture_output=True, check=True, timeout=60)
        process = psutil.Process(server.pid)
        for connections in (int(n) for n in arguments.connections.split(",")):
            cpu_before = _cpu_s(process)
            wrk = ["wrk", "-t", "2", "-c", str(connections)]
            wrk += ["-d", f"{arguments.seconds}s", "--timeout", "30s"]
            wrk += ["-s", str(script), base]
            done = subprocess.run(
                wrk,
                capture_output=True,
                text=True,
                check=True,
                timeout=arguments.seconds + 90,
            )
            found = RESULT.search(done.stdout)
            if found is None:
                print(done.stdout, done.stderr)
                return 1
            reads, duration_us, non_2xx, socket_errors, timeouts = map(
                int, found.groups()[:5]
            )
            p50, p95, p99 = (int(v) / 1000 for v in found.groups()[5:])
            cpu_ms = 1000 * (_cpu_s(process) - cpu_before) / max(reads, 1)
            print(
                f"{arguments.backend} wrk {connections} connections: {reads} reads, "
                f"{reads / (duration_us / 1e6):.0f}/s, p50 {p50:.0f} ms, "
                f"p95 {p95:.0f} ms, p99 {p99:.0f} ms, non-2xx {non_2xx}, "
                f"socket errors {socket_errors}, timeouts {timeouts}, "
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
