"""With every risk off, the simulation delivers exactly what the plan delivers."""

from collections.abc import Sequence

import numpy as np
import pytest
from risk_cases import line_plan, line_scenario, site_outage

from surgeplan.planning import Plan
from surgeplan.risk.parameters import Variant
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import prepare, simulate, simulate_runs
from surgeplan.scenario import Scenario, load_scenario

EXAMPLE_RISKS = {
    "site_disruptions": [
        {
            "id": "plant-threat",
            "site": "plant",
            "probability_per_week": 0.05,
            "duration_weeks": {
                "distribution": "triangular",
                "low": 1,
                "mode": 2,
                "high": 4,
            },
        }
    ],
    "cyber_incidents": [
        {
            "id": "plant-ot",
            "network_zone": "plant-ot",
            "target": "ot",
            "probability_per_week": 0.02,
            "duration_weeks": {
                "distribution": "lognormal",
                "median": 1.0,
                "sigma": 0.5,
            },
        }
    ],
    "supplier_risks": [
        {
            "id": "kit-failure",
            "supplier": "kit-supplier",
            "kind": "failure",
            "probability_per_week": 0.02,
            "duration_weeks": {"distribution": "uniform", "low": 1, "high": 3},
        }
    ],
    "station_breakdowns": [
        {
            "id": "cell-breakdowns",
            "capability": "assembly",
            "mtbf_hours": 80,
            "mttr_hours": 4,
        }
    ],
    "staff_opt_out": [
        {
            "id": "assembler-opt-out",
            "site": "plant",
            "skill": "assembler",
            "volunteer_share": {"distribution": "uniform", "low": 0.1, "high": 0.3},
            "absence_rate": 0.05,
        }
    ],
    "learning_uncertainty": [
        {
            "id": "widget-learning",
            "item": "widget",
            "learning_rate": {
                "distribution": "triangular",
                "low": 0.85,
                "mode": 0.9,
                "high": 0.95,
            },
        }
    ],
}


def _assert_plan_reproduced(
    scenario: Scenario,
    plan: Plan,
    variants: Sequence[Variant],
    policy: RecoveryPolicy,
) -> None:
    outcomes = simulate_runs(scenario, plan, 30, 3, policy=policy, variants=variants)
    network = prepare(scenario, plan, policy=policy, seed=3).network
    for number, group in enumerate(network.groups):
        assert (
            np.abs(outcomes.cumulative[:, number, :] - group.planned_cumulative).max()
            < 1e-6
        )
    for number, milestone in enumerate(network.milestones):
        met = set(outcomes.met_bucket[0][:, number].tolist())
        if milestone.planned_met_bucket is None:
            assert min(met) >= network.horizon
        else:
            assert met == {milestone.planned_met_bucket}


@pytest.mark.parametrize("policy", [RecoveryPolicy(), RecoveryPolicy.none()])
def test_a_two_plant_plan_is_reproduced_exactly_without_risks(
    policy: RecoveryPolicy,
) -> None:
    scenario = line_scenario(
        sites=("north", "south"),
        milestones=(("half", 9, 200), ("all", 19, 750), ("more", 19, 900)),
    )
    north = np.r_[0, 0, np.linspace(10, 50, 18)]
    south = np.r_[np.zeros(5), np.full(15, 20.0)]
    plan = line_plan(scenario, {"north": north, "south": south}, spare_ratio=0.3)

    _assert_plan_reproduced(scenario, plan, (Variant("calm"),), policy)


def test_declared_risks_switched_off_reproduce_the_plan() -> None:
    scenario = line_scenario(
        risks={"site_disruptions": [site_outage(probability=0.5)]},
        milestones=(("all", 19, 200),),
    )
    plan = line_plan(scenario, {"plant": np.full(20, 12.0)})
    all_off = Variant("off", disabled=frozenset({"outage"}))

    _assert_plan_reproduced(scenario, plan, (all_off,), RecoveryPolicy())


@pytest.mark.slow
def test_the_minimal_example_plan_is_reproduced_with_its_risks_off() -> None:
    from surgeplan.planning import plan as make_plan

    scenario = load_scenario("examples/minimal.yaml").updated({"risks": EXAMPLE_RISKS})
    plan = make_plan(scenario, time_limit_s=60)
    all_off = Variant("off", disabled=frozenset(scenario.risks.all_ids()))

    _assert_plan_reproduced(scenario, plan, (all_off,), RecoveryPolicy())

    report = simulate(scenario, plan, runs=400, seed=5)
    assert {c.risk for c in report.contributions} == set(scenario.risks.all_ids())
    last = report.milestone("full-order")
    assert 0.0 <= last.probability_on_time <= 1.0
    assert last.delivered_by_due_mean <= last.quantity + 1e-6


@pytest.mark.slow
def test_a_plan_in_merged_buckets_is_simulated_week_by_week_as_planned() -> None:
    from surgeplan.planning import plan as make_plan
    from surgeplan.risk.weekly_plan import weekly_plan

    example = load_scenario("examples/minimal.yaml")
    program = {**example.program.model_dump(mode="json"), "detailed_weeks": 4}
    scenario = example.updated({"program": program, "risks": EXAMPLE_RISKS})
    plan = make_plan(scenario, time_limit_s=60)
    assert len(plan.buckets) < scenario.program.horizon_buckets
    weekly = weekly_plan(plan)
    all_off = Variant("off", disabled=frozenset(scenario.risks.all_ids()))
    outcomes = simulate_runs(scenario, plan, 30, 3, variants=(all_off,))
    network = prepare(scenario, plan, policy=RecoveryPolicy(), seed=3).network

    assert len(weekly.buckets) == network.horizon == scenario.program.horizon_buckets
    last_week = np.cumsum([((b.end - b.start).days + 1) // 7 for b in plan.buckets]) - 1
    for number, group in enumerate(network.groups):
        # The simulation delivers what the weekly plan does, and by the end of each
        # of the plan's buckets what the plan delivers.
        assert (
            np.abs(outcomes.cumulative[:, number, :] - group.planned_cumulative).max()
            < 1e-6
        )
        planned = np.cumsum(
            [
                sum(
                    d.units
                    for d in plan.deliveries
                    if d.bucket == b.index
                    and (d.item, d.delivery_point) == (group.item, group.delivery_point)
                )
                for b in plan.buckets
            ]
        )
        assert group.planned_cumulative[last_week] == pytest.approx(planned)
    for number, milestone in enumerate(network.milestones):
        met = set(outcomes.met_bucket[0][:, number].tolist())
        planned_met = next(
            m for m in plan.milestones if m.id == milestone.id
        ).met_bucket
        assert len(met) == 1
        assert planned_met is not None
        assert min(met) <= last_week[planned_met]
        assert planned_met == 0 or min(met) > last_week[planned_met - 1]
