import pytest
from hypothesis import HealthCheck, given, settings
from planning_cases import assert_plan_is_feasible
from strategies import valid_scenarios

from surgeplan.planning import Plan, plan
from surgeplan.planning.solve.contradiction import ContradictoryScenarioError
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow


def plan_or_refusal(scenario: Scenario) -> Plan | str:
    try:
        return plan(scenario, time_limit_s=20, threads=1)
    except ContradictoryScenarioError as error:
        return error.message


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(valid_scenarios())
def test_random_small_scenarios_give_plans_the_checker_passes(
    scenario: Scenario,
) -> None:
    result = plan_or_refusal(scenario)
    if isinstance(result, str):
        # Random core demand may exceed what a site can ever make: that must be said
        # clearly, naming where.
        assert "site" in result
        return
    assert_plan_is_feasible(scenario, result)
    delivered = sum(record.units for record in result.deliveries)
    assert delivered == pytest.approx(result.units_delivered)
