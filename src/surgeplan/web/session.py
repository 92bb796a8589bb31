"""Browser sessions: the service's own login session carried in a cookie, plus CSRF.

A browser signs in through the service's `LoginDesk` (same throttling, hashing
slots and audit rows as `POST /api/v1/auth/login`) and keeps the access token in an
HttpOnly, SameSite=Strict cookie (Secure over TLS). The token is checked against the
database on every request by the service's `authenticate`, so signing out, `surgeplan
user disable` and password resets end a browser session at once, as they end an API
session. A browser cannot refresh quietly without racing its own parallel requests
(a refresh token works once; a second use ends the session), so the browser's access
token lives as long as a refresh token would (12 hours by default) instead.

CSRF: every state-changing request carries a token, as a form field or the
`X-CSRF-Token` header htmx sends. It is an HMAC of the login session's id under the
audit key (secret, and the same in every server process), so nothing new is stored.
Before sign-in a random double-submit cookie protects the sign-in form itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import replace

from fastapi import Request, Response

from surgeplan.service.access import Access, Service, client_address, service_of
from surgeplan.service.login import LoginDesk
from surgeplan.store.accounts import Principal, TokenKind, authenticate

SESSION_COOKIE = "surgeplan_session"
PRE_SESSION_COOKIE = "surgeplan_signin"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_TOKEN_CHARS = 200


class CsrfError(Exception):
    """A state-changing request without a valid CSRF token."""


def is_https(request: Request) -> bool:
    """Whether the browser talks TLS (directly or through a trusted proxy)."""
    return request.url.scheme == "https"


def set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """An HttpOnly, SameSite=Strict cookie for the whole site (Secure over TLS)."""
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="strict",
        secure=is_https(request),
        path="/",
    )


def clear_cookie(request: Request, response: Response, name: str) -> None:
    """Remove a cookie set by `set_cookie`."""
    response.delete_cookie(
        name, httponly=True, samesite="strict", secure=is_https(request), path="/"
    )


def sign_in(request: Request, username: str, password: str) -> str:
    """The access token of a new browser session (raises as the API's login does)."""
    running = service_of(request)
    browser_settings = replace(
        running.settings, access_ttl=running.settings.refresh_ttl
    )
    # The same desk, hashing slots and read audit: only the token's lifetime differs.
    desk = LoginDesk(replace(running, settings=browser_settings))
    pair = desk.login(username, password, client_address(request))
    return pair.access_token


def sign_out(access: Access) -> None:
    """End the browser's login session (its token stops working at once)."""
    LoginDesk(access.service).logout(access.principal)


def browser_access(request: Request) -> Access | None:
    """The signed-in caller of this request, or None (looked up once per request)."""
    if hasattr(request.state, "browser_access"):
        found: Access | None = request.state.browser_access
        return found
    access = _lookup_access(request)
    request.state.browser_access = access
    return access


def _lookup_access(request: Request) -> Access | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    running: Service = service_of(request)
    with running.database.read() as session:
        principal = authenticate(session, token, running.settings.clock())
    # API tokens belong in Authorization headers of scripts, not in browsers.
    if principal is None or principal.token_kind is not TokenKind.ACCESS:
        return None
    return Access.of(running, principal, request.url.path, request.scope.get("state"))


def csrf_token(running: Service, principal: Principal) -> str:
    """The CSRF token of the caller's login session."""
    key = running.database.audit_key or b""
    message = b"surgeplan-csrf:" + principal.session_id.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def new_pre_session_token() -> str:
    """A random token for the sign-in form's double-submit cookie."""
    return secrets.token_urlsafe(24)


def check_csrf(request: Request, expected: str, form_token: str | None) -> None:
    """Refuse a state-changing request whose CSRF token is missing or wrong.

    Raises:
        CsrfError: no token, or not the session's.
    """
    sent = form_token or request.headers.get(CSRF_HEADER, "")
    if not expected or not sent or not hmac.compare_digest(sent, expected):
        raise CsrfError
