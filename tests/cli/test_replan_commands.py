"""`surgeplan replan`, `diff`, `promise` and `terminate` on the minimal example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from surgeplan.cli.exit_codes import ExitCode
from surgeplan.cli.main import app
from surgeplan.planning import load_plan
from surgeplan.planning.replanning.opening_state_plan import state_from_plan
from surgeplan.scenario import load_scenario

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"
runner = CliRunner()


def run(*arguments: object) -> Result:
    return runner.invoke(app, [str(argument) for argument in arguments])


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan")
    result = run("plan", MINIMAL, "--out", out, "--time-limit", "30")
    assert result.exit_code == 0, result.output
    return out / "plan.json"


@pytest.fixture(scope="module")
def state_file(planned: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = load_scenario(MINIMAL)
    state = state_from_plan(
        scenario, load_plan(planned), 6, output_share=0.5, cause="half output"
    )
    path = tmp_path_factory.mktemp("state") / "state.yaml"
    path.write_text(yaml.safe_dump(state.model_dump(mode="json")), encoding="utf-8")
    return path


def test_replan_writes_a_plan_that_check_accepts_and_diff_names_the_cause(
    planned: Path, state_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "week-6"
    replanned = run(
        "replan", MINIMAL, "--plan", planned, "--state", state_file,
        "--status-week", 6, "--out", out,
    )  # fmt: skip
    checked = run("check", out / "scenario.snapshot.yaml", out / "plan.json")
    diffed = run("diff", planned, out / "plan.json", "--csv", tmp_path / "d.csv")

    assert replanned.exit_code == 0, replanned.output
    assert "re-planned from 2027-02-15" in replanned.output
    assert checked.exit_code == 0, checked.output
    assert diffed.exit_code == 0, diffed.output
    assert "cause: half output" in diffed.output
    assert (tmp_path / "d.csv").is_file()


def test_a_broken_state_file_exits_2_with_its_located_field(
    planned: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "state.yaml"
    broken.write_text("stock:\n  - item: widget\n    units: -3\n", encoding="utf-8")

    result = run(
        "replan", MINIMAL, "--plan", planned, "--state", broken,
        "--status-week", 6, "--out", tmp_path / "out",
    )  # fmt: skip

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "stock.0" in result.output
    assert "Traceback" not in result.output


def test_a_state_naming_an_unknown_site_exits_2(planned: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.yaml"
    state.write_text(
        "stock:\n  - {item: widget, site: moon, units: 3}\n", encoding="utf-8"
    )

    result = run(
        "replan", MINIMAL, "--plan", planned, "--state", state,
        "--status-week", 6, "--out", tmp_path / "out",
    )  # fmt: skip

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "opening_state.stock[0].site" in result.output


def test_promise_answers_both_questions(planned: Path) -> None:
    earliest = run("promise", MINIMAL, "--plan", planned, "--units", 50)
    by_date = run("promise", MINIMAL, "--plan", planned, "--by", "2027-06-25")
    neither = run("promise", MINIMAL, "--plan", planned)

    assert earliest.exit_code == 0, earliest.output
    assert "50 more widget at customer: earliest 20" in earliest.output
    assert by_date.exit_code == 0, by_date.output
    assert "more widget at customer by 2027-06-25" in by_date.output
    assert neither.exit_code == ExitCode.INVALID_INPUT


def test_terminate_writes_the_exit_ramp(planned: Path, tmp_path: Path) -> None:
    result = run(
        "terminate", MINIMAL, "--plan", planned, "--date", "2027-03-01",
        "--wip", "scrap", "--out", tmp_path,
    )  # fmt: skip
    wrong = run(
        "terminate", MINIMAL, "--plan", planned, "--date", "2027-03-01",
        "--wip", "sell", "--out", tmp_path,
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "termination.json").read_text(encoding="utf-8"))
    assert written["terms"]["work_in_progress"] == "scrap"
    assert written["exit_ramp"]["finished_revenue"] == 0.0
    assert wrong.exit_code == ExitCode.INVALID_INPUT


def test_replan_records_the_kind_of_change_it_was_given(
    planned: Path, state_file: Path, tmp_path: Path
) -> None:
    result = run(
        "replan", MINIMAL, "--plan", planned, "--state", state_file,
        "--status-week", 6, "--out", tmp_path, "--kind", "scale_down",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    change = load_plan(tmp_path / "plan.json").change
    assert change is not None
    assert change.kind.value == "scale_down"
    assert change.cause == "half output"
