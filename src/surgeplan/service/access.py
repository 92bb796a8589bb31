"""Who is calling, and the one door to a program's data.

The bearer token is checked against the database on every request (never cached: a
token revoked or an account disabled by another process stops working at once).
For a request that changes something, `caller` checks it before anything else runs.
For a read (GET, HEAD) the check is made in the read's own transaction, the first
time the route touches the caller: one transaction and one hop to a worker thread
per read instead of two (with the async `service` dependency, a quarter to a third
less server CPU per read: benchmarks/RESULTS.md). A read route that never touched
the caller would go unauthenticated: tests/service/test_authorization_matrix.py
sends an unknown token to every route and wants 401.

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
from starlette.concurrency import run_in_threadpool

from surgeplan.i18n import N_, gettext
from surgeplan.service.middleware import USER_ID_STATE
from surgeplan.service.problems import ProblemError
from surgeplan.service.read_audit import ReadAudit
from surgeplan.service.settings import Settings
from surgeplan.store.accounts import Principal, authenticate
from surgeplan.store.audit import AuditEvent, DetailValue, Outcome, append
from surgeplan.store.database import Database
from surgeplan.store.errors import MissingRoleError, NotFoundError
from surgeplan.store.scope import ProgramScope, authenticate_in_program

bearer = HTTPBearer(auto_error=False, description="An access token or an API token.")


def unauthorized(detail: str) -> ProblemError:
    """A 401 asking for a bearer token."""
    return ProblemError(
        401,
        N_("Unauthorized"),
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


def service_of(request: Request) -> Service:
    """The running service (set by `create_app`), for code outside dependencies."""
    found: Service = request.app.state.service
    return found


async def service(request: Request) -> Service:
    """The running service, as a dependency.

    Async: FastAPI runs a plain `def` dependency in a worker thread, a hop that cost
    more than this attribute lookup on every request.
    """
    return service_of(request)


def client_address(request: Request) -> str:
    """The client's address (behind a trusted proxy, the one it forwarded)."""
    return request.client.host if request.client else "unknown"


# Methods whose routes only read: their token is checked in the read's transaction.
READ_METHODS = frozenset({"GET", "HEAD"})


@dataclass
class Access:
    """The caller of one request; authenticated before any of its data is used."""

    service: Service
    token: str
    path: str
    request_state: dict[str, object] = field(default_factory=dict)
    checked: Principal | None = None

    @classmethod
    def of(
        cls,
        service: Service,
        principal: Principal,
        path: str,
        request_state: dict[str, object] | None = None,
    ) -> Access:
        """The access of a caller already authenticated (e.g. by a browser session).

        `request_state` is the request's `scope["state"]`: the access log names the
        caller from it.
        """
        state = {} if request_state is None else request_state
        state[USER_ID_STATE] = principal.user_id
        return cls(service, "", path, state, checked=principal)

    @property
    def principal(self) -> Principal:
        """The authenticated caller, checked now if no transaction has checked it.

        Raises:
            ProblemError: 401, the token is not valid.
        """
        if self.checked is None:
            with self.database.read() as session:
                return self._authenticate(session)
        return self.checked

    def _authenticate(self, session: Session) -> Principal:
        if self.checked is None:
            self.checked = authenticate_in(session, self.service, self.token)
            self.request_state[USER_ID_STATE] = self.checked.user_id
        return self.checked

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
                yield self._scope(session, program_id)
        except (NotFoundError, MissingRoleError) as refusal:
            self._record_denial(program_id, refusal)
            raise

    def _scope(self, session: Session, program_id: int) -> ProgramScope:
        if self.checked is not None:
            return ProgramScope.open(session, self.checked, program_id, self.now())
        # A read's first statement: the token and its role in the program at once.
        principal, role_name = authenticate_in_program(
            session, self.token, program_id, self.now()
        )
        if principal is None:
            raise _token_refused()
        self.checked = principal
        self.request_state[USER_ID_STATE] = principal.user_id
        return ProgramScope.of_member(
            session, principal, program_id, role_name, self.now()
        )

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
            self._authenticate(session)
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


def authenticate_in(session: Session, running: Service, token: str) -> Principal:
    """The principal of the token, looked up in `session`.

    Raises:
        ProblemError: 401 for a token that is not valid, has expired or was revoked,
            or whose account is disabled.
    """
    principal = authenticate(session, token, running.settings.clock())
    if principal is None:
        raise _token_refused()
    return principal


def _token_refused() -> ProblemError:
    return unauthorized(
        gettext("the token is not valid, has expired or was revoked: log in again")
    )


def _checked_now(access: Access) -> Access:
    access.principal  # noqa: B018 - checks the token now, in a transaction of its own
    return access


async def caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    running: Annotated[Service, Depends(service)],
) -> Access:
    """The caller; a request that changes something is authenticated here, first.

    Raises:
        ProblemError: 401 without a token, or (at once for a change, on first use
            for a read) with one that is not valid.
    """
    if credentials is None or not credentials.credentials:
        raise unauthorized(
            gettext("log in and send the access token as '%(header)s'")
            % {"header": "Authorization: Bearer …"}
        )
    token = credentials.credentials
    if len(token) > 200:
        raise unauthorized(gettext("the token is not valid"))
    access = Access(
        running, token, request.url.path, request.scope.setdefault("state", {})
    )
    if request.method in READ_METHODS:
        return access
    return await run_in_threadpool(_checked_now, access)


CallerDependency = Annotated[Access, Depends(caller)]
