"""The FastAPI application factory.

`create_app(settings)` refuses an unmigrated database, mounts every router under
/api/v1 with problem+json errors, wraps everything in `GuardMiddleware` and, unless
told otherwise, starts the job supervisor. /docs (Swagger UI from the package, no
CDN: `api_docs`) and /openapi.json exist only with `expose_docs` (`serve --dev`,
tests). CORS stays off: the dashboard is same-origin.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.orm import configure_mappers

from surgeplan import __version__
from surgeplan.service.access import Service
from surgeplan.service.api_docs import docs_router
from surgeplan.service.jobs.supervisor import JobSupervisor
from surgeplan.service.language import LanguageMiddleware
from surgeplan.service.middleware import GuardMiddleware
from surgeplan.service.problems import EXCEPTION_HANDLERS, PROBLEM_RESPONSES
from surgeplan.service.read_audit import ReadAudit
from surgeplan.service.routes import (
    actuals,
    audit,
    auth,
    health,
    programs,
    runs,
    scenarios,
)
from surgeplan.service.settings import Settings
from surgeplan.store.accounts import make_password_hasher
from surgeplan.store.checkpoints import load_key
from surgeplan.store.database import Database
from surgeplan.store.engine import make_engine
from surgeplan.store.migrate import require_migrated
from surgeplan.web import router as dashboard

API_PREFIX = "/api/v1"
ROUTERS = (
    health.router,
    auth.router,
    programs.router,
    scenarios.router,
    runs.router,
    audit.router,
    actuals.router,
)
MULTIPART_OVERHEAD_BYTES = 64 * 1024
# One connection per thread of the request pool (anyio's default: 40) plus the job
# supervisor and the read audit writer: a smaller pool opened and closed overflow
# connections (with their PRAGMAs) all the time under load.
SERVICE_POOL_SIZE = 44


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """The service as an ASGI app.

    Raises:
        UnmigratedDatabaseError: the database needs `surgeplan db upgrade`.
        CheckpointKeyError: the audit key cannot be read or made.
    """
    # Set up the ORM's classes now, not in the first request (~0.1 s of Python).
    configure_mappers()
    database = database or Database(
        make_engine(settings.url, pool_size=SERVICE_POOL_SIZE)
    )
    require_migrated(database.engine, settings.db or "")
    if database.audit_key is None:
        key_path, _ = settings.audit_files()
        database.audit_key = load_key(key_path, create=True)
    supervisor = JobSupervisor(database, settings) if settings.start_jobs else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        make_password_hasher(fast=settings.fast_password_hashing)
        if supervisor is not None:
            supervisor.write_checkpoint()
            supervisor.start()
        try:
            yield
        finally:
            if supervisor is not None:
                supervisor.stop()

    app = FastAPI(
        title="surgeplan service",
        version=__version__,
        description=(
            "Programs, scenarios with immutable versions, runs and the audit trail of "
            "a surge program team. Errors are RFC 9457 problems."
        ),
        docs_url=None,  # the packaged page below, not FastAPI's CDN one
        redoc_url=None,
        openapi_url="/openapi.json" if settings.expose_docs else None,
        lifespan=lifespan,
        responses=PROBLEM_RESPONSES,
    )
    app.state.service = Service(
        database, settings, ReadAudit(database.for_read_audit())
    )
    app.state.supervisor = supervisor
    for exception, handler in EXCEPTION_HANDLERS.items():
        app.add_exception_handler(exception, handler)
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    if settings.expose_docs:
        app.include_router(docs_router())
    app.include_router(dashboard)
    app.add_middleware(
        GuardMiddleware,
        max_body_bytes=settings.max_upload_bytes + MULTIPART_OVERHEAD_BYTES,
        log_requests=settings.access_log,
    )
    # Outermost, so that the guard's own problems speak the caller's language too.
    app.add_middleware(LanguageMiddleware)
    return app
