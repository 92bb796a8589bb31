"""Time buckets and the working hours a calendar gives in each of them."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.scenario.program import Program, TimeBucket
from surgeplan.scenario.sites import WEEKDAYS, Calendar, ShiftPattern

AVERAGE_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Bucket:
    """One planning period: from `start` to `end`, both days included."""

    index: int
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """Calendar days in the period."""
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        """Length in weeks, to turn weekly rates into per-bucket amounts."""
        return self.days / 7.0


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for day_of_month in range(day.day, 0, -1):
        try:
            return dt.date(year, month, day_of_month)
        except ValueError:
            continue
    raise ValueError(f"no valid day in {year}-{month}")


def make_buckets(program: Program) -> list[Bucket]:
    """The plan's periods, from the program's start date over its horizon."""
    starts: list[dt.date] = []
    for index in range(program.horizon_buckets + 1):
        if program.time_bucket is TimeBucket.DAY:
            starts.append(program.start_date + dt.timedelta(days=index))
        elif program.time_bucket is TimeBucket.WEEK:
            starts.append(program.start_date + dt.timedelta(weeks=index))
        else:
            starts.append(_add_months(program.start_date, index))
    return [
        Bucket(
            index=index, start=starts[index], end=starts[index + 1] - dt.timedelta(1)
        )
        for index in range(program.horizon_buckets)
    ]


def plan_buckets(program: Program, cut_dates: Iterable[dt.date] = ()) -> list[Bucket]:
    """The buckets a plan is made in: the program's periods, merged after its detail.

    Without `program.detailed_weeks` these are `make_buckets(program)`. With it, the
    first `detailed_weeks` weeks stay weeks and later weeks are merged into buckets of
    `coarse_bucket_weeks`; the week holding a cut date (a milestone's due date) always
    ends a bucket, so what is delivered by it is known to the week, as in weeks.
    """
    periods = make_buckets(program)
    detailed = program.detailed_weeks
    if detailed is None or detailed >= len(periods):
        return periods
    due_weeks = {bucket_index_of(periods, day) for day in cut_dates}
    spans = [(week, week) for week in range(detailed)]
    first = detailed
    while first < len(periods):
        last = min(first + program.coarse_bucket_weeks, len(periods)) - 1
        last = next((week for week in range(first, last) if week in due_weeks), last)
        spans.append((first, last))
        first = last + 1
    return [
        Bucket(index=index, start=periods[first].start, end=periods[last].end)
        for index, (first, last) in enumerate(spans)
    ]


def ready_buckets(weeks: float, buckets: list[Bucket], program: Program) -> IntArray:
    """For each bucket, the bucket in which something started then is ready.

    Something started (ordered, shipped, hired, converted) in bucket b with a lead time
    of `weeks` is ready in the first bucket that starts at least the lead time after b
    starts: never sooner than stated. In equal buckets this is b plus the lead time in
    whole buckets. `len(buckets)` means after the horizon.
    """
    horizon = len(buckets)
    if program.detailed_weeks is None or horizon <= program.detailed_weeks:
        ready = np.arange(horizon, dtype=np.int64) + weeks_to_buckets(weeks, program)
        return np.minimum(ready, horizon)
    starts = np.array([bucket.start.toordinal() for bucket in buckets], dtype=np.int64)
    days = 0 if weeks <= 0 else math.ceil(weeks * 7.0 - 1e-9)
    return np.searchsorted(starts, starts + days, side="left").astype(np.int64)


def ready_after_both(first: IntArray, then: IntArray) -> IntArray:
    """Ready buckets of two lead times one after the other (hiring, then training)."""
    horizon = len(first)
    inside = first < horizon
    return np.where(inside, then[np.minimum(first, horizon - 1)], horizon)


def bucket_index_of(buckets: list[Bucket], day: dt.date) -> int | None:
    """Index of the bucket holding `day`; None outside the horizon."""
    if not buckets or day < buckets[0].start or day > buckets[-1].end:
        return None
    low, high = 0, len(buckets) - 1
    while low < high:
        middle = (low + high) // 2
        if buckets[middle].end < day:
            low = middle + 1
        else:
            high = middle
    return low


def weeks_to_buckets(weeks: float, program: Program) -> int:
    """A lead time in weeks as whole buckets, rounded up (never shorter than stated)."""
    if weeks <= 0:
        return 0
    days = weeks * 7.0
    if program.time_bucket is TimeBucket.DAY:
        return math.ceil(days - 1e-9)
    if program.time_bucket is TimeBucket.WEEK:
        return math.ceil(weeks - 1e-9)
    return math.ceil(days / AVERAGE_DAYS_PER_MONTH - 1e-9)


def closed_days(calendar: Calendar) -> set[dt.date]:
    """Days the whole site is closed: public holidays and shutdowns."""
    days = set(calendar.public_holidays)
    for shutdown in calendar.shutdowns:
        day = shutdown.start_date
        while day <= shutdown.end_date:
            days.add(day)
            day += dt.timedelta(days=1)
    return days


def shutdown_days(calendar: Calendar) -> set[dt.date]:
    """Days inside a declared shutdown period (not single public holidays)."""
    days: set[dt.date] = set()
    for shutdown in calendar.shutdowns:
        day = shutdown.start_date
        while day <= shutdown.end_date:
            days.add(day)
            day += dt.timedelta(days=1)
    return days


def worked_exception_days(
    calendar: Calendar, pattern: ShiftPattern | None, work_center: str | None
) -> set[dt.date]:
    """Closed days a work center works anyway; shutdowns stay closed.

    Its calendar exceptions (and the site's), and every public holiday when its
    pattern runs through holidays.
    """
    days = {
        exception.date
        for exception in calendar.exceptions
        if exception.work_center is None or exception.work_center == work_center
    }
    if pattern is not None and pattern.runs_through_holidays:
        days.update(calendar.public_holidays)
    return days - shutdown_days(calendar)


@dataclass(frozen=True)
class ShiftRule:
    """Which days a station works under a shift pattern, and for how many hours.

    The one statement of the rule: the planner's and the checker's hours per bucket
    (`shift_hours_by_bucket`) and the scheduler's shift windows per week read it.
    """

    working_days: frozenset[str]
    hours_per_day: float
    closed: frozenset[dt.date]
    worked: frozenset[dt.date]

    def works_on(self, day: dt.date) -> bool:
        """A worked exception day, or a working day of the week that is not closed."""
        return day in self.worked or (
            WEEKDAYS[day.weekday()] in self.working_days and day not in self.closed
        )


def shift_rule(
    calendar: Calendar, pattern: ShiftPattern | None, work_center: str | None = None
) -> ShiftRule:
    """How a station of `work_center` works on `pattern` at a site with `calendar`.

    `pattern` None means the site calendar's own pattern; a pattern's working days and
    hours per shift default to the calendar's. A calendar exception for `work_center`
    (or for the whole site) opens a closed day with the pattern's shifts, a day off of
    the week as well as a public holiday.
    """
    working_days = (
        pattern.working_days
        if pattern and pattern.working_days
        else calendar.working_days
    )
    shifts = pattern.shifts_per_day if pattern else calendar.shifts_per_day
    hours_per_shift = (
        pattern.hours_per_shift
        if pattern and pattern.hours_per_shift
        else calendar.hours_per_shift
    )
    return ShiftRule(
        working_days=frozenset(working_days),
        hours_per_day=shifts * hours_per_shift,
        closed=frozenset(closed_days(calendar)),
        worked=frozenset(worked_exception_days(calendar, pattern, work_center)),
    )


def shift_hours_by_bucket(
    calendar: Calendar,
    pattern: ShiftPattern | None,
    buckets: list[Bucket],
    work_center: str | None = None,
) -> FloatArray:
    """Shift hours of one station in each bucket, before efficiency.

    The days and hours are `shift_rule`'s.
    """
    rule = shift_rule(calendar, pattern, work_center)
    hours = np.zeros(len(buckets))
    for bucket in buckets:
        day = bucket.start
        total = 0.0
        while day <= bucket.end:
            if rule.works_on(day):
                total += rule.hours_per_day
            day += dt.timedelta(days=1)
        hours[bucket.index] = total
    return hours


def open_share_by_bucket(calendar: Calendar, buckets: list[Bucket]) -> FloatArray:
    """What a weekly rate times the bucket's weeks is multiplied by, bucket by bucket.

    Core demand, core load, overtime and supplier deliveries to the site are stated per
    working week; a shutdown pauses them. In buckets of a week or more this is the
    share of the bucket's days outside shutdowns. In day buckets a weekly rate falls
    on the site's working days only (see `_working_day_share`): a Saturday with no
    shift hours carries no core load.
    """
    if buckets and all(bucket.days == 1 for bucket in buckets):
        return _working_day_share(calendar, buckets)
    shut = shutdown_days(calendar)
    share = np.ones(len(buckets))
    for bucket in buckets:
        closed = sum(
            1
            for offset in range(bucket.days)
            if bucket.start + dt.timedelta(days=offset) in shut
        )
        share[bucket.index] = 1.0 - closed / bucket.days
    return share


def _working_day_share(calendar: Calendar, buckets: list[Bucket]) -> FloatArray:
    """Day buckets: each calendar week's rate spread over its open working days.

    A week (Monday to Sunday) keeps the share of its days outside shutdowns, as a
    weekly bucket would, and that share falls evenly on its working days that are
    neither a public holiday nor shut: 500 units a week on a Monday-to-Friday
    calendar are 100 on each weekday and none at the weekend. The value is relative
    to a day's seventh of the weekly rate (7/5 on a weekday of a five-day week).
    """
    working = set(calendar.working_days)
    closed = closed_days(calendar)
    shut = shutdown_days(calendar)
    share = np.zeros(len(buckets))
    for bucket in buckets:
        day = bucket.start
        if WEEKDAYS[day.weekday()] not in working or day in closed:
            continue
        monday = day - dt.timedelta(days=day.weekday())
        week = [monday + dt.timedelta(days=offset) for offset in range(7)]
        open_days = sum(
            1
            for other in week
            if WEEKDAYS[other.weekday()] in working and other not in closed
        )
        open_week = 1.0 - sum(1 for other in week if other in shut) / 7.0
        share[bucket.index] = 7.0 * open_week / open_days
    return share


def rate_by_bucket(
    base_units_per_week: float,
    steps: list[tuple[dt.date, float]],
    buckets: list[Bucket],
) -> FloatArray:
    """A weekly rate that changes by date, as units per bucket (day-weighted)."""
    ordered = sorted(steps)
    amounts = np.zeros(len(buckets))
    for bucket in buckets:
        total = 0.0
        for offset in range(bucket.days):
            day = bucket.start + dt.timedelta(days=offset)
            rate = base_units_per_week
            for from_date, units_per_week in ordered:
                if from_date <= day:
                    rate = units_per_week
            total += rate / 7.0
        amounts[bucket.index] = total
    return amounts
