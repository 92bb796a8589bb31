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

from babel.dates import format_datetime
from babel.numbers import format_decimal
from fastapi import Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, select_autoescape

from surgeplan import i18n
from surgeplan.i18n import gettext
from surgeplan.reporting import formatting
from surgeplan.service.access import Access
from surgeplan.service.problems import ProblemError
from surgeplan.store.errors import StoreError
from surgeplan.store.roles import Permission, Role, allows
from surgeplan.web import words
from surgeplan.web.language import page_language
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
    extensions=["jinja2.ext.i18n"],
)
# Sentences are `_("… %(x)s", x=value)` (newstyle: values escaped, sentence not),
# read in the language of `i18n.speaking`, looked up at each call: one environment
# serves every language at once.
templates.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext,
    i18n.ngettext,
    newstyle=True,
    pgettext=i18n.pgettext,
    npgettext=i18n.npgettext,
)


def whole(value: float | int | None) -> str:
    """A quantity in whole units: 12,345 (French 12 345); a dash for nothing."""
    return formatting.number(value)


def percent(value: float | None) -> str:
    """A probability as a whole percentage: 0.834 -> 83 % (French with U+202F)."""
    return formatting.percent(value)


def day(value: str | date | datetime | None) -> str:
    """A date as 14 Mar 2027 (French 14 mars 2027); a timestamp with its time.

    ISO text is read as its day; other text ("after the horizon") stays whole.
    """
    if value is None or value == "":
        return formatting.DASH
    language = i18n.current_language().value
    if isinstance(value, datetime):
        return str(format_datetime(value, "d MMM y HH:mm", locale=language))
    if isinstance(value, date):
        return formatting.day(value)
    text = str(value)
    if ISO_DAY.match(text):
        try:
            return formatting.day(date.fromisoformat(text[:10]))
        except ValueError:
            return text[:10]
    return text


def money(value: float | int | None, currency: str = "EUR") -> str:
    """An amount in the scenario's currency: EUR 1.23 M (French 1,23 M€)."""
    return formatting.money(value, currency)


def short(value: float | None) -> str:
    """A figure with as many decimals as it needs, up to one: 3 or 2.5 (French 2,5)."""
    if value is None:
        return formatting.DASH
    return formatting.number(value, 0 if value == round(value) else 1)


def decimals(value: float | None, digits: int) -> str:
    """A figure with a fixed number of decimals: 0.812 (French 0,812)."""
    return formatting.number(value, digits)


def signed(value: float | None) -> str:
    """A change in whole units with its sign: +12, -3 (French +12, -3)."""
    if value is None:
        return formatting.DASH
    shown = round(value) or 0  # never "-0"
    language = i18n.current_language().value
    return str(format_decimal(shown, format="+#,##0;-#,##0", locale=language))


templates.filters.update(
    whole=whole,
    percent=percent,
    day=day,
    money=money,
    short=short,
    decimals=decimals,
    signed=signed,
)
templates.globals["lang"] = lambda: i18n.current_language().value
templates.globals.update(words.GLOBALS)


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

    reads_session = True
    """Whether the page's language may come from the signed-in person's choice."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The handler, run in the page's language and wrapped to render refusals."""
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            # Assets are the same in every language: no session lookup for them.
            access = browser_access(request) if self.reads_session else None
            language = page_language(request, access.principal if access else None)
            # The context variable is this request's own: a French page and an
            # English one rendered at the same time never see each other's.
            with i18n.speaking(language):
                response = await _refusals_as_pages(handler, request)
            if response.headers.get("content-type", "").startswith("text/html"):
                response.headers["Content-Language"] = language.value
                response.headers["Vary"] = "Accept-Language, Cookie"
            return response

        return handle


async def _refusals_as_pages(
    handler: Callable[[Request], Coroutine[Any, Any, Response]], request: Request
) -> Response:
    try:
        return await handler(request)
    except SignInRequiredError:
        return _signin_redirect(request)
    except CsrfError:
        return error_page(
            request,
            403,
            gettext("Form expired"),
            gettext(
                "The form's security token is missing or out of date: reload the "
                "page and send it again."
            ),
        )
    except StoreError as error:
        return error_page(request, error.status, _title(error.status), error.worded())
    except ProblemError as error:
        return error_page(request, error.status, error.title, error.detail)
    except PageError as error:
        return error_page(request, error.status, error.title, error.detail)
    except RequestValidationError as error:
        detail = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
            for e in error.errors()[:5]
        )
        return error_page(request, 422, gettext("Invalid request"), detail)


def _title(status: int) -> str:
    titles = {
        404: gettext("Not found"),
        403: gettext("Not allowed"),
        409: gettext("Conflict"),
        412: gettext("Changed meanwhile"),
        428: gettext("Precondition required"),
        429: gettext("Too many requests"),
        503: gettext("Service busy"),
    }
    return titles.get(status, gettext("Refused"))


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
