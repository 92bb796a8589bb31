"""Execution: what actually happened, against the plan, and a forecast that learns.

Scenario + Plan + Actuals -> Status (variance, re-estimated parameters, milestone odds
from the current state) and ProgramState (what exists at the end of a status week).

The names are loaded on first use (PEP 562) so that reading actuals or a status file
(the service does both) does not load the stage's numpy arithmetic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from surgeplan.execution.errors import ActualsError, ActualsIssue
    from surgeplan.execution.loading import actuals_from_data, load_actuals
    from surgeplan.execution.records import ACTUALS_FORMAT, TABLES, Actuals
    from surgeplan.execution.state import ProgramState, program_state
    from surgeplan.execution.status import forecast, status
    from surgeplan.execution.status_records import (
        PlanMismatchError,
        Status,
        StatusFileError,
        load_status,
    )

_HOMES = {
    "ACTUALS_FORMAT": "records",
    "TABLES": "records",
    "Actuals": "records",
    "ActualsError": "errors",
    "ActualsIssue": "errors",
    "PlanMismatchError": "status_records",
    "ProgramState": "state",
    "Status": "status_records",
    "StatusFileError": "status_records",
    "actuals_from_data": "loading",
    "forecast": "status",
    "load_actuals": "loading",
    "load_status": "status_records",
    "program_state": "state",
    "status": "status",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
