"""Solving the whole shop model at once: proofs of optimality and lower bounds.

The large neighbourhood search finds short schedules but proves nothing; the
whole model gives the lower bound, and on small shops the optimum outright.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from surgeplan.scheduling.shop.budget import Budget
from surgeplan.scheduling.shop.instance import ShopInstance
from surgeplan.scheduling.shop.model import (
    Schedule,
    add_hint,
    build_shop_model,
    read_schedule,
)
from surgeplan.scheduling.shop.solution import makespan_of


@dataclass(frozen=True)
class FullSolveResult:
    """The best schedule of a whole-model solve and the bound it proved."""

    schedule: Schedule
    makespan: int
    lower_bound: int
    is_optimal: bool
    deterministic_time: float


def full_model_parameters(
    solver: cp_model.CpSolver,
    workers: int,
    seed: int,
    wall_s: float,
    deterministic_time: float | None,
    *,
    improve_only: bool = False,
) -> None:
    """CP-SAT's portfolio on `workers` threads, repeatable under a deterministic limit.

    With a deterministic limit the workers interleave their search in fixed
    batches, so the same seed and worker count give the same result.
    """
    parameters = solver.parameters
    parameters.num_workers = max(1, workers)
    parameters.random_seed = seed
    parameters.max_time_in_seconds = max(wall_s, 0.01)
    # Only CP-SAT's own neighbourhood searches: they shorten schedules faster
    # than its tree search, but prove nothing.
    parameters.use_lns_only = improve_only
    if deterministic_time is not None:
        parameters.max_deterministic_time = deterministic_time
        if workers > 1:
            parameters.interleave_search = True


def solve_full_model(
    instance: ShopInstance,
    start: Schedule,
    budget: Budget,
    fraction: float,
    workers: int,
    seed: int,
    *,
    improve_only: bool = False,
) -> FullSolveResult:
    """Solve the whole model from `start`, using `fraction` of what budget is left.

    `start` bounds the makespan from above (the model never looks for a longer
    schedule) and is the solver's first solution.
    """
    upper = makespan_of(start)
    model, variables = build_shop_model(instance, upper)
    add_hint(model, variables, start)
    solver = cp_model.CpSolver()
    share = budget.share(fraction)
    if budget.is_deterministic:
        full_model_parameters(
            solver,
            workers,
            seed,
            budget.wall_remaining(),
            share,
            improve_only=improve_only,
        )
    else:
        full_model_parameters(
            solver, workers, seed, share, None, improve_only=improve_only
        )
    status = solver.solve(model)
    budget.spend(solver.deterministic_time)
    schedule, makespan = start, upper
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = read_schedule(solver, instance, variables)
        if makespan_of(found) <= upper:
            schedule, makespan = found, makespan_of(found)
    bound = instance.trivial_lower_bound()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = max(bound, math.ceil(solver.best_objective_bound - 1e-6))
    elif status == cp_model.INFEASIBLE:
        # Nothing shorter than the start schedule, which is therefore optimal.
        bound = upper
    bound = min(bound, makespan)
    return FullSolveResult(
        schedule, makespan, bound, bound == makespan, solver.deterministic_time
    )
