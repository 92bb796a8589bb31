from dataclasses import replace

import pytest

from surgeplan.scheduling.shop import (
    Alternative,
    Job,
    Operation,
    ScheduledOperation,
    ShopInstance,
    ShopSolution,
    ShopStatus,
    check_shop_solution,
)
from surgeplan.scheduling.shop.dispatch import (
    DispatchRule,
    best_dispatch_schedule,
    dispatch,
)


def single(machine: int, duration: int) -> Operation:
    return Operation((Alternative(machine, duration),))


@pytest.fixture
def two_jobs() -> ShopInstance:
    """Job 0: machine 0 for 3, then 1 for 2. Job 1: machine 1 for 4, then 0 for 1."""
    return ShopInstance(
        "two-jobs",
        (Job((single(0, 3), single(1, 2))), Job((single(1, 4), single(0, 1)))),
        (0, 1),
    )


@pytest.fixture
def valid(two_jobs: ShopInstance) -> ShopSolution:
    schedule = (
        (ScheduledOperation(0, 0, 3), ScheduledOperation(1, 4, 6)),
        (ScheduledOperation(1, 0, 4), ScheduledOperation(0, 4, 5)),
    )
    return ShopSolution(6, 6, ShopStatus.OPTIMAL, 0.0, schedule)


def with_operation(
    solution: ShopSolution, job: int, index: int, placed: ScheduledOperation
) -> ShopSolution:
    jobs = [list(ops) for ops in solution.operations_by_job]
    jobs[job][index] = placed
    return replace(solution, operations_by_job=tuple(tuple(ops) for ops in jobs))


def test_a_valid_schedule_has_no_violations(
    two_jobs: ShopInstance, valid: ShopSolution
) -> None:
    assert check_shop_solution(two_jobs, valid) == []


def test_two_operations_at_once_on_a_machine_are_an_overlap(
    two_jobs: ShopInstance, valid: ShopSolution
) -> None:
    overlapping = with_operation(valid, 0, 1, ScheduledOperation(1, 3, 5))

    violations = check_shop_solution(two_jobs, overlapping)

    assert any("machine 1" in v and "overlaps" in v for v in violations)


def test_starting_before_the_predecessor_ends_breaks_precedence(
    two_jobs: ShopInstance, valid: ShopSolution
) -> None:
    early = with_operation(valid, 1, 1, ScheduledOperation(0, 3, 4))

    violations = check_shop_solution(two_jobs, early)

    assert any("before its predecessor ends" in v for v in violations)


def test_a_machine_the_operation_cannot_use_is_reported(
    two_jobs: ShopInstance, valid: ShopSolution
) -> None:
    elsewhere = with_operation(valid, 1, 1, ScheduledOperation(1, 6, 7))

    violations = check_shop_solution(two_jobs, replace(elsewhere, makespan=7))

    assert any("runs on machine 1, allowed are [0]" in v for v in violations)


def test_a_wrong_duration_is_reported(
    two_jobs: ShopInstance, valid: ShopSolution
) -> None:
    short = with_operation(valid, 0, 0, ScheduledOperation(0, 0, 2))

    violations = check_shop_solution(two_jobs, short)

    assert violations == ["job 0 operation 0 lasts 2 on machine 0, it should last 3"]


def test_a_makespan_that_is_not_the_last_end_is_reported(
    two_jobs: ShopInstance, valid: ShopSolution
) -> None:
    violations = check_shop_solution(
        two_jobs, replace(valid, makespan=5, lower_bound=5)
    )

    assert violations == ["the makespan is 5, the last operation ends at 6"]


def test_a_missing_operation_is_reported(
    two_jobs: ShopInstance, valid: ShopSolution
) -> None:
    jobs = (valid.operations_by_job[0][:1], valid.operations_by_job[1])

    violations = check_shop_solution(two_jobs, replace(valid, operations_by_job=jobs))

    assert "job 0 has 1 scheduled operations, the instance 2" in violations


def test_a_zero_length_operation_overlaps_nothing() -> None:
    instance = ShopInstance("zero", (Job((single(0, 4),)), Job((single(0, 0),))), (0,))
    schedule = ((ScheduledOperation(0, 0, 4),), (ScheduledOperation(0, 2, 2),))

    solution = ShopSolution(4, 4, ShopStatus.OPTIMAL, 0.0, schedule)

    assert check_shop_solution(instance, solution) == []


def test_flexible_operation_may_use_any_of_its_machines() -> None:
    flexible = Operation((Alternative(0, 3), Alternative(1, 5)))
    instance = ShopInstance("flex", (Job((flexible,)), Job((flexible,))), (0, 1), True)
    schedule = ((ScheduledOperation(0, 0, 3),), (ScheduledOperation(1, 0, 5),))

    solution = ShopSolution(5, 5, ShopStatus.OPTIMAL, 0.0, schedule)

    assert check_shop_solution(instance, solution) == []


@pytest.mark.parametrize("rule", list(DispatchRule))
def test_every_dispatching_rule_builds_a_valid_schedule(
    two_jobs: ShopInstance, rule: DispatchRule
) -> None:

    schedule = dispatch(two_jobs, rule)
    makespan = max(op.end for ops in schedule for op in ops)

    solution = ShopSolution(makespan, 0, ShopStatus.FEASIBLE, 0.0, schedule)

    assert check_shop_solution(two_jobs, solution) == []


def test_dispatching_handles_flexible_and_zero_length_operations() -> None:
    instance = ShopInstance(
        "mixed",
        (
            Job((Operation((Alternative(1, 2), Alternative(2, 3))), single(2, 0))),
            Job((single(1, 0), Operation((Alternative(1, 4), Alternative(2, 1))))),
        ),
        (1, 2),
        True,
    )

    schedule = best_dispatch_schedule(instance, seed=3)
    makespan = max(op.end for ops in schedule for op in ops)

    solution = ShopSolution(makespan, 0, ShopStatus.FEASIBLE, 0.0, schedule)
    assert check_shop_solution(instance, solution) == []


def test_an_operation_without_machines_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one machine"):
        Operation(())


def test_a_machine_outside_the_shop_is_refused() -> None:
    with pytest.raises(ValueError, match="uses machine 5"):
        ShopInstance("bad", (Job((single(5, 1),)),), (0, 1))
