"""An independent check of a shop schedule against its instance.

It shares no code with the solver beyond the instance and solution types, so
a bug in the model cannot hide itself here.
"""

from __future__ import annotations

from collections import defaultdict

from surgeplan.scheduling.shop.instance import ShopInstance
from surgeplan.scheduling.shop.solution import ScheduledOperation, ShopSolution


def _check_shape(instance: ShopInstance, solution: ShopSolution) -> list[str]:
    violations = []
    if len(solution.operations_by_job) != len(instance.jobs):
        violations.append(
            f"the schedule has {len(solution.operations_by_job)} jobs, "
            f"the instance {len(instance.jobs)}"
        )
    for job_index, (job, scheduled) in enumerate(
        zip(instance.jobs, solution.operations_by_job, strict=False)
    ):
        if len(scheduled) != len(job.operations):
            violations.append(
                f"job {job_index} has {len(scheduled)} scheduled operations, "
                f"the instance {len(job.operations)}"
            )
    return violations


def _check_operations(instance: ShopInstance, solution: ShopSolution) -> list[str]:
    violations = []
    for job_index, (job, scheduled) in enumerate(
        zip(instance.jobs, solution.operations_by_job, strict=False)
    ):
        previous_end = 0
        for op_index, (operation, placed) in enumerate(
            zip(job.operations, scheduled, strict=False)
        ):
            name = f"job {job_index} operation {op_index}"
            duration = operation.duration_on(placed.machine)
            if duration is None:
                violations.append(
                    f"{name} runs on machine {placed.machine}, allowed are "
                    f"{list(operation.machines)}"
                )
            elif placed.end - placed.start != duration:
                violations.append(
                    f"{name} lasts {placed.end - placed.start} on machine "
                    f"{placed.machine}, it should last {duration}"
                )
            if placed.start < 0:
                violations.append(f"{name} starts before 0 (at {placed.start})")
            if placed.start < previous_end:
                violations.append(
                    f"{name} starts at {placed.start}, before its predecessor "
                    f"ends at {previous_end}"
                )
            previous_end = placed.end
    return violations


def _check_machines(solution: ShopSolution) -> list[str]:
    violations = []
    placed_by_machine: dict[int, list[tuple[ScheduledOperation, str]]] = defaultdict(
        list
    )
    for job_index, scheduled in enumerate(solution.operations_by_job):
        for op_index, placed in enumerate(scheduled):
            name = f"job {job_index} operation {op_index}"
            placed_by_machine[placed.machine].append((placed, name))
    for machine, placed_ops in sorted(placed_by_machine.items()):
        # Zero-length operations overlap nothing; sort so neighbours are compared.
        busy = sorted(
            ((op, name) for op, name in placed_ops if op.end > op.start),
            key=lambda item: (item[0].start, item[0].end),
        )
        latest: tuple[ScheduledOperation, str] | None = None
        for op, name in busy:
            if latest is not None and op.start < latest[0].end:
                violations.append(
                    f"machine {machine}: {latest[1]} [{latest[0].start}, "
                    f"{latest[0].end}) overlaps {name} [{op.start}, {op.end})"
                )
            if latest is None or op.end > latest[0].end:
                latest = (op, name)
    return violations


def _check_objective(solution: ShopSolution) -> list[str]:
    violations = []
    latest_end = max(
        (op.end for scheduled in solution.operations_by_job for op in scheduled),
        default=0,
    )
    if solution.makespan != latest_end:
        violations.append(
            f"the makespan is {solution.makespan}, the last operation ends at "
            f"{latest_end}"
        )
    if solution.lower_bound > solution.makespan:
        violations.append(
            f"the lower bound {solution.lower_bound} exceeds the makespan "
            f"{solution.makespan}"
        )
    return violations


def check_shop_solution(instance: ShopInstance, solution: ShopSolution) -> list[str]:
    """Every way `solution` breaks the rules of `instance`; empty when it is valid.

    Checked: one scheduled operation per operation of the instance, each on one
    of its allowed machines for its duration there, no operation before its
    predecessor in the job ends, no two operations at once on a machine, and
    the makespan equal to the latest end (and not below the lower bound).
    """
    shape = _check_shape(instance, solution)
    return [
        *shape,
        *_check_operations(instance, solution),
        *_check_machines(solution),
        *_check_objective(solution),
    ]
