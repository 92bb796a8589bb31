"""The plan's buckets as the time axis of a chart: their dates, lengths and names.

A plan made with `detailed_weeks` has weekly buckets first and longer ones later. A
chart of an amount per bucket would jump fourfold where four weeks become one bucket,
so such a plan's flows are shown as rates per week; a plan whose buckets are each one
period of its time bucket shows amounts per period, as it always has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import BucketRecord

DAYS_PER_WEEK = 7
MS_PER_DAY = 86_400_000
# Share of a period its bars take; the rest is the gap that tells periods apart.
BAR_SHARE = 0.8
# Days one period of each time bucket lasts (a month: any calendar month).
PERIOD_DAYS = {"day": (1, 1), "week": (7, 7), "month": (28, 31)}


def per_period(unit: str) -> str:
    """'{value} per week' (or day, month), to format with a figure."""
    return {
        "day": gettext("{value} per day"),
        "week": gettext("{value} per week"),
        "month": gettext("{value} per month"),
    }.get(unit, "{value} per " + unit)


def made_per_period(unit: str) -> str:
    """'{value} made per week' (or day, month), to format with a figure."""
    return {
        "day": gettext("{value} made per day"),
        "week": gettext("{value} made per week"),
        "month": gettext("{value} made per month"),
    }.get(unit, "{value} made per " + unit)


def merged_note() -> str:
    """Caption sentence of a chart of flows when the plan merges weeks."""
    return " " + gettext(
        "The plan is weekly at first, then in periods of several weeks: each period "
        "shows its amount per week."
    )


def _days(bucket: BucketRecord) -> int:
    return (bucket.end - bucket.start).days + 1


@dataclass(frozen=True)
class Periods:
    """The plan's buckets in time order, and how charts should plot amounts by them.

    `is_merged` says whether some bucket is longer than one period of the plan's time
    bucket (a plan with `detailed_weeks`); then flows are shown per week.
    """

    buckets: tuple[BucketRecord, ...]
    time_bucket: str
    is_merged: bool

    @classmethod
    def of(cls, plan: Plan) -> Periods:
        """The periods of a plan."""
        buckets = tuple(sorted(plan.buckets, key=lambda bucket: bucket.index))
        shortest, longest = PERIOD_DAYS.get(plan.time_bucket, (0, 0))
        is_merged = any(not shortest <= _days(bucket) <= longest for bucket in buckets)
        return cls(buckets, plan.time_bucket, is_merged)

    @property
    def rate_unit(self) -> str:
        """What a flow is shown per: the plan's period, or a week if merged."""
        return "week" if self.is_merged else self.time_bucket

    @property
    def x_title(self) -> str:
        """Title of a date axis whose points are the periods' first days."""
        if self.is_merged:
            return gettext("period starting")
        return {
            "day": gettext("day starting"),
            "week": gettext("week starting"),
            "month": gettext("month starting"),
        }.get(self.time_bucket, f"{self.time_bucket} starting")

    @property
    def longest_weeks(self) -> float:
        """Length in weeks of the longest period."""
        return max((_days(bucket) for bucket in self.buckets), default=0) / 7

    @property
    def weekly_lead(self) -> int:
        """How many one-week periods the plan starts with."""
        count = 0
        for bucket in self.buckets:
            if _days(bucket) != DAYS_PER_WEEK:
                break
            count += 1
        return count

    def starts(self) -> list[str]:
        """Each period's first day."""
        return [bucket.start.isoformat() for bucket in self.buckets]

    def ends(self) -> list[str]:
        """Each period's last day."""
        return [bucket.end.isoformat() for bucket in self.buckets]

    def edges(self) -> list[str]:
        """Each period's first day, then the day after the last: one more than periods.

        A step line (`shape: "hv"`) through these draws the last period over its whole
        length too; a heatmap reads them as the cells' edges.
        """
        if not self.buckets:
            return []
        after = self.buckets[-1].end + dt.timedelta(days=1)
        return [*self.starts(), after.isoformat()]

    def labels(self) -> list[str]:
        """Each period as 'first day to last day', for hover text (ISO dates)."""
        return [
            gettext("{start} to {end}").format(start=bucket.start, end=bucket.end)
            for bucket in self.buckets
        ]

    def amounts(self, by_bucket: Mapping[int, float]) -> list[float]:
        """Amount in each period (0 where none)."""
        return [by_bucket.get(bucket.index, 0.0) for bucket in self.buckets]

    def rates(self, by_bucket: Mapping[int, float]) -> list[float]:
        """A flow in each period per `rate_unit`: per week if periods are merged."""
        if not self.is_merged:
            return self.amounts(by_bucket)
        return [
            by_bucket.get(bucket.index, 0.0) * DAYS_PER_WEEK / _days(bucket)
            for bucket in self.buckets
        ]

    def step_rates(self, by_bucket: Mapping[int, float]) -> list[float]:
        """`rates`, with the last repeated to end a step line at `edges`' last day."""
        values = self.rates(by_bucket)
        return [*values, values[-1]] if values else []

    def cumulative(self, by_bucket: Mapping[int, float]) -> list[float]:
        """Amount to date at the end of each period."""
        return list(accumulate(self.amounts(by_bucket)))

    def bar_placement(
        self, slot: int, slots: int, filled: float = BAR_SHARE
    ) -> dict[str, Any]:
        """Plotly bar `x`, `offset` and `width` that fill slot `slot` of `slots`.

        Each bar spans its share of its period's days, however long the period:
        Plotly would size every date bar by the two closest points (a week), and draw
        a four-week period as a one-week bar.
        """
        share = filled / max(1, slots)
        gap = (1 - filled) / 2
        lengths_ms = [_days(bucket) * MS_PER_DAY for bucket in self.buckets]
        return {
            "x": self.starts(),
            "offset": [length * (gap + slot * share) for length in lengths_ms],
            "width": [length * share for length in lengths_ms],
        }
