import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from surgeplan.cli.main import app
from surgeplan.scenario import Scenario, load_scenario, save_scenario
from surgeplan.scheduling import Schedule
from surgeplan.scheduling.site.checker import check_schedule

ROOT = Path(__file__).parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"

runner = CliRunner()


def run(*arguments: str | Path) -> Result:
    return runner.invoke(app, [str(argument) for argument in arguments])


@pytest.fixture
def cutting_file(site_scenario: Callable[..., Scenario], tmp_path: Path) -> Path:
    scenario = site_scenario(
        [
            {
                "id": "cell",
                "capabilities": ["cut"],
                "stations": 2,
                "changeover_hours_default": 1,
            }
        ],
        {
            "a": [{"id": "cut", "capability": "cut", "hours_per_unit": 2}],
            "b": [{"id": "cut", "capability": "cut", "hours_per_unit": 3}],
        },
        {"a": 3, "b": 2},
    )
    path = tmp_path / "scenario.yaml"
    save_scenario(scenario, path)
    return path


def test_schedule_writes_json_workbook_and_gantt(
    cutting_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    result = run(
        "schedule",
        cutting_file,
        "--site",
        "plant",
        "--start-week",
        "1",
        "--weeks",
        "1",
        "--out",
        out,
        "--time-limit",
        "5",
        "--threads",
        "1",
    )

    assert result.exit_code == 0, result.output
    data = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
    assert data["format"] == "surgeplan-schedule/1"
    schedule = Schedule.model_validate(data)
    assert len(schedule.operations) == 5
    assert check_schedule(load_scenario(cutting_file), schedule) == []
    sheets = openpyxl.load_workbook(out / "schedule.xlsx").sheetnames
    assert sheets == ["Summary", "Operations", "Batches", "Stations"]
    page = (out / "gantt.html").read_text(encoding="utf-8")
    assert "plotly" in page
    assert '<script src="http' not in page


def test_operation_no_station_can_do_exits_2_naming_it(
    site_scenario: Callable[..., Scenario], tmp_path: Path
) -> None:
    # Only a conversion (which no plan has decided) would give the capability.
    hall = {
        "id": "hall",
        "stations": 1,
        "conversions": [
            {
                "id": "paint-shop",
                "adds_capabilities": ["painting"],
                "capex": 1,
                "lead_time_weeks": 4,
            }
        ],
    }
    scenario = site_scenario(
        [hall],
        {"w": [{"id": "paint", "capability": "painting", "hours_per_unit": 1}]},
        {"w": 1},
    )
    path = tmp_path / "scenario.yaml"
    save_scenario(scenario, path)

    result = run(
        "schedule",
        path,
        "--site",
        "plant",
        "--start-week",
        "1",
        "--out",
        tmp_path / "out",
    )

    assert result.exit_code == 2
    assert "item 'w', operation 'paint' (capability 'painting')" in result.output


def test_unknown_site_and_week_outside_horizon_exit_2(
    cutting_file: Path, tmp_path: Path
) -> None:
    unknown = run(
        "schedule",
        cutting_file,
        "--site",
        "moon",
        "--start-week",
        "1",
        "--out",
        tmp_path / "a",
    )
    late = run(
        "schedule",
        cutting_file,
        "--site",
        "plant",
        "--start-week",
        "30",
        "--out",
        tmp_path / "b",
    )

    assert unknown.exit_code == 2
    assert "no site 'moon'" in unknown.output
    assert late.exit_code == 2
    assert "outside the program's weeks" in late.output


@pytest.mark.slow
def test_schedule_follows_a_plan_made_by_the_planner(tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    # The planner runs HiGHS: in its own process, never beside OR-Tools.
    subprocess.run(
        [
            str(Path(sys.executable).parent / "surgeplan"),
            "plan",
            str(MINIMAL),
            "--out",
            str(plan_dir),
            "--quiet",
            "--time-limit",
            "60",
        ],
        check=True,
        capture_output=True,
    )
    out = tmp_path / "out"

    result = run(
        "schedule",
        MINIMAL,
        "--site",
        "plant",
        "--start-week",
        "10",
        "--plan",
        plan_dir / "plan.json",
        "--out",
        out,
        "--time-limit",
        "5",
    )

    assert result.exit_code == 0, result.output
    schedule = Schedule.model_validate_json((out / "schedule.json").read_text())
    assert schedule.source == "plan"
    assert schedule.operations
    assert check_schedule(load_scenario(MINIMAL), schedule) == []
