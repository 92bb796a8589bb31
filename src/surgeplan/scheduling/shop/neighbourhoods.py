"""Neighbourhoods for the large neighbourhood search: which operations to free.

A neighbourhood picks a set of operations that may move (and, in a flexible
shop, change machine); every other operation keeps its machine and its order
on that machine. Each kind takes a `size`, the fraction of operations to free,
which the search adapts so that sub-problems stay solvable within their limit.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from surgeplan.scheduling.shop.instance import OperationRef, ShopInstance
from surgeplan.scheduling.shop.model import Restriction, Schedule

Neighbourhood = Callable[
    [ShopInstance, Schedule, float, random.Random], frozenset[OperationRef]
]


@dataclass(frozen=True)
class _Placed:
    ref: OperationRef
    machine: int
    start: int
    end: int


def _placed(schedule: Schedule) -> list[_Placed]:
    return [
        _Placed(OperationRef(j, i), op.machine, op.start, op.end)
        for j, ops in enumerate(schedule)
        for i, op in enumerate(ops)
    ]


def _target_count(instance: ShopInstance, size: float) -> int:
    return max(2, min(instance.operation_count, round(size * instance.operation_count)))


def time_window(
    instance: ShopInstance, schedule: Schedule, size: float, rng: random.Random
) -> frozenset[OperationRef]:
    """The operations that start in a random window of the schedule."""
    placed = sorted(_placed(schedule), key=lambda p: (p.start, p.end))
    count = _target_count(instance, size)
    first = rng.randrange(0, len(placed) - count + 1)
    return frozenset(p.ref for p in placed[first : first + count])


def random_machines(
    instance: ShopInstance, schedule: Schedule, size: float, rng: random.Random
) -> frozenset[OperationRef]:
    """All operations on randomly chosen machines (their sequences are re-decided)."""
    by_machine: dict[int, list[OperationRef]] = defaultdict(list)
    for p in _placed(schedule):
        by_machine[p.machine].append(p.ref)
    machines = sorted(by_machine)
    rng.shuffle(machines)
    count = _target_count(instance, size)
    chosen: set[OperationRef] = set()
    for machine in machines:
        if len(chosen) >= count:
            break
        chosen.update(by_machine[machine])
    return frozenset(chosen)


def random_jobs(
    instance: ShopInstance, schedule: Schedule, size: float, rng: random.Random
) -> frozenset[OperationRef]:
    """All operations of randomly chosen jobs (they are taken out and re-inserted)."""
    jobs = list(range(len(instance.jobs)))
    rng.shuffle(jobs)
    count = _target_count(instance, size)
    chosen: set[OperationRef] = set()
    for j in jobs:
        if len(chosen) >= count:
            break
        chosen.update(OperationRef(j, i) for i in range(len(schedule[j])))
    return frozenset(chosen)


def critical_window(
    instance: ShopInstance, schedule: Schedule, size: float, rng: random.Random
) -> frozenset[OperationRef]:
    """The operations around a random operation on a critical path.

    Only operations on a critical path can shorten the schedule when they move,
    so the window is centred on one of them (in time and on its machine).
    """
    placed = _placed(schedule)
    critical = _critical_operations(placed)
    centre = rng.choice(critical)
    count = _target_count(instance, size)
    by_distance = sorted(
        placed,
        key=lambda p: (
            abs((p.start + p.end) - (centre.start + centre.end))
            // (1 if p.machine == centre.machine else 2),
            rng.random(),
        ),
        reverse=False,
    )
    return frozenset(p.ref for p in by_distance[:count])


def _critical_operations(placed: list[_Placed]) -> list[_Placed]:
    """Operations with no slack: walk back from the last end over tight links."""
    makespan = max(p.end for p in placed)
    ending_at: dict[int, list[_Placed]] = defaultdict(list)
    for p in placed:
        ending_at[p.end].append(p)
    previous_in_job = {OperationRef(p.ref.job, p.ref.index + 1): p for p in placed}
    critical: dict[OperationRef, _Placed] = {}
    frontier = [p for p in placed if p.end == makespan]
    while frontier:
        p = frontier.pop()
        if p.ref in critical:
            continue
        critical[p.ref] = p
        predecessor = previous_in_job.get(p.ref)
        if predecessor is not None and predecessor.end == p.start:
            frontier.append(predecessor)
        frontier.extend(q for q in ending_at[p.start] if q.machine == p.machine)
    return sorted(critical.values(), key=lambda p: (p.start, p.ref.job))


ALL_NEIGHBOURHOODS: tuple[tuple[str, Neighbourhood], ...] = (
    ("time_window", time_window),
    ("critical_window", critical_window),
    ("random_machines", random_machines),
    ("random_jobs", random_jobs),
)


def restriction_outside(
    schedule: Schedule, free: frozenset[OperationRef]
) -> Restriction:
    """Everything not in `free` keeps its machine and its order on that machine.

    Operations that end before the first free operation starts also keep their
    start: moving them cannot help the free ones, and a smaller model solves
    faster.
    """
    placed = _placed(schedule)
    kept = [p for p in placed if p.ref not in free]
    first_free_start = min((p.start for p in placed if p.ref in free), default=0)
    by_machine: dict[int, list[_Placed]] = defaultdict(list)
    for p in kept:
        by_machine[p.machine].append(p)
    precedences: list[tuple[OperationRef, OperationRef]] = []
    for sequence in by_machine.values():
        sequence.sort(key=lambda p: (p.start, p.end))
        # A zero-length operation may sit inside a longer one; leave it free.
        precedences.extend(
            (earlier.ref, later.ref)
            for earlier, later in pairwise(sequence)
            if earlier.end <= later.start
        )
    return Restriction(
        machine_by_operation={p.ref: p.machine for p in kept},
        precedences=tuple(precedences),
        start_by_operation={p.ref: p.start for p in kept if p.end <= first_free_start},
        with_redundant_cumulative=False,
    )
