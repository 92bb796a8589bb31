"""What the data layer refuses, each mapped to one HTTP status by the service."""

from __future__ import annotations

from surgeplan.errors import SurgeplanError


class StoreError(SurgeplanError):
    """A refusal with a message fit for the caller."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFoundError(StoreError):
    """No such object in the caller's programs (also: a program they are not in)."""

    status = 404
    title = "Not found"


class MissingRoleError(StoreError):
    """A member whose role does not allow the action."""

    status = 403
    title = "Forbidden"


class ConflictError(StoreError):
    """The request clashes with the current state (a duplicate member)."""

    status = 409
    title = "Conflict"


class PreconditionFailedError(StoreError):
    """If-Match names a state that is no longer current."""

    status = 412
    title = "Precondition failed"

    def __init__(self, detail: str, current_etag: str) -> None:
        super().__init__(detail)
        self.current_etag = current_etag


class PreconditionRequiredError(StoreError):
    """An update without If-Match (it could overwrite someone else's change)."""

    status = 428
    title = "Precondition required"


class BusyError(StoreError):
    """Too much work queued: try again after `retry_after_s`."""

    status = 503
    title = "Service busy"

    def __init__(self, detail: str, retry_after_s: int) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


class QuotaError(BusyError):
    """The caller already has as many runs queued or running as allowed."""

    status = 429
    title = "Too many requests"
