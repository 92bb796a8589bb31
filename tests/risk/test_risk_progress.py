"""The simulation tells how many of its batches are done, for the progress bar."""

from __future__ import annotations

import numpy as np
import pytest
from risk_cases import line_plan, line_scenario

from surgeplan.risk.executors import ExecutionSettings
from surgeplan.risk.simulate import simulate, simulate_runs


@pytest.mark.parametrize("workers", [1, 2])
def test_each_batch_of_a_simulation_is_told_in_order(workers: int) -> None:
    scenario = line_scenario(milestones=(("all", 19, 300),))
    plan = line_plan(scenario, {"plant": np.full(20, 20.0)})
    told: list[tuple[int, int]] = []
    settings = ExecutionSettings(
        workers=workers,
        batch_runs=50,
        on_batches_done=lambda done, total: told.append((done, total)),
    )

    simulate_runs(scenario, plan, 180, 7, settings=settings)

    assert told == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_simulate_passes_its_progress_on() -> None:
    scenario = line_scenario(milestones=(("all", 19, 300),))
    plan = line_plan(scenario, {"plant": np.full(20, 20.0)})
    told: list[int] = []

    simulate(
        scenario,
        plan,
        100,
        7,
        contributions=False,
        batch_runs=25,
        on_batches_done=lambda done, _total: told.append(done),
    )

    assert told == [1, 2, 3, 4]
