import threading
import time

import numpy as np
import pytest

from surgeplan.planning.plan import SolveStatus
from surgeplan.planning.side_solves import STOP_GRACE_S, SideSolves
from surgeplan.planning.solve import SolveResult


def result(objective: float, columns: list[float]) -> SolveResult:
    return SolveResult(
        status=SolveStatus.OPTIMAL,
        columns=np.array(columns),
        row_duals=None,
        row_activity=np.zeros(0),
        objective=objective,
        mip_gap=0.0,
        seconds=0.0,
        variables=len(columns),
        constraints=0,
        nonzeros=0,
    )


def test_a_milp_slow_to_stop_gives_its_best_reported_plan_without_being_waited_for():
    side = SideSolves()
    release = threading.Event()

    def slow_milp(improved):
        improved(np.array([2.0, 0.0]), 90.0)
        improved(np.array([1.0, 1.0]), 80.0)
        release.wait(10)  # a step that does not look at the stop flag
        return result(70.0, [0.0, 1.0])

    side.start_polish(result(100.0, [3.0, 0.0]), slow_milp)
    started = time.perf_counter()
    outcome = side.finish_polish(side.polishes[0], 0.1)
    waited_s = time.perf_counter() - started
    release.set()

    assert outcome.objective == 80.0
    assert outcome.columns.tolist() == [1.0, 1.0]
    assert outcome.mip_gap is None
    assert outcome.status is SolveStatus.FEASIBLE
    assert side.stop_polish.is_set()
    assert waited_s < 0.1 + STOP_GRACE_S + 2.0


def test_a_milp_that_ends_when_stopped_gives_its_own_result():
    side = SideSolves()

    def obedient_milp(improved):
        improved(np.array([1.0]), 50.0)
        side.stop_polish.wait(10)
        return result(40.0, [0.5])

    side.start_polish(result(60.0, [2.0]), obedient_milp)
    outcome = side.finish_polish(side.polishes[0], 0.05)

    assert outcome.objective == 40.0
    assert outcome.mip_gap == 0.0
    assert outcome.status is SolveStatus.OPTIMAL


def test_a_milp_that_reported_nothing_leaves_its_start():
    side = SideSolves()
    release = threading.Event()

    def silent_milp(improved):
        release.wait(10)
        return result(1.0, [9.0])

    side.start_polish(result(60.0, [2.0]), silent_milp)
    outcome = side.finish_polish(side.polishes[0], 0.05)
    release.set()

    assert outcome.objective == pytest.approx(60.0)
    assert outcome.columns.tolist() == [2.0]
