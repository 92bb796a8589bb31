import pytest
from hand_case import scenario_data

from surgeplan.scenario import Scenario


@pytest.fixture
def hand_scenario() -> Scenario:
    return Scenario.model_validate(scenario_data())
