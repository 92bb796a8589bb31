import pytest
from plan_fixtures import make_plan, make_scenario

from surgeplan.planning.plan import Plan
from surgeplan.scenario import Scenario


@pytest.fixture
def drone_scenario() -> Scenario:
    return make_scenario()


@pytest.fixture
def drone_plan(drone_scenario: Scenario) -> Plan:
    return make_plan(drone_scenario)
