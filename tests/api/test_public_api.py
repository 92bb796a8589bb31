"""`surgeplan` is a public surface: its names are listed, documented and light."""

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import surgeplan

EXPORTED = {
    # scenario
    "Scenario",
    "ScenarioError",
    "ScenarioIssue",
    "load_scenario",
    "save_scenario",
    "validate",
    # planning
    "ContradictoryScenarioError",
    "Plan",
    "PlanFileError",
    "PlanningError",
    "PlanningTimeoutError",
    "SolveStatus",
    "Violation",
    "check",
    "load_plan",
    "plan",
    # confidence
    "ConfidentPlan",
    "PlanTargets",
    "PriceOfConfidence",
    "plan_to_confidence",
    "price_of_confidence",
    # scheduling
    "Objective",
    "Schedule",
    "ScheduleInputError",
    "ScheduleStatus",
    "SchedulingError",
    "schedule",
    # risk
    "MitigationReport",
    "RecoveryPolicy",
    "RiskError",
    "RiskReport",
    "load_mitigations",
    "load_risk_report",
    "mitigate",
    "simulate",
    # economics
    "BusinessCase",
    "Sensitivity",
    "business_case",
    "sensitivity",
    # reporting
    "BriefFiles",
    "ReportingError",
    "brief",
    "compare",
    "report",
    # the root of every error
    "SurgeplanError",
    # execution
    "Actuals",
    "ActualsError",
    "ProgramState",
    "Status",
    "forecast",
    "load_actuals",
    "program_state",
    "status",
    # the package
    "__version__",
}
PAGE = Path(__file__).parents[2] / "docs" / "python-api.md"


def test_all_lists_exactly_the_public_names() -> None:
    assert set(surgeplan.__all__) == EXPORTED
    assert len(surgeplan.__all__) == len(EXPORTED)


def test_dir_shows_the_public_names_and_no_helpers() -> None:
    names = dir(surgeplan)

    assert set(surgeplan.__all__) <= set(names)
    assert not {"Any", "annotations", "importlib"} & set(names)


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in sorted(EXPORTED - {"__version__"}):
        value = getattr(surgeplan, name)
        assert inspect.getdoc(value), f"surgeplan.{name} has no docstring"


def test_the_python_api_page_names_every_public_name() -> None:
    page = PAGE.read_text("utf-8")

    missing = [name for name in EXPORTED - {"__version__"} if f"`{name}`" not in page]

    assert missing == []


def test_an_unknown_name_is_an_attribute_error_that_names_it() -> None:
    with pytest.raises(AttributeError, match="'plann'"):
        surgeplan.plann  # noqa: B018


def test_importing_the_api_and_its_errors_loads_no_solver() -> None:
    # A fresh process: this one may have imported HiGHS for other tests.
    script = (
        "import sys, surgeplan\n"
        "from surgeplan import ContradictoryScenarioError, PlanningTimeoutError\n"
        "from surgeplan import ScheduleInputError, ScenarioError, PlanFileError\n"
        "from surgeplan import SurgeplanError, RiskError, ReportingError\n"
        "light = [m for m in ('highspy', 'ortools', 'pandas') if m in sys.modules]\n"
        "[getattr(surgeplan, name) for name in surgeplan.__all__]\n"
        "solvers = [m for m in ('highspy', 'ortools') if m in sys.modules]\n"
        "print(light, solvers)\n"
    )

    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    assert completed.stdout.strip() == "[] []"


def test_schedule_takes_the_site_by_keyword() -> None:
    parameters = inspect.signature(surgeplan.schedule).parameters

    assert list(parameters)[:2] == ["scenario", "plan"]
    assert parameters["site"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["plan"].default is None
