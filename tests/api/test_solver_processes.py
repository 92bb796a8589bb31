"""Planning and scheduling work one after the other in one process, in either order.

HiGHS and OR-Tools cannot be imported into one process; the API runs the second
solver's stage in a process of its own. Each test is a fresh Python process, as a
notebook kernel is (this pytest process must never import OR-Tools).
"""

import subprocess
import sys
from pathlib import Path

import pytest

MINIMAL = Path(__file__).parents[2] / "examples" / "minimal.yaml"


def run_script(lines: list[str]) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", "\n".join(lines)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


@pytest.mark.slow
def test_plan_then_schedule_in_one_process() -> None:
    output = run_script(
        [
            "import sys, surgeplan",
            f"scenario = surgeplan.load_scenario({str(MINIMAL)!r})",
            "plan = surgeplan.plan(scenario, time_limit_s=30)",
            "week = surgeplan.schedule(scenario, plan, site='plant', start_week=3)",
            "print(type(week).__name__, week.site, len(week.batches) > 0,",
            "      'ortools' in sys.modules)",
        ]
    )

    assert output == "Schedule plant True False"


@pytest.mark.slow
def test_schedule_then_plan_in_one_process() -> None:
    output = run_script(
        [
            "import sys, surgeplan",
            f"scenario = surgeplan.load_scenario({str(MINIMAL)!r})",
            "week = surgeplan.schedule(scenario, site='plant', start_week=10)",
            "plan = surgeplan.plan(scenario, time_limit_s=30)",
            "print(type(plan).__name__, round(plan.units_delivered),",
            "      'highspy' in sys.modules)",
        ]
    )

    assert output == "Plan 500 False"


@pytest.mark.slow
def test_a_scheduling_error_crosses_the_process_with_its_type() -> None:
    output = run_script(
        [
            "import surgeplan",
            f"scenario = surgeplan.load_scenario({str(MINIMAL)!r})",
            "plan = surgeplan.plan(scenario, time_limit_s=30)",
            "try:",
            "    surgeplan.schedule(scenario, plan, site='nowhere')",
            "except surgeplan.ScheduleInputError as error:",
            "    print(type(error).__name__, error)",
        ]
    )

    assert (
        output == "ScheduleInputError no site 'nowhere' in the scenario; sites: plant"
    )


def test_an_operation_no_station_can_do_survives_pickling() -> None:
    import pickle

    from surgeplan.scheduling.site.errors import UnschedulableOperationError

    error = UnschedulableOperationError("widget", "weld", "welding", "no station")

    copy = pickle.loads(pickle.dumps(error))

    assert (copy.item, copy.operation, copy.capability) == ("widget", "weld", "welding")
    assert str(copy) == str(error)
