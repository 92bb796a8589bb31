"""Draws: streams keyed by risk and batch, distributions by their inverse CDF."""

import numpy as np
import pytest
from risk_cases import line_plan, line_scenario

from surgeplan.arrays import FloatArray
from surgeplan.risk.draws import AnyDistribution, quantile, risk_generator, stream_key
from surgeplan.risk.parameters import Variant
from surgeplan.risk.simulate import simulate_runs
from surgeplan.scenario.base import (
    FixedDistribution,
    LognormalDistribution,
    TriangularDistribution,
    UniformDistribution,
)

UNIFORMS = (np.arange(200_000) + 0.5) / 200_000


@pytest.mark.parametrize(
    "distribution",
    [
        FixedDistribution(distribution="fixed", value=2.5),
        UniformDistribution(distribution="uniform", low=1.0, high=3.0),
        TriangularDistribution(distribution="triangular", low=1.0, mode=2.0, high=6.0),
        LognormalDistribution(distribution="lognormal", median=1.0, sigma=0.6),
    ],
)
def test_quantiles_have_the_distribution_mean(distribution: AnyDistribution) -> None:
    values = quantile(distribution, UNIFORMS)

    assert values.mean() == pytest.approx(distribution.mean(), rel=1e-3)
    assert np.all(np.diff(values) >= 0)


def test_a_stream_depends_on_seed_risk_and_batch_only() -> None:
    def first(seed: int, risk: str, batch: int) -> FloatArray:
        return risk_generator(seed, risk, batch).random(3)

    assert stream_key("outage") == stream_key("outage")
    assert np.array_equal(first(7, "outage", 0), first(7, "outage", 0))
    assert not np.array_equal(first(7, "outage", 0), first(7, "outage", 1))
    assert not np.array_equal(first(7, "outage", 0), first(7, "strike", 0))
    assert not np.array_equal(first(7, "outage", 0), first(8, "outage", 0))


def test_a_late_supplier_ships_what_it_missed_when_the_delay_ends() -> None:
    scenario = line_scenario(horizon=30, milestones=(("all", 29, 300),))
    data = scenario.model_dump(mode="json")
    data["items"][0]["bom"] = [{"item": "kit", "quantity_per": 1}]
    data["items"].append({"id": "kit", "kind": "component", "sourcing": "buy"})
    data["suppliers"] = [
        {
            "id": "kit-maker",
            "item": "kit",
            "sites": ["plant"],
            "country": "DE",
            "lead_time_weeks": 0,
            "capacity_per_week": 10,
            "unit_cost": 10,
        }
    ]
    kinds = {}
    for kind in ("delay", "failure"):
        data["risks"] = {
            "supplier_risks": [
                {
                    "id": "kit-trouble",
                    "supplier": "kit-maker",
                    "kind": kind,
                    "probability_per_week": 0.1,
                    "duration_weeks": {"distribution": "uniform", "low": 1, "high": 2},
                }
            ]
        }
        kinds[kind] = type(scenario).model_validate(data)
    from risk_cases import with_purchases

    units = np.r_[np.full(20, 10.0), np.zeros(10)]
    plan = with_purchases(
        line_plan(kinds["delay"], {"plant": units}, spare_ratio=1.0), "kit-maker"
    )

    delayed = simulate_runs(kinds["delay"], plan, 300, 4).cumulative[:, 0, -1]
    failed = simulate_runs(kinds["failure"], plan, 300, 4).cumulative[:, 0, -1]
    calm = simulate_runs(
        kinds["delay"],
        plan,
        10,
        4,
        variants=(Variant("calm", frozenset({"kit-trouble"})),),
    ).cumulative[:, 0, -1]

    assert np.all(failed <= delayed + 1e-9)
    assert np.mean(delayed) > np.mean(failed)
    assert np.allclose(calm, 200.0)
