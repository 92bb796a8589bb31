"""`risks.reference_prior` is optional, read from YAML and Excel, and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from surgeplan.scenario import ScenarioError, load_scenario, save_scenario
from surgeplan.scenario.reference_prior import ReferencePrior

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_a_scenario_without_it_draws_no_prior() -> None:
    scenario = load_scenario(EXAMPLES / "minimal.yaml")

    assert scenario.risks.reference_prior is ReferencePrior.NONE


def test_it_survives_a_round_trip_through_excel(tmp_path: Path) -> None:
    scenario = load_scenario(EXAMPLES / "minimal.yaml")
    asked = scenario.updated({"risks": {"reference_prior": "surges"}})

    back = load_scenario(save_scenario(asked, tmp_path / "scenario.xlsx"))

    assert back.risks.reference_prior is ReferencePrior.SURGES
    assert back == asked


def test_an_unknown_prior_is_refused_where_it_stands(tmp_path: Path) -> None:
    text = (EXAMPLES / "minimal.yaml").read_text()
    path = tmp_path / "scenario.yaml"
    path.write_text(text + "\nrisks:\n  reference_prior: history\n")

    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)

    assert "reference_prior" in str(raised.value)
