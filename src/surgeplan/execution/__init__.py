"""Execution: what actually happened, against the plan, and a forecast that learns.

Scenario + Plan + Actuals -> Status (variance, re-estimated parameters, milestone odds
from the current state) and ProgramState (what exists at the end of a status week).
"""

from surgeplan.execution.errors import ActualsError, ActualsIssue
from surgeplan.execution.records import ACTUALS_FORMAT, TABLES, Actuals

__all__ = ["ACTUALS_FORMAT", "TABLES", "Actuals", "ActualsError", "ActualsIssue"]
