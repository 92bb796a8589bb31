"""validate reports every problem it can find in one pass, each located.

Parse errors of one section do not hide the type and reference errors of the others;
a formula cell is one located problem, not the end of the check.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from surgeplan.cli.main import app
from surgeplan.scenario import ScenarioError, ScenarioIssue, load_scenario
from surgeplan.scenario.excel_writer import write_template

EXAMPLES = Path(__file__).parents[2] / "examples"


def set_cell(workbook: openpyxl.Workbook, sheet: str, name: str, value: str) -> None:
    """The first data row's cell under a header, or a field | value sheet's value."""
    worksheet = workbook[sheet]
    for heading in worksheet[1]:
        if heading.value == name:
            worksheet.cell(2, heading.column).value = value
            return
    for row in worksheet.iter_rows(min_row=2):
        if row[0].value == name:
            row[1].value = value
            return
    raise AssertionError(f"no {name} on sheet {sheet}")


@pytest.fixture
def five_section_workbook(tmp_path: Path) -> Path:
    """The template with a mistake in each of six sections."""
    path = tmp_path / "scenario.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    set_cell(workbook, "Program", "horizon_buckets", "=20+6")
    set_cell(workbook, "WorkCenters", "stations", "two")
    set_cell(workbook, "Economics", "contract_unit_price", "abc")
    set_cell(workbook, "Suppliers", "sites", "nowhere")
    set_cell(workbook, "Lanes", "origin", "plnt")
    set_cell(workbook, "Milestones", "delivery_point", "depot")
    workbook.save(path)
    return path


def issues_of(path: Path) -> list[ScenarioIssue]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.issues


def cells_of(issues: list[ScenarioIssue]) -> list[tuple[str | None, int | None, str]]:
    return [(issue.sheet, issue.row, issue.column or "") for issue in issues]


def test_a_workbook_with_problems_in_five_sections_reports_them_all_at_once(
    five_section_workbook: Path,
) -> None:
    issues = issues_of(five_section_workbook)

    assert cells_of(issues) == [
        ("Program", 7, "B (value)"),
        ("WorkCenters", 2, "E (stations)"),
        ("Economics", 2, "B (value)"),
        ("Suppliers", 2, "D (sites)"),
        ("Lanes", 2, "B (origin)"),
        ("Milestones", 2, "C (delivery_point)"),
    ]
    messages = [issue.message for issue in issues]
    assert "holds a formula (=20+6)" in messages[0]
    assert "must be a whole number (got 'two')" in messages[1]
    assert "must be a number (got 'abc')" in messages[2]
    assert "unknown site 'nowhere'" in messages[3]
    assert "unknown site 'plnt'" in messages[4]
    assert "unknown delivery point 'depot'" in messages[5]


def test_validate_prints_every_problem_of_the_workbook_and_exits_2(
    five_section_workbook: Path,
) -> None:
    result = CliRunner().invoke(app, ["validate", str(five_section_workbook)])

    assert result.exit_code == 2
    assert "6 problems found" in result.stderr
    for sheet in ("Program", "WorkCenters", "Economics", "Suppliers", "Lanes"):
        assert f"scenario.xlsx: sheet '{sheet}', row" in result.stderr
    assert "Traceback" not in result.output


def test_two_formula_cells_are_two_problems_and_the_rest_is_still_checked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "scenario.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    set_cell(workbook, "WorkCenters", "stations", "=1+1")
    set_cell(workbook, "Routing", "hours_per_unit", "=2*2")
    set_cell(workbook, "Suppliers", "item", "kitt")
    workbook.save(path)

    issues = issues_of(path)

    assert cells_of(issues) == [
        ("WorkCenters", 2, "E (stations)"),
        ("Routing", 2, "D (hours_per_unit)"),
        ("Items", 3, "D (sourcing)"),  # the kit has no supplier now
        ("Suppliers", 2, "C (item)"),
    ]
    assert issues[0].path == "sites[0].work_centers[0].stations"
    assert "unknown item 'kitt'" in issues[3].message


def test_a_row_naming_an_unknown_parent_does_not_add_problems_about_what_it_held(
    tmp_path: Path,
) -> None:
    path = tmp_path / "scenario.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    set_cell(workbook, "WorkCenters", "site", "plnt")
    set_cell(workbook, "BOM", "item", "kitt")
    workbook.save(path)

    issues = issues_of(path)

    # The lost work center was the only one doing 'assembly': saying no work center
    # can do it would send the planner to the wrong sheet.
    assert [issue.sheet for issue in issues] == ["WorkCenters", "BOM"]
    assert "unknown item 'kitt'" in issues[1].message


MINIMAL = (EXAMPLES / "minimal.yaml").read_text("utf-8")


def test_a_yaml_type_error_does_not_hide_reference_errors_in_other_sections(
    tmp_path: Path,
) -> None:
    path = tmp_path / "scenario.yaml"
    text = MINIMAL.replace("stations: 2", "stations: two")
    text = text.replace("sites: [plant]", "sites: [plnt]")
    text = text.replace("delivery_point: customer", "delivery_point: custmer", 1)
    path.write_text(text, "utf-8")

    issues = issues_of(path)

    assert [issue.path for issue in issues] == [
        "sites[0].work_centers[0].stations",
        "suppliers[0].sites[0]",
        "demand.milestones[0].delivery_point",
    ]
    assert all(issue.line is not None and issue.file == str(path) for issue in issues)


def test_a_yaml_syntax_error_in_one_section_does_not_hide_the_others(
    tmp_path: Path,
) -> None:
    path = tmp_path / "scenario.yaml"
    text = MINIMAL.replace(
        "working_days: [mon, tue, wed, thu, fri]", "working_days: [mon, tue"
    )
    text = text.replace("quantity_per: 1", "quantity_per: one")
    text = text.replace("    item: kit\n    sites", "    item: kitt\n    sites")
    path.write_text(text, "utf-8")

    issues = issues_of(path)

    lines = MINIMAL.splitlines()
    assert [(issue.path, issue.line) for issue in issues] == [
        ("sites", lines.index("      shifts_per_day: 2") + 1),
        ("items[0].bom[0].quantity_per", lines.index("        quantity_per: 1") + 1),
        ("suppliers[0].item", lines.index("    item: kit") + 1),
    ]
    assert issues[0].message.startswith("not valid YAML")


def test_a_syntax_error_that_no_section_explains_is_one_problem(
    tmp_path: Path,
) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(MINIMAL + "\n'unclosed: [\n", "utf-8")

    issues = issues_of(path)

    assert len(issues) == 1
    assert issues[0].message.startswith("not valid YAML")
    assert issues[0].line is not None


def test_a_duplicate_key_is_reported_beside_a_reference_error(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    text = MINIMAL.replace("stations: 2", "stations: 2\n        stations: 3")
    text = text.replace("    item: kit\n    sites", "    item: kitt\n    sites")
    path.write_text(text, "utf-8")

    issues = issues_of(path)

    assert [issue.path for issue in issues] == [
        "sites[0].work_centers[0].stations",
        "items[1].sourcing",
        "suppliers[0].item",
    ]
    assert "appears twice" in issues[0].message


def test_a_section_using_an_anchor_of_another_is_not_blamed_for_the_syntax_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "scenario.yaml"
    text = MINIMAL.replace("  currency: EUR", "  currency: &money EUR")
    text = text.replace("    country: DE", "    country: DE\n    notes: *money")
    text = text.replace("working_days: [mon, tue, wed, thu, fri]", "working_days: [mon")
    path.write_text(text, "utf-8")

    issues = issues_of(path)

    assert len(issues) == 1
    assert issues[0].path == ""
    assert issues[0].message.startswith("not valid YAML")
