"""`surgeplan replan --actuals` on the drone example at week 20, and bad actuals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from surgeplan.cli.exit_codes import ExitCode
from surgeplan.cli.main import app
from surgeplan.execution.loading import load_actuals
from surgeplan.execution.state import program_state
from surgeplan.keys import ItemSite
from surgeplan.planning import load_plan
from surgeplan.scenario import load_scenario

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "uav-surge.yaml"
WEEK_20 = ROOT / "examples" / "uav-surge-week-20"
PLAN = WEEK_20 / "plan.json"
# The broken actuals `surgeplan status` refuses (tests/execution/test_invalid_actuals_
# corpus.py): each NAME beside a NAME.expected of the lines its output must contain.
CORPUS = ROOT / "tests" / "data" / "invalid-actuals"
runner = CliRunner()


def run(*arguments: str | Path | int) -> Result:
    return runner.invoke(app, [str(argument) for argument in arguments])


@pytest.fixture(scope="module")
def frozen_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The drone example with four frozen weeks, as a program office would set it."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["program"]["frozen_weeks"] = 4
    path = tmp_path_factory.mktemp("scenario") / "uav-surge.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def broken_actuals(tmp_path: Path) -> Path:
    """The worked example's actuals with a site that does not exist in row 3."""
    folder = tmp_path / "actuals"
    shutil.copytree(WEEK_20 / "actuals", folder)
    completions = folder / "completions.csv"
    lines = completions.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("chassis-plant", "moon-base")
    completions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_broken_actuals_exit_2_with_their_located_message(
    broken_actuals: Path, tmp_path: Path
) -> None:
    result = run(
        "replan", EXAMPLE, "--plan", PLAN, "--actuals", broken_actuals,
        "--out", tmp_path / "out",
    )  # fmt: skip

    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert "completions.csv, row 3, column site: no site 'moon-base'" in result.output
    assert "problem found in the actuals" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "plan.json").exists()


@pytest.mark.parametrize(
    "case",
    sorted(
        path
        for path in CORPUS.iterdir()
        if path.suffix != ".expected" and path.with_suffix(".expected").exists()
    ),
    ids=lambda case: case.name,
)
def test_every_broken_actuals_case_is_refused_as_status_refuses_it(
    case: Path, tmp_path: Path
) -> None:
    result = run(
        "replan", EXAMPLE, "--plan", PLAN, "--actuals", case, "--out", tmp_path,
    )  # fmt: skip

    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert "Traceback" not in result.output
    for line in case.with_suffix(".expected").read_text("utf-8").splitlines():
        if line.strip():
            assert line in result.output, f"{line!r} missing from:\n{result.output}"
    assert not (tmp_path / "plan.json").exists()


def test_actuals_and_a_state_file_together_or_neither_exit_2(tmp_path: Path) -> None:
    state = tmp_path / "state.yaml"
    state.write_text("stock: []\n", encoding="utf-8")

    both = run(
        "replan", EXAMPLE, "--plan", PLAN, "--actuals", WEEK_20 / "actuals",
        "--state", state, "--status-week", 20, "--out", tmp_path,
    )  # fmt: skip
    neither = run("replan", EXAMPLE, "--plan", PLAN, "--out", tmp_path)
    no_week = run("replan", EXAMPLE, "--plan", PLAN, "--state", state)

    for result in (both, neither):
        assert result.exit_code == ExitCode.INVALID_INPUT
        assert "give either --actuals PATH or --state FILE" in result.output
    assert no_week.exit_code == ExitCode.INVALID_INPUT
    assert "--state needs --status-week" in no_week.output
    assert "Traceback" not in both.output + neither.output + no_week.output


def test_a_status_week_other_than_the_actuals_last_is_refused(tmp_path: Path) -> None:
    result = run(
        "replan", EXAMPLE, "--plan", PLAN, "--actuals", WEEK_20 / "actuals",
        "--status-week", 12, "--out", tmp_path,
    )  # fmt: skip

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "the actuals run to week 20" in result.output


@pytest.mark.slow
def test_replan_from_actuals_passes_check_and_diff_names_the_shortfall(
    frozen_scenario: Path, tmp_path: Path
) -> None:
    out = tmp_path / "week-20"
    replanned = run(
        "replan", frozen_scenario, "--plan", PLAN,
        "--actuals", WEEK_20 / "actuals.xlsx", "--out", out,
    )  # fmt: skip
    checked = run("check", out / "scenario.snapshot.yaml", out / "plan.json")
    diffed = run("diff", PLAN, out / "plan.json")

    assert replanned.exit_code == 0, replanned.output
    assert "re-planned from 2027-05-24" in replanned.output
    assert checked.exit_code == 0, checked.output
    assert diffed.exit_code == 0, diffed.output
    assert (
        "cause: actuals to week 20: uav delivered 184 of 320 planned "
        "(a shortfall of 136, 43%)" in diffed.output
    )
    # The opening state written beside the plan is what the actuals say was made.
    scenario = load_scenario(frozen_scenario)
    state = program_state(
        scenario, load_actuals(WEEK_20 / "actuals", scenario), week=20
    )
    opening = yaml.safe_load((out / "opening-state.yaml").read_text(encoding="utf-8"))
    made = {(e["item"], e["site"]): e["units"] for e in opening["made"]}
    assert made[("uav", "chassis-plant")] == pytest.approx(
        state.completed_by_item_site[ItemSite("uav", "chassis-plant")], abs=0.01
    )
    new_plan = load_plan(out / "plan.json")
    assert new_plan.change is not None
    assert new_plan.change.status_week == 20
    assert new_plan.change.frozen_weeks == 4
