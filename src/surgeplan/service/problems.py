"""Errors as RFC 9457 problem details (`application/problem+json`).

Every refusal, from the data layer or from request validation, becomes a problem
with a stable `type`; unexpected errors become a bare 500 with a correlation id
(the detail is logged, never sent).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from surgeplan.store.errors import BusyError, PreconditionFailedError, StoreError

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:surgeplan:problem:"
log = logging.getLogger("surgeplan.service")


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
    """A problem+json response."""
    body = Problem(
        type=TYPE_PREFIX + slug(title),
        title=title,
        status=status,
        detail=detail,
        instance=request_path,
        errors=errors,
        request_id=request_id,
    ).model_dump(exclude_none=True)
    return JSONResponse(body, status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


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
        request.url.path, error.status, error.title, error.detail, headers=headers
    )


async def _on_validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {
            "location": ".".join(str(part) for part in item.get("loc", ())),
            "message": str(item.get("msg", "")),
        }
        for item in error.errors()[:50]
    ]
    return problem_response(
        request.url.path,
        422,
        "Invalid request",
        "the request does not match the API; see errors",
        errors=errors,
    )


async def _on_http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    titles = {401: "Unauthorized", 404: "Not found", 405: "Method not allowed"}
    title = titles.get(error.status_code, "Request refused")
    detail = error.detail if isinstance(error.detail, str) else title
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
