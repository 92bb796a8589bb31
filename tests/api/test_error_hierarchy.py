"""One base error per stage, all under SurgeplanError, importable without a solver."""

from __future__ import annotations

import pytest

import surgeplan
from surgeplan.execution.errors import ExecutionError
from surgeplan.pipeline.errors import PipelineError
from surgeplan.store.errors import StoreError

STAGE_ERRORS = {
    surgeplan.ScenarioError: [],
    surgeplan.PlanningError: [
        surgeplan.PlanFileError,
        surgeplan.ContradictoryScenarioError,
        surgeplan.PlanningTimeoutError,
    ],
    surgeplan.SchedulingError: [surgeplan.ScheduleInputError],
    surgeplan.RiskError: [],
    surgeplan.ReportingError: [],
    ExecutionError: [surgeplan.ActualsError],
    PipelineError: [],
    StoreError: [],
}


@pytest.mark.parametrize("base", list(STAGE_ERRORS), ids=lambda error: error.__name__)
def test_each_stage_base_is_a_surgeplan_error(base: type[Exception]) -> None:
    assert issubclass(base, surgeplan.SurgeplanError)
    for error in STAGE_ERRORS[base]:
        assert issubclass(error, base)


# Signals the scenario reader raises and catches itself, turning each into a located
# problem of the ScenarioError it raises in the end; they never leave the stage.
INTERNAL_SIGNALS = {
    "surgeplan.scenario.excel_cells.BadCellError",
    "surgeplan.scenario.salvage.SectionUnavailableError",
}


def test_every_error_class_of_a_stage_derives_from_its_base() -> None:
    import importlib
    import inspect
    import pkgutil

    bases = {
        "surgeplan.scenario": surgeplan.ScenarioError,
        "surgeplan.planning": surgeplan.PlanningError,
        "surgeplan.risk": surgeplan.RiskError,
        "surgeplan.reporting": surgeplan.ReportingError,
        "surgeplan.execution": ExecutionError,
        "surgeplan.pipeline": PipelineError,
        "surgeplan.store": StoreError,
    }
    strays = []
    for package_name, base in bases.items():
        package = importlib.import_module(package_name)
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{module_info.name}")
            for name, value in vars(module).items():
                public = not name.startswith("_")
                if (
                    inspect.isclass(value)
                    and issubclass(value, Exception)
                    and value.__module__ == module.__name__
                    and public
                    and name.endswith("Error")
                    and not issubclass(value, base)
                ):
                    strays.append(f"{module.__name__}.{name}")

    assert sorted(set(strays) - INTERNAL_SIGNALS) == []
