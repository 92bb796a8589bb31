"""The textbook CP-SAT job-shop model, kept as the bar our engine must clear.

One interval per operation (for a flexible operation one optional interval per
machine, exactly one present), precedences along each job, no overlap per
machine, minimise the makespan. Default parameters apart from the number of
workers and the time limit; no hint, no redundant constraints, no LNS of ours.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from surgeplan.scheduling.shop.instance import ShopInstance
from surgeplan.scheduling.shop.solution import (
    ScheduledOperation,
    ShopSolution,
    ShopStatus,
)


@dataclass(frozen=True)
class _OperationVars:
    start: cp_model.IntVar
    end: cp_model.IntVar
    presence_by_machine: dict[int, cp_model.IntVar]


def solve_baseline(
    instance: ShopInstance, time_limit_s: float, workers: int, seed: int = 0
) -> ShopSolution | None:
    """Solve with the plain model; None when no schedule was found in time."""
    began = time.perf_counter()
    horizon = sum(
        max(a.duration for a in op.alternatives)
        for job in instance.jobs
        for op in job.operations
    )
    model = cp_model.CpModel()
    intervals_by_machine: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    variables: list[list[_OperationVars]] = []
    for j, job in enumerate(instance.jobs):
        job_vars: list[_OperationVars] = []

        for i, operation in enumerate(job.operations):
            start = model.new_int_var(0, horizon, f"start[{j},{i}]")
            end = model.new_int_var(0, horizon, f"end[{j},{i}]")
            presence: dict[int, cp_model.IntVar] = {}
            if len(operation.alternatives) == 1:
                only = operation.alternatives[0]
                intervals_by_machine[only.machine].append(
                    model.new_interval_var(start, only.duration, end, f"op[{j},{i}]")
                )
                presence[only.machine] = model.new_constant(1)
            else:
                for alt in operation.alternatives:
                    present = model.new_bool_var(f"on[{j},{i},{alt.machine}]")
                    alt_start = model.new_int_var(0, horizon, "")
                    alt_end = model.new_int_var(0, horizon, "")
                    intervals_by_machine[alt.machine].append(
                        model.new_optional_interval_var(
                            alt_start, alt.duration, alt_end, present, ""
                        )
                    )
                    model.add(start == alt_start).only_enforce_if(present)
                    model.add(end == alt_end).only_enforce_if(present)
                    presence[alt.machine] = present
                model.add_exactly_one(presence.values())
            if i > 0:
                model.add(start >= job_vars[-1].end)
            job_vars.append(_OperationVars(start, end, presence))
        variables.append(job_vars)
    for intervals in intervals_by_machine.values():
        model.add_no_overlap(intervals)
    makespan = model.new_int_var(0, horizon, "makespan")
    model.add_max_equality(makespan, [job_vars[-1].end for job_vars in variables])
    model.minimize(makespan)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    schedule = tuple(
        tuple(
            ScheduledOperation(
                next(
                    m
                    for m, present in op_vars.presence_by_machine.items()
                    if solver.boolean_value(present)
                ),
                solver.value(op_vars.start),
                solver.value(op_vars.end),
            )
            for op_vars in job_vars
        )
        for job_vars in variables
    )
    value = round(solver.objective_value)
    return ShopSolution(
        makespan=value,
        lower_bound=round(solver.best_objective_bound),
        status=ShopStatus.OPTIMAL
        if status == cp_model.OPTIMAL
        else ShopStatus.FEASIBLE,
        seconds=time.perf_counter() - began,
        operations_by_job=schedule,
    )
