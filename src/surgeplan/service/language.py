"""The language of a request: its `Accept-Language`, English when it names none.

Pure ASGI, outermost: everything the request runs — dependencies, the handler, the
exception handlers that build problems and the guard's own 413 and 500 — runs
inside `speaking(language)`. The language is a context variable, so it follows the
request into the thread pool that runs sync endpoints (Starlette copies the context
into it) and never leaks into a concurrent request; a child process (the upload
readers of `parse_limits`, `actuals_files`) is handed it as an argument.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from surgeplan.i18n import Language, preferred_language, speaking

ACCEPT_LANGUAGE = b"accept-language"
# A browser's header is a few dozen bytes; `preferred_language` reads only so many
# ranges, and a longer header is cut before it is parsed.
MAX_HEADER_CHARS = 512


def request_language(scope: Scope) -> Language:
    """The language a request asks for in its headers, English by default."""
    for name, value in scope.get("headers", ()):
        if name == ACCEPT_LANGUAGE:
            header = value[:MAX_HEADER_CHARS].decode("latin-1")
            return preferred_language(header) or Language.EN
    return Language.EN


class LanguageMiddleware:
    """Run each HTTP request inside `speaking` its `Accept-Language`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with speaking(request_language(scope)):
            await self.app(scope, receive, send)
