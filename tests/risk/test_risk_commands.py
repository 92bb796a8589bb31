"""`surgeplan simulate` and `surgeplan mitigate` through the command line."""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from risk_cases import line_plan, line_scenario_data, site_outage
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.cli.errors import ExitCode
from surgeplan.risk.report import RISK_FORMAT, load_risk_report
from surgeplan.scenario import Scenario

ROOT = Path(__file__).parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli_main.app, [str(arg) for arg in args])


def write_scenario(path: Path, **options: Any) -> Scenario:
    """Write the plain data (saving a scenario drops `distribution: fixed`)."""
    data = line_scenario_data(**options)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return Scenario.model_validate(data)


@pytest.fixture
def line_files(tmp_path: Path) -> tuple[Path, Path]:
    scenario_file = tmp_path / "scenario.yaml"
    scenario = write_scenario(
        scenario_file,
        horizon=26,
        risks={"site_disruptions": [site_outage(probability=0.05)]},
        milestones=(("first", 10, 100), ("all", 25, 400)),
        mitigations=[
            {
                "id": "guards",
                "name": "Guards at the gate",
                "cost": 2_000_000,
                "effects": [
                    {
                        "risk": "outage",
                        "parameter": "probability_per_week",
                        "multiply": 0.5,
                    }
                ],
            }
        ],
    )
    plan_file = line_plan(scenario, {"plant": np.full(26, 18.0)}, spare_ratio=0.1).save(
        tmp_path / "plan.json"
    )
    return scenario_file, plan_file


def test_simulate_writes_risk_json_and_prints_the_odds(
    line_files: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario_file, plan_file = line_files
    out = tmp_path / "risk"

    result = run(
        "simulate",
        scenario_file,
        "--plan",
        plan_file,
        "--runs",
        300,
        "--seed",
        3,
        "--out",
        out,
    )

    assert result.exit_code == 0, result.output
    report = load_risk_report(out / "risk.json")
    assert report.format == RISK_FORMAT
    assert report.runs == 300
    assert [odds.id for odds in report.milestones] == ["first", "all"]
    assert "P90" in result.output
    assert "outage" in result.output
    # The delivery fan names the item of each row (the milestone table does not).
    fan = result.output.split("delivery fan")[1]
    assert "Item" in fan
    assert "widget" in fan
    assert f"wrote {out / 'risk.json'}" in result.output


def test_simulate_gives_the_same_file_for_the_same_seed(
    line_files: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario_file, plan_file = line_files
    for name in ("one", "two"):
        result = run(
            "simulate",
            scenario_file,
            "--plan",
            plan_file,
            "--runs",
            200,
            "--workers",
            1,
            "--out",
            tmp_path / name,
        )
        assert result.exit_code == 0, result.output

    first = json.loads((tmp_path / "one" / "risk.json").read_text())
    second = json.loads((tmp_path / "two" / "risk.json").read_text())
    assert first == second


def test_mitigate_prints_the_ranking_and_writes_it(
    line_files: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario_file, plan_file = line_files

    result = run(
        "mitigate",
        scenario_file,
        "--plan",
        plan_file,
        "--runs",
        300,
        "--out",
        tmp_path / "m",
    )

    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "m" / "mitigations.json").read_text())
    assert data["format"] == "surgeplan-mitigations/2"
    assert data["key_milestones"] == ["first", "all"]
    assert [value["id"] for value in data["mitigations"]] == ["guards"]
    assert "guards" in result.output


def test_mitigate_refuses_an_unknown_milestone(line_files: tuple[Path, Path]) -> None:
    scenario_file, plan_file = line_files

    result = run("mitigate", scenario_file, "--plan", plan_file, "--milestone", "nope")

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "no milestone 'nope'" in result.output


def test_mitigate_refuses_a_scenario_without_mitigations(tmp_path: Path) -> None:
    scenario_file = tmp_path / "calm.yaml"
    write_scenario(scenario_file)

    result = run("mitigate", scenario_file, "--runs", 10)

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "declares no mitigations" in result.output


def test_simulate_refuses_a_file_that_is_not_a_plan(
    line_files: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario_file, _ = line_files
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"format": "something-else"}')

    result = run("simulate", scenario_file, "--plan", bogus, "--out", tmp_path / "r")

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "not a surgeplan plan" in result.output


def test_the_dask_executor_needs_a_scheduler(
    line_files: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario_file, plan_file = line_files

    result = run(
        "simulate",
        scenario_file,
        "--plan",
        plan_file,
        "--executor",
        "dask",
        "--out",
        tmp_path / "r",
    )

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "needs a scheduler address" in result.output


@pytest.mark.slow
def test_simulate_plans_first_without_a_plan(tmp_path: Path) -> None:
    out = tmp_path / "minimal"

    result = run("simulate", MINIMAL, "--runs", 200, "--out", out, "--no-contributions")

    assert result.exit_code == 0, result.output
    report = load_risk_report(out / "risk.json")
    assert report.contributions == []
    assert all(odds.probability_on_time == 1.0 for odds in report.milestones)
