"""What a pipeline stage refuses, each with a message that names the way out.

Solver outcomes keep their own types (`ContradictoryScenarioError` in planning); these
are the refusals of the run folder: an input no command has made yet, or a file made
from another scenario or another plan than the one it would be used with.
"""

from __future__ import annotations

from surgeplan.errors import SurgeplanError


class PipelineError(SurgeplanError):
    """A stage cannot run with the files it was given; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingInputError(PipelineError):
    """A stage needs a result file that no command has made yet."""


class MismatchError(PipelineError):
    """A result file made from another scenario or another plan."""


class UnreadableInputError(PipelineError):
    """A result file that is not what its name says (not JSON, another format)."""


class ScheduleRefusedError(PipelineError):
    """The scheduler refused its input (an unknown site, weeks outside the horizon)."""


class OutputFolderError(PipelineError):
    """The run folder cannot be created or written."""


class PlanBreaksConstraintsError(PipelineError):
    """The independent check found constraints the plan breaks (a planner bug)."""

    def __init__(self, message: str, violations: list[str]) -> None:
        super().__init__(message)
        self.violations = violations
