from pathlib import Path

import pytest

from surgeplan.pipeline import plans
from surgeplan.pipeline.folder import RunFolder
from surgeplan.pipeline.options import PlanOptions
from surgeplan.pipeline.plans import PlanInUse
from surgeplan.scenario import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"


@pytest.fixture(scope="session")
def minimal() -> Scenario:
    return load_scenario(MINIMAL)


@pytest.fixture(scope="session")
def planned_folder(tmp_path_factory: pytest.TempPathFactory, minimal: Scenario) -> Path:
    """A run folder holding the minimal example's plan, made once."""
    path = tmp_path_factory.mktemp("planned")
    plans.make_plan(minimal, RunFolder(path, MINIMAL), PlanOptions())
    return path


@pytest.fixture
def folder(tmp_path: Path, planned_folder: Path) -> RunFolder:
    """A fresh copy of the planned run folder, for a test to change."""
    for source in planned_folder.iterdir():
        (tmp_path / source.name).write_bytes(source.read_bytes())
    return RunFolder(tmp_path, MINIMAL)


@pytest.fixture
def used(folder: RunFolder, minimal: Scenario) -> PlanInUse:
    return plans.read_plan(minimal, folder)
