"""Start the service under uvicorn; `python -m surgeplan.service` is the fast path.

`surgeplan serve` calls `run_server` too; the module entry point skips the CLI's
imports so that a restart takes as little time as possible.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import logging
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from surgeplan.service.settings import Settings
from surgeplan.store.checkpoints import CheckpointKeyError
from surgeplan.store.engine import DatabaseUrlError
from surgeplan.store.migrate import UnmigratedDatabaseError

if TYPE_CHECKING:
    from fastapi import FastAPI

EXIT_INVALID_INPUT = 2


SETTINGS_ENVIRONMENT_VARIABLE = "SURGEPLAN_SERVICE_SETTINGS"
_PR_SET_PDEATHSIG = 1


def default_processes() -> int:
    """One server process per core this process may run on.

    One Python process answers on one core at a time (the GIL): with one process a
    2-core machine answered at most ~190 authenticated reads/s, with two ~350/s
    (benchmarks/RESULTS.md).
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run_server(
    settings: Settings,
    host: str,
    port: int,
    forwarded_allow_ips: str | None,
    processes: int | None = None,
) -> int:
    """Serve until stopped; 2 (with a message on stderr) for an unusable database.

    With several `processes` (default: one per core), uvicorn runs that many copies
    of the app on one port (one Python process uses one core); each has its own job
    supervisor running its share of the job workers (at least one).
    """
    processes = processes or default_processes()
    import uvicorn

    from surgeplan.service.app import create_app

    # Every file the service makes (database, key, checkpoints, run folders) is the
    # service account's alone.
    os.umask(0o077)
    try:
        if processes > 1:
            create_app(
                replace(settings, start_jobs=False)
            ).state.service.database.dispose()
        else:
            app = create_app(settings)
    except (UnmigratedDatabaseError, DatabaseUrlError, CheckpointKeyError) as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - a CLI message
        return EXIT_INVALID_INPUT
    configure_logging()
    print(  # noqa: T201 - where to go, for the person who started it
        f"surgeplan service listening on http://{_shown_host(host)}:{port} "
        f"({processes} process{'es' if processes > 1 else ''}, "
        f"{settings.job_workers} job worker{'s' if settings.job_workers > 1 else ''}"
        f"{', API docs at /docs' if settings.expose_docs else ''}); Ctrl+C stops it",
        flush=True,
    )
    options = {
        "host": host,
        "port": port,
        "proxy_headers": forwarded_allow_ips is not None,
        "forwarded_allow_ips": forwarded_allow_ips,
        "server_header": False,
        "date_header": False,
        "log_level": "warning",
        "access_log": False,
    }
    if processes > 1:
        share = replace(
            settings, job_workers=max(1, -(-settings.job_workers // processes))
        )
        os.environ[SETTINGS_ENVIRONMENT_VARIABLE] = _settings_text(share)
        uvicorn.run(
            "surgeplan.service.server:app_from_environment",
            factory=True,
            workers=processes,
            **options,  # type: ignore[arg-type]
        )
        return 0
    uvicorn.Server(uvicorn.Config(app, **options)).run()  # type: ignore[arg-type]
    return 0


def configure_logging() -> None:
    """Log lines (the access log among them) on stderr, in every server process.

    A worker process of several is spawned, not forked: it configures its own.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")


def _shown_host(host: str) -> str:
    """The host as a URL shows it (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host


def _die_with_parent() -> None:
    """End this worker process with the one that started it, even on kill -9.

    Otherwise a worker of several would go on answering on the port alone (Linux).
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(
            _PR_SET_PDEATHSIG, signal.SIGTERM
        )


def _settings_text(settings: Settings) -> str:
    """What a worker process needs of the settings, as JSON."""
    return json.dumps(
        {
            "db": settings.db,
            "expose_docs": settings.expose_docs,
            "job_workers": settings.job_workers,
            "audit_key_file": str(settings.audit_key_file or ""),
            "checkpoint_file": str(settings.checkpoint_file or ""),
            "access_log": settings.access_log,
        }
    )


def app_from_environment() -> FastAPI:
    """The app of one worker process of `run_server(processes=N)`."""
    from surgeplan.service.app import create_app

    if sys.platform == "linux":
        _die_with_parent()
    configure_logging()
    given = json.loads(os.environ[SETTINGS_ENVIRONMENT_VARIABLE])
    settings = Settings(
        db=given["db"],
        expose_docs=given["expose_docs"],
        job_workers=given["job_workers"],
        audit_key_file=Path(given["audit_key_file"])
        if given["audit_key_file"]
        else None,
        checkpoint_file=(
            Path(given["checkpoint_file"]) if given["checkpoint_file"] else None
        ),
        access_log=given["access_log"],
    )
    return create_app(settings)


def main(argv: list[str] | None = None) -> int:
    """`python -m surgeplan.service [--db URL] [--port P] [--processes N] [--dev] …`.

    `--processes` defaults to one per core, as `surgeplan serve`.
    """
    parser = argparse.ArgumentParser(prog="python -m surgeplan.service")
    parser.add_argument("--db")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dev", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--forwarded-allow-ips")
    parser.add_argument("--no-access-log", action="store_true")
    arguments = parser.parse_args(argv)
    settings = Settings(
        db=arguments.db,
        expose_docs=arguments.dev,
        job_workers=arguments.workers,
        access_log=not arguments.no_access_log,
    )
    return run_server(
        settings,
        arguments.host,
        arguments.port,
        arguments.forwarded_allow_ips,
        max(1, arguments.processes) if arguments.processes else None,
    )
