"""A broken workbook is refused with the sheet, row and column of every problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from surgeplan.scenario import ScenarioError, ScenarioIssue, load_scenario
from surgeplan.scenario.excel_reader import read_workbook
from surgeplan.scenario.excel_writer import write_template

Edit = Callable[[Workbook], None]
Editor = Callable[[Edit], Path]


def cell(worksheet: Worksheet, header: str, row: int = 2) -> str:
    """Coordinate of the cell under a header, such as 'E2' under stations."""
    for heading in worksheet[1]:
        if heading.value == header:
            return f"{heading.column_letter}{row}"
    raise AssertionError(f"no column {header} on {worksheet.title}")


@pytest.fixture(scope="module")
def template_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("template") / "scenario.xlsx"
    write_template(path)
    return path.read_bytes()


@pytest.fixture
def edited(tmp_path: Path, template_bytes: bytes) -> Callable[[Edit], Path]:
    """The template workbook, changed by an edit as a planner would in Excel."""

    def apply(edit: Edit) -> Path:
        path = tmp_path / "scenario.xlsx"
        path.write_bytes(template_bytes)
        workbook = openpyxl.load_workbook(path)
        edit(workbook)
        workbook.save(path)
        return path

    return apply


def problems(path: Path) -> list[ScenarioIssue]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.issues


def only_problem(path: Path) -> ScenarioIssue:
    (issue,) = problems(path)
    return issue


def test_text_in_a_number_column_is_located(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["WorkCenters"]["E2"] = "two"

    issue = only_problem(edited(edit))

    assert (issue.sheet, issue.row, issue.column) == ("WorkCenters", 2, "E (stations)")
    assert issue.path == "sites[0].work_centers[0].stations"
    assert "must be a whole number (got 'two')" in issue.message
    assert "sheet 'WorkCenters', row 2, column E (stations)" in str(issue)


def test_a_child_row_naming_an_unknown_site_is_located(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["WorkCenters"]["A2"] = "plnt"

    issue = only_problem(edited(edit))

    assert (issue.sheet, issue.row, issue.column) == ("WorkCenters", 2, "A (site)")
    assert issue.message == "site 'plnt' is not on sheet 'Sites'; did you mean 'plant'?"


def test_an_operation_of_an_unknown_item_names_both_keys(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Labour"]["B2"] = "asemble"

    issue = only_problem(edited(edit))

    assert (issue.sheet, issue.row, issue.column) == ("Labour", 2, "B (operation)")
    assert "operation 'asemble' of item 'widget' is not on sheet 'Routing'" in str(
        issue
    )
    assert "did you mean 'assemble'?" in issue.message


def test_a_formula_in_an_input_cell_is_refused(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["WorkCenters"]["E2"] = "=1+1"

    issue = only_problem(edited(edit))

    assert (issue.sheet, issue.row, issue.column) == ("WorkCenters", 2, "E (stations)")
    assert issue.message == "cell E2 holds a formula (=1+1); type the value"


def test_an_excel_error_value_is_refused(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Routing"][cell(workbook["Routing"], "hours_per_unit")] = "#DIV/0!"

    issue = only_problem(edited(edit))

    assert issue.sheet == "Routing"
    assert "holds the error #DIV/0!" in issue.message


def test_a_number_in_a_date_cell_is_refused(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Milestones"]["D2"] = 46391
        workbook["Milestones"]["D2"].number_format = "General"

    issue = only_problem(edited(edit))

    assert (issue.sheet, issue.row, issue.column) == ("Milestones", 2, "D (due_date)")
    assert "holds the number 46391, not a date" in issue.message


def test_a_date_typed_as_text_is_read(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Milestones"]["D2"] = "2027-03-19"

    scenario = load_scenario(edited(edit))

    assert scenario.demand.milestones[0].due_date == dt.date(2027, 3, 19)


def test_a_blank_required_cell_is_located_at_its_column(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["WorkCenters"]["E2"] = None

    issue = only_problem(edited(edit))

    assert (issue.sheet, issue.row, issue.column) == ("WorkCenters", 2, "E (stations)")
    assert "'stations' is required but missing" in issue.message


def test_cross_reference_problems_are_located_too(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Milestones"]["C3"] = "custmer"

    issue = only_problem(edited(edit))

    assert (issue.sheet, issue.row) == ("Milestones", 3)
    assert issue.column == "C (delivery_point)"
    assert "unknown delivery point 'custmer'; did you mean 'customer'?" in issue.message


def test_program_fields_are_located_at_their_value(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Program"]["B7"] = "twenty"

    issue = only_problem(edited(edit))

    assert (issue.sheet, issue.row, issue.column) == ("Program", 7, "B (value)")
    assert issue.path == "program.horizon_buckets"


def test_an_unknown_column_is_refused_with_a_suggestion(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["WorkCenters"]["E1"] = "stationz"

    found = problems(edited(edit))

    assert found[0].column == "E (stationz)"
    assert "unknown column 'stationz'; did you mean 'stations'?" in found[0].message


def test_notes_columns_blank_rows_and_own_sheets_are_ignored(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        items = workbook["Items"]
        items["K1"] = "# who checked it"
        items["K2"] = "Anna"
        items.insert_rows(3, amount=2)
        workbook.create_sheet("My notes")["A1"] = "=SUM(1, 2)"
        del workbook["Instructions"]
        del workbook["Lists"]

    scenario = load_scenario(edited(edit))

    assert [item.id for item in scenario.items] == ["widget", "kit"]


def test_a_misspelt_sheet_name_is_not_silently_ignored(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Shutdowns"].title = "Shutdown"

    issue = only_problem(edited(edit))

    assert issue.sheet == "Shutdown"
    assert "did you mean 'Shutdowns'?" in issue.message


def test_sheet_and_column_names_ignore_case_and_spaces(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["WorkCenters"].title = "Work centers"
        workbook["Work centers"]["E1"] = "Stations"

    scenario = load_scenario(edited(edit))

    assert scenario.sites[0].work_centers[0].stations == 2


def test_a_missing_required_sheet_is_named(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        del workbook["Items"]

    messages = [issue.message for issue in problems(edited(edit))]

    assert messages[0].startswith("the workbook has no sheet 'Items'")


def test_lists_accept_commas_or_semicolons_and_numbers_read_as_ids(
    edited: Editor,
) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Sites"]["D2"] = "mon; tue;wed"
        workbook["DeliveryPoints"]["B2"] = 1234

    scenario = load_scenario(edited(edit))

    assert scenario.sites[0].calendar.working_days == ["mon", "tue", "wed"]
    assert scenario.delivery_points[0].name == "1234"


def test_a_field_given_twice_is_refused(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Program"].append(["name", "Another name"])

    issue = only_problem(edited(edit))

    assert issue.message == "field 'name' is also on row 3; keep one"


def test_a_parent_id_on_two_rows_is_ambiguous(edited: Editor) -> None:
    def edit(workbook: Workbook) -> None:
        workbook["Sites"].append(["plant", "Twin", "FR", None, None, None, None, "z"])

    found = problems(edited(edit))

    assert [issue.sheet for issue in found] == ["WorkCenters", "Workforce"]
    assert "site 'plant' is on rows 2 and 3 of sheet 'Sites'" in found[0].message


def test_the_locator_falls_back_to_the_nearest_known_cell(edited: Editor) -> None:
    content = read_workbook(edited(lambda workbook: None))

    issue = content.locate("sites[0].work_centers[0].conversions", "a message")

    assert (issue.sheet, issue.row, issue.column) == ("WorkCenters", 2, None)
    assert content.data["sites"][0]["work_centers"][0]["stations"] == 2
    assert content.issues == []
