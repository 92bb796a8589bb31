"""The outermost layer: request ids, limits, security headers, access log, no traces.

Pure ASGI (no per-request task switching). Any exception that escapes the app
becomes a 500 problem naming only a correlation id; the traceback goes to the log.
Each request leaves one access log line: method, path (without the query), status,
duration, the caller's user id once authenticated, and the request id. Never a
header, a token or a body.
"""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from surgeplan.i18n import N_, gettext
from surgeplan.service.problems import problem_response

log = logging.getLogger("surgeplan.service")
access_log = logging.getLogger("surgeplan.access")
USER_ID_STATE = "user_id"
"""Where `Access` leaves the authenticated caller's id for the access log."""

SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'self'; frame-ancestors 'none'; "
        b"base-uri 'none'; form-action 'self'; object-src 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
ROUTE_HEADERS = (b"content-security-policy", b"cache-control")
# Headers a real client sends fit in a few KB (a bearer token is under 100 bytes);
# nginx's default buffers stop at 8-32 KB. More is refused before any handler runs.
MAX_HEADER_BYTES = 16 * 1024
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
# Swagger UI (/docs, only where enabled) comes from the package, its scripts from
# files; it sets style attributes and draws icons from data: URLs.
DOCS_PREFIX = "/docs"
DOCS_CSP = (
    b"content-security-policy",
    b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
    b"form-action 'self'; object-src 'none'",
)


class BodyTooLargeError(Exception):
    """The request body passed the size limit."""


class GuardMiddleware:
    """Security headers, a body size limit and a catch-all error handler."""

    def __init__(
        self, app: ASGIApp, max_body_bytes: int, *, log_requests: bool = True
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.log_requests = log_requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began_s = time.perf_counter()
        request_id = secrets.token_hex(8)
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        is_https = scope.get("scheme") == "https"
        is_docs = scope.get("path", "").startswith(DOCS_PREFIX)
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                # A route may set a stricter CSP (a sandboxed report) or let an
                # asset be cached (the dashboard's static files); all else is ours.
                own = {
                    name.lower(): value
                    for name, value in message.get("headers", [])
                    if name.lower() in ROUTE_HEADERS
                }
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in {h for h, _ in SECURITY_HEADERS}
                ]
                headers.extend(own.items())
                headers.extend(
                    DOCS_CSP if is_docs and h[0] == b"content-security-policy" else h
                    for h in SECURITY_HEADERS
                    if h[0] not in own
                )
                if is_https:
                    headers.append(HSTS)
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self._guarded(scope, receive, send_with_headers, request_id)
        finally:
            if self.log_requests:
                access_log.info(
                    "%s %s %d %.1f ms user %s request %s",
                    scope.get("method", "-"),
                    scope.get("path", "")[:300],
                    status,
                    1000 * (time.perf_counter() - began_s),
                    state.get(USER_ID_STATE, "-"),
                    request_id,
                )

    async def _guarded(
        self, scope: Scope, receive: Receive, send: Send, request_id: str
    ) -> None:
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        header_bytes = sum(len(n) + len(v) for n, v in scope.get("headers", []))
        if header_bytes > MAX_HEADER_BYTES:
            await self._problem(scope, send_with_headers, 431, request_id)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await self._problem(scope, send_with_headers, 413, request_id)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLargeError
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLargeError:
            if not started:
                await self._problem(scope, send_with_headers, 413, request_id)
        except Exception:
            log.exception("unexpected error, request id %s", request_id)
            if not started:
                await self._problem(scope, send_with_headers, 500, request_id)

    async def _problem(
        self, scope: Scope, send: Send, status: int, request_id: str
    ) -> None:
        if status == 431:
            title = N_("Request header fields too large")
            detail = gettext("the request headers are over %(limit)d KB") % {
                "limit": MAX_HEADER_BYTES // 1024
            }
        elif status == 413:
            title = N_("Content too large")
            detail = gettext(
                "the request body is over %(limit)d MB; "
                "a scenario is far smaller: check it is the right file"
            ) % {"limit": self.max_body_bytes // (1024 * 1024)}
        else:
            title = N_("Internal error")
            detail = gettext(
                "an unexpected error occurred; quote request id %(request_id)s"
            ) % {"request_id": request_id}
        response = problem_response(
            scope.get("path", ""), status, title, detail, request_id=request_id
        )
        await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}


def _content_length(scope: Scope) -> int | None:
    headers: Any = scope.get("headers", [])
    for name, value in headers:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
