import io
import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner, Result

from surgeplan.cli.exit_codes import ExitCode
from surgeplan.cli.main import app
from surgeplan.cli.plan_format_doc import (
    REGENERATE,
    documented_types,
    render_plan_format_doc,
    undocumented_fields,
)
from surgeplan.cli.plan_summary import render_plan_summary
from surgeplan.planning import load_plan
from surgeplan.planning.results.workbook import SHEET_ORDER
from surgeplan.scenario import load_scenario

ROOT = Path(__file__).parents[2]
MINIMAL = ROOT / "examples" / "minimal.yaml"
DOC = ROOT / "docs" / "plan-format.md"

runner = CliRunner()


def run(*arguments: str | Path) -> Result:
    return runner.invoke(app, [str(argument) for argument in arguments])


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """The minimal example planned once: the command's result and its folder."""
    out = tmp_path_factory.mktemp("plan") / "out"
    result = run("plan", MINIMAL, "--out", out, "--time-limit", "30")
    return result, out


def minimal_with_core_demand(tmp_path: Path, units_per_week: float) -> Path:
    data = yaml.safe_load(MINIMAL.read_text("utf-8"))
    data["items"].append(
        {
            "id": "car-part",
            "kind": "core",
            "routing": [{"id": "fit", "capability": "assembly", "hours_per_unit": 1.0}],
        }
    )
    data["demand"]["core"] = [
        {"item": "car-part", "site": "plant", "units_per_week": units_per_week}
    ]
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


@pytest.mark.slow
def test_plan_writes_a_plan_json_and_a_workbook(planned: tuple[Result, Path]) -> None:
    result, out = planned

    assert result.exit_code == 0, result.output
    plan = load_plan(out / "plan.json")
    assert plan.scenario_name == "Minimal surge"
    workbook = openpyxl.load_workbook(out / "plan.xlsx", read_only=True)
    assert workbook.sheetnames == ["Summary", *SHEET_ORDER]
    assert f"wrote {out / 'plan.json'} and {out / 'plan.xlsx'}" in result.stdout


@pytest.mark.slow
def test_summary_shows_milestones_costs_and_sites(planned: tuple[Result, Path]) -> None:
    result, _out = planned

    for text in (
        "Solver: HiGHS",
        "first-batch",
        "full-order",
        "earliest possible",
        "Units made per site",
        "FTE peak",
        "Core impact: none",
        "Cost per delivered unit: EUR",
        "Tightest bottlenecks",
        "Conversions: none decided.",
    ):
        assert text in result.stdout, text


@pytest.mark.slow
def test_summary_fits_in_100_columns(planned: tuple[Result, Path]) -> None:
    result, _out = planned

    summary = result.stdout.split("\nwrote ")[0]
    assert max(len(line) for line in summary.splitlines()) <= 100


@pytest.mark.slow
def test_summary_says_how_late_and_what_is_never_met(
    planned: tuple[Result, Path],
) -> None:
    _result, out = planned
    plan = load_plan(out / "plan.json")
    late, never = plan.milestones
    late = late.model_copy(
        update={"weeks_late": 3.0, "limited_by": ["work_center plant/assembly-cell"]}
    )
    never = never.model_copy(
        update={"met_bucket": None, "met_date": None, "weeks_late": None}
    )
    console = Console(width=100, record=True, file=io.StringIO())

    render_plan_summary(
        load_scenario(MINIMAL),
        plan.model_copy(update={"milestones": [late, never]}),
        console,
    )

    text = console.export_text()
    assert "3 weeks late" in text
    assert "not within horizon" in text
    assert "first-batch is held back by work_center plant/assembly-cell" in text
    assert "0 of 2 milestones on time, 1 late by up to 3 weeks, 1 not met" in text


@pytest.mark.slow
def test_quiet_prints_one_line_of_results(tmp_path: Path) -> None:
    result = run("plan", MINIMAL, "--out", tmp_path, "--quiet")

    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1
    assert "optimal" in result.stdout or "time_limit" in result.stdout
    assert "milestones on time" in result.stdout


