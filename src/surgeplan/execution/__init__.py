"""Execution: what actually happened, against the plan, and a forecast that learns.

Scenario + Plan + Actuals -> Status (variance, re-estimated parameters, milestone odds
from the current state) and ProgramState (what exists at the end of a status week).
"""

from surgeplan.execution.errors import ActualsError, ActualsIssue
from surgeplan.execution.loading import actuals_from_data, load_actuals
from surgeplan.execution.records import ACTUALS_FORMAT, TABLES, Actuals
from surgeplan.execution.state import ProgramState, program_state
from surgeplan.execution.status import (
    PlanMismatchError,
    Status,
    StatusFileError,
    forecast,
    load_status,
    status,
)

__all__ = [
    "ACTUALS_FORMAT",
    "TABLES",
    "Actuals",
    "ActualsError",
    "ActualsIssue",
    "PlanMismatchError",
    "ProgramState",
    "Status",
    "StatusFileError",
    "actuals_from_data",
    "forecast",
    "load_actuals",
    "load_status",
    "program_state",
    "status",
]
