"""The scenario hash: equal scenarios, equal hashes; any change of meaning, another."""

from __future__ import annotations

from pathlib import Path

from surgeplan.scenario import Scenario, load_scenario, scenario_hash

EXAMPLE = Path(__file__).parents[2] / "examples" / "uav-surge.yaml"


def test_a_field_added_at_its_default_keeps_the_hash() -> None:
    scenario = load_scenario(EXAMPLE)

    class LaterScenario(Scenario):
        """The scenario as a later surgeplan might read it: one more field."""

        later_field_hours: float = 0.0

    later = LaterScenario.model_validate(scenario.model_dump(mode="json"))

    assert scenario_hash(later) == scenario_hash(scenario)


def test_a_default_written_out_keeps_the_hash() -> None:
    scenario = load_scenario(EXAMPLE)
    data = scenario.model_dump(mode="json")
    data["sites"][0]["learning"] = []

    assert scenario_hash(Scenario.model_validate(data)) == scenario_hash(scenario)


def test_a_changed_value_changes_the_hash() -> None:
    scenario = load_scenario(EXAMPLE)
    data = scenario.model_dump(mode="json")
    data["program"]["name"] = data["program"]["name"] + " (copy)"

    assert scenario_hash(Scenario.model_validate(data)) != scenario_hash(scenario)


def test_a_value_set_to_a_non_default_changes_the_hash() -> None:
    scenario = load_scenario(EXAMPLE)
    data = scenario.model_dump(mode="json")
    pool = data["sites"][0]["workforce"][0]
    pool["attrition_share_per_week"] = 0.01

    assert scenario_hash(Scenario.model_validate(data)) != scenario_hash(scenario)
