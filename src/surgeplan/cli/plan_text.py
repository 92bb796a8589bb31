"""Words and numbers of the plan summary: dates of buckets, units, money, lateness."""

from __future__ import annotations

import datetime as dt

from rich import box
from rich.table import Table
from rich.text import Text

from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import MilestoneRecord

SMALLEST_SHOWN = 0.01


class BucketDates:
    """A plan's buckets by index: first and last day, and length in weeks."""

    def __init__(self, plan: Plan) -> None:
        self._by_index = {bucket.index: bucket for bucket in plan.buckets}

    def start(self, index: int) -> dt.date | None:
        """First day of a bucket (None outside the plan)."""
        bucket = self._by_index.get(index)
        return bucket.start if bucket is not None else None

    def weeks(self, index: int) -> float:
        """Length of a bucket in weeks (a 30-day month holds 30/7 weeks)."""
        bucket = self._by_index.get(index)
        if bucket is None:
            return 1.0
        return ((bucket.end - bucket.start).days + 1) / 7

    def start_text(self, index: int) -> str:
        """`2027-01-04`, or the bare index if the plan has no such bucket."""
        day = self.start(index)
        return day.isoformat() if day is not None else f"bucket {index}"

    def end_text(self, index: int) -> str:
        """Last day of a bucket, `2027-01-10`, or the bare index if there is none."""
        bucket = self._by_index.get(index)
        return bucket.end.isoformat() if bucket is not None else f"bucket {index}"

    @property
    def total_weeks(self) -> float:
        """Length of the horizon in weeks."""
        return sum(self.weeks(index) for index in self._by_index)


def plain(value: object) -> Text:
    """User text (ids, names) that Rich must never read as markup."""
    return Text(str(value))


def units(value: float) -> str:
    """`1,250`: units are shown whole (the plan's files keep their fractions)."""
    return f"{round(value):,}"


def amount(value: float) -> str:
    """`4`, `4.3`: a count that may be fractional, such as weeks."""
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def hours(value: float) -> str:
    """Hours, rounded to the hour."""
    return f"{value:,.0f}"


def money(amount: float, currency: str) -> str:
    """`EUR 1,234,567`."""
    return f"{currency} {amount:,.0f}"


def significant(value: float) -> str:
    """Three significant digits for small numbers, thousands separators for large."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if value == 0:
        return "0"
    if abs(value) < SMALLEST_SHOWN:
        # An exponent (`6.23e-05`) reads as noise in a table people scan.
        return f"< {SMALLEST_SHOWN}" if value > 0 else f"> -{SMALLEST_SHOWN}"
    return f"{value:.3g}"


def plural(count: float, word: str) -> str:
    """`1 week`, `3 weeks`, `4.3 weeks`."""
    text = amount(count)
    return f"{text} {word}" if text == "1" else f"{text} {word}s"


def lateness(record: MilestoneRecord) -> str:
    """`on time`, `3 weeks late` or `not within horizon`."""
    if record.met_bucket is None or record.weeks_late is None:
        return "not within horizon"
    if record.weeks_late <= 1e-9:
        return "on time"
    return f"{plural(record.weeks_late, 'week')} late"


def is_on_time(record: MilestoneRecord) -> bool:
    """Whether the milestone is met by its due date."""
    return record.weeks_late is not None and record.weeks_late <= 1e-9


def new_table(title: str, caption: str | None = None) -> Table:
    """A summary table: light rules, title and caption on the left."""
    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        caption=caption,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )
