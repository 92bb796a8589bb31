import copy
from pathlib import Path
from typing import Any

import pytest
from planning_cases import ONE_LINE, with_hall

from surgeplan.scenario import ScenarioError, load_scenario, save_scenario
from surgeplan.scenario.effective import effective_scenario
from surgeplan.scenario.validation import unlocated, validate_data

GATE = {
    "id": "approval",
    "item": "drone",
    "kind": "delivery",
    "date": "2027-02-01",
    "delay_weeks": {"distribution": "uniform", "low": 0, "high": 4},
}


def scenario_data(**changes: object) -> dict[str, Any]:
    data = copy.deepcopy(ONE_LINE)
    data.update(changes)
    return data


def refusal(data: dict[str, Any]) -> str:
    with pytest.raises(ScenarioError) as refused:
        validate_data(data, unlocated("test"))
    return str(refused.value)


def test_a_gate_on_an_unknown_item_is_located() -> None:
    message = refusal(scenario_data(gates=[{**GATE, "item": "dron"}]))

    assert "gates[0].item" in message
    assert "did you mean 'drone'" in message


def test_a_gate_cannot_take_the_id_of_a_risk() -> None:
    ramp = {"id": "approval", "supplier": "kit-supplier"}

    message = refusal(scenario_data(gates=[GATE], risks={"supplier_ramps": [ramp]}))

    assert "gates[0].id" in message


def test_gates_yields_and_ramp_risks_survive_a_round_trip_through_excel(
    tmp_path: Path,
) -> None:
    data = scenario_data(
        gates=[GATE],
        risks={
            "supplier_ramps": [
                {
                    "id": "kit-ramp",
                    "supplier": "kit-supplier",
                    "start_delay_weeks": {"distribution": "fixed", "value": 2},
                    "planned_quantile": 0.8,
                }
            ]
        },
    )
    data["items"][0]["routing"][0]["first_pass_yield"] = 0.9
    scenario = validate_data(data, unlocated("test"))

    back = load_scenario(save_scenario(scenario, tmp_path / "scenario.xlsx"))

    assert back == scenario


def test_a_building_conversion_survives_a_round_trip_through_excel(
    tmp_path: Path,
) -> None:
    data = scenario_data()
    with_hall(data)
    data["sites"][0]["building_conversions"][0]["delay_weeks"] = {
        "distribution": "triangular",
        "low": 0,
        "mode": 1,
        "high": 6,
    }
    scenario = validate_data(data, unlocated("test"))

    back = load_scenario(save_scenario(scenario, tmp_path / "scenario.xlsx"))

    assert back == scenario


@pytest.mark.parametrize("name", ["minimal.yaml", "uav-surge.yaml"])
def test_an_example_without_yields_or_buildings_is_planned_as_written(
    name: str,
) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    scenario = load_scenario(examples / name)

    assert effective_scenario(scenario) is scenario


def test_a_building_is_written_out_once_even_when_applied_twice() -> None:
    data = scenario_data()
    with_hall(data)
    scenario = validate_data(data, unlocated("test"))

    once = effective_scenario(scenario)
    twice = effective_scenario(once)

    hall_b = next(c for s, c in twice.work_centers() if c.id == "hall-b")
    assert [c.id for c in hall_b.conversions] == ["clean-hall"]
    hall_a = next(c for s, c in once.work_centers() if c.id == "hall-a")
    assert hall_a.conversions[0].capex == 1000
    assert hall_b.conversions[0].capex == 0
