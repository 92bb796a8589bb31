"""Why a site cannot be scheduled as asked."""

from __future__ import annotations


class ScheduleInputError(Exception):
    """The request or its scenario and plan cannot give a schedule (exit code 2)."""


class UnschedulableOperationError(ScheduleInputError):
    """An operation that no station of the site can do."""

    def __init__(self, item: str, operation: str, capability: str, reason: str) -> None:
        self.item = item
        self.operation = operation
        self.capability = capability
        super().__init__(
            f"item '{item}', operation '{operation}' (capability '{capability}'): "
            f"{reason}"
        )
