"""Why a site cannot be scheduled as asked."""

from __future__ import annotations

from surgeplan.errors import SurgeplanError


class SchedulingError(SurgeplanError):
    """The scheduling stage's refusals: every error of `surgeplan.scheduling`."""


class ScheduleInputError(SchedulingError):
    """The request or its scenario and plan cannot give a schedule (exit code 2)."""


class UnschedulableOperationError(ScheduleInputError):
    """An operation that no station of the site can do."""

    def __init__(self, item: str, operation: str, capability: str, reason: str) -> None:
        self.item = item
        self.operation = operation
        self.capability = capability
        self.reason = reason
        super().__init__(
            f"item '{item}', operation '{operation}' (capability '{capability}'): "
            f"{reason}"
        )

    def __reduce__(self) -> tuple[type[UnschedulableOperationError], tuple[str, ...]]:
        # Pickled when the API schedules in a process of its own: rebuilt from the
        # four parts, not from the message.
        return (
            type(self),
            (self.item, self.operation, self.capability, self.reason),
        )
