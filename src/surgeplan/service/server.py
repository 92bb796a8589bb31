"""Start the service under uvicorn; `python -m surgeplan.service` is the fast path.

`surgeplan serve` calls `run_server` too; the module entry point skips the CLI's
imports so that a restart takes as little time as possible.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
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


def run_server(
    settings: Settings,
    host: str,
    port: int,
    forwarded_allow_ips: str | None,
    processes: int = 1,
) -> int:
    """Serve until stopped; 2 (with a message on stderr) for an unusable database.

    With several `processes`, uvicorn runs that many copies of the app on one port
    (one Python process uses one core); each has its own job supervisor running
    its share of the job workers (at least one).
    """
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
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
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


def _settings_text(settings: Settings) -> str:
    """What a worker process needs of the settings, as JSON."""
    return json.dumps(
        {
            "db": settings.db,
            "expose_docs": settings.expose_docs,
            "job_workers": settings.job_workers,
            "audit_key_file": str(settings.audit_key_file or ""),
            "checkpoint_file": str(settings.checkpoint_file or ""),
        }
    )


def app_from_environment() -> FastAPI:
    """The app of one worker process of `run_server(processes=N)`."""
    from surgeplan.service.app import create_app

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
    )
    return create_app(settings)


def main(argv: list[str] | None = None) -> int:
    """`python -m surgeplan.service [--db URL] [--port P] [--processes N] [--dev] …`."""
    parser = argparse.ArgumentParser(prog="python -m surgeplan.service")
    parser.add_argument("--db")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dev", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--forwarded-allow-ips")
    arguments = parser.parse_args(argv)
    settings = Settings(
        db=arguments.db, expose_docs=arguments.dev, job_workers=arguments.workers
    )
    return run_server(
        settings,
        arguments.host,
        arguments.port,
        arguments.forwarded_allow_ips,
        max(1, arguments.processes),
    )
