"""The risk stage's base error, importable without running a simulation."""

from __future__ import annotations

from surgeplan.errors import SurgeplanError


class RiskError(SurgeplanError):
    """The risk stage's refusals: every error of `surgeplan.risk`."""
