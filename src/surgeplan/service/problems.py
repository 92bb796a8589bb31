"""Errors as RFC 9457 problem details (`application/problem+json`).

Every refusal, from the data layer or from request validation, becomes a problem
with a stable `type`; unexpected errors become a bare 500 with a correlation id
(the detail is logged, never sent).

Problems speak the caller's language (the request's `Accept-Language`, English when
absent, see `LanguageMiddleware`): a `title` is an English message id marked `N_`,
translated when the response is made, while `type` is always built from the English
title so that clients can match on it; a `detail` and the located `errors` are
translated where they are made, inside the request's `speaking` block.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from surgeplan.i18n import N_, current_language, gettext
from surgeplan.scenario.messages import request_message
from surgeplan.store.errors import BusyError, PreconditionFailedError, StoreError

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:surgeplan:problem:"
log = logging.getLogger("surgeplan.service")

# The titles the data layer and Starlette give their refusals (surgeplan.store.errors,
# HTTP status phrases), marked here for the catalogs: those modules say no sentence.
KNOWN_TITLES = (
    N_("Bad request"),
    N_("Not found"),
    N_("Forbidden"),
    N_("Conflict"),
    N_("Precondition failed"),
    N_("Precondition required"),
    N_("Service busy"),
    N_("Too many requests"),
    N_("Unauthorized"),
    N_("Method not allowed"),
    N_("Request refused"),
    N_("Invalid request"),
)


class Problem(BaseModel):
    """An RFC 9457 problem."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict[str, Any]] | None = None
    request_id: str | None = None


class ProblemError(Exception):
    """Raise to answer with a problem."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def slug(title: str) -> str:
    """`Precondition failed` -> `precondition-failed`."""
    return "-".join(title.lower().split())


def problem_response(
    request_path: str,
    status: int,
    title: str,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    request_id: str | None = None,
) -> JSONResponse:
    """A problem+json response; `title` is English, said in the caller's language."""
    body = Problem(
        type=TYPE_PREFIX + slug(title),
        title=gettext(title),
        status=status,
        detail=detail,
        instance=request_path,
        errors=errors,
        request_id=request_id,
    ).model_dump(exclude_none=True)
    spoken = {"Content-Language": current_language().value, **(headers or {})}
    return JSONResponse(body, status, headers=spoken, media_type=PROBLEM_MEDIA_TYPE)


async def _on_problem(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ProblemError)
    return problem_response(
        request.url.path,
        error.status,
        error.title,
        error.detail,
        errors=error.errors,
        headers=error.headers,
    )


async def _on_store_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StoreError)
    headers: dict[str, str] = {}
    if isinstance(error, BusyError):
        headers["Retry-After"] = str(error.retry_after_s)
    if isinstance(error, PreconditionFailedError):
        headers["ETag"] = error.current_etag
    return problem_response(
        request.url.path, error.status, error.title, error.worded(), headers=headers
    )


async def _on_validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {
            "location": ".".join(str(part) for part in item.get("loc", ())),
            "message": request_message(item),
        }
        for item in error.errors()[:50]
    ]
    return problem_response(
        request.url.path,
        422,
        N_("Invalid request"),
        gettext("the request does not match the API; see errors"),
        errors=errors,
    )


async def _on_http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    titles = {401: "Unauthorized", 404: "Not found", 405: "Method not allowed"}
    title = titles.get(error.status_code, "Request refused")
    # Starlette's own detail is the status phrase ("Not Found"): say the title.
    is_phrase = error.detail == HTTPStatus(error.status_code).phrase
    if isinstance(error.detail, str) and not is_phrase:
        detail = error.detail
    else:
        detail = gettext(title)
    return problem_response(
        request.url.path,
        error.status_code,
        title,
        detail,
        headers=dict(error.headers or {}),
    )


EXCEPTION_HANDLERS = {
    ProblemError: _on_problem,
    StoreError: _on_store_error,
    RequestValidationError: _on_validation_error,
    HTTPException: _on_http_error,
}

PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "default": {
        "model": Problem,
        "description": "A problem (RFC 9457), as application/problem+json.",
        "content": {
            PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }
}
