"""The CP-SAT model of a site's schedule, on the site's working-time axis.

Each task has a start and an end; for each work center it may use, an optional
interval of its duration there (exactly one present). The calendar is a domain:
a task may start only where it fits before the end of a shift window
(non-splittable) or of a run of windows (splittable: closed time is not on the
axis, so pausing over it costs nothing). Routing order and transfer lots are
start lags; release times bound starts.

Work centers where changeovers matter are sequenced station by station: an
optional interval per station, no overlap, and a circuit whose arc literals carry
the changeover between the two items. Stations of other work centers are
identical and interchangeable, so a cumulative with the number of free stations is
exact; stations are then assigned in order of start (`assign_stations`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ortools.sat.python import cp_model

from surgeplan.scheduling.site.dispatch import Placements, TaskKey
from surgeplan.scheduling.site.instance import Option, SiteInstance, Task
from surgeplan.scheduling.site.result import Objective

MAX_SEQUENCED_TASKS = 60


@dataclass
class SiteVariables:
    """The model's variables, by task, option and station."""

    starts: dict[TaskKey, cp_model.IntVar] = field(default_factory=dict)
    ends: dict[TaskKey, cp_model.IntVar] = field(default_factory=dict)
    presence: dict[tuple[TaskKey, str], cp_model.IntVar] = field(default_factory=dict)
    on_station: dict[tuple[TaskKey, str], cp_model.IntVar] = field(default_factory=dict)
    arcs: dict[tuple[str, TaskKey | None, TaskKey | None], cp_model.IntVar] = field(
        default_factory=dict
    )
    kept_station: dict[TaskKey, str] = field(default_factory=dict)
    tardiness: list[cp_model.IntVar] = field(default_factory=list)
    makespan: cp_model.IntVar | None = None
    tardiness_scale: int = 1


def _domain(option: Option) -> cp_model.Domain:
    return cp_model.Domain.from_intervals([[a, b] for a, b in option.allowed_starts])


def _add_task(
    model: cp_model.CpModel,
    variables: SiteVariables,
    key: TaskKey,
    task: Task,
    horizon: int,
    intervals: dict[str, list[cp_model.IntervalVar]],
) -> None:
    name = f"[{key[0]},{key[1]}]"
    starts = cp_model.Domain.from_intervals(
        [[a, b] for option in task.options for a, b in option.allowed_starts]
    )
    start = model.new_int_var_from_domain(starts, f"start{name}")
    end = model.new_int_var(0, horizon, f"end{name}")
    variables.starts[key], variables.ends[key] = start, end
    if len(task.options) == 1:
        option = task.options[0]
        interval = model.new_interval_var(start, option.duration_s, end, f"op{name}")
        intervals.setdefault(option.work_center, []).append(interval)
        variables.presence[key, option.work_center] = model.new_constant(1)
        return
    literals = []
    for option in task.options:
        present = model.new_bool_var(f"on{name}[{option.work_center}]")
        literals.append(present)
        variables.presence[key, option.work_center] = present
        intervals.setdefault(option.work_center, []).append(
            model.new_optional_fixed_size_interval_var(
                start, option.duration_s, present, f"op{name}[{option.work_center}]"
            )
        )
        model.add(end == start + option.duration_s).only_enforce_if(present)
        model.add_linear_expression_in_domain(start, _domain(option)).only_enforce_if(
            present
        )
    model.add_exactly_one(literals)


def _add_routing(
    model: cp_model.CpModel, variables: SiteVariables, instance: SiteInstance
) -> None:
    for b, batch in enumerate(instance.batches):
        for position in range(1, len(batch.tasks)):
            before, after = (b, position - 1), (b, position)
            previous, task = batch.tasks[position - 1], batch.tasks[position]
            if all(o.lead_s >= o.duration_s for o in previous.options):
                model.add(variables.starts[after] >= variables.ends[before])
                continue
            for option in previous.options:
                model.add(
                    variables.starts[after] >= variables.starts[before] + option.lead_s
                ).only_enforce_if(variables.presence[before, option.work_center])
            for option in task.options:
                model.add(
                    variables.ends[after] >= variables.ends[before] + option.last_lot_s
                ).only_enforce_if(variables.presence[after, option.work_center])


