"""Measures of a ramp-up that compare across products, for records and plans alike.

A ramp is a series of output rates over time (units a week). Its measures:

- weeks from the decision to the first unit;
- weeks to 50 % and to 90 % of its final rate, counted from the first unit for a new
  product or line, from the decision for an existing line pushed to more output (it
  had output on day one);
- its final rate, and that rate as a multiple of the rate before the surge;
- the learning rate (unit time or hours ratio per doubling of cumulative output);
- the share of its first schedule's milestones met.

Rates between published figures are interpolated linearly: the published record is
sparse (a handful of dates per program), so a crossing is dated to the week at best.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class RatePoint:
    """Output rate at a date, in units a week."""

    date: dt.date
    units_per_week: float


@dataclass(frozen=True)
class RampMeasures:
    """The comparable measures of one ramp; None where the data cannot say."""

    weeks_to_first_unit: float | None
    weeks_to_half_rate: float | None
    weeks_to_ninety_rate: float | None
    final_rate_per_week: float | None
    final_rate_multiple: float | None
    learning_rate: float | None
    milestones_met: int
    milestones_counted: int

    @property
    def milestones_met_share(self) -> float | None:
        """Share of the first schedule's milestones met; None without a schedule."""
        if not self.milestones_counted:
            return None
        return self.milestones_met / self.milestones_counted


def weeks_between(start: dt.date, end: dt.date) -> float:
    """Weeks from one date to another (negative if `end` comes first)."""
    return (end - start).days / DAYS_PER_WEEK


def rates_from_cumulative(
    start: dt.date, counts: Sequence[tuple[dt.date, float]]
) -> list[RatePoint]:
    """Rates between cumulative counts, each at the middle of its interval.

    The count is zero at `start` (the first unit, or the decision). An interval of
    no days (two figures on one date) gives no rate.
    """
    points: list[RatePoint] = []
    previous_date, previous_count = start, 0.0
    for date, count in sorted(counts):
        weeks = weeks_between(previous_date, date)
        if weeks > 0:
            middle = previous_date + (date - previous_date) / 2
            points.append(RatePoint(middle, (count - previous_count) / weeks))
        previous_date, previous_count = date, count
    return points


def crossing_date(points: Sequence[RatePoint], threshold: float) -> dt.date | None:
    """The first date the rate reaches `threshold`, interpolating between points."""
    ordered = sorted(points, key=lambda point: point.date)
    for before, after in itertools.pairwise(ordered):
        if before.units_per_week >= threshold:
            return before.date
        if after.units_per_week >= threshold:
            rise = after.units_per_week - before.units_per_week
            share = (threshold - before.units_per_week) / rise
            return before.date + (after.date - before.date) * share
    if ordered and ordered[-1].units_per_week >= threshold:
        return ordered[-1].date
    return None


def weeks_to_share_of_rate(
    points: Sequence[RatePoint], origin: dt.date, final_rate: float, share: float
) -> float | None:
    """Weeks from `origin` until the rate first reaches `share` of `final_rate`."""
    if final_rate <= 0:
        return None
    reached = crossing_date(points, share * final_rate)
    return None if reached is None else max(0.0, weeks_between(origin, reached))
