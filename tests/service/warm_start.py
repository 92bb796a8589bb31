"""Start servers by forking a process that has already imported the service.

Run as `python warm_start.py`. It imports everything a server loads and sets up the
ORM's classes (without opening any database), says `ready`, then obeys one command
per line on stdin:

- `start ARG…`: fork; the child leaves our session and pipes, then runs
  `surgeplan.service.server.main(ARG…)`, the code `python -m surgeplan.service` runs,
  and prints nothing. We answer with the child's pid.
- `reap PID`: wait for that child to end (after the test's kill -9) and answer `reaped`.

A server started this way is a new process that opens the database, checks the
migrations, recovers and binds its port after the previous one was killed, exactly
as a cold start does; it only skips the second or so of Python imports, which
touch no data.
"""

from __future__ import annotations

import os
import sys

import psycopg
import uvicorn
from sqlalchemy.orm import configure_mappers

import surgeplan.scenario
import surgeplan.service.app
from surgeplan.service.server import main

PRELOADED = (psycopg, uvicorn, surgeplan.scenario, surgeplan.service.app)
configure_mappers()  # what create_app does first: Python classes only, no data


def serve_in_child(arguments: list[str]) -> None:
    """The forked child: its own session, no pipes to the test, then the server."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(devnull, descriptor)
    code = 1
    try:
        code = main(arguments)
    finally:
        os._exit(code)


def answer(text: str) -> None:
    """One line back to the test."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def obey() -> None:
    """Answer the test's commands until it closes our stdin."""
    answer("ready")
    for line in sys.stdin:
        command, *arguments = line.split()
        if command == "start":
            pid = os.fork()
            if pid == 0:
                serve_in_child(arguments)
            answer(str(pid))
        elif command == "reap":
            os.waitpid(int(arguments[0]), 0)
            answer("reaped")


if __name__ == "__main__":
    obey()
