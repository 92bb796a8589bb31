"""Same seed, same numbers: whatever the batches run on, and risk by risk."""

import numpy as np
import pytest
from risk_cases import line_plan, line_scenario, site_outage

from surgeplan.planning import Plan
from surgeplan.risk.executors import ExecutionSettings
from surgeplan.risk.parameters import Variant
from surgeplan.risk.policy import Executor
from surgeplan.risk.simulate import simulate, simulate_runs
from surgeplan.scenario import Scenario

TRIANGLE = {"distribution": "triangular", "low": 0.5, "mode": 1.5, "high": 4.0}


@pytest.fixture
def two_risk_case() -> tuple[Scenario, Plan]:
    scenario = line_scenario(
        sites=("north", "south"),
        risks={
            "site_disruptions": [
                site_outage(
                    "north-threat", site="north", probability=0.08, duration=TRIANGLE
                ),
                site_outage("south-threat", site="south", probability=0.05, loss=0.6),
            ]
        },
        milestones=(("half", 9, 300), ("all", 19, 900)),
    )
    north = np.r_[0, 0, np.linspace(10, 50, 18)]
    south = np.r_[np.zeros(5), np.full(15, 20.0)]
    return scenario, line_plan(
        scenario, {"north": north, "south": south}, spare_ratio=0.2
    )


def test_the_same_seed_gives_identical_runs(
    two_risk_case: tuple[Scenario, Plan],
) -> None:
    scenario, plan = two_risk_case

    first = simulate_runs(scenario, plan, 300, 42)
    second = simulate_runs(scenario, plan, 300, 42)

    assert np.array_equal(first.cumulative, second.cumulative)
    assert np.array_equal(first.met_bucket, second.met_bucket)


def test_another_seed_gives_other_runs(two_risk_case: tuple[Scenario, Plan]) -> None:
    scenario, plan = two_risk_case

    first = simulate_runs(scenario, plan, 300, 42)
    other = simulate_runs(scenario, plan, 300, 43)

    assert not np.array_equal(first.cumulative, other.cumulative)


def test_the_first_runs_of_a_long_simulation_are_a_short_one(
    two_risk_case: tuple[Scenario, Plan],
) -> None:
    scenario, plan = two_risk_case
    settings = ExecutionSettings(batch_runs=50)

    short = simulate_runs(scenario, plan, 120, 9, settings=settings)
    long = simulate_runs(scenario, plan, 400, 9, settings=settings)

    assert np.array_equal(short.cumulative, long.cumulative[:120])


def test_two_worker_processes_give_what_one_gives(
    two_risk_case: tuple[Scenario, Plan],
) -> None:
    scenario, plan = two_risk_case

    alone = simulate_runs(
        scenario, plan, 200, 5, settings=ExecutionSettings(batch_runs=40)
    )
    shared = simulate_runs(
        scenario, plan, 200, 5, settings=ExecutionSettings(workers=2, batch_runs=40)
    )

    assert np.array_equal(alone.cumulative, shared.cumulative)


@pytest.mark.slow
def test_a_dask_cluster_gives_what_local_processes_give(
    two_risk_case: tuple[Scenario, Plan],
) -> None:
    from distributed import LocalCluster

    scenario, plan = two_risk_case
    local = simulate(scenario, plan, runs=200, seed=5, workers=2, batch_runs=40)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        on_dask = simulate(
            scenario,
            plan,
            runs=200,
            seed=5,
            executor=Executor.DASK,
            scheduler=cluster.scheduler_address,
            batch_runs=40,
        )

    assert on_dask == local


def test_switching_a_risk_off_leaves_the_other_risks_draws_alone(
    two_risk_case: tuple[Scenario, Plan],
) -> None:
    scenario, plan = two_risk_case
    north_only = scenario.updated(
        {
            "risks": {
                "site_disruptions": [scenario.risks.site_disruptions[0].model_dump()]
            }
        }
    )

    without_south = simulate_runs(
        scenario,
        plan,
        300,
        7,
        variants=(Variant("no south", frozenset({"south-threat"})),),
    )
    alone = simulate_runs(north_only, plan, 300, 7)

    assert np.array_equal(without_south.cumulative, alone.cumulative)
