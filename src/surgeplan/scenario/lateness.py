"""How late a milestone is, measured one way by plan, checker, simulation and reports.

Deliveries are known to the bucket, not the day. A milestone is on time when its
quantity is reached by the last day of the bucket holding its due date (a due date's
week always ends a bucket, so that is the Sunday of the due week), whatever the
weekday it is due; days late run from that Sunday to the last day of the bucket it is
reached in. A milestone due on a Tuesday and reached that week is on time, 0 days late;
reached the next week, 7 days late. Where the bucket it is reached in is longer than a
week (after `program.detailed_weeks`), the day is known only to that bucket: the days
late are at most the figure given, and the reports say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

DAYS_PER_WEEK = 7


class Span(Protocol):
    """A bucket as the plan records it: its first and last day."""

    @property
    def start(self) -> dt.date:
        """First day."""
        ...

    @property
    def end(self) -> dt.date:
        """Last day."""
        ...


def days_late(reached: dt.date, due_bucket_end: dt.date) -> int:
    """Days from the end of the due bucket to the day reached (0 when on time).

    `reached` is the last day of the bucket (or week) the quantity is reached in.
    """
    return max((reached - due_bucket_end).days, 0)


def weeks_late(reached: dt.date, due_bucket_end: dt.date) -> float:
    """`days_late` in weeks, as plan.json records it."""
    return days_late(reached, due_bucket_end) / DAYS_PER_WEEK


def span_weeks(bucket: Span) -> int:
    """Whole weeks in a bucket."""
    return ((bucket.end - bucket.start).days + 1) // DAYS_PER_WEEK


def granularity_note(buckets: Sequence[Span]) -> str:
    """One sentence on how finely the plan's dates can say a milestone is late."""
    merged = [bucket for bucket in buckets if span_weeks(bucket) > 1]
    if not merged:
        return (
            "Met: the last day of the week the quantity is reached in; on time when "
            "that is the week of the due date, whatever the weekday."
        )
    return (
        "Met: the last day of the bucket the quantity is reached in (weeks until "
        f"{merged[0].start.isoformat()}, then up to "
        f"{max(span_weeks(bucket) for bucket in merged)} weeks); on time when that is "
        "the week of the due date, whatever the weekday; met in a longer bucket, the "
        "weeks late are at most those shown."
    )
