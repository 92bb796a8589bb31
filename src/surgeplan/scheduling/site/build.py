"""Scenario (+ Plan) -> SiteInstance: batches, their tasks and the work centers.

A batch holds the routing's largest `batch_size` units (the last one of a week
fewer) and goes through every operation together; an operation with a smaller
batch size sets up once per batch of its own inside it. A task lasts its set-ups
plus units x hours per unit, rounded up to the second. Program and component
batches weigh 10 in the tardiness objective, core batches 1.
"""

from __future__ import annotations

import math

from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import ItemKind, Operation, Scenario
from surgeplan.scheduling.site.clock import (
    SECONDS_PER_DAY,
    SECONDS_PER_HOUR,
    SiteClock,
    Span,
    runs_of,
    week_windows,
)
from surgeplan.scheduling.site.errors import (
    ScheduleInputError,
    UnschedulableOperationError,
)
from surgeplan.scheduling.site.instance import (
    Batch,
    Option,
    Resource,
    SiteInstance,
    Task,
)
from surgeplan.scheduling.site.plan_weeks import PlanWeeks, week_start
from surgeplan.scheduling.site.quantities import (
    Route,
    WeekQuantity,
    demand_quantities,
    planned_quantities,
)
from surgeplan.scheduling.site.work_centers import WorkCenterWeeks, work_center_weeks

PROGRAM_WEIGHT = 10
CORE_WEIGHT = 1
WEEK_S = 7 * SECONDS_PER_DAY


def check_request(
    scenario: Scenario, site_id: str, start_week: int, weeks: int
) -> None:
    """Refuse an unknown site or weeks outside the program's horizon."""
    if site_id not in {site.id for site in scenario.sites}:
        known = ", ".join(site.id for site in scenario.sites)
        raise ScheduleInputError(f"no site '{site_id}' in the scenario; sites: {known}")
    if scenario.program.time_bucket.value != "week":
        raise ScheduleInputError("the scheduler needs a scenario planned in weeks")
    last = scenario.program.horizon_buckets
    if weeks < 1 or start_week < 1 or start_week + weeks - 1 > last:
        raise ScheduleInputError(
            f"weeks {start_week}..{start_week + weeks - 1} are outside the program's "
            f"weeks 1..{last}"
        )


def _seconds(hours: float) -> int:
    return math.ceil(hours * SECONDS_PER_HOUR - 1e-6)


def _routes(
    operation: Operation, quantity: WeekQuantity, centers: dict[str, WorkCenterWeeks]
) -> list[Route]:
    if operation.id in quantity.routes_by_operation:
        return [
            route
            for route in quantity.routes_by_operation[operation.id]
            if route.work_center in centers
        ]
    return [
        Route(wc_id, operation.hours_per_unit)
        for wc_id, center in centers.items()
        if operation.capability in center.capabilities and center.stations
    ]


def _allowed(
    spans: tuple[Span, ...], duration_s: int, release_s: int
) -> tuple[Span, ...]:
    return tuple(
        (max(start, release_s), end - duration_s)
        for start, end in spans
        if end - duration_s >= max(start, release_s)
    )


def _option(
    operation: Operation,
    previous: Operation | None,
    units: int,
    route: Route,
    resource: Resource,
    release_s: int,
) -> Option:
    setups = math.ceil(units / operation.batch_size)
    duration = _seconds(setups * operation.setup_hours + units * route.hours_per_unit)
    lot = min(operation.transfer_batch_size or units, units)
    lead = _seconds(operation.setup_hours + lot * route.hours_per_unit)
    previous_lot = 0
    if previous is not None:
        previous_lot = min(previous.transfer_batch_size or units, units)
    spans = resource.runs if operation.is_splittable else resource.spans
    return Option(
        work_center=route.work_center,
        duration_s=duration,
        lead_s=min(lead, duration),
        last_lot_s=_seconds(previous_lot * route.hours_per_unit),
        hours_per_unit=route.hours_per_unit,
        setup_hours=setups * operation.setup_hours,
        allowed_starts=_allowed(spans, duration, release_s),
    )


def _resource(center: WorkCenterWeeks, clock: SiteClock, spans: list[Span]) -> Resource:
    axis_spans = tuple(clock.spans_on_axis(spans))
    wc = center.work_center
    return Resource(
        work_center=wc.id,
        stations=center.stations,
        reserved_stations=center.reserved_stations,
        spans=axis_spans,
        runs=tuple(runs_of(list(axis_spans))),
        changeover_s={
            (c.from_item, c.to_item): _seconds(c.hours) for c in wc.changeovers
        },
        default_changeover_s=_seconds(wc.changeover_hours_default),
    )


def _sequenced(resource: Resource, items: set[str]) -> bool:
    return any(resource.changeover(a, b) > 0 for a in items for b in items if a != b)


