"""The CP-SAT model of a (flexible) job shop, whole or restricted to a neighbourhood.

One interval per operation (for a flexible operation: one optional interval per
machine, exactly one present), the routing order as precedences, no overlap on a
machine, and the makespan as the objective. Redundant parts that only help the
solver: start windows from the work before and after each operation in its job,
and for flexible shops a cumulative over all machines.

A `Restriction` turns the model into a large-neighbourhood sub-problem: the
operations outside the neighbourhood keep their machine and their order on it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from surgeplan.scheduling.shop.instance import OperationRef, ShopInstance
from surgeplan.scheduling.shop.solution import ScheduledOperation

Schedule = tuple[tuple[ScheduledOperation, ...], ...]


@dataclass(frozen=True)
class Restriction:
    """What a neighbourhood keeps from the current schedule.

    Attributes:
        machine_by_operation: operations that must stay on the given machine.
        precedences: pairs (earlier, later) on one machine that keep their order.
        start_by_operation: operations that must start exactly where they do.
        with_redundant_cumulative: whether to add the machine-count cumulative
            of flexible shops (it helps the bound, slows small sub-problems).
    """

    machine_by_operation: dict[OperationRef, int] = field(default_factory=dict)
    precedences: tuple[tuple[OperationRef, OperationRef], ...] = ()
    start_by_operation: dict[OperationRef, int] = field(default_factory=dict)
    with_redundant_cumulative: bool = True


@dataclass
class ShopVariables:
    """The model's variables, by job and operation, and by machine.

    `presence_by_machine[j][i]` is empty when operation i of job j has one
    machine left; `machine_choices[j][i]` lists the machines it may still use.
    """

    starts: list[list[cp_model.IntVar]]
    ends: list[list[cp_model.IntVar]]
    presence_by_machine: list[list[dict[int, cp_model.IntVar]]]
    machine_choices: list[list[tuple[int, ...]]]
    intervals_by_machine: dict[int, list[cp_model.IntervalVar]]
    makespan: cp_model.IntVar


def _work_before_and_after(instance: ShopInstance) -> tuple[list[list[int]], ...]:
    heads, tails = [], []
    for job in instance.jobs:
        durations = [op.min_duration for op in job.operations]
        heads.append([sum(durations[:i]) for i in range(len(durations))])
        tails.append([sum(durations[i + 1 :]) for i in range(len(durations))])
    return heads, tails


def add_operations(
    model: cp_model.CpModel,
    instance: ShopInstance,
    horizon: int,
    restriction: Restriction,
) -> ShopVariables:
    """An interval per operation and machine it may use; exactly one is present."""
    heads, tails = _work_before_and_after(instance)
    intervals_by_machine: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    starts, ends, presences, choices = [], [], [], []
    master_intervals = []
    for j, job in enumerate(instance.jobs):
        job_starts, job_ends, job_presences, job_choices = [], [], [], []
        for i, operation in enumerate(job.operations):
            ref = OperationRef(j, i)
            alternatives = operation.alternatives
            if ref in restriction.machine_by_operation:
                kept = restriction.machine_by_operation[ref]
                alternatives = tuple(a for a in alternatives if a.machine == kept)
            shortest = min(a.duration for a in alternatives)
            latest_end = horizon - tails[j][i]
            earliest, latest = heads[j][i], latest_end - shortest
            if ref in restriction.start_by_operation:
                earliest = latest = restriction.start_by_operation[ref]
            start = model.new_int_var(earliest, latest, f"start[{j},{i}]")
            end = model.new_int_var(heads[j][i] + shortest, latest_end, f"end[{j},{i}]")
            by_machine: dict[int, cp_model.IntVar] = {}
            if len(alternatives) == 1:
                only = alternatives[0]
                interval = model.new_interval_var(
                    start, only.duration, end, f"op[{j},{i}]"
                )
                intervals_by_machine[only.machine].append(interval)
            else:
                for alt in alternatives:
                    present = model.new_bool_var(f"on[{j},{i},{alt.machine}]")
                    intervals_by_machine[alt.machine].append(
                        model.new_optional_fixed_size_interval_var(
                            start, alt.duration, present, f"op[{j},{i},{alt.machine}]"
                        )
                    )
                    by_machine[alt.machine] = present
                model.add_exactly_one(by_machine.values())
                model.add(
                    end
                    == start
                    + sum(a.duration * by_machine[a.machine] for a in alternatives)
                )
                duration = model.new_int_var(
                    shortest, max(a.duration for a in alternatives), f"dur[{j},{i}]"
                )
                model.add(duration == end - start)
                interval = model.new_interval_var(start, duration, end, f"op[{j},{i}]")
            master_intervals.append(interval)
            job_starts.append(start)
            job_ends.append(end)
            job_presences.append(by_machine)
            job_choices.append(tuple(a.machine for a in alternatives))
        starts.append(job_starts)
        ends.append(job_ends)
        presences.append(job_presences)
        choices.append(job_choices)
    if instance.is_flexible and restriction.with_redundant_cumulative:
        # Redundant: all operations together never use more machines than exist.
        used = {m for m, intervals in intervals_by_machine.items() if intervals}
        model.add_cumulative(master_intervals, [1] * len(master_intervals), len(used))
    makespan = model.new_int_var(instance.trivial_lower_bound(), horizon, "makespan")
    return ShopVariables(
        starts, ends, presences, choices, dict(intervals_by_machine), makespan
    )


def add_routing_order(
    model: cp_model.CpModel, instance: ShopInstance, variables: ShopVariables
) -> None:
    """An operation starts only after its predecessor in the job ends."""
    for j, job in enumerate(instance.jobs):
        for i in range(1, len(job.operations)):
            model.add(variables.starts[j][i] >= variables.ends[j][i - 1])


def add_one_operation_per_machine(
    model: cp_model.CpModel, variables: ShopVariables
) -> None:
    """A machine works on at most one operation at a time."""
    for intervals in variables.intervals_by_machine.values():
        model.add_no_overlap(intervals)


def add_makespan(
    model: cp_model.CpModel, instance: ShopInstance, variables: ShopVariables
) -> None:
    """The makespan is the end of the last operation of the latest job."""
    for j, job in enumerate(instance.jobs):
        model.add(variables.makespan >= variables.ends[j][len(job.operations) - 1])
    model.minimize(variables.makespan)


def add_kept_order(
    model: cp_model.CpModel, variables: ShopVariables, restriction: Restriction
) -> None:
    """Operations outside the neighbourhood keep their order on their machine."""
    for earlier, later in restriction.precedences:
        model.add(
            variables.starts[later.job][later.index]
            >= variables.ends[earlier.job][earlier.index]
        )


def build_shop_model(
    instance: ShopInstance, horizon: int, restriction: Restriction | None = None
) -> tuple[cp_model.CpModel, ShopVariables]:
    """The whole model, or the sub-problem `restriction` leaves open."""
    kept = restriction if restriction is not None else Restriction()
    model = cp_model.CpModel()
    variables = add_operations(model, instance, horizon, kept)
    add_routing_order(model, instance, variables)
    add_one_operation_per_machine(model, variables)
    add_makespan(model, instance, variables)
    add_kept_order(model, variables, kept)
    return model, variables


def add_hint(
    model: cp_model.CpModel, variables: ShopVariables, schedule: Schedule
) -> None:
    """Suggest `schedule` to the solver as its first solution."""
    for j, job_ops in enumerate(schedule):
        for i, placed in enumerate(job_ops):
            model.add_hint(variables.starts[j][i], placed.start)
            model.add_hint(variables.ends[j][i], placed.end)
            for machine, present in variables.presence_by_machine[j][i].items():
                model.add_hint(present, machine == placed.machine)
    model.add_hint(
        variables.makespan, max((op.end for ops in schedule for op in ops), default=0)
    )


def read_schedule(
    solver: cp_model.CpSolver, instance: ShopInstance, variables: ShopVariables
) -> Schedule:
    """The schedule in the solver's current solution."""
    schedule = []
    for j, job in enumerate(instance.jobs):
        job_ops = []
        for i in range(len(job.operations)):
            start = solver.value(variables.starts[j][i])
            by_machine = variables.presence_by_machine[j][i]
            machine = next(
                (
                    m
                    for m, present in by_machine.items()
                    if solver.boolean_value(present)
                ),
                variables.machine_choices[j][i][0],
            )
            job_ops.append(
                ScheduledOperation(machine, start, solver.value(variables.ends[j][i]))
            )
        schedule.append(tuple(job_ops))
    return tuple(schedule)
