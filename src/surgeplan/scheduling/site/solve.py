"""Scenario (+ Plan) -> Schedule of one site: dispatching rule, then CP-SAT.

The dispatching rule gives a complete schedule at once; CP-SAT starts from it (as
a hint) and improves it until it proves the optimum or the time runs out, so any
time limit gives the best schedule so far and its lower bound. Large models are
improved by a large neighbourhood search over time windows (`lns.py`).
"""

from __future__ import annotations

import time
from importlib.metadata import version

from ortools.sat.python import cp_model

from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.effective import effective_scenario
from surgeplan.scheduling.site.assemble import assemble_schedule
from surgeplan.scheduling.site.build import build_instance
from surgeplan.scheduling.site.clock import SECONDS_PER_HOUR
from surgeplan.scheduling.site.dispatch import (
    Placements,
    dispatch,
    makespan_s,
    weighted_tardiness_s,
)
from surgeplan.scheduling.site.errors import ScheduleInputError
from surgeplan.scheduling.site.instance import SiteInstance
from surgeplan.scheduling.site.lns import LARGE_MODEL_TASKS, improve_by_windows
from surgeplan.scheduling.site.model import build_site_model
from surgeplan.scheduling.site.result import (
    Objective,
    Schedule,
    ScheduleStatus,
    SolverRecord,
)
from surgeplan.scheduling.site.solution import add_hint, read_placements

MAX_EXTRA_WEEKS = 64
FULL_MODEL_SHARE = 0.4


def _weeks_of_work(instance: SiteInstance, weeks: int) -> int:
    """Weeks the busiest work center needs for its tasks, at least."""
    load: dict[str, int] = {}
    for task in instance.tasks:
        option = min(task.options, key=lambda o: o.duration_s)
        load[option.work_center] = load.get(option.work_center, 0) + option.duration_s
    needed = 0.0
    for work_center, seconds in load.items():
        resource = instance.resources[work_center]
        open_s = sum(end - start for start, end in resource.spans)
        per_week = (
            open_s
            * len(resource.stations)
            / max(1, len(instance.patterns_by_work_center[work_center]))
        )
        needed = max(needed, seconds / max(per_week, 1.0))
    return int(needed) + 1 - weeks


def _dispatched(
    scenario: Scenario, site_id: str, start_week: int, weeks: int, plan: Plan | None
) -> tuple[SiteInstance, Placements]:
    """The instance with enough overflow weeks for the dispatching rule's schedule."""
    extra = max(2, weeks)
    while True:
        instance = build_instance(scenario, site_id, start_week, weeks, plan, extra)
        placements = dispatch(instance)
        if placements is not None:
            return instance, placements
        if extra >= MAX_EXTRA_WEEKS:
            raise ScheduleInputError(
                f"the work of weeks {start_week}..{start_week + weeks - 1} does not "
                f"fit in {MAX_EXTRA_WEEKS} more weeks at site '{site_id}'"
            )
        extra = min(
            MAX_EXTRA_WEEKS, max(2 * extra, _weeks_of_work(instance, weeks) + 2)
        )


def configure(
    solver: cp_model.CpSolver,
    *,
    time_limit_s: float,
    workers: int,
    seed: int,
    deterministic_time: float | None,
    is_large: bool = False,
) -> None:
    """Workers, seed and limits; a deterministic budget makes runs repeatable."""
    if is_large:
        # Presolving thousands of intervals takes seconds and gains little here.
        solver.parameters.cp_model_presolve = False
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = time_limit_s
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = deterministic_time
        # Several workers repeat their search only when interleaved.
        solver.parameters.interleave_search = workers > 1


