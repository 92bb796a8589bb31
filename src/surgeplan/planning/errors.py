"""What `plan()` raises, importable without loading HiGHS.

A notebook or the service catches these around `plan()`; importing them must not
import the solver (`planning/solve/contradiction.py`, which explains the refusal, does).
"""

from __future__ import annotations

from surgeplan.errors import SurgeplanError


class PlanningError(SurgeplanError):
    """The planning stage's refusals: every error of `surgeplan.planning`."""


class ContradictoryScenarioError(PlanningError):
    """Core demand cannot be met even with every option the scenario offers."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PlanningTimeoutError(PlanningError):
    """HiGHS found no plan at all within the time it was given."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
