"""Actuals generated from a known learning rate give it back within a stated tolerance.

Tolerance: 0.015 on the learning rate (about half the prior's standard deviation of
0.05 on its exponent) with 5 % weekly output noise over 20 weeks.
"""

import pytest

from surgeplan.execution.estimates import (
    learning_estimates,
    learning_posteriors,
    supplier_estimates,
)
from surgeplan.execution.plan_weeks import plan_weeks
from surgeplan.execution.status_records import Estimate, Parameter
from surgeplan.execution.synthetic import Shortfall, synthetic_actuals
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario

RATE_TOLERANCE = 0.015


def estimates_by_subject(
    scenario: Scenario, plan: Plan, shortfall: Shortfall
) -> dict[tuple[Parameter, str], Estimate]:
    actuals = synthetic_actuals(scenario, plan, 20, shortfall)
    weeks = plan_weeks(scenario, plan)
    posteriors = learning_posteriors(scenario, weeks, actuals)
    return {
        (estimate.parameter, estimate.subject): estimate
        for estimate in learning_estimates(posteriors)
        + supplier_estimates(scenario, weeks, actuals)
    }


@pytest.mark.parametrize("true_rate", [0.76, 0.80, 0.86, 0.90])
def test_a_known_learning_rate_is_recovered_within_tolerance(
    uav_scenario: Scenario, uav_plan: Plan, true_rate: float
) -> None:
    shortfall = Shortfall(learning_rates={"uav": true_rate}, noise_share=0.05, seed=11)

    estimates = estimates_by_subject(uav_scenario, uav_plan, shortfall)

    estimate = estimates[(Parameter.LEARNING_RATE, "uav")]
    assert estimate.prior == pytest.approx(0.80)
    assert estimate.posterior == pytest.approx(true_rate, abs=RATE_TOLERANCE)
    assert estimate.observations >= 15


def test_a_lower_oee_is_recovered_beside_the_learning_rate(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    shortfall = Shortfall(
        learning_rates={"airframe": 0.9}, oee_factor=0.85, noise_share=0.05, seed=5
    )

    estimates = estimates_by_subject(uav_scenario, uav_plan, shortfall)

    assert estimates[(Parameter.LEARNING_RATE, "airframe")].posterior == pytest.approx(
        0.9, abs=RATE_TOLERANCE
    )
    assert estimates[(Parameter.OEE_FACTOR, "airframe")].posterior == pytest.approx(
        0.85, abs=0.06
    )


def test_actuals_as_planned_leave_the_scenario_values_in_place(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    estimates = estimates_by_subject(uav_scenario, uav_plan, Shortfall())

    for item in ("uav", "airframe", "wing-set"):
        estimate = estimates[(Parameter.LEARNING_RATE, item)]
        assert estimate.posterior == pytest.approx(estimate.prior, abs=0.005)


def test_a_late_supplier_is_measured_in_weeks_behind(
    uav_scenario: Scenario, uav_plan: Plan
) -> None:
    shortfall = Shortfall(late_supplier="avionics-partner", supplier_delay_weeks=3)

    estimates = estimates_by_subject(uav_scenario, uav_plan, shortfall)

    late = estimates[(Parameter.SUPPLIER_RAMP, "avionics-partner/chassis-plant")]
    assert late.weeks_behind == 3
    assert late.posterior < 0.9
    on_time = estimates[(Parameter.SUPPLIER_RAMP, "propeller-maker/chassis-plant")]
    assert on_time.weeks_behind == 0