def schedule_site(
    scenario: Scenario,
    site_id: str,
    start_week: int,
    weeks: int = 1,
    plan: Plan | None = None,
    *,
    time_limit_s: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    objective: Objective = Objective.TARDINESS,
    deterministic_time: float | None = None,
) -> Schedule:
    """Sequence a site's batches on its stations over some program weeks.

    Args:
        scenario: the scenario.
        site_id: the site to schedule.
        start_week: first program week (1-based: week 1 starts on the program's
            start date; a week inside a longer plan bucket gets its share of it).
        weeks: how many weeks.
        plan: the capacity plan; without one, the site's demand (see quantities).
        time_limit_s: wall-clock seconds for CP-SAT.
        workers: CP-SAT workers.
        seed: CP-SAT's random seed.
        objective: weighted tardiness then makespan, or makespan alone.
        deterministic_time: a deterministic budget (CP-SAT's own units) that makes
            results repeatable for a given seed and number of workers.

    Raises:
        ScheduleInputError: an unknown site, weeks outside the horizon, or an
            operation no station of the site can do.
    """
    began = time.perf_counter()
    # Building conversions per work center and set-ups per good unit, as planned.
    counted = effective_scenario(scenario)
    instance, heuristic = _dispatched(counted, site_id, start_week, weeks, plan)
    heuristic_tardiness = weighted_tardiness_s(instance, heuristic)
    heuristic_makespan = makespan_s(heuristic)
    placements, status = heuristic, ScheduleStatus.HEURISTIC
    tardiness_bound = makespan_bound = 0.0
    lns_iterations = 0
    if instance.tasks:
        model, variables = build_site_model(instance, objective, heuristic)
        add_hint(model, variables, instance, heuristic)
        solver = cp_model.CpSolver()
        remaining = max(0.1, time_limit_s - (time.perf_counter() - began))
        is_large = len(instance.tasks) > LARGE_MODEL_TASKS
        if is_large:
            # The whole model first, then windows for the rest of the time.
            remaining *= FULL_MODEL_SHARE
        configure(
            solver,
            time_limit_s=remaining,
            workers=workers,
            seed=seed,
            deterministic_time=deterministic_time,
            is_large=is_large,
        )
        result = solver.solve(model)
        if result in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            placements = read_placements(solver, variables, instance)
            status = (
                ScheduleStatus.OPTIMAL
                if result == cp_model.OPTIMAL
                else ScheduleStatus.FEASIBLE
            )
            bound = solver.best_objective_bound
            if objective is Objective.TARDINESS:
                tardiness_bound = bound // variables.tardiness_scale
            else:
                makespan_bound = bound
        if status is not ScheduleStatus.OPTIMAL and is_large:
            left = time_limit_s - (time.perf_counter() - began)
            placements, lns_iterations = improve_by_windows(
                instance,
                model,
                variables,
                placements,
                objective,
                left,
                workers=workers,
                seed=seed,
                deterministic_time=deterministic_time,
            )
    tardiness = weighted_tardiness_s(instance, placements)
    if status is ScheduleStatus.OPTIMAL and objective is Objective.TARDINESS:
        tardiness_bound = tardiness
    record = SolverRecord(
        status=status,
        objective=objective,
        weighted_tardiness_hours=tardiness / SECONDS_PER_HOUR,
        weighted_tardiness_lower_bound_hours=tardiness_bound / SECONDS_PER_HOUR,
        makespan_hours=makespan_s(placements) / SECONDS_PER_HOUR,
        makespan_lower_bound_hours=makespan_bound / SECONDS_PER_HOUR,
        heuristic_weighted_tardiness_hours=heuristic_tardiness / SECONDS_PER_HOUR,
        heuristic_makespan_hours=heuristic_makespan / SECONDS_PER_HOUR,
        lns_iterations=lns_iterations,
        seconds=round(time.perf_counter() - began, 3),
        workers=workers,
        seed=seed,
        time_limit_s=time_limit_s,
        ortools_version=version("ortools"),
    )
    return assemble_schedule(
        scenario,
        instance,
        placements,
        start_week=start_week,
        weeks=weeks,
        source="demand" if plan is None else "plan",
        solver=record,
    )
