"""What the data layer refuses, each mapped to one HTTP status by the service.

A refusal carries its sentence as an English template marked for the catalogs
(`N_`) and the values to put in it. `detail` is the English sentence (logs, the
audit trail, the CLI: one language for the record); `worded()` is the same
sentence in the language of the request being answered, for the API's problem
and the dashboard's error page.
"""

from __future__ import annotations

from surgeplan.errors import SurgeplanError
from surgeplan.i18n import gettext


class StoreError(SurgeplanError):
    """A refusal with a message fit for the caller."""

    status = 400
    title = "Bad request"

    def __init__(self, template: str, /, **values: object) -> None:
        # Without values the template is the sentence: braces in it are text.
        detail = template.format(**values) if values else template
        super().__init__(detail)
        self.template = template
        self.values = values
        self.detail = detail

    def worded(self) -> str:
        """The sentence in the current language (`i18n.speaking`)."""
        sentence = gettext(self.template)
        return sentence.format(**self.values) if self.values else sentence


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

    def __init__(self, template: str, current_etag: str, /, **values: object) -> None:
        super().__init__(template, **values)
        self.current_etag = current_etag


class PreconditionRequiredError(StoreError):
    """An update without If-Match (it could overwrite someone else's change)."""

    status = 428
    title = "Precondition required"


class BusyError(StoreError):
    """Too much work queued: try again after `retry_after_s`."""

    status = 503
    title = "Service busy"

    def __init__(self, template: str, retry_after_s: int, /, **values: object) -> None:
        super().__init__(template, **values)
        self.retry_after_s = retry_after_s


class QuotaError(BusyError):
    """The caller already has as many runs queued or running as allowed."""

    status = 429
    title = "Too many requests"
