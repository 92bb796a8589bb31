"""surgeplan: plan a manufacturing surge, from scenario to decision brief.

The public Python API, by stage (docs/python-api.md walks through it):

    scenario    load_scenario, save_scenario, validate, Scenario, ScenarioIssue
    planning    plan, check, load_plan, Plan, SolveStatus, Violation
    confidence  plan_to_confidence, price_of_confidence, ConfidentPlan,
                PriceOfConfidence, PlanTargets
    scheduling  schedule, Schedule, Objective, ScheduleStatus
    risk        simulate, mitigate, load_risk_report, load_mitigations, RiskReport,
                MitigationReport, RecoveryPolicy
    economics   business_case, sensitivity, BusinessCase, Sensitivity
    reporting   report, brief, compare, BriefFiles
    execution   load_actuals, status, forecast, program_state, Actuals, Status,
                ProgramState
    errors      SurgeplanError (the root), one base per stage: ScenarioError,
                PlanningError, SchedulingError, RiskError, ReportingError; and
                PlanFileError, ContradictoryScenarioError, PlanningTimeoutError,
                ScheduleInputError, ActualsError

Names are imported on first use: `import surgeplan` loads no solver and no pandas,
because HiGHS (planning) and OR-Tools (scheduling) cannot share one process;
`plan()` and `schedule()` each run apart when the other solver is loaded.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# One grouped table is the source of `__all__`, `dir()` and the lazy imports; a test
# compares it with the list of names the documentation promises.
_API_BY_MODULE: dict[str, tuple[str, ...]] = {
    "surgeplan.scenario": (
        "Scenario",
        "ScenarioError",
        "ScenarioIssue",
        "load_scenario",
        "save_scenario",
    ),
    "surgeplan.api": (
        "brief",
        "check",
        "compare",
        "load_mitigations",
        "plan",
        "plan_to_confidence",
        "price_of_confidence",
        "report",
        "schedule",
        "validate",
    ),
    "surgeplan.planning": (
        "Plan",
        "PlanFileError",
        "PlanTargets",
        "SolveStatus",
        "load_plan",
    ),
    "surgeplan.confidence": ("ConfidentPlan", "PriceOfConfidence"),
    "surgeplan.planning.checking.checker": ("Violation",),
    "surgeplan.errors": ("SurgeplanError",),
    "surgeplan.planning.errors": (
        "ContradictoryScenarioError",
        "PlanningError",
        "PlanningTimeoutError",
    ),
    "surgeplan.scheduling.site.errors": ("SchedulingError",),
    "surgeplan.risk.errors": ("RiskError",),
    "surgeplan.reporting.errors": ("ReportingError",),
    "surgeplan.scheduling": (
        "Objective",
        "Schedule",
        "ScheduleInputError",
        "ScheduleStatus",
    ),
    "surgeplan.risk": (
        "MitigationReport",
        "RecoveryPolicy",
        "RiskReport",
        "load_risk_report",
        "mitigate",
        "simulate",
    ),
    "surgeplan.economics": (
        "BusinessCase",
        "Sensitivity",
        "business_case",
        "sensitivity",
    ),
    "surgeplan.reporting": ("BriefFiles",),
    "surgeplan.execution": (
        "Actuals",
        "ActualsError",
        "ProgramState",
        "Status",
        "forecast",
        "load_actuals",
        "program_state",
        "status",
    ),
}

_MODULE_OF = {
    name: module for module, names in _API_BY_MODULE.items() for name in names
}

__all__ = [*sorted(_MODULE_OF), "__version__"]


def __getattr__(name: str) -> Any:
    module_name = _MODULE_OF.get(name)
    if module_name is None:
        raise AttributeError(f"module 'surgeplan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, "__doc__", "__file__", "__name__", "__path__"})
