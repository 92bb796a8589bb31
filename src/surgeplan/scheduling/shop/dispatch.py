"""Dispatching rules: a complete schedule in milliseconds, used to hint CP-SAT.

The schedule builder follows Giffler and Thompson: repeatedly find the machine
where the earliest possible completion falls, gather the jobs whose next
operation could start there before that moment, and let a priority rule pick
one of them. In a flexible shop the picked operation then goes to whichever of
its machines finishes it first. Every schedule built this way is active.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from surgeplan.scheduling.shop.instance import Operation, ShopInstance
from surgeplan.scheduling.shop.solution import ScheduledOperation, makespan_of

Schedule = tuple[tuple[ScheduledOperation, ...], ...]


class DispatchRule(Enum):
    """Which waiting job a machine serves first."""

    MOST_WORK_REMAINING = "mwkr"
    SHORTEST_PROCESSING_TIME = "spt"
    MOST_OPERATIONS_REMAINING = "mor"
    LONGEST_PROCESSING_TIME = "lpt"
    EARLIEST_START = "est"


@dataclass(frozen=True)
class _Candidate:
    job: int
    start: int
    duration: int


def _work_after(instance: ShopInstance) -> list[list[int]]:
    """Per job and operation, the shortest total duration from there to the end."""
    remaining = []
    for job in instance.jobs:
        tails = [0] * (len(job.operations) + 1)
        for index in range(len(job.operations) - 1, -1, -1):
            tails[index] = tails[index + 1] + job.operations[index].min_duration
        remaining.append(tails)
    return remaining


def _priority(
    rule: DispatchRule, instance: ShopInstance, work_after: list[list[int]]
) -> Callable[[_Candidate, int], float]:
    """Smaller is served first; the second argument is the job's next position."""
    if rule is DispatchRule.MOST_WORK_REMAINING:
        return lambda c, pos: -work_after[c.job][pos]
    if rule is DispatchRule.SHORTEST_PROCESSING_TIME:
        return lambda c, pos: c.duration
    if rule is DispatchRule.LONGEST_PROCESSING_TIME:
        return lambda c, pos: -c.duration
    if rule is DispatchRule.MOST_OPERATIONS_REMAINING:
        return lambda c, pos: -(len(instance.jobs[c.job].operations) - pos)
    return lambda c, pos: c.start


def _best_machine(
    operation: Operation, job_ready: int, machine_ready: dict[int, int]
) -> tuple[int, int, int]:
    """(completion, start, machine) of the alternative that completes first."""
    return min(
        (
            max(job_ready, machine_ready[alt.machine]) + alt.duration,
            max(job_ready, machine_ready[alt.machine]),
            alt.machine,
        )
        for alt in operation.alternatives
    )


def dispatch(
    instance: ShopInstance, rule: DispatchRule, rng: random.Random | None = None
) -> Schedule:
    """Build an active schedule, serving jobs in the order `rule` gives.

    Args:
        instance: the shop.
        rule: the priority rule.
        rng: when given, ties and near-ties are broken at random, so repeated
            calls explore different schedules.
    """
    work_after = _work_after(instance)
    priority = _priority(rule, instance, work_after)
    next_position = [0] * len(instance.jobs)
    job_ready = [0] * len(instance.jobs)
    machine_ready = dict.fromkeys(instance.machines, 0)
    placed: list[list[ScheduledOperation]] = [[] for _ in instance.jobs]
    for _ in range(instance.operation_count):
        waiting = [
            j
            for j, job in enumerate(instance.jobs)
            if next_position[j] < len(job.operations)
        ]
        completion, _, machine = min(
            _best_machine(
                instance.jobs[j].operations[next_position[j]],
                job_ready[j],
                machine_ready,
            )
            for j in waiting
        )
        conflict = []
        for j in waiting:
            duration = (
                instance.jobs[j].operations[next_position[j]].duration_on(machine)
            )
            start = max(job_ready[j], machine_ready[machine])
            # A zero-length operation completes the moment it starts.
            if duration is not None and (
                start < completion or (duration == 0 and start == completion)
            ):
                conflict.append(_Candidate(j, start, duration))
        if rng is None:
            chosen = min(
                conflict, key=lambda c: (priority(c, next_position[c.job]), c.job)
            )
        else:
            noise = {c.job: rng.random() for c in conflict}
            chosen = min(
                conflict,
                key=lambda c: (priority(c, next_position[c.job]), noise[c.job]),
            )
        operation = instance.jobs[chosen.job].operations[next_position[chosen.job]]
        end, start, machine = _best_machine(
            operation, job_ready[chosen.job], machine_ready
        )
        placed[chosen.job].append(ScheduledOperation(machine, start, end))
        job_ready[chosen.job] = end
        machine_ready[machine] = end
        next_position[chosen.job] += 1
    return tuple(tuple(ops) for ops in placed)


def best_dispatch_schedule(
    instance: ShopInstance, seed: int, randomized_runs: int = 6
) -> Schedule:
    """The shortest schedule over all rules, plus a few randomized runs."""
    rng = random.Random(seed)
    candidates = [dispatch(instance, rule) for rule in DispatchRule]
    candidates += [
        dispatch(instance, DispatchRule.MOST_WORK_REMAINING, rng)
        for _ in range(randomized_runs)
    ]
    return min(candidates, key=makespan_of)
