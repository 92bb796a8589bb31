"""Start the service under uvicorn; `python -m surgeplan.service` is the fast path.

`surgeplan serve` calls `run_server` too; the module entry point skips the CLI's
imports so that a restart takes as little time as possible.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from surgeplan.service.settings import Settings
from surgeplan.store.checkpoints import CheckpointKeyError
from surgeplan.store.engine import DatabaseUrlError
from surgeplan.store.migrate import UnmigratedDatabaseError

EXIT_INVALID_INPUT = 2


def run_server(
    settings: Settings, host: str, port: int, forwarded_allow_ips: str | None
) -> int:
    """Serve until stopped; 2 (with a message on stderr) for an unusable database."""
    import uvicorn

    from surgeplan.service.app import create_app

    # Every file the service makes (database, key, checkpoints, run folders) is the
    # service account's alone.
    os.umask(0o077)
    try:
        app = create_app(settings)
    except (UnmigratedDatabaseError, DatabaseUrlError, CheckpointKeyError) as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - a CLI message
        return EXIT_INVALID_INPUT
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        proxy_headers=forwarded_allow_ips is not None,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        date_header=False,
        log_level="warning",
        access_log=False,
    )
    uvicorn.Server(config).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m surgeplan.service [--db URL] [--host H] [--port P] [--dev] …`."""
    parser = argparse.ArgumentParser(prog="python -m surgeplan.service")
    parser.add_argument("--db")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dev", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--forwarded-allow-ips")
    arguments = parser.parse_args(argv)
    settings = Settings(
        db=arguments.db, expose_docs=arguments.dev, job_workers=arguments.workers
    )
    return run_server(
        settings, arguments.host, arguments.port, arguments.forwarded_allow_ips
    )
