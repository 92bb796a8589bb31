"""The workbook `surgeplan init --excel` writes: a worked example to follow."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from surgeplan.scenario import load_scenario, parse_scenario_text
from surgeplan.scenario.excel_layout import SHEETS, SHEETS_BY_NAME, SheetShape
from surgeplan.scenario.excel_writer import write_template
from surgeplan.scenario.template import SCENARIO_TEMPLATE


@pytest.fixture(scope="module")
def template_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "scenario.xlsx"
    write_template(path)
    return path


@pytest.fixture(scope="module")
def template(template_path: Path) -> Workbook:
    return openpyxl.load_workbook(template_path)


def drop_down_of(workbook: Workbook, sheet: str, header: str) -> str:
    worksheet = workbook[sheet]
    letter = next(cell.column_letter for cell in worksheet[1] if cell.value == header)
    for validation in worksheet.data_validations.dataValidation:
        if any(f"{letter}2" in str(cells) for cells in validation.sqref.ranges):
            return str(validation.formula1)
    raise AssertionError(f"no drop-down on {sheet}.{header}")


def test_template_is_the_yaml_template_as_a_workbook(template_path: Path) -> None:
    assert load_scenario(template_path) == parse_scenario_text(SCENARIO_TEMPLATE)


def test_template_opens_on_instructions_then_a_sheet_per_section(
    template: Workbook,
) -> None:
    assert template.sheetnames[0] == "Instructions"
    assert template.sheetnames[1:-1] == [sheet.name for sheet in SHEETS]
    assert template.sheetnames[-1] == "Lists"
    instructions = " ".join(
        str(cell.value) for row in template["Instructions"].iter_rows() for cell in row
    )
    assert "surgeplan validate" in instructions
    assert "duration_weeks.distribution" in instructions


def test_headers_are_the_field_names_frozen_and_explained(template: Workbook) -> None:
    for sheet in SHEETS:
        worksheet = template[sheet.name]
        assert worksheet.freeze_panes == "A2"
        if sheet.shape is SheetShape.FIELDS:
            assert [cell.value for cell in worksheet[1]] == [
                "field",
                "value",
                "meaning",
            ]
            continue
        headers = [cell.value for cell in worksheet[1]]
        assert headers == [column.name for column in sheet.columns]
        assert all(cell.comment is not None for cell in worksheet[1])


def test_units_stay_in_the_header_names_and_money_names_no_currency(
    template: Workbook,
) -> None:
    headers = {cell.value for cell in template["Conversions"][1]}

    assert {"capex", "lead_time_weeks"} <= headers
    assert not any(str(header).endswith("_eur") for header in headers)
    assert "hours_per_unit" in {cell.value for cell in template["Routing"][1]}


def test_id_columns_offer_the_ids_of_their_sheet(template: Workbook) -> None:
    assert drop_down_of(template, "WorkCenters", "site") == "'Sites'!$A$2:$A$2000"
    assert drop_down_of(template, "BOM", "item") == "'Items'!$A$2:$A$2000"
    assert drop_down_of(template, "Labour", "skill") == "'Workforce'!$B$2:$B$2000"
    assert drop_down_of(template, "Routing", "capability") == "'Lists'!$A$2:$A$2000"


def test_choice_columns_offer_their_choices(template: Workbook) -> None:
    assert drop_down_of(template, "Items", "kind") == '"program,component,core"'
    assert drop_down_of(template, "Sites", "threat_level") == (
        '"low,moderate,high,severe"'
    )
    distribution = drop_down_of(
        template, "SupplierRisks", "duration_weeks.distribution"
    )
    assert set(distribution.strip('"').split(",")) == {
        "fixed",
        "uniform",
        "triangular",
        "lognormal",
    }


def test_program_is_a_field_value_sheet(template: Workbook) -> None:
    rows = {
        row[0]: row[1]
        for row in template["Program"].iter_rows(min_row=2, values_only=True)
    }

    assert rows["format"] == "surgeplan/2"
    assert rows["horizon_buckets"] == 26
    assert rows["product"] == "widget"


def test_lists_sheet_offers_the_example_capabilities(template: Workbook) -> None:
    values = [row[0] for row in template["Lists"].iter_rows(values_only=True)]

    assert values[:2] == ["capability", "assembly"]


def test_every_parent_sheet_is_before_its_children() -> None:
    order = [sheet.name for sheet in SHEETS]
    for sheet in SHEETS:
        if sheet.parent is not None:
            assert order.index(sheet.parent) < order.index(sheet.name)
            parent = SHEETS_BY_NAME[sheet.parent]
            assert len(sheet.parent_columns) == len(parent.parent_columns) + len(
                parent.key
            )


def test_no_two_columns_of_a_sheet_share_a_name() -> None:
    for sheet in SHEETS:
        names = [column.name for column in sheet.columns]
        assert len(names) == len(set(names)), sheet.name
