"""An independent check of a site schedule against its scenario.

It reads only the scenario and the `Schedule` (its operations, batches and the
shift windows it states), never the solver's model, so a bug in the model cannot
hide itself here. Working time between two moments is the time inside the shift
windows of any work center of the schedule (the site's working time).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise

from surgeplan.scenario import Scenario
from surgeplan.scheduling.site.result import Schedule, ScheduledOperation

TOLERANCE_S = 1.0
Window = tuple[dt.datetime, dt.datetime]


def _merged(windows: list[Window]) -> list[Window]:
    merged: list[Window] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _working_s(windows: list[Window], start: dt.datetime, end: dt.datetime) -> float:
    return sum(
        max(0.0, (min(b, end) - max(a, start)).total_seconds()) for a, b in windows
    )


def _check_batches(scenario: Scenario, schedule: Schedule) -> list[str]:
    problems = []
    ops_by_batch: dict[str, list[ScheduledOperation]] = defaultdict(list)
    for operation in schedule.operations:
        ops_by_batch[operation.batch].append(operation)
    for batch in schedule.batches:
        routing = [op.id for op in scenario.item(batch.item).routing]
        done = sorted(op.operation for op in ops_by_batch.pop(batch.id, []))
        if done != sorted(routing):
            problems.append(
                f"batch {batch.id}: operations {done} scheduled, routing {routing}"
            )
    problems += [f"operations of unknown batch {name}" for name in ops_by_batch]
    return problems


def _check_stations(scenario: Scenario, schedule: Schedule) -> list[str]:
    problems = []
    site = scenario.site(schedule.site)
    centers = {wc.id: wc for wc in site.work_centers}
    records = {wc.id: wc for wc in schedule.work_centers}
    for op in schedule.operations:
        name = f"{op.batch} {op.operation}"
        record, center = records.get(op.work_center), centers.get(op.work_center)
        if record is None or center is None:
            problems.append(f"{name}: unknown work center {op.work_center}")
            continue
        gained = {c for conv in center.conversions for c in conv.adds_capabilities}
        if op.capability not in record.capabilities or op.capability not in (
            set(center.capabilities) | gained
        ):
            problems.append(f"{name}: {op.work_center} cannot do {op.capability}")
        if op.station not in record.stations:
            problems.append(f"{name}: {op.station} is not a free station")
        routing = {o.id: o for o in scenario.item(op.item).routing}
        if routing.get(op.operation) is None or (
            routing[op.operation].capability != op.capability
        ):
            problems.append(f"{name}: not an operation of {op.item}")
    return problems


def _check_calendar(schedule: Schedule) -> list[str]:
    problems = []
    windows = {
        wc.id: [(w.start, w.end) for w in wc.windows] for wc in schedule.work_centers
    }
    for op in schedule.operations:
        name = f"{op.batch} {op.operation} on {op.station}"
        own = _merged(windows.get(op.work_center, []))
        if op.is_splittable:
            worked = _working_s(own, op.start, op.end)
            if abs(worked - op.processing_hours * 3600) > TOLERANCE_S + 1:
                problems.append(
                    f"{name}: works {worked / 3600:.3f} h inside shifts, needs "
                    f"{op.processing_hours:.3f} h"
                )
        elif not any(a <= op.start and op.end <= b for a, b in windows[op.work_center]):
            problems.append(f"{name}: may not pause, not inside one shift window")
        if not any(a <= op.start < b for a, b in own) and op.end > op.start:
            problems.append(f"{name}: starts outside the shifts at {op.start}")
    return problems


def _check_overlaps_and_changeovers(
    scenario: Scenario, schedule: Schedule, site_windows: list[Window]
) -> list[str]:
    problems = []
    centers = {wc.id: wc for wc in scenario.site(schedule.site).work_centers}
    by_station: dict[str, list[ScheduledOperation]] = defaultdict(list)
    for op in schedule.operations:
        by_station[op.station].append(op)
    for station, ops in by_station.items():
        ops.sort(key=lambda op: (op.start, op.end))
        for before, after in pairwise(ops):
            if after.start < before.end:
                problems.append(
                    f"{station}: {before.batch} {before.operation} overlaps "
                    f"{after.batch} {after.operation}"
                )
                continue
            if before.item == after.item:
                continue
            center = centers[after.work_center]
            hours = next(
                (
                    c.hours
                    for c in center.changeovers
                    if (c.from_item, c.to_item) == (before.item, after.item)
                ),
                center.changeover_hours_default,
            )
            gap = _working_s(site_windows, before.end, after.start)
            if gap + TOLERANCE_S < hours * 3600:
                problems.append(
                    f"{station}: {gap / 3600:.2f} h between {before.item} and "
                    f"{after.item}, changeover needs {hours} h"
                )
    return problems


def _check_routing(
    scenario: Scenario, schedule: Schedule, site_windows: list[Window]
) -> list[str]:
    problems = []
    ops_by_batch: dict[str, dict[str, ScheduledOperation]] = defaultdict(dict)
    for op in schedule.operations:
        ops_by_batch[op.batch][op.operation] = op
    for batch in schedule.batches:
        routing = scenario.item(batch.item).routing
        for earlier, later in pairwise(routing):
            first = ops_by_batch[batch.id].get(earlier.id)
            then = ops_by_batch[batch.id].get(later.id)
            if first is None or then is None:
                continue
            lot = min(earlier.transfer_batch_size or batch.units, batch.units)
            lead_h = earlier.setup_hours + lot * first.hours_per_unit
            lead_h = min(lead_h, first.processing_hours)
            waited = _working_s(site_windows, first.start, then.start)
            if then.start < first.start or waited + TOLERANCE_S < lead_h * 3600 - 1:
                problems.append(
                    f"{batch.id}: {later.id} starts {waited / 3600:.2f} h after "
                    f"{earlier.id}, its first lot needs {lead_h:.2f} h"
                )
            if then.end < first.end:
                problems.append(f"{batch.id}: {later.id} ends before {earlier.id}")
        starts = [op.start for op in ops_by_batch[batch.id].values()]
        if starts and min(starts) < batch.release:
            problems.append(f"{batch.id}: starts before its release")
    return problems


def check_schedule(scenario: Scenario, schedule: Schedule) -> list[str]:
    """Every way `schedule` breaks the scenario's rules; empty when it is valid.

    Checked: every batch runs each operation of its routing exactly once; on a
    free station of a work center with the capability; inside its shifts (a
    non-splittable operation inside one window, a splittable one for exactly
    its processing time inside them); no two operations at once on a station;
    changeover time between different items; routing order with transfer lots;
    nothing before a batch's release.
    """
    site_windows = _merged(
        [(w.start, w.end) for wc in schedule.work_centers for w in wc.windows]
    )
    return [
        *_check_batches(scenario, schedule),
        *_check_stations(scenario, schedule),
        *_check_calendar(schedule),
        *_check_overlaps_and_changeovers(scenario, schedule, site_windows),
        *_check_routing(scenario, schedule, site_windows),
    ]
