"""Planning and scheduling from one Python process: the scheduler runs in its own."""

import sys

import pytest

from surgeplan.pipeline.folder import Artefact, RunFolder
from surgeplan.pipeline.plans import PlanInUse
from surgeplan.pipeline.schedule_options import ScheduleOptions
from surgeplan.pipeline.schedules import schedule_in_own_process
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow


def test_a_process_that_planned_gets_a_schedule_without_loading_or_tools(
    folder: RunFolder, used: PlanInUse, minimal: Scenario
) -> None:
    import highspy  # noqa: F401 (this process has planned: HiGHS is loaded)

    found, paths = schedule_in_own_process(
        minimal,
        used,
        folder,
        ScheduleOptions(site="plant", start_week=4, weeks=1, deterministic_time=5),
    )

    assert found.site == "plant"
    assert found.operations
    assert folder.file(Artefact.SCHEDULE) in paths
    assert all(path.is_file() for path in paths)
    assert not any(name.startswith("ortools") for name in sys.modules)
