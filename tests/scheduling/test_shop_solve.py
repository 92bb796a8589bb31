from pathlib import Path

import pytest

from surgeplan.scheduling.shop import (
    Alternative,
    Job,
    Operation,
    ShopInstance,
    ShopSolution,
    ShopStatus,
    check_shop_solution,
    read_shop_instance,
    solve_shop,
)

BENCHMARKS = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks"


def benchmark(relative: str) -> ShopInstance:
    path = BENCHMARKS / relative
    if not path.exists():
        pytest.skip(f"benchmark instance {path} is missing (../shared/benchmarks)")
    return read_shop_instance(path)


def assert_schedule_is_feasible(instance: ShopInstance, solution: ShopSolution) -> None:
    assert check_shop_solution(instance, solution) == []
    assert solution.lower_bound <= solution.makespan
    assert (solution.status is ShopStatus.OPTIMAL) == (
        solution.lower_bound == solution.makespan
    )


def test_two_flexible_jobs_share_two_machines_optimally() -> None:
    either = Operation((Alternative(1, 4), Alternative(2, 6)))
    instance = ShopInstance("pair", (Job((either,)), Job((either,))), (1, 2), True)

    solution = solve_shop(instance, time_limit_s=10, workers=1)

    assert_schedule_is_feasible(instance, solution)
    assert solution.makespan == 6
    assert solution.status is ShopStatus.OPTIMAL


def test_no_time_still_returns_the_dispatched_schedule() -> None:
    instance = benchmark("jsp/ft10.txt")

    solution = solve_shop(instance, time_limit_s=0, workers=1)

    assert_schedule_is_feasible(instance, solution)
    assert solution.makespan == solution.statistics.heuristic_makespan


def test_ft06_is_solved_to_its_optimum_55() -> None:
    instance = benchmark("jsp/ft06.txt")

    solution = solve_shop(instance, time_limit_s=20, workers=2, seed=0)

    assert_schedule_is_feasible(instance, solution)
    assert solution.makespan == 55
    assert solution.status is ShopStatus.OPTIMAL


@pytest.mark.slow
def test_la01_is_solved_to_its_optimum_666() -> None:
    instance = benchmark("jsp/la01.txt")

    solution = solve_shop(instance, time_limit_s=20, workers=2, seed=0)

    assert_schedule_is_feasible(instance, solution)
    assert solution.makespan == 666


@pytest.mark.slow
def test_mk01_gets_a_feasible_flexible_schedule() -> None:
    instance = benchmark("fjsp/mk01.fjs")

    solution = solve_shop(instance, time_limit_s=10, workers=2, seed=0)

    assert_schedule_is_feasible(instance, solution)
    assert 40 <= solution.makespan <= solution.statistics.heuristic_makespan
    assert solution.lower_bound <= 40


@pytest.mark.slow
def test_same_seed_and_deterministic_budget_give_the_same_schedule() -> None:
    instance = benchmark("jsp/la21.txt")

    runs = [
        solve_shop(
            instance, time_limit_s=300, workers=1, seed=7, deterministic_time=1.0
        )
        for _ in range(2)
    ]

    for run in runs:
        assert_schedule_is_feasible(instance, run)
    assert runs[0].makespan == runs[1].makespan
    assert runs[0].operations_by_job == runs[1].operations_by_job