def test_invalid_scenario_exits_2_without_a_traceback(tmp_path: Path) -> None:
    scenario = tmp_path / "broken.yaml"
    scenario.write_text(
        MINIMAL.read_text("utf-8").replace("stations: 2", "stations: -2")
    )

    result = run("plan", scenario, "--out", tmp_path / "out")

    assert result.exit_code == 2
    assert "stations" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_out_that_is_a_file_exits_2(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("")

    result = run("plan", MINIMAL, "--out", taken)

    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_out_below_a_file_exits_2_with_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("")

    result = run("plan", MINIMAL, "--out", tmp_path / "taken" / "plans")

    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output


def test_write_mps_needs_an_mps_or_lp_name(tmp_path: Path) -> None:
    result = run("plan", MINIMAL, "--out", tmp_path, "--write-mps", tmp_path / "m.txt")

    assert result.exit_code == 2
    assert ".mps" in result.stderr


@pytest.mark.slow
def test_write_mps_writes_the_planning_model(tmp_path: Path) -> None:
    model = tmp_path / "model.mps"

    result = run("plan", MINIMAL, "--out", tmp_path, "--write-mps", model, "--quiet")

    assert result.exit_code == 0, result.output
    assert "ROWS" in model.read_text()


@pytest.mark.slow
def test_contradictory_scenario_exits_3_naming_site_and_week(tmp_path: Path) -> None:
    scenario = minimal_with_core_demand(tmp_path, units_per_week=10_000)

    result = run("plan", scenario, "--out", tmp_path / "out")

    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("The scenario contradicts itself: ")
    assert "'plant'" in result.stderr
    assert "week 1" in result.stderr
    assert not (tmp_path / "out" / "plan.json").exists()


@pytest.mark.slow
def test_check_accepts_the_plan_the_planner_wrote(planned: tuple[Result, Path]) -> None:
    _result, out = planned

    result = run("check", MINIMAL, out / "plan.json")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK ")


@pytest.mark.slow
def test_check_lists_the_violations_of_a_tampered_plan(
    planned: tuple[Result, Path], tmp_path: Path
) -> None:
    _result, out = planned
    data = json.loads((out / "plan.json").read_text("utf-8"))
    for record in data["production"]:
        record["units"] *= 2
    tampered = tmp_path / "plan.json"
    tampered.write_text(json.dumps(data), "utf-8")

    result = run("check", MINIMAL, tampered)

    assert result.exit_code == ExitCode.VIOLATIONS
    assert int(ExitCode.VIOLATIONS) == 4

    assert "production: plant/assembly-cell" in result.stderr
    assert "violations found" in result.stderr


def test_check_refuses_a_file_that_is_not_a_plan(tmp_path: Path) -> None:
    other = tmp_path / "plan.json"
    other.write_text('{"format": "something-else"}')

    result = run("check", MINIMAL, other)

    assert result.exit_code == 2
    assert "not a surgeplan plan" in result.stderr


def test_committed_plan_format_doc_equals_the_rendered_one() -> None:
    assert DOC.read_text("utf-8") == render_plan_format_doc(), (
        f"docs/plan-format.md is out of date; run: {REGENERATE}"
    )


def test_every_plan_field_is_documented() -> None:
    assert undocumented_fields() == [], (
        f"add Field(description=...) to the record's field, then run: {REGENERATE}"
    )


def test_plan_format_doc_lists_every_table_and_field() -> None:
    text = render_plan_format_doc()

    assert "surgeplan-plan/1" in text
    for model in documented_types():
        for name in model.model_fields:
            assert f"| `{name}` |" in text
    for table in SHEET_ORDER:
        assert f"### {table}\n" in text


def test_plan_json_prints_the_headline_figures_with_whole_units(tmp_path: Path) -> None:
    result = run("plan", MINIMAL, "--out", tmp_path, "--json")

    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["plan"] == str(tmp_path / "plan.json")
    assert figures["units_delivered"] == 500
    assert isinstance(figures["units_delivered"], int)
    assert [m["id"] for m in figures["milestones"]] == ["first-batch", "full-order"]


def test_check_reads_the_plan_of_the_run_folder(planned: tuple[Result, Path]) -> None:
    _result, out = planned

    result = run("check", MINIMAL, "--out", out)

    assert result.exit_code == 0, result.output
    assert f"OK {out / 'plan.json'}" in result.stdout


def test_check_refuses_a_plan_of_another_scenario_version(
    planned: tuple[Result, Path], tmp_path: Path
) -> None:
    _result, out = planned
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        MINIMAL.read_text("utf-8").replace(
            "cumulative_quantity: 500", "cumulative_quantity: 450"
        ),
        "utf-8",
    )

    result = run("check", changed, out / "plan.json")

    assert result.exit_code == ExitCode.INVALID_INPUT
    assert f"make a matching one with `surgeplan plan {changed} --out {out}`" in (
        result.stderr
    )
