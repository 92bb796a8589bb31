"""Mitigations on common random numbers: they help where they should, and are ranked."""

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from risk_cases import line_plan, line_scenario, site_outage, with_purchases

from surgeplan.planning import Plan
from surgeplan.risk.mitigate import MitigationKind, mitigate
from surgeplan.risk.parameters import Variant
from surgeplan.risk.simulate import simulate_runs
from surgeplan.scenario import Scenario

TRIANGLE = {"distribution": "triangular", "low": 1.0, "mode": 2.0, "high": 5.0}


def _guarding(
    multiply: float,
    *,
    lead_weeks: int = 0,
    cost: float = 1_000_000.0,
    mitigation_id: str = "guards",
) -> dict[str, Any]:
    return {
        "id": mitigation_id,
        "cost": cost,
        "lead_time_weeks": lead_weeks,
        "effects": [
            {
                "risk": "outage",
                "parameter": "probability_per_week",
                "multiply": multiply,
            }
        ],
    }


def _case(mitigations: list[dict[str, Any]]) -> tuple[Scenario, Plan]:
    scenario = line_scenario(
        horizon=30,
        risks={"site_disruptions": [site_outage(probability=0.08, duration=TRIANGLE)]},
        milestones=(("first", 12, 150), ("all", 29, 500)),
        mitigations=mitigations,
    )
    planned = np.r_[0.0, np.full(29, 18.0)]
    return scenario, line_plan(scenario, {"plant": planned}, spare_ratio=0.1)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    multiply=st.floats(min_value=0.0, max_value=1.0),
    lead_weeks=st.integers(min_value=0, max_value=30),
)
def test_a_lower_probability_never_delivers_less_in_any_run(
    multiply: float, lead_weeks: int
) -> None:
    scenario, plan = _case([_guarding(multiply, lead_weeks=lead_weeks)])
    guards = scenario.mitigations[0]

    outcomes = simulate_runs(
        scenario,
        plan,
        200,
        3,
        variants=(Variant("guarded", mitigations=(guards,)),),
    )
    baseline = simulate_runs(scenario, plan, 200, 3)

    assert np.all(outcomes.cumulative >= baseline.cumulative - 1e-6)
    assert np.all(outcomes.met_bucket[0] <= baseline.met_bucket[0])


@pytest.mark.slow
def test_a_mitigation_that_lowers_a_probability_never_makes_p90_worse() -> None:
    scenario, plan = _case([_guarding(0.3)])

    report = mitigate(scenario, plan, runs=2_000, seed=11)

    value = report.mitigations[0]
    assert all(change.p90_days_gained >= 0 for change in value.milestones)
    assert all(change.probability_gained >= 0 for change in value.milestones)
    assert value.probability_gained > 0


def test_a_mitigation_ready_after_the_horizon_changes_nothing() -> None:
    scenario, plan = _case([_guarding(0.0, lead_weeks=40)])

    report = mitigate(scenario, plan, runs=300, seed=2)

    value = report.mitigations[0]
    assert value.p90_days_gained == 0
    assert value.probability_gained == 0


def test_equal_effects_rank_the_cheaper_mitigation_first() -> None:
    scenario, plan = _case(
        [
            _guarding(0.2, cost=4_000_000.0, mitigation_id="dear"),
            _guarding(0.2, cost=1_000_000.0, mitigation_id="cheap"),
        ]
    )

    report = mitigate(scenario, plan, runs=500, seed=4)

    assert [value.id for value in report.mitigations] == ["cheap", "dear"]
    cheap, dear = report.mitigations
    assert cheap.p90_days_gained == dear.p90_days_gained
    assert dear.days_per_million_eur is not None
    assert cheap.days_per_million_eur == pytest.approx(4 * dear.days_per_million_eur)
    assert cheap.rank_by_probability < dear.rank_by_probability


def test_a_combination_costs_its_members_and_runs_them_together() -> None:
    scenario = line_scenario(
        horizon=30,
        risks={"site_disruptions": [site_outage(probability=0.08, duration=TRIANGLE)]},
        milestones=(("all", 29, 500),),
        mitigations=[
            _guarding(0.5, mitigation_id="fence"),
            {
                "id": "shorter",
                "cost": 500_000.0,
                "effects": [
                    {"risk": "outage", "parameter": "duration_weeks", "multiply": 0.5}
                ],
            },
        ],
    )
    scenario = scenario.updated(
        {
            "mitigation_combinations": [
                {"id": "both", "mitigations": ["fence", "shorter"]}
            ]
        }
    )
    plan = line_plan(
        scenario, {"plant": np.r_[0.0, np.full(29, 18.0)]}, spare_ratio=0.1
    )

    report = mitigate(scenario, plan, runs=500, seed=4)

    both = next(value for value in report.mitigations if value.id == "both")
    assert both.kind is MitigationKind.COMBINATION
    assert both.cost_eur == 1_500_000.0
    assert both.members == ["fence", "shorter"]
    singles = [
        value for value in report.mitigations if value.kind is MitigationKind.SINGLE
    ]
    assert both.probability_gained >= max(value.probability_gained for value in singles)


def test_buffer_stock_covers_a_supplier_failure() -> None:
    scenario = line_scenario(horizon=30, milestones=(("all", 29, 450),))
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
            "capacity_per_week": 18,
            "unit_cost": 10,
        }
    ]
    data["risks"] = {
        "supplier_risks": [
            {
                "id": "kit-fire",
                "supplier": "kit-maker",
                "kind": "failure",
                "probability_per_week": 0.05,
                "duration_weeks": {"distribution": "fixed", "value": 3},
            }
        ]
    }
    data["mitigations"] = [
        {
            "id": "kit-buffer",
            "cost": 100_000,
            "buffer_stock": [{"item": "kit", "site": "plant", "units": 200}],
        }
    ]
    scenario = type(scenario).model_validate(data)
    plan = with_purchases(
        line_plan(scenario, {"plant": np.full(30, 18.0)}), "kit-maker"
    )

    report = mitigate(scenario, plan, runs=500, seed=8)

    buffer = report.mitigations[0]
    assert report.baseline[0].probability_on_time < 0.9
    assert buffer.probability_gained > 0.1
    assert buffer.p90_days_gained > 0
