"""Sign-in, the first administrator's set-up, sign-out, and the programs list.

The set-up form exists only while the database has no account at all, and only for
a browser on the server's own machine (loopback): on an empty database anyone who
reaches the form first would become the superadmin, so a remote visitor is told to
run `surgeplan user add NAME --superadmin` instead.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import func, select

from surgeplan.i18n import gettext
from surgeplan.service.access import client_address, service_of
from surgeplan.service.bodies import Description, Name, Username
from surgeplan.service.problems import ProblemError
from surgeplan.store.accounts import AccountError, make_password_hasher
from surgeplan.store.programs import create_program, my_programs
from surgeplan.store.tables import User
from surgeplan.store.users import add_user
from surgeplan.web.base import Posted, SignedIn, WebRoute, render
from surgeplan.web.session import (
    CSRF_FIELD,
    PRE_SESSION_COOKIE,
    SESSION_COOKIE,
    browser_access,
    check_csrf,
    clear_cookie,
    new_pre_session_token,
    set_cookie,
    sign_in,
    sign_out,
)

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Password = Annotated[str, Form(min_length=1, max_length=1024)]
PROGRAMS_SHOWN = 200


def _has_accounts(request: Request) -> bool:
    with service_of(request).database.read() as session:
        return bool(session.execute(select(func.count()).select_from(User)).scalar())


def _is_local(request: Request) -> bool:
    try:
        return ipaddress.ip_address(client_address(request)).is_loopback
    except ValueError:
        return False


def _signin_form(
    request: Request, *, status: int = 200, error: str = "", username: str = ""
) -> Response:
    token = request.cookies.get(PRE_SESSION_COOKIE) or new_pre_session_token()
    is_setup = not _has_accounts(request)
    response = render(
        request,
        "setup.html" if is_setup else "signin.html",
        status=status,
        pre_session_token=token,
        error=error,
        username=username,
        may_set_up=_is_local(request),
    )
    set_cookie(request, response, PRE_SESSION_COOKIE, token)
    return response


@router.get("/signin")
def signin_page(request: Request) -> Response:
    """The sign-in form (the set-up form on an empty database)."""
    if browser_access(request) is not None:
        return RedirectResponse("/", status_code=303)
    return _signin_form(request)


def _check_pre_session(request: Request, token: str) -> None:
    check_csrf(request, request.cookies.get(PRE_SESSION_COOKIE, ""), token)


def _signed_in_response(request: Request, access_token: str) -> Response:
    response = RedirectResponse("/", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, access_token)
    clear_cookie(request, response, PRE_SESSION_COOKIE)
    return response


@router.post("/signin")
def signin(
    request: Request,
    username: Annotated[Username, Form()],
    password: Password,
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "",
) -> Response:
    """Check the password as the API's login does and start a browser session."""
    _check_pre_session(request, csrf_token)
    try:
        access_token = sign_in(request, username, password)
    except ProblemError as refusal:
        return _signin_form(
            request, status=refusal.status, error=refusal.detail, username=username
        )
    return _signed_in_response(request, access_token)


@router.post("/setup")
def set_up(
    request: Request,
    username: Annotated[Username, Form()],
    password: Password,
    repeat: Password,
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "",
) -> Response:
    """Create the first account (a superadmin) on an empty database, then sign in."""
    _check_pre_session(request, csrf_token)
    if _has_accounts(request) or not _is_local(request):
        return _signin_form(
            request,
            status=403,
            error=gettext(
                "Set-up is only for an empty database, from the server's machine."
            ),
        )
    if password != repeat:
        return _signin_form(
            request,
            status=422,
            error=gettext("The passwords differ."),
            username=username,
        )
    running = service_of(request)
    try:
        with running.database.write() as session:
            add_user(
                session,
                username,
                password,
                is_superadmin=True,
                hasher=make_password_hasher(
                    fast=running.settings.fast_password_hashing
                ),
                now=running.settings.clock(),
            )
    except AccountError as error:
        return _signin_form(request, status=422, error=str(error), username=username)
    return _signed_in_response(request, sign_in(request, username, password))


@router.post("/signout")
def signout(request: Request, access: Posted) -> Response:
    """End the browser session (the token stops working at once)."""
    sign_out(access)
    response = RedirectResponse("/signin", status_code=303)
    clear_cookie(request, response, SESSION_COOKIE)
    return response


@router.get("/")
def programs_page(request: Request, access: SignedIn) -> Response:
    """The programs the caller belongs to; others do not exist for them."""
    with access.session() as session:
        programs = my_programs(session, access.principal, PROGRAMS_SHOWN, 0)
    return render(request, "programs.html", access, programs=programs.items)


@router.post("/programs")
def add_program(
    request: Request,
    access: Posted,
    name: Annotated[Name, Form()],
    description: Annotated[Description, Form()] = "",
) -> Response:
    """Create a program (superadmins; the store refuses anyone else)."""
    with access.session(write=True) as session:
        record = create_program(
            session, access.principal, name, description, access.now()
        )
    return RedirectResponse(f"/programs/{record.id}", status_code=303)


__all__ = ["CSRF_FIELD", "router"]
