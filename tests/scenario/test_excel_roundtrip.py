"""A scenario written to Excel and read back is the same scenario, to the last digit."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import valid_scenarios

from surgeplan.scenario import (
    Scenario,
    load_scenario,
    parse_scenario_text,
    save_scenario,
    scenario_to_yaml,
)
from surgeplan.scenario.template import SCENARIO_TEMPLATE

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def through_excel(scenario: Scenario, folder: Path) -> Scenario:
    return load_scenario(save_scenario(scenario, folder / "scenario.xlsx"))


@pytest.mark.parametrize("name", ["minimal.yaml", "uav-surge.yaml"])
def test_example_survives_a_round_trip_through_excel(name: str, tmp_path: Path) -> None:
    scenario = load_scenario(EXAMPLES / name)

    back = through_excel(scenario, tmp_path)

    assert back == scenario
    assert scenario_to_yaml(back) == scenario_to_yaml(scenario)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(valid_scenarios())
def test_any_valid_scenario_survives_yaml_to_excel_to_yaml(scenario: Scenario) -> None:
    yaml_text = scenario_to_yaml(scenario)
    with tempfile.TemporaryDirectory() as folder:
        back = through_excel(parse_scenario_text(yaml_text), Path(folder))

    assert back == scenario
    assert scenario_to_yaml(back) == yaml_text


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path: Path) -> None:
    scenario = parse_scenario_text(
        SCENARIO_TEMPLATE.replace("name: Example plant", "name: '=SUM(A1:A9)'")
    )
    path = save_scenario(scenario, tmp_path / "scenario.xlsx")

    sites = openpyxl.load_workbook(path)["Sites"]

    assert sites["B2"].value == "=SUM(A1:A9)"
    assert sites["B2"].data_type == "s"
    assert through_excel(scenario, tmp_path).sites[0].name == "=SUM(A1:A9)"


def test_a_double_that_needs_seventeen_digits_reads_back_exactly(
    tmp_path: Path,
) -> None:
    awkward = 0.1 + 0.2  # 0.30000000000000004
    scenario = parse_scenario_text(SCENARIO_TEMPLATE).updated(
        {"economics": {"contract_unit_price": 2500, "discount_rate": awkward}}
    )

    back = through_excel(scenario, tmp_path)

    assert back.economics.discount_rate == awkward


def test_dates_are_real_excel_dates(tmp_path: Path) -> None:
    path = save_scenario(parse_scenario_text(SCENARIO_TEMPLATE), tmp_path / "s.xlsx")

    milestones = openpyxl.load_workbook(path)["Milestones"]

    assert milestones["D1"].value == "due_date"
    assert milestones["D2"].is_date
    assert milestones["D2"].number_format == "yyyy-mm-dd"
