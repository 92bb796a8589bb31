"""Between the model and the schedule: hints in, placements out, stations assigned."""

from __future__ import annotations

from itertools import pairwise

from ortools.sat.python import cp_model

from surgeplan.scheduling.site.dispatch import Placements, TaskKey
from surgeplan.scheduling.site.instance import Placement, SiteInstance
from surgeplan.scheduling.site.model import SiteVariables


def add_hint(
    model: cp_model.CpModel,
    variables: SiteVariables,
    instance: SiteInstance,
    placements: Placements,
) -> None:
    """Suggest `placements` (the dispatching rule's schedule) as a first solution."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    for key, placed in placements.items():
        model.add_hint(variables.starts[key], placed.start_s)
        model.add_hint(variables.ends[key], placed.end_s)
    for (key, work_center), literal in variables.presence.items():
        if len(instance.batches[key[0]].tasks[key[1]].options) > 1:
            model.add_hint(literal, placements[key].work_center == work_center)
    for (key, station), literal in variables.on_station.items():
        model.add_hint(literal, placements[key].station == station)
    chosen: set[tuple[str, TaskKey | None, TaskKey | None]] = set()
    by_station: dict[str, list[TaskKey]] = {}
    for key, placed in sorted(placements.items(), key=lambda e: e[1].start_s):
        by_station.setdefault(placed.station, []).append(key)
    for station, keys in by_station.items():
        route: list[TaskKey | None] = [None, *keys, None]
        chosen.update((station, a, b) for a, b in pairwise(route))
    for arc, literal in variables.arcs.items():
        station, before, after = arc
        if before is None and after is None:
            model.add_hint(literal, station not in by_station)
        else:
            model.add_hint(literal, arc in chosen)
    for index, batch in enumerate(instance.batches):
        last = placements[index, len(batch.tasks) - 1].end_s
        model.add_hint(variables.tardiness[index], max(0, last - batch.due_s))
    if variables.makespan is not None:
        model.add_hint(variables.makespan, max(p.end_s for p in placements.values()))


def read_placements(
    solver: cp_model.CpSolver, variables: SiteVariables, instance: SiteInstance
) -> Placements:
    """The solver's schedule; stations of cumulative work centers left to assign."""
    placements: Placements = {}
    for b, batch in enumerate(instance.batches):
        for position, task in enumerate(batch.tasks):
            key = (b, position)
            work_center = next(
                o.work_center
                for o in task.options
                if solver.boolean_value(variables.presence[key, o.work_center])
            )
            station = variables.kept_station.get(key, "")
            if not station and instance.resources[work_center].is_sequenced:
                station = next(
                    name
                    for name in instance.resources[work_center].stations
                    if solver.boolean_value(variables.on_station[key, name])
                )
            placements[key] = Placement(
                work_center,
                station,
                solver.value(variables.starts[key]),
                solver.value(variables.ends[key]),
            )
    return assign_stations(instance, placements)


def assign_stations(instance: SiteInstance, placements: Placements) -> Placements:
    """Stations for tasks of cumulative work centers, in order of start.

    At most as many tasks as stations overlap at any moment, so the first
    station free at a task's start always exists (interval graph colouring).
    """
    assigned = dict(placements)
    by_wc: dict[str, list[TaskKey]] = {}
    for key, placed in placements.items():
        if not placed.station:
            by_wc.setdefault(placed.work_center, []).append(key)
    for work_center, keys in by_wc.items():
        stations = instance.resources[work_center].stations
        free_s = dict.fromkeys(stations, 0)
        keys.sort(key=lambda k: (placements[k].start_s, placements[k].end_s, k))
        for key in keys:
            placed = placements[key]
            station = next(
                (name for name in stations if free_s[name] <= placed.start_s),
                min(stations, key=lambda name: free_s[name]),
            )
            free_s[station] = placed.end_s
            assigned[key] = Placement(
                work_center, station, placed.start_s, placed.end_s
            )
    return assigned
