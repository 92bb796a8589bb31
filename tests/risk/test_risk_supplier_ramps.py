"""Supplier ramps in the simulation: drawn late starts and shortfalls on a real plan.

The one-line plant (10 drones a week) buys its kits from a supplier promising 8 a
week, so the supplier binds: every drone the plan makes needs a kit bought that week.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from planning_cases import make_scenario

from surgeplan.arrays import FloatArray
from surgeplan.planning import Plan, plan
from surgeplan.risk.parameters import Variant
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import simulate_runs
from surgeplan.risk.systematic import systematic_risks
from surgeplan.scenario.risks import Mitigation

pytestmark = pytest.mark.slow


def with_ramp(ramp: dict[str, Any] | None) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["suppliers"][0]["capacity_per_week"] = 8
        if ramp is not None:
            data["risks"] = {
                "supplier_ramps": [
                    {"id": "kit-ramp", "supplier": "kit-supplier", **ramp}
                ]
            }

    return change


@pytest.fixture(scope="module")
def promised_plan() -> Plan:
    return plan(make_scenario(with_ramp(None)), time_limit_s=30)


def planned_cumulative(result: Plan) -> np.ndarray:
    delivered = np.zeros(12)
    for record in result.deliveries:
        delivered[record.bucket] += record.units
    return np.cumsum(delivered)


def delivered(ramp: dict[str, Any], result: Plan, runs: int = 200) -> FloatArray:
    scenario = make_scenario(with_ramp(ramp))
    outcomes = simulate_runs(scenario, result, runs, 7, policy=RecoveryPolicy.none())
    return outcomes.cumulative[:, 0, :].astype(float)


def test_a_supplier_delivering_70_percent_delivers_70_percent_of_the_plan(
    promised_plan: Plan,
) -> None:
    share = {"distribution": "fixed", "value": 0.7}

    runs = delivered({"delivered_share": share}, promised_plan)

    planned = planned_cumulative(promised_plan)
    assert planned[-1] == pytest.approx(50.0)
    assert np.allclose(runs, 0.7 * planned[None, :])


def test_the_drawn_share_averages_its_distribution(promised_plan: Plan) -> None:
    share = {"distribution": "uniform", "low": 0.7, "high": 1.0}

    runs = delivered({"delivered_share": share}, promised_plan, runs=2_000)

    final = runs[:, -1] / planned_cumulative(promised_plan)[-1]
    assert final.min() >= 0.7 - 1e-9
    assert final.max() <= 1.0 + 1e-9
    # Uniform on 0.7-1: mean 0.85, standard deviation 0.087; 3 standard errors.
    assert abs(final.mean() - 0.85) < 3 * 0.087 / np.sqrt(2_000)


def test_a_ramp_two_weeks_late_delivers_nothing_in_its_first_two_weeks(
    promised_plan: Plan,
) -> None:
    late = {"start_delay_weeks": {"distribution": "fixed", "value": 2}}

    runs = delivered(late, promised_plan, runs=20)

    assert np.allclose(runs[:, :2], 0.0)
    assert np.all(runs[:, -1] < planned_cumulative(promised_plan)[-1])


def test_a_ramp_planned_at_its_share_loses_nothing_in_the_simulation() -> None:
    ramp = {
        "delivered_share": {"distribution": "fixed", "value": 0.7},
        "planned_quantile": 0.5,
    }
    scenario = make_scenario(with_ramp(ramp))
    result = plan(scenario, time_limit_s=30)

    outcomes = simulate_runs(scenario, result, 50, 7, policy=RecoveryPolicy.none())

    assert np.allclose(outcomes.cumulative[:, 0, -1], planned_cumulative(result)[-1])


def test_the_same_seed_draws_the_same_ramps(promised_plan: Plan) -> None:
    share = {"distribution": "uniform", "low": 0.5, "high": 1.0}

    first = delivered({"delivered_share": share}, promised_plan, runs=100)
    second = delivered({"delivered_share": share}, promised_plan, runs=100)

    assert np.array_equal(first, second)


def test_a_ramp_planned_at_its_promise_is_named_optimistic() -> None:
    share = {"distribution": "uniform", "low": 0.7, "high": 1.0}
    scenario = make_scenario(with_ramp({"delivered_share": share}))

    found = {
        entry.parameter: entry
        for entry in systematic_risks(scenario)
        if entry.risk == "kit-ramp"
    }

    assert found["delivered_share"].is_optimistic
    assert found["delivered_share"].expected_mean == pytest.approx(0.85, abs=1e-3)
    assert not found["start_delay_weeks"].is_optimistic


def test_a_mitigation_that_secures_the_full_share_meets_the_plan(
    promised_plan: Plan,
) -> None:
    share = {"distribution": "fixed", "value": 0.7}
    scenario = make_scenario(with_ramp({"delivered_share": share}))
    secured = Mitigation.model_validate(
        {
            "id": "second-source",
            "cost": 5000,
            "effects": [
                {"risk": "kit-ramp", "parameter": "delivered_share", "set": 1.0}
            ],
        }
    )
    variants = (Variant("baseline"), Variant("secured", mitigations=(secured,)))

    outcomes = simulate_runs(
        scenario, promised_plan, 20, 7, policy=RecoveryPolicy.none(), variants=variants
    )

    planned_bucket = promised_plan.milestones[0].met_bucket
    assert planned_bucket is not None
    assert np.all(outcomes.met_bucket[1] == planned_bucket)
    assert np.all(outcomes.met_bucket[0] > planned_bucket)