def _add_sequenced(
    model: cp_model.CpModel,
    variables: SiteVariables,
    instance: SiteInstance,
    work_center: str,
    keys: list[TaskKey],
) -> None:
    resource = instance.resources[work_center]
    items = {key: instance.batches[key[0]].item for key in keys}
    durations = {
        key: next(
            o.duration_s
            for o in instance.batches[key[0]].tasks[key[1]].options
            if o.work_center == work_center
        )
        for key in keys
    }
    by_key: dict[TaskKey, list[cp_model.IntVar]] = {key: [] for key in keys}
    for station in resource.stations:
        station_intervals = []
        arcs: list[tuple[int, int, cp_model.LiteralT]] = []
        depot = model.new_bool_var(f"empty[{station}]")
        arcs.append((0, 0, depot))
        variables.arcs[station, None, None] = depot
        for i, key in enumerate(keys, start=1):
            here = model.new_bool_var(f"at[{key[0]},{key[1]}][{station}]")
            variables.on_station[key, station] = here
            by_key[key].append(here)
            station_intervals.append(
                model.new_optional_fixed_size_interval_var(
                    variables.starts[key], durations[key], here, f"st{key}[{station}]"
                )
            )
            arcs.append((i, i, ~here))
            for node, pair in ((0, (None, key)), (i, (key, None))):
                literal = model.new_bool_var(f"arc[{station}]{pair}")
                variables.arcs[station, pair[0], pair[1]] = literal
                arcs.append((0, i, literal) if node == 0 else (i, 0, literal))
            for j, other in enumerate(keys, start=1):
                if other == key:
                    continue
                literal = model.new_bool_var(f"arc[{station}]{key}{other}")
                variables.arcs[station, key, other] = literal
                arcs.append((i, j, literal))
                changeover = resource.changeover(items[key], items[other])
                model.add(
                    variables.starts[other] >= variables.ends[key] + changeover
                ).only_enforce_if(literal)
        model.add_circuit(arcs)
        model.add_no_overlap(station_intervals)
    for key, literals in by_key.items():
        model.add(sum(literals) == variables.presence[key, work_center])


def _add_kept_sequences(
    model: cp_model.CpModel,
    variables: SiteVariables,
    instance: SiteInstance,
    work_center: str,
    keys: list[TaskKey],
    placements: Placements,
) -> None:
    """Tasks keep the dispatching rule's station and order, with its changeovers.

    Tasks the rule put elsewhere stay off this work center: with no station
    variables here, they would only be held by its cumulative, not sequenced.
    """
    resource = instance.resources[work_center]
    by_station: dict[str, list[TaskKey]] = {}
    for key, placed in sorted(placements.items(), key=lambda e: e[1].start_s):
        if placed.work_center == work_center:
            by_station.setdefault(placed.station, []).append(key)
            variables.kept_station[key] = placed.station
    kept_here = {key for keys_on in by_station.values() for key in keys_on}
    for key in keys:
        model.add(variables.presence[key, work_center] == int(key in kept_here))
    for keys in by_station.values():
        for before, after in pairwise(keys):
            changeover = resource.changeover(
                instance.batches[before[0]].item, instance.batches[after[0]].item
            )
            model.add(variables.starts[after] >= variables.ends[before] + changeover)


def build_site_model(
    instance: SiteInstance,
    objective: Objective,
    placements: Placements | None = None,
) -> tuple[cp_model.CpModel, SiteVariables]:
    """The whole model of `instance`.

    A sequenced work center with more than `MAX_SEQUENCED_TASKS` tasks keeps the
    stations and order of `placements` (the dispatching rule's), because its
    circuit would grow with the square of its tasks.
    """
    model = cp_model.CpModel()
    variables = SiteVariables()
    horizon = instance.horizon_s
    intervals: dict[str, list[cp_model.IntervalVar]] = {}
    keys_by_wc: dict[str, list[TaskKey]] = {}
    for b, batch in enumerate(instance.batches):
        for position, task in enumerate(batch.tasks):
            _add_task(model, variables, (b, position), task, horizon, intervals)
            for option in task.options:
                keys_by_wc.setdefault(option.work_center, []).append((b, position))
    _add_routing(model, variables, instance)
    for work_center, wc_intervals in intervals.items():
        resource = instance.resources[work_center]
        capacity = len(resource.stations)
        keys = keys_by_wc[work_center]
        if resource.is_sequenced and len(keys) > MAX_SEQUENCED_TASKS and placements:
            _add_kept_sequences(
                model, variables, instance, work_center, keys, placements
            )
        elif resource.is_sequenced:
            _add_sequenced(model, variables, instance, work_center, keys)
        if capacity == 1:
            model.add_no_overlap(wc_intervals)
        else:
            model.add_cumulative(wc_intervals, [1] * len(wc_intervals), capacity)
    makespan = model.new_int_var(0, horizon, "makespan")
    variables.makespan = makespan
    for b, batch in enumerate(instance.batches):
        last = variables.ends[b, len(batch.tasks) - 1]
        model.add(makespan >= last)
        late = model.new_int_var(0, horizon, f"tardiness[{batch.id}]")
        model.add(late >= last - batch.due_s)
        variables.tardiness.append(late)
    weighted = sum(
        batch.weight * late
        for batch, late in zip(instance.batches, variables.tardiness, strict=True)
    )
    if objective is Objective.TARDINESS:
        # Lexicographic: any second of weighted tardiness outweighs the makespan.
        variables.tardiness_scale = horizon + 1
        model.minimize(weighted * variables.tardiness_scale + makespan)
    else:
        model.minimize(makespan)
    return model, variables
