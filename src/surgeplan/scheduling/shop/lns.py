"""Large neighbourhood search: free part of the best schedule, re-solve it with CP-SAT.

Each round frees one neighbourhood per worker (see `neighbourhoods`), solves
the sub-problems in parallel threads (CP-SAT releases the GIL) and keeps the
shortest schedule found. A sub-problem is limited in deterministic time, so a
round does the same work on every run; each kind of neighbourhood grows when
its sub-problems are solved to optimality and shrinks when they run out of time.

Rounds wait for all their sub-problems: that keeps the search repeatable for a
given seed and number of workers when the budget is deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ortools.sat.python import cp_model

from surgeplan.scheduling.shop.budget import Budget
from surgeplan.scheduling.shop.instance import OperationRef, ShopInstance
from surgeplan.scheduling.shop.model import (
    Schedule,
    add_hint,
    build_shop_model,
    read_schedule,
)
from surgeplan.scheduling.shop.neighbourhoods import (
    ALL_NEIGHBOURHOODS,
    restriction_outside,
)
from surgeplan.scheduling.shop.solution import makespan_of

SUB_PROBLEM_DETERMINISTIC_TIME = 0.1
INITIAL_SIZE = 0.1
MIN_SIZE, MAX_SIZE = 0.02, 0.8
SIZE_STEP = 1.15
TRACE: list[tuple[object, ...]] | None = None


@dataclass(frozen=True)
class SubProblemResult:
    """What one neighbourhood gave back."""

    schedule: Schedule | None
    is_solved: bool
    deterministic_time: float
    seconds: float


@dataclass
class LnsOutcome:
    """The best schedule of the search and how it went."""

    schedule: Schedule
    makespan: int
    iterations: int = 0
    improvements: int = 0
    rounds_since_improvement: int = 0


def sub_problem_parameters(
    solver: cp_model.CpSolver, deterministic_time: float, wall_s: float, seed: int
) -> None:
    """One worker and little presolve: sub-problems are small and many."""
    parameters = solver.parameters
    parameters.num_workers = 1
    parameters.random_seed = seed
    parameters.max_deterministic_time = deterministic_time
    parameters.max_time_in_seconds = max(wall_s, 0.01)
    # Measured on abz7 and mk10: these halve the fixed cost of a sub-problem,
    # which is most of its cost; the LP does not help a makespan neighbourhood.
    parameters.linearization_level = 0
    parameters.cp_model_probing_level = 0
    parameters.symmetry_level = 0
    parameters.transitive_precedences_work_limit = 0


def solve_sub_problem(
    instance: ShopInstance,
    schedule: Schedule,
    free: frozenset[OperationRef],
    deterministic_time: float,
    wall_s: float,
    seed: int,
) -> SubProblemResult:
    """Re-solve the operations in `free`; the rest keeps machine and order."""
    model, variables = build_shop_model(
        instance, makespan_of(schedule), restriction_outside(schedule, free)
    )
    add_hint(model, variables, schedule)
    solver = cp_model.CpSolver()
    sub_problem_parameters(solver, deterministic_time, wall_s, seed)
    status = solver.solve(model)
    found = None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = read_schedule(solver, instance, variables)
    return SubProblemResult(
        found,
        status in (cp_model.OPTIMAL, cp_model.INFEASIBLE),
        solver.deterministic_time,
        solver.wall_time,
    )


@dataclass
class _AdaptiveSize:
    """Fraction of operations a kind of neighbourhood frees."""

    value: float = INITIAL_SIZE

    def update(self, is_solved: bool) -> None:
        if is_solved:
            self.value = min(MAX_SIZE, self.value * SIZE_STEP)
        else:
            self.value = max(MIN_SIZE, self.value / SIZE_STEP)


def run_lns(
    instance: ShopInstance,
    start: Schedule,
    budget: Budget,
    workers: int,
    seed: int,
    *,
    lower_bound: int = 0,
    should_stop: Callable[[LnsOutcome], bool] | None = None,
) -> LnsOutcome:
    """Improve `start` until the budget is spent or the lower bound is reached.

    Args:
        instance: the shop.
        start: a feasible schedule to improve.
        budget: wall-clock and optional deterministic limits.
        workers: sub-problems solved in parallel per round.
        seed: seeds the choice of neighbourhoods and CP-SAT's sub-solves.
        lower_bound: a proven bound; the search stops when it reaches it.
        should_stop: called after every round, stops the search when it says so.
    """
    rng = random.Random(seed)
    outcome = LnsOutcome(start, makespan_of(start))
    sizes = {name: _AdaptiveSize() for name, _ in ALL_NEIGHBOURHOODS}
    kinds = len(ALL_NEIGHBOURHOODS)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while not budget.is_exhausted() and outcome.makespan > lower_bound:
            picks = [
                ALL_NEIGHBOURHOODS[(outcome.iterations + w) % kinds]
                for w in range(workers)
            ]
            seeds = [rng.randrange(2**31) for _ in picks]
            frees = [
                pick(instance, outcome.schedule, sizes[name].value, random.Random(s))
                for (name, pick), s in zip(picks, seeds, strict=True)
            ]
            remaining = budget.deterministic_remaining()
            limit = SUB_PROBLEM_DETERMINISTIC_TIME
            if remaining is not None:
                limit = min(limit, remaining)
            wall = budget.wall_remaining()
            futures = [
                pool.submit(
                    solve_sub_problem, instance, outcome.schedule, free, limit, wall, s
                )
                for free, s in zip(frees, seeds, strict=True)
            ]
            results = [future.result() for future in futures]
            if TRACE is not None:
                TRACE.extend(
                    (
                        name,
                        sizes[name].value,
                        r.is_solved,
                        r.deterministic_time,
                        r.seconds,
                        -1
                        if r.schedule is None
                        else makespan_of(r.schedule) - outcome.makespan,
                    )
                    for (name, _), r in zip(picks, results, strict=True)
                )
            improved = False
            for (name, _), result in zip(picks, results, strict=True):
                budget.spend(result.deterministic_time)
                sizes[name].update(result.is_solved)
                outcome.iterations += 1
                if result.schedule is None:
                    continue
                found = makespan_of(result.schedule)
                if found < outcome.makespan:
                    outcome.improvements += 1
                    improved = True
                if found <= outcome.makespan:
                    outcome.schedule, outcome.makespan = result.schedule, found
            outcome.rounds_since_improvement = (
                0 if improved else outcome.rounds_since_improvement + 1
            )
            if should_stop is not None and should_stop(outcome):
                break
    return outcome
