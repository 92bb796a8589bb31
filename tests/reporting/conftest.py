from pathlib import Path

import pytest
from plan_fixtures import make_plan, make_scenario
from risk_fixtures import MitigatedFiles, write_mitigated_files

from surgeplan.planning import plan
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario, load_scenario

UAV_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uav-surge.yaml"


@pytest.fixture
def drone_scenario() -> Scenario:
    return make_scenario()


@pytest.fixture
def drone_plan(drone_scenario: Scenario) -> Plan:
    return make_plan(drone_scenario)


@pytest.fixture(scope="session")
def mitigated(tmp_path_factory: pytest.TempPathFactory) -> MitigatedFiles:
    """A real plan, risk.json and mitigations.json of the guarded minimal example."""
    return write_mitigated_files(tmp_path_factory.mktemp("mitigated"))


@pytest.fixture(scope="session")
def uav_scenario() -> Scenario:
    """The flagship example: 26 weeks week by week, then periods of up to 4 weeks."""
    return load_scenario(UAV_EXAMPLE)


@pytest.fixture(scope="session")
def uav_plan(uav_scenario: Scenario) -> Plan:
    return plan(uav_scenario)
