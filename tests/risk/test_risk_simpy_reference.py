"""The vectorised simulator and the SimPy reference give the same distribution."""

import numpy as np
import pytest
from risk_cases import line_plan, line_scenario, site_outage
from scipy.stats import ks_2samp
from simpy_reference import reference_deliveries

from surgeplan.planning import Plan
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import prepare, simulate_runs
from surgeplan.scenario import Scenario

HORIZON = 26


@pytest.fixture
def two_plants_with_recovery() -> tuple[Scenario, Plan]:
    long_outage = {"distribution": "triangular", "low": 0.5, "mode": 2.0, "high": 5.0}
    scenario = line_scenario(
        sites=("north", "south"),
        horizon=HORIZON,
        risks={
            "site_disruptions": [
                site_outage(
                    "north-threat", site="north", probability=0.06, duration=long_outage
                ),
                site_outage("south-strike", site="south", probability=0.03, loss=0.5),
            ]
        },
    )
    north = np.r_[np.zeros(2), np.linspace(10, 60, HORIZON - 2)]
    south = np.r_[np.zeros(4), np.full(HORIZON - 4, 30.0)]
    plan = line_plan(scenario, {"north": north, "south": south}, spare_ratio=0.15)
    return scenario, plan


@pytest.mark.slow
def test_simpy_reference_delivers_the_same_distribution(
    two_plants_with_recovery: tuple[Scenario, Plan],
) -> None:
    scenario, plan = two_plants_with_recovery
    policy = RecoveryPolicy(reaction_delay_weeks=2)
    model = prepare(scenario, plan, policy=policy, seed=0)
    assert model.network.moves, "the case must let production move between plants"

    vectorised = simulate_runs(scenario, plan, 3_000, 21, policy=policy).cumulative
    reference = reference_deliveries(model, 600, 5)

    for bucket in (HORIZON // 2, HORIZON - 1):
        ours = np.round(vectorised[:, 0, bucket], 6)
        theirs = np.round(reference[:, 0, bucket], 6)
        assert ks_2samp(ours, theirs).pvalue > 0.01
