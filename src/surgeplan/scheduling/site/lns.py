"""Large neighbourhood search over time windows, for sites too large for one solve.

Each iteration frees the tasks that start in one window of the current schedule
(a contiguous run of tasks in start order, at a random place) and fixes every
other task's start, work center and station; CP-SAT re-solves that sub-problem
from the current schedule as hint, and a better schedule replaces the current one.
The window positions come from a seeded generator, so runs with a deterministic
budget repeat.
"""

from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from surgeplan.scheduling.site.dispatch import (
    Placements,
    TaskKey,
    makespan_s,
    weighted_tardiness_s,
)
from surgeplan.scheduling.site.instance import SiteInstance
from surgeplan.scheduling.site.model import SiteVariables
from surgeplan.scheduling.site.result import Objective
from surgeplan.scheduling.site.solution import add_hint, read_placements

LARGE_MODEL_TASKS = 1500
WINDOW_TASKS = 400
ITERATION_LIMIT_S = 2.0


def _cost(
    instance: SiteInstance, placements: Placements, objective: Objective, scale: int
) -> int:
    makespan = makespan_s(placements)
    if objective is Objective.MAKESPAN:
        return makespan
    return weighted_tardiness_s(instance, placements) * scale + makespan


def _fix_outside(
    copy: cp_model.CpModel,
    variables: SiteVariables,
    instance: SiteInstance,
    placements: Placements,
    free: set[TaskKey],
) -> None:
    for key, placed in placements.items():
        if key in free:
            continue
        start = copy.get_int_var_from_proto_index(variables.starts[key].index)
        copy.add(start == placed.start_s)
        for option in instance.batches[key[0]].tasks[key[1]].options:
            literal = variables.presence[key, option.work_center]
            fixed = copy.get_int_var_from_proto_index(literal.index)
            copy.add(fixed == int(option.work_center == placed.work_center))
        station_literal = variables.on_station.get((key, placed.station))
        if station_literal is not None:
            copy.add(copy.get_int_var_from_proto_index(station_literal.index) == 1)


def improve_by_windows(
    instance: SiteInstance,
    model: cp_model.CpModel,
    variables: SiteVariables,
    placements: Placements,
    objective: Objective,
    time_left_s: float,
    *,
    workers: int,
    seed: int,
    deterministic_time: float | None = None,
) -> tuple[Placements, int]:
    """A schedule at least as good as `placements`, and the iterations run."""
    began = time.perf_counter()
    rng = random.Random(seed)
    current = placements
    best = _cost(instance, current, objective, variables.tardiness_scale)
    iterations = 0
    while True:
        left = time_left_s - (time.perf_counter() - began)
        if left < 0.2:
            break
        ordered = sorted(current, key=lambda key: (current[key].start_s, key))
        size = min(WINDOW_TASKS, len(ordered))
        first = rng.randrange(0, len(ordered) - size + 1)
        free = set(ordered[first : first + size])
        copy = model.clone()
        _fix_outside(copy, variables, instance, current, free)
        add_hint(copy, variables, instance, current)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed + iterations
        solver.parameters.max_time_in_seconds = min(ITERATION_LIMIT_S, left)
        solver.parameters.cp_model_presolve = False
        if deterministic_time is not None:
            solver.parameters.max_deterministic_time = deterministic_time / 10
            solver.parameters.interleave_search = workers > 1
        result = solver.solve(copy)
        iterations += 1
        if result not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        found = read_placements(solver, variables, instance)
        cost = _cost(instance, found, objective, variables.tardiness_scale)
        if cost < best:
            current, best = found, cost
    return current, iterations
