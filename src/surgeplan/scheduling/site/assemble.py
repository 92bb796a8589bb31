"""Placements on the working-time axis -> the `Schedule` people read, in clock time."""

from __future__ import annotations

import datetime as dt

from surgeplan.scenario import Scenario, scenario_hash
from surgeplan.scheduling.site.clock import SECONDS_PER_HOUR, open_seconds_between
from surgeplan.scheduling.site.dispatch import Placements, option_on
from surgeplan.scheduling.site.instance import SiteInstance
from surgeplan.scheduling.site.plan_weeks import week_start
from surgeplan.scheduling.site.result import (
    BatchRecord,
    DueStatus,
    Schedule,
    ScheduledOperation,
    ShiftWindow,
    SolverRecord,
    StationRecord,
    WorkCenterRecord,
)

WEEK_S = 7 * 24 * SECONDS_PER_HOUR


def _hours(seconds: float) -> float:
    return round(seconds / SECONDS_PER_HOUR, 4)


def _operations(
    instance: SiteInstance, placements: Placements, origin: dt.datetime
) -> list[ScheduledOperation]:
    clock = instance.clock
    operations = []
    for b, batch in enumerate(instance.batches):
        for position, task in enumerate(batch.tasks):
            placed = placements[b, position]
            option = option_on(task, placed.work_center)
            start = clock.start_clock(placed.start_s)
            end = (
                clock.end_clock(placed.end_s)
                if placed.end_s > placed.start_s
                else start
            )
            operations.append(
                ScheduledOperation(
                    batch=batch.id,
                    item=batch.item,
                    operation=task.operation,
                    capability=task.capability,
                    units=batch.units,
                    work_center=placed.work_center,
                    station=placed.station,
                    start=origin + dt.timedelta(seconds=start),
                    end=origin + dt.timedelta(seconds=end),
                    start_minute=round(start / 60, 2),
                    end_minute=round(end / 60, 2),
                    processing_hours=_hours(option.duration_s),
                    setup_hours=option.setup_hours,
                    hours_per_unit=option.hours_per_unit,
                    is_splittable=task.is_splittable,
                )
            )
    return operations


def _batches(
    instance: SiteInstance, operations: list[ScheduledOperation], origin: dt.datetime
) -> list[BatchRecord]:
    completion: dict[str, dt.datetime] = {}
    for operation in operations:
        completion[operation.batch] = max(
            completion.get(operation.batch, operation.end), operation.end
        )
    records = []
    start_week = min((batch.week for batch in instance.batches), default=1)
    for batch in instance.batches:
        offset = (batch.week - start_week) * WEEK_S
        due = origin + dt.timedelta(seconds=offset + WEEK_S)
        done = completion[batch.id]
        late = max(0.0, (done - due).total_seconds())
        records.append(
            BatchRecord(
                id=batch.id,
                item=batch.item,
                week=batch.week,
                units=batch.units,
                weight=batch.weight,
                release=origin + dt.timedelta(seconds=offset),
                due=due,
                completion=done,
                status=DueStatus.LATE if late > 0 else DueStatus.ON_TIME,
                late_hours=_hours(late),
            )
        )
    return records


def _stations(
    instance: SiteInstance, placements: Placements, window_s: int
) -> list[StationRecord]:
    records = []
    for work_center, resource in instance.resources.items():
        spans = list(instance.clock_spans_by_work_center[work_center])
        open_s = open_seconds_between(spans, 0, window_s)
        window_axis = instance.clock.to_axis(window_s)
        for station in resource.stations:
            mine = sorted(
                ((key, p) for key, p in placements.items() if p.station == station),
                key=lambda entry: entry[1].start_s,
            )
            busy = changeover = count = 0
            previous: str | None = None
            for (b, _), placed in mine:
                item = instance.batches[b].item
                step = resource.changeover(previous, item)
                count += step > 0
                if placed.start_s < window_axis:
                    busy += min(placed.end_s, window_axis) - placed.start_s
                    changeover += step
                previous = item
            records.append(
                StationRecord(
                    station=station,
                    work_center=work_center,
                    operations=len(mine),
                    busy_hours=_hours(busy),
                    changeover_hours=_hours(changeover),
                    idle_hours=_hours(max(0, open_s - busy - changeover)),
                    changeovers=count,
                )
            )
    return records


def assemble_schedule(
    scenario: Scenario,
    instance: SiteInstance,
    placements: Placements,
    *,
    start_week: int,
    weeks: int,
    source: str,
    solver: SolverRecord,
) -> Schedule:
    """The schedule in clock time, with batch statuses and station figures."""
    origin = dt.datetime.combine(week_start(scenario, start_week), dt.time())
    window_s = weeks * WEEK_S
    operations = _operations(instance, placements, origin)
    last_s = max((int((o.end - origin).total_seconds()) for o in operations), default=0)
    shown_s = max(window_s, last_s)
    work_centers = [
        WorkCenterRecord(
            id=wc_id,
            capabilities=list(instance.capabilities_by_work_center[wc_id]),
            stations=list(resource.stations),
            reserved_stations=list(resource.reserved_stations),
            shift_patterns=list(instance.patterns_by_work_center[wc_id][:weeks]),
            windows=[
                ShiftWindow(
                    start=origin + dt.timedelta(seconds=a),
                    end=origin + dt.timedelta(seconds=b),
                )
                for a, b in instance.clock_spans_by_work_center[wc_id]
                if a < shown_s
            ],
        )
        for wc_id, resource in instance.resources.items()
    ]
    return Schedule(
        scenario_name=scenario.program.name,
        scenario_hash=scenario_hash(scenario),
        site=instance.site,
        start_week=start_week,
        weeks=weeks,
        window_start=origin,
        window_end=origin + dt.timedelta(seconds=window_s),
        source="plan" if source == "plan" else "demand",
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        solver=solver,
        work_centers=work_centers,
        batches=_batches(instance, operations, origin),
        operations=operations,
        stations=_stations(instance, placements, window_s),
        notes=list(instance.notes),
    )
