"""The drone example, its committed plan and the worked example's actuals.

The plan is read from examples/uav-surge-week-20/plan.json, so no solver runs here.
"""

from pathlib import Path

import pytest

from surgeplan.execution.loading import load_actuals
from surgeplan.execution.records import Actuals
from surgeplan.planning.results.plan import Plan, load_plan
from surgeplan.scenario import Scenario, load_scenario

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "uav-surge.yaml"
WEEK_20 = ROOT / "examples" / "uav-surge-week-20"


@pytest.fixture(scope="session")
def uav_scenario() -> Scenario:
    return load_scenario(EXAMPLE)


@pytest.fixture(scope="session")
def uav_plan() -> Plan:
    return load_plan(WEEK_20 / "plan.json")


@pytest.fixture(scope="session")
def week_20_actuals(uav_scenario: Scenario) -> Actuals:
    return load_actuals(WEEK_20 / "actuals", uav_scenario)
