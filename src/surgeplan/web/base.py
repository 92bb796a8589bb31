"""What every dashboard page shares: templates, the signed-in caller, CSRF, errors.

Pages and htmx fragments reach program data only through the service's `Access`
(`access.program(...)` opens the caller's `ProgramScope`), exactly as the API
routes do: need-to-know lives in the store, never in a template. `WebRoute` turns
the store's refusals into HTML pages with the same status the API answers (404
for what the caller may not know of, 403 for a role that does not allow it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, select_autoescape

from surgeplan.service.access import Access
from surgeplan.service.problems import ProblemError
from surgeplan.store.errors import StoreError
from surgeplan.store.roles import Permission, Role, allows
from surgeplan.web.session import (
    CSRF_FIELD,
    CsrfError,
    browser_access,
    check_csrf,
    csrf_token,
)

log = logging.getLogger("surgeplan.web")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

templates = Environment(
    loader=PackageLoader("surgeplan.web", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def whole(value: float | int | None) -> str:
    """A quantity in whole units with thousands separators: 12,345."""
    if value is None:
        return "-"
    return f"{round(value):,}"


def percent(value: float | None) -> str:
    """A probability as a whole percentage: 0.834 -> 83 %."""
    if value is None:
        return "-"
    return f"{round(100 * value)} %"


def day(value: str | date | datetime | None) -> str:
    """A date as 2027-03-14 (ISO text is cut to its day)."""
    if value is None or value == "":
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # ISO timestamps are cut to their day; words ("after the horizon") stay whole.
    return text[:10] if ISO_DAY.match(text) else text


def money(value: float | int | None, currency: str = "EUR") -> str:
    """An amount in whole units of the scenario's currency: 1,234,567 EUR."""
    if value is None:
        return "-"
    return f"{round(value):,} {currency}"


templates.filters.update(whole=whole, percent=percent, day=day, money=money)


def _allows(role: Role, permission: str) -> bool:
    """Whether to offer a link; the page behind it checks again in the store."""
    return allows(role, Permission(permission))


templates.globals["allows"] = _allows


class SignInRequiredError(Exception):
    """The request needs a signed-in browser."""


class PageError(Exception):
    """A refusal to show as an HTML page with a status."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail


def is_htmx(request: Request) -> bool:
    """Whether htmx sent the request (it wants a fragment)."""
    return request.headers.get("hx-request") == "true"


def render(
    request: Request,
    template: str,
    access: Access | None = None,
    *,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A page or fragment rendered with the caller, CSRF token and formatters."""
    token = csrf_token(access.service, access.principal) if access else ""
    if access is None:
        token = context.pop("pre_session_token", "")
    text = templates.get_template(template).render(
        request=request,
        user=access.principal if access else None,
        csrf=token,
        csrf_field=CSRF_FIELD,
        **context,
    )
    return HTMLResponse(text, status_code=status)


def error_page(request: Request, status: int, title: str, detail: str) -> Response:
    """The HTML answer for a refusal or a bad request."""
    access = browser_access(request)
    template = "fragments/error.html" if is_htmx(request) else "error.html"
    return render(request, template, access, status=status, title=title, detail=detail)


def _signin_redirect(request: Request) -> Response:
    if is_htmx(request):
        return Response(status_code=401, headers={"HX-Redirect": "/signin"})
    return RedirectResponse("/signin", status_code=303)


class WebRoute(APIRoute):
    """A route whose refusals are HTML pages (the API's stay problem+json)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The handler, wrapped to render refusals."""
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInRequiredError:
                return _signin_redirect(request)
            except CsrfError:
                return error_page(
                    request,
                    403,
                    "Form expired",
                    "the form's security token is missing or out of date: reload "
                    "the page and send it again",
                )
            except StoreError as error:
                return error_page(
                    request, error.status, _title(error.status), str(error)
                )
            except ProblemError as error:
                return error_page(request, error.status, error.title, error.detail)
            except PageError as error:
                return error_page(request, error.status, error.title, error.detail)
            except RequestValidationError as error:
                detail = "; ".join(
                    f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
                    for e in error.errors()[:5]
                )
                return error_page(request, 422, "Invalid request", detail)

        return handle


def _title(status: int) -> str:
    return {
        404: "Not found",
        403: "Not allowed",
        409: "Conflict",
        412: "Changed meanwhile",
        428: "Precondition required",
        429: "Too many requests",
        503: "Service busy",
    }.get(status, "Refused")


def signed_in(request: Request) -> Access:
    """The signed-in caller (pages redirect to sign-in otherwise)."""
    access = browser_access(request)
    if access is None:
        raise SignInRequiredError
    return access


async def posted(request: Request) -> Access:
    """The signed-in caller of a state-changing request with a valid CSRF token."""
    access = signed_in(request)
    form = await request.form()
    field = form.get(CSRF_FIELD)
    check_csrf(
        request,
        csrf_token(access.service, access.principal),
        field if isinstance(field, str) else None,
    )
    return access


SignedIn = Annotated[Access, Depends(signed_in)]
Posted = Annotated[Access, Depends(posted)]
