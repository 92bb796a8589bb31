"""Independent one-week site outages without recovery: deliveries match the closed form.

Each week is lost with probability q, independently, so the units delivered by the end
are sum(p_b * (1 - X_b)) over the weeks whose shipments arrive within the horizon:
mean (1 - q) * sum(p_b), variance q (1 - q) * sum(p_b^2).
"""

import numpy as np
import pytest
from risk_cases import line_plan, line_scenario, site_outage

from surgeplan.arrays import FloatArray
from surgeplan.planning import Plan
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import simulate_runs
from surgeplan.scenario import Scenario

HORIZON = 20
LEAD = 1
PROBABILITY = 0.15
RUNS = 4_000


@pytest.fixture
def outage_case() -> tuple[Scenario, Plan, FloatArray]:
    scenario = line_scenario(
        horizon=HORIZON,
        risks={"site_disruptions": [site_outage(probability=PROBABILITY)]},
    )
    planned = np.linspace(5.0, 40.0, HORIZON)
    return scenario, line_plan(scenario, {"plant": planned}), planned


def test_delivered_units_have_the_closed_form_mean_and_variance(
    outage_case: tuple[Scenario, Plan, FloatArray],
) -> None:
    scenario, plan, planned = outage_case
    counted = planned[: HORIZON - LEAD]
    q = PROBABILITY
    mean = (1 - q) * counted.sum()
    variance = q * (1 - q) * np.sum(counted**2)
    bernoulli_kurtosis = q * (1 - q) * (1 - 6 * q * (1 - q))
    fourth_cumulant = bernoulli_kurtosis * np.sum(counted**4)

    outcomes = simulate_runs(scenario, plan, RUNS, 11, policy=RecoveryPolicy.none())
    delivered = outcomes.cumulative[:, 0, -1].astype(float)

    mean_error = np.sqrt(variance / RUNS)
    variance_error = np.sqrt((fourth_cumulant + 2 * variance**2) / RUNS)
    assert abs(delivered.mean() - mean) < 3 * mean_error
    assert abs(delivered.var(ddof=1) - variance) < 3 * variance_error


def test_without_outages_every_run_delivers_the_plan(
    outage_case: tuple[Scenario, Plan, FloatArray],
) -> None:
    scenario, plan, planned = outage_case
    calm = scenario.updated({"risks": {}})

    outcomes = simulate_runs(calm, plan, 50, 11, policy=RecoveryPolicy.none())

    assert np.allclose(outcomes.cumulative[:, 0, -1], planned[: HORIZON - LEAD].sum())
