"""The reporting stage's base error."""

from __future__ import annotations

from surgeplan.errors import SurgeplanError


class ReportingError(SurgeplanError):
    """The reporting stage's refusals: every error of `surgeplan.reporting`."""