def build_instance(
    scenario: Scenario,
    site_id: str,
    start_week: int,
    weeks: int,
    plan: Plan | None,
    extra_weeks: int,
) -> SiteInstance:
    """The scheduling problem, with `extra_weeks` after the window for late work.

    Raises:
        ScheduleInputError: an unknown site, weeks outside the horizon, or an
            operation no station can do (`UnschedulableOperationError`).
    """
    check_request(scenario, site_id, start_week, weeks)
    site = scenario.site(site_id)
    scheduled = range(start_week, start_week + weeks)
    every_week = range(start_week, start_week + weeks + extra_weeks)
    by_week = None if plan is None else PlanWeeks.of(scenario, plan, site_id)
    quantities = (
        planned_quantities(scenario, by_week, site_id, scheduled)
        if by_week is not None
        else demand_quantities(scenario, site_id, scheduled)
    )
    centers: dict[str, WorkCenterWeeks] = {}
    clock_spans: dict[str, list[Span]] = {}
    for wc in site.work_centers:
        spans: list[Span] = []
        center = work_center_weeks(site, wc, by_week, scheduled, every_week, [])
        for k, pattern in enumerate(center.patterns):
            day = week_start(scenario, start_week + k)
            spans += week_windows(site.calendar, pattern, day, k * WEEK_S, wc.id)
        first = [span for span in spans if span[0] < WEEK_S]
        centers[wc.id] = work_center_weeks(
            site, wc, by_week, scheduled, every_week, first
        )
        clock_spans[wc.id] = spans
    used: dict[str, set[str]] = {}
    for quantity in quantities:
        for operation in scenario.item(quantity.item).routing:
            routes = _routes(operation, quantity, centers)
            if not routes:
                raise UnschedulableOperationError(
                    quantity.item,
                    operation.id,
                    operation.capability,
                    f"no station of site '{site_id}' can do it in week {quantity.week}",
                )
            for route in routes:
                used.setdefault(route.work_center, set()).add(quantity.item)
    clock = SiteClock(span for wc_id in used for span in clock_spans[wc_id])
    resources = {}
    for wc_id, items in used.items():
        resource = _resource(centers[wc_id], clock, clock_spans[wc_id])
        resources[wc_id] = Resource(
            **{**resource.__dict__, "is_sequenced": _sequenced(resource, items)}
        )
    batches: list[Batch] = []
    for quantity in quantities:
        batches += _batches(
            scenario, quantity, start_week, clock, centers, resources, len(batches)
        )
    return SiteInstance(
        site=site_id,
        clock=clock,
        horizon_s=clock.total_s,
        batches=tuple(batches),
        resources=resources,
        capabilities_by_work_center={k: c.capabilities for k, c in centers.items()},
        patterns_by_work_center={k: c.pattern_ids for k, c in centers.items()},
        clock_spans_by_work_center={k: tuple(v) for k, v in clock_spans.items()},
    )


def _batches(
    scenario: Scenario,
    quantity: WeekQuantity,
    start_week: int,
    clock: SiteClock,
    centers: dict[str, WorkCenterWeeks],
    resources: dict[str, Resource],
    first_index: int,
) -> list[Batch]:
    item = scenario.item(quantity.item)
    size = max(operation.batch_size for operation in item.routing)
    offset = (quantity.week - start_week) * WEEK_S
    release, due = clock.to_axis(offset), clock.to_axis(offset + WEEK_S)
    weight = CORE_WEIGHT if item.kind is ItemKind.CORE else PROGRAM_WEIGHT
    batches: list[Batch] = []
    for index, first_unit in enumerate(range(0, quantity.units, size)):
        units = min(size, quantity.units - first_unit)
        tasks = []
        for position, operation in enumerate(item.routing):
            previous = item.routing[position - 1] if position else None
            options = tuple(
                _option(
                    operation,
                    previous,
                    units,
                    route,
                    resources[route.work_center],
                    release,
                )
                for route in _routes(operation, quantity, centers)
            )
            if not any(option.allowed_starts for option in options):
                raise UnschedulableOperationError(
                    item.id,
                    operation.id,
                    operation.capability,
                    f"a batch of {units} takes longer than any shift window of "
                    f"{', '.join(o.work_center for o in options)}"
                    + ("" if operation.is_splittable else " (it may not pause)"),
                )
            tasks.append(
                Task(
                    batch=first_index + len(batches),
                    position=position,
                    operation=operation.id,
                    capability=operation.capability,
                    is_splittable=operation.is_splittable,
                    options=tuple(o for o in options if o.allowed_starts),
                )
            )
        batches.append(
            Batch(
                id=f"{item.id}/w{quantity.week}/{index + 1}",
                item=item.id,
                week=quantity.week,
                units=units,
                weight=weight,
                release_s=release,
                due_s=due,
                tasks=tuple(tasks),
            )
        )
    return batches
