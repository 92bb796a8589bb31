"""Format surgeplan/1 is read as surgeplan/2, and `surgeplan convert` upgrades files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from surgeplan.cli import main as cli_main
from surgeplan.scenario import SCENARIO_FORMAT, load_scenario, save_scenario
from surgeplan.scenario.errors import ScenarioError
from surgeplan.scenario.formats import MONEY_RENAMES_1_TO_2, upgraded
from surgeplan.scenario.model import scenario_hash

ROOT = Path(__file__).parents[2]
FORMAT_1 = ROOT / "tests" / "data" / "format-1"
# Each file of the previous format beside the current file it must equal.
PAIRS = [
    (FORMAT_1 / "uav-surge.yaml", ROOT / "examples" / "uav-surge.yaml"),
    (FORMAT_1 / "minimal.yaml", ROOT / "examples" / "minimal.yaml"),
    (
        FORMAT_1 / "variant-both-plants.yaml",
        ROOT / "examples" / "variants" / "both-plants.yaml",
    ),
]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli_main.app, list(args))


@pytest.mark.parametrize(("old", "current"), PAIRS, ids=lambda path: path.name)
def test_an_old_file_is_read_as_the_same_scenario_as_its_current_form(
    old: Path, current: Path
) -> None:
    assert "surgeplan/1" in old.read_text("utf-8")

    assert scenario_hash(load_scenario(old)) == scenario_hash(load_scenario(current))


@pytest.mark.parametrize(("old", "current"), PAIRS, ids=lambda path: path.name)
def test_convert_upgrades_a_file_in_place_keeping_its_comments(
    tmp_path: Path, old: Path, current: Path
) -> None:
    target = shutil.copy(old, tmp_path / old.name)

    result = run("convert", str(target))

    assert result.exit_code == 0, result.output
    text = Path(target).read_text("utf-8")
    assert f"format: {SCENARIO_FORMAT}" in text
    assert not any(f"{name}:" in text for name in MONEY_RENAMES_1_TO_2)
    comments = [line for line in old.read_text("utf-8").splitlines() if "#" in line]
    assert comments
    assert all(line in text for line in comments if "_eur" not in line)
    backup = tmp_path / f"{old.name}.surgeplan-1.bak"
    assert backup.read_text("utf-8") == old.read_text("utf-8")
    assert scenario_hash(load_scenario(target)) == scenario_hash(load_scenario(current))


def test_convert_leaves_a_current_file_alone(tmp_path: Path) -> None:
    target = shutil.copy(ROOT / "examples" / "minimal.yaml", tmp_path / "m.yaml")
    before = Path(target).read_bytes()

    result = run("convert", str(target))

    assert result.exit_code == 0
    assert "nothing to do" in result.output
    assert Path(target).read_bytes() == before
    assert list(tmp_path.iterdir()) == [Path(target)]


def test_validate_tells_that_an_old_file_can_be_upgraded() -> None:
    old = FORMAT_1 / "minimal.yaml"

    result = run("validate", str(old))

    assert result.exit_code == 0
    assert f"surgeplan convert {old}" in result.output


def test_a_problem_in_an_old_file_is_located_at_its_old_field_name(
    tmp_path: Path,
) -> None:
    text = (FORMAT_1 / "minimal.yaml").read_text("utf-8")
    assert "hourly_cost_eur: " in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("hourly_cost_eur: ", "hourly_cost_eur: -", 1), "utf-8")
    line = next(
        number
        for number, content in enumerate(bad.read_text("utf-8").splitlines(), 1)
        if "hourly_cost_eur: -" in content
    )

    with pytest.raises(ScenarioError) as raised:
        load_scenario(bad)

    [issue] = raised.value.issues
    assert issue.line == line
    assert issue.path.endswith("hourly_cost_eur")


def test_an_invalid_old_file_is_not_converted(tmp_path: Path) -> None:
    text = (FORMAT_1 / "minimal.yaml").read_text("utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("hourly_cost_eur: ", "hourly_cost_eur: -", 1), "utf-8")

    result = run("convert", str(bad))

    assert result.exit_code == 2
    assert bad.read_text("utf-8") == text.replace(
        "hourly_cost_eur: ", "hourly_cost_eur: -", 1
    )
    assert not (tmp_path / "bad.yaml.surgeplan-1.bak").exists()


def test_an_old_folder_scenario_is_upgraded_file_by_file(tmp_path: Path) -> None:
    old = (FORMAT_1 / "minimal.yaml").read_text("utf-8")
    main, _, suppliers = old.partition("suppliers:")
    head, _, rest = suppliers.partition("\nlanes:")
    folder = tmp_path / "scenario"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(
        f"include: [supply.yaml]\n{main}lanes:{rest}", "utf-8"
    )
    (folder / "supply.yaml").write_text(f"suppliers:{head}\n", "utf-8")
    assert "unit_cost_eur" in (folder / "supply.yaml").read_text("utf-8")
    expected = scenario_hash(load_scenario(ROOT / "examples" / "minimal.yaml"))
    assert scenario_hash(load_scenario(folder)) == expected

    result = run("convert", str(folder))

    assert result.exit_code == 0, result.output
    assert "unit_cost:" in (folder / "supply.yaml").read_text("utf-8")
    assert scenario_hash(load_scenario(folder)) == expected


def test_an_old_workbook_is_read_and_upgraded(tmp_path: Path) -> None:
    scenario = load_scenario(ROOT / "examples" / "minimal.yaml")
    workbook_path = save_scenario(scenario, tmp_path / "scenario.xlsx")
    old_names = {new: old for old, new in MONEY_RENAMES_1_TO_2.items()}
    workbook = load_workbook(workbook_path)
    renamed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in old_names:
                    cell.value = old_names[cell.value]
                    renamed += 1
                elif cell.value == SCENARIO_FORMAT:
                    cell.value = "surgeplan/1"
    workbook.save(workbook_path)
    assert renamed > 0
    assert scenario_hash(load_scenario(workbook_path)) == scenario_hash(scenario)

    result = run("convert", str(workbook_path))

    assert result.exit_code == 0, result.output
    values = {
        cell.value
        for sheet in load_workbook(workbook_path).worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    assert SCENARIO_FORMAT in values
    assert not values & set(old_names.values())
    assert scenario_hash(load_scenario(workbook_path)) == scenario_hash(scenario)


def test_upgrading_renames_only_where_the_new_name_is_not_already_set() -> None:
    data = {
        "format": "surgeplan/1",
        "a": {"capex_eur": 1, "capex": 2},
        "b": [{"unit_cost_eur": 3}],
    }

    result = upgraded(data)

    assert result["format"] == SCENARIO_FORMAT
    assert result["a"] == {"capex_eur": 1, "capex": 2}
    assert result["b"] == [{"unit_cost": 3}]
