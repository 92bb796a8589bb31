"""An operation's `yield_learning`: optional, in YAML and Excel, counted at start."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from surgeplan.scenario import Scenario, load_scenario, save_scenario
from surgeplan.scenario.effective import effective_scenario
from surgeplan.scenario.yield_learning import YieldLearning, learned_first_pass_yield

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def learning_minimal() -> Scenario:
    scenario = load_scenario(EXAMPLES / "minimal.yaml")
    data = scenario.model_dump(mode="json")
    operation = data["items"][0]["routing"][0]
    operation["first_pass_yield"] = 0.8
    operation["yield_learning"] = {
        "final_first_pass_yield": 0.95,
        "units_to_half_gap": 200,
    }
    return scenario.updated({"items": data["items"]})


def test_the_gap_to_the_final_yield_halves_every_stated_units() -> None:
    learning = YieldLearning(final_first_pass_yield=0.95, units_to_half_gap=200)

    yields = learned_first_pass_yield(0.8, learning, np.array([0.0, 200.0, 400.0]))

    assert yields == pytest.approx([0.8, 0.875, 0.9125])


def test_it_survives_a_round_trip_through_excel(tmp_path: Path) -> None:
    scenario = learning_minimal()

    back = load_scenario(save_scenario(scenario, tmp_path / "scenario.xlsx"))

    assert back == scenario


def test_the_scenario_as_counted_folds_the_yield_at_its_start() -> None:
    scenario = learning_minimal()
    item = scenario.items[0]
    hours = item.routing[0].hours_per_unit

    folded = effective_scenario(scenario).item(item.id).routing[0]

    assert folded.hours_per_unit == pytest.approx(hours / 0.8)
