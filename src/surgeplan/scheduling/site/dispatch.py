"""A calendar-aware dispatching rule: a schedule at once, and the solver's hint.

Serial schedule generation: among the tasks whose predecessor is placed, take the
batch due first (heavier first, then the one with most work left), and put the
task on the station of its work centers where it ends first, after the station's
last task and the changeover from that task's item, at the first moment its
calendar allows (a non-splittable task inside one shift window).
"""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass

from surgeplan.scheduling.site.instance import (
    Batch,
    Option,
    Placement,
    SiteInstance,
    Task,
)

TaskKey = tuple[int, int]
Placements = dict[TaskKey, Placement]


@dataclass
class _Station:
    name: str
    free_s: int = 0
    last_item: str | None = None


def first_start(option: Option, earliest_s: int) -> int | None:
    """The first allowed start at or after `earliest_s`; None past the horizon."""
    spans = option.allowed_starts
    index = bisect.bisect_right([end for _, end in spans], earliest_s - 1)
    if index >= len(spans):
        return None
    return max(spans[index][0], earliest_s)


def option_on(task: Task, work_center: str) -> Option:
    """The task's option on `work_center`."""
    return next(o for o in task.options if o.work_center == work_center)


def earliest_after_predecessor(
    task: Task, option: Option, previous: Task | None, placed: Placement | None
) -> int:
    """The earliest start the routing allows, transfer lots included."""
    if previous is None or placed is None:
        return 0
    lead = option_on(previous, placed.work_center).lead_s
    return max(
        placed.start_s + lead, placed.end_s + option.last_lot_s - option.duration_s
    )


def _work_left(batch: Batch) -> list[int]:
    durations = [min(o.duration_s for o in task.options) for task in batch.tasks]
    return [sum(durations[i:]) for i in range(len(durations))]


def dispatch(instance: SiteInstance) -> Placements | None:
    """Place every task; None when the horizon is too short for them."""
    stations = {
        wc: [_Station(name) for name in resource.stations]
        for wc, resource in instance.resources.items()
    }
    work_left = [_work_left(batch) for batch in instance.batches]
    ready: list[tuple[int, int, int, int, int]] = []
    for index, batch in enumerate(instance.batches):
        heapq.heappush(
            ready, (batch.due_s, -batch.weight, -work_left[index][0], index, 0)
        )
    placements: Placements = {}
    while ready:
        *_, batch_index, position = heapq.heappop(ready)
        batch = instance.batches[batch_index]
        task = batch.tasks[position]
        previous = batch.tasks[position - 1] if position else None
        placed_before = placements.get((batch_index, position - 1))
        best: tuple[int, int, int, str, str, _Station] | None = None
        for option in task.options:
            bound = max(
                batch.release_s,
                earliest_after_predecessor(task, option, previous, placed_before),
            )
            resource = instance.resources[option.work_center]
            for order, station in enumerate(stations[option.work_center]):
                changeover = resource.changeover(station.last_item, batch.item)
                start = first_start(option, max(bound, station.free_s + changeover))
                if start is None:
                    continue
                candidate = (start + option.duration_s, changeover, order)
                if best is None or candidate < best[:3]:
                    best = (*candidate, option.work_center, station.name, station)
        if best is None:
            return None
        end, _, _, work_center, name, station = best
        duration = option_on(task, work_center).duration_s
        placements[batch_index, position] = Placement(
            work_center, name, end - duration, end
        )
        station.free_s, station.last_item = end, batch.item
        if position + 1 < len(batch.tasks):
            heapq.heappush(
                ready,
                (
                    batch.due_s,
                    -batch.weight,
                    -work_left[batch_index][position + 1],
                    batch_index,
                    position + 1,
                ),
            )
    return placements


def weighted_tardiness_s(instance: SiteInstance, placements: Placements) -> int:
    """Sum over batches of weight x seconds (on the axis) after the due time."""
    return sum(
        batch.weight
        * max(0, placements[index, len(batch.tasks) - 1].end_s - batch.due_s)
        for index, batch in enumerate(instance.batches)
    )


def makespan_s(placements: Placements) -> int:
    """The latest end on the axis."""
    return max((placed.end_s for placed in placements.values()), default=0)
