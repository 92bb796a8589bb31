"""The site's work centers in the scheduled weeks: capabilities, shifts, free stations.

With a plan, a work center has the capabilities its conversions give once they are
ready (by the first scheduled week), and each week's shift pattern is the one of
the plan's bucket holding it; without one, today's capabilities and the pattern it
starts on (`WorkCenter.starting_shift_pattern`, as the planner starts it). Weeks after
the plan's horizon keep the last pattern.

Core load (station hours the scenario states per week, not tied to an item) keeps
whole stations free: as many as its hours fill, rounded to the nearest station and
never all of them. They are listed as reserved and never scheduled. With a plan, the
core load is the plan's (after conversions moved it), without its routed core
products, which are scheduled as batches; a longer bucket's counts for the first
scheduled week by its share of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from surgeplan.scenario import Site, WorkCenter
from surgeplan.scenario.sites import ShiftPattern
from surgeplan.scheduling.site.clock import SECONDS_PER_HOUR, Span, shift_pattern_of
from surgeplan.scheduling.site.plan_weeks import PlanWeeks


@dataclass(frozen=True)
class WorkCenterWeeks:
    """A work center over the scheduled weeks (and the overflow weeks after them)."""

    work_center: WorkCenter
    capabilities: tuple[str, ...]
    pattern_ids: tuple[str, ...]
    patterns: tuple[ShiftPattern | None, ...]
    stations: tuple[str, ...]
    reserved_stations: tuple[str, ...]


def capabilities_of(
    site: Site, work_center: WorkCenter, plan: PlanWeeks | None, first_week: int
) -> tuple[str, ...]:
    """Capabilities in the first scheduled week (conversions of the plan included)."""
    capabilities = list(work_center.capabilities)
    if plan is None:
        return tuple(capabilities)
    bucket = plan.bucket_of(first_week)
    # After the plan's horizon, every conversion it started has had its lead time.
    now = len(plan.plan.buckets) if bucket is None else bucket
    for record in plan.plan.conversions:
        if (
            record.site != site.id
            or record.work_center != work_center.id
            or record.ready_bucket > now
        ):
            continue
        for conversion in work_center.conversions:
            if conversion.id == record.conversion:
                capabilities = [
                    c for c in capabilities if c not in conversion.removes_capabilities
                ]
                capabilities += [
                    c for c in conversion.adds_capabilities if c not in capabilities
                ]
    return tuple(capabilities)


def _pattern_ids(
    site: Site, work_center: WorkCenter, plan: PlanWeeks | None, weeks: range
) -> tuple[str, ...]:
    starting = work_center.starting_shift_pattern()
    default = starting.id if starting else "calendar"
    if plan is None:
        return (default,) * len(weeks)
    by_bucket: dict[int, str] = {}
    for record in plan.plan.capacity:
        if record.site == site.id and record.work_center == work_center.id:
            by_bucket[record.bucket] = record.shift_pattern
    ids = []
    last = default
    for week in weeks:
        bucket = plan.bucket_of(week)
        if bucket is not None:
            last = by_bucket.get(bucket, last)
        ids.append(last)
    return tuple(ids)


def _plan_core_hours(
    site: Site, work_center: WorkCenter, plan: PlanWeeks | None, week: int
) -> float | None:
    """The plan's core load on the work center in the week; None without any.

    The plan's core hours also count the hours of core products routed through
    the work center; those are scheduled as batches, so they are left out here
    (reserving stations for them too would count them twice).
    """
    if plan is None:
        return None
    hours_by_bucket = {
        record.bucket: record.core_hours
        for record in plan.plan.capacity
        if record.site == site.id and record.work_center == work_center.id
    }
    for record in plan.plan.production:
        if (
            record.item in plan.core_items
            and record.site == site.id
            and record.work_center == work_center.id
            and record.bucket in hours_by_bucket
        ):
            hours_by_bucket[record.bucket] -= record.hours
    shares = [
        share
        for share in plan.shares(week, open_days=True)
        if share.bucket in hours_by_bucket
    ]
    if not shares:
        return None
    return max(
        sum(hours_by_bucket[share.bucket] * share.share for share in shares), 0.0
    )


def _reserved_count(
    work_center: WorkCenter, weekly_shift_s: int, plan_core_hours: float | None
) -> int:
    if plan_core_hours is not None:
        core_hours = plan_core_hours
    else:
        core_hours = sum(load.hours_per_week for load in work_center.core_load)
    # Core hours are stated against effective capacity, as the planner counts them.
    station_hours = weekly_shift_s / SECONDS_PER_HOUR * work_center.efficiency
    if core_hours <= 0 or station_hours <= 0:
        return 0
    return min(work_center.stations - 1, round(core_hours / station_hours))


def work_center_weeks(
    site: Site,
    work_center: WorkCenter,
    plan: PlanWeeks | None,
    scheduled: range,
    all_weeks: range,
    first_week_spans: list[Span],
) -> WorkCenterWeeks:
    """The work center as the scheduler sees it over `all_weeks`."""
    pattern_ids = _pattern_ids(site, work_center, plan, all_weeks)
    patterns = tuple(
        None if pattern_id == "calendar" else shift_pattern_of(work_center, pattern_id)
        for pattern_id in pattern_ids
    )
    plan_core = _plan_core_hours(site, work_center, plan, scheduled.start)
    weekly_s = sum(end - start for start, end in first_week_spans)
    reserved = _reserved_count(work_center, weekly_s, plan_core)
    names = tuple(f"{work_center.id}/{k + 1}" for k in range(work_center.stations))
    return WorkCenterWeeks(
        work_center=work_center,
        capabilities=capabilities_of(site, work_center, plan, scheduled.start),
        pattern_ids=pattern_ids,
        patterns=patterns,
        stations=names[: len(names) - reserved],
        reserved_stations=names[len(names) - reserved :],
    )
