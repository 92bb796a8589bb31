"""Who is calling, and the one door to a program's data.

`caller` authenticates the bearer token against the database on every request.
`Access.program` opens the caller's `ProgramScope` in a transaction: every route that
touches program data goes through it, and every refusal inside it (404 for what the
caller may not know of, 403 for a member lacking the role) is written to the audit
trail in a transaction of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from surgeplan.service.problems import ProblemError
from surgeplan.service.read_audit import ReadAudit
from surgeplan.service.settings import Settings
from surgeplan.store.accounts import Principal, authenticate
from surgeplan.store.audit import AuditEvent, DetailValue, Outcome, append
from surgeplan.store.database import Database
from surgeplan.store.errors import MissingRoleError, NotFoundError
from surgeplan.store.scope import ProgramScope

bearer = HTTPBearer(auto_error=False, description="An access token or an API token.")


def unauthorized(detail: str) -> ProblemError:
    """A 401 asking for a bearer token."""
    return ProblemError(
        401,
        "Unauthorized",
        detail,
        headers={"WWW-Authenticate": 'Bearer realm="surgeplan"'},
    )


# Concurrent argon2id password checks (64 MiB each) in one service process.
PASSWORD_HASHING_SLOTS = 2


@dataclass(frozen=True)
class Service:
    """What every request shares: database, settings, read audit, hashing slots."""

    database: Database
    settings: Settings
    read_audit: ReadAudit
    hashing_slots: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(PASSWORD_HASHING_SLOTS)
    )


def service(request: Request) -> Service:
    """The running service (set by `create_app`)."""
    found: Service = request.app.state.service
    return found


def client_address(request: Request) -> str:
    """The client's address (behind a trusted proxy, the one it forwarded)."""
    return request.client.host if request.client else "unknown"


@dataclass
class Access:
    """An authenticated caller of one request."""

    service: Service
    principal: Principal
    path: str

    @property
    def database(self) -> Database:
        """The service's database."""
        return self.service.database

    def now(self) -> datetime:
        """The service clock."""
        return self.service.settings.clock()

    @contextmanager
    def program(
        self, program_id: int, *, write: bool = False
    ) -> Iterator[ProgramScope]:
        """The caller's scope in a program, inside one transaction.

        Committed when the block ends; refusals are audited and re-raised.
        """
        opener = self.database.write if write else self.database.read
        try:
            with opener() as session:
                yield ProgramScope.open(session, self.principal, program_id, self.now())
        except (NotFoundError, MissingRoleError) as refusal:
            self._record_denial(program_id, refusal)
            raise

    def record_read(
        self,
        program_id: int,
        action: str,
        object_type: str,
        object_id: str | int,
        *,
        version_hash: str = "",
        detail: dict[str, DetailValue] | None = None,
    ) -> None:
        """Audit that the caller read program data (need-to-know: who read what).

        Called after the data was read and before it is sent: if the row cannot be
        written, the request fails rather than serve an unrecorded read.
        """
        event = AuditEvent(
            actor=self.principal.username,
            action=action,
            program_id=program_id,
            object_type=object_type,
            object_id=str(object_id)[:64],
            version_hash=version_hash,
            detail=detail or {},
        )
        self.service.read_audit.record(event, self.now())

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A transaction outside any program (listing and creating programs)."""
        opener = self.database.write if write else self.database.read
        with opener() as session:
            yield session

    def _record_denial(self, program_id: int, refusal: Exception) -> None:
        with self.database.write() as session:
            append(
                session,
                AuditEvent(
                    actor=self.principal.username,
                    action="access.denied",
                    program_id=program_id,
                    object_type="request",
                    object_id=self.path[:64],
                    outcome=Outcome.DENIED,
                    detail={"reason": str(refusal)[:200]},
                ),
                self.now(),
            )


def caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    running: Annotated[Service, Depends(service)],
) -> Access:
    """The authenticated caller, checked against the database now.

    Raises:
        ProblemError: 401 without a valid, unexpired, unrevoked token of an
            enabled account.
    """
    if credentials is None or not credentials.credentials:
        raise unauthorized(
            "log in and send the access token as 'Authorization: Bearer …'"
        )
    token = credentials.credentials
    if len(token) > 200:
        raise unauthorized("the token is not valid")
    with running.database.read() as session:
        principal = authenticate(session, token, running.settings.clock())
    if principal is None:
        raise unauthorized(
            "the token is not valid, has expired or was revoked: log in again"
        )
    return Access(running, principal, request.url.path)


CallerDependency = Annotated[Access, Depends(caller)]
