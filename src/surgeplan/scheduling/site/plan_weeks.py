"""A plan read week by week: the bucket each program week is in, and its share of it.

The scheduler works in program weeks (week 1 starts on the program's start date). A
plan made with `detailed_weeks` merges later weeks into longer buckets, so a week
takes the part of its bucket's amounts that its days carry. Program units are
spread over the site's working days (weekdays of its calendar outside holidays and
shutdowns), as the planner's capacity is; weekly rates (core demand and core load)
over the days outside shutdowns, as the planner states them. A bucket without such
a day is spread over all its days. In a weekly plan each week is a whole bucket,
with a share of 1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import BucketRecord
from surgeplan.scenario import ItemKind, Scenario
from surgeplan.scenario.calendar import closed_days, shutdown_days
from surgeplan.scenario.sites import WEEKDAYS, Calendar

DAYS_PER_WEEK = 7


def week_start(scenario: Scenario, week: int) -> dt.date:
    """First day of a program week (1-based)."""
    return scenario.program.start_date + dt.timedelta(weeks=week - 1)


@dataclass(frozen=True)
class BucketShare:
    """The part of one plan bucket that falls in a week.

    `before` is the part of the bucket before the week: rounding amounts from the
    bucket's start makes its weeks add up to its rounded total, whatever weeks are
    scheduled together.
    """

    bucket: int
    before: float
    share: float


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]


@dataclass(frozen=True)
class PlanWeeks:
    """A plan as one site sees it in program weeks."""

    plan: Plan
    program_start: dt.date
    calendar: Calendar
    core_items: frozenset[str] = frozenset()

    @classmethod
    def of(cls, scenario: Scenario, plan: Plan, site_id: str) -> PlanWeeks:
        """The plan for a site of the scenario."""
        calendar = scenario.site(site_id).calendar
        core = frozenset(item.id for item in scenario.items_of_kind(ItemKind.CORE))
        return cls(plan, scenario.program.start_date, calendar, core)

    def first_day(self, week: int) -> dt.date:
        """First day of a program week (1-based)."""
        return self.program_start + dt.timedelta(weeks=week - 1)

    def bucket_of(self, week: int) -> int | None:
        """Index of the plan bucket holding the week's first day; None outside."""
        day = self.first_day(week)
        return next(
            (b.index for b in self.plan.buckets if b.start <= day <= b.end), None
        )

    def shares(self, week: int, *, open_days: bool = False) -> tuple[BucketShare, ...]:
        """The part of each plan bucket the week holds (several if they split it).

        Args:
            week: program week (1-based).
            open_days: spread over the days outside shutdowns (weekly rates such as
                core demand) rather than over working days (program units).
        """
        first = self.first_day(week)
        last = first + dt.timedelta(days=DAYS_PER_WEEK - 1)
        shares = []
        for bucket in self.plan.buckets:
            # A bucket ending before it starts (a hand-edited plan) holds no day.
            if bucket.end < max(first, bucket.start) or bucket.start > last:
                continue
            weights = self._weights(bucket, open_days=open_days)
            total = sum(weights.values())
            before = sum(w for day, w in weights.items() if day < first)
            inside = sum(w for day, w in weights.items() if first <= day <= last)
            shares.append(BucketShare(bucket.index, before / total, inside / total))
        return tuple(shares)

    def _weights(self, bucket: BucketRecord, *, open_days: bool) -> dict[dt.date, int]:
        """1 for each day of the bucket that carries its amounts, else 0."""
        days = _days(bucket.start, bucket.end)
        if open_days:
            shut = shutdown_days(self.calendar)
            weights = {day: int(day not in shut) for day in days}
        else:
            closed = closed_days(self.calendar)
            working = set(self.calendar.working_days)
            weights = {
                day: int(WEEKDAYS[day.weekday()] in working and day not in closed)
                for day in days
            }
        if not any(weights.values()):
            # A bucket the site is closed all through still has what the plan put in
            # it (a shift pattern may work weekends): spread it over every day.
            return dict.fromkeys(days, 1)
        return weights
