import pytest
from plan_fixtures import make_plan, make_scenario
from risk_fixtures import MitigatedFiles, write_mitigated_files

from surgeplan.planning.plan import Plan
from surgeplan.scenario import Scenario


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
