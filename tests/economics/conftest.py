from pathlib import Path

import pytest
from hand_case import scenario_data

from surgeplan.planning import plan
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario, load_scenario

UAV_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uav-surge.yaml"


@pytest.fixture
def hand_scenario() -> Scenario:
    return Scenario.model_validate(scenario_data())


@pytest.fixture(scope="session")
def uav_scenario() -> Scenario:
    """The flagship example: 26 weeks week by week, then buckets of up to 4 weeks."""
    return load_scenario(UAV_EXAMPLE)


@pytest.fixture(scope="session")
def uav_plan(uav_scenario: Scenario) -> Plan:
    return plan(uav_scenario)
