"""Contract years: which plan buckets fall in which year, and the time after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from surgeplan.planning.results.records import BucketRecord

DAYS_PER_YEAR = 365.25
QUARTER_DAYS = 91


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class ContractYear:
    """Year `number` of the contract, and how much of it lies after the plan."""

    number: int
    start: dt.date
    end: dt.date
    post_horizon_share: float

    @property
    def days(self) -> int:
        """Calendar days in the year."""
        return (self.end - self.start).days + 1


def contract_years(
    start: dt.date, years: int, buckets: list[BucketRecord]
) -> list[ContractYear]:
    """The contract's years from the plan's first day.

    There are at least as many years as the plan covers, even when the plan runs past
    the contract.
    """
    horizon_end = buckets[-1].end if buckets else start - dt.timedelta(days=1)
    count = years
    while add_years(start, count) <= horizon_end:
        count += 1
    result: list[ContractYear] = []
    for index in range(count):
        year_start = add_years(start, index)
        year_end = add_years(start, index + 1) - dt.timedelta(days=1)
        first_after = max(year_start, horizon_end + dt.timedelta(days=1))
        post_days = max(0, (year_end - first_after).days + 1)
        days = (year_end - year_start).days + 1
        result.append(ContractYear(index + 1, year_start, year_end, post_days / days))
    return result


def year_of_buckets(
    years: list[ContractYear], buckets: list[BucketRecord]
) -> dict[int, int]:
    """Bucket index -> position in `years` of the year its first day falls in."""
    result: dict[int, int] = {}
    position = 0
    for bucket in sorted(buckets, key=lambda record: record.start):
        while position + 1 < len(years) and bucket.start > years[position].end:
            position += 1
        result[bucket.index] = position
    return result


def year_shares_of_buckets(
    years: list[ContractYear], buckets: list[BucketRecord]
) -> dict[int, list[tuple[int, float]]]:
    """Bucket index -> (position in `years`, share of the bucket's days in it).

    A bucket that spans the end of a year counts in both years by its days: a plan's
    four-week bucket would otherwise put up to four weeks in the wrong year.
    """
    result: dict[int, list[tuple[int, float]]] = {}
    for bucket in buckets:
        days = (bucket.end - bucket.start).days + 1
        shares = []
        for position, year in enumerate(years):
            first, last = max(bucket.start, year.start), min(bucket.end, year.end)
            overlap = (last - first).days + 1
            if overlap > 0:
                shares.append((position, overlap / days))
        result[bucket.index] = shares or [(len(years) - 1, 1.0)]
    return result


def last_quarter(buckets: list[BucketRecord]) -> tuple[list[int], int]:
    """The trailing buckets covering at least 91 days (or all), and their days."""
    chosen: list[int] = []
    days = 0
    for bucket in sorted(buckets, key=lambda record: record.start, reverse=True):
        chosen.append(bucket.index)
        days += (bucket.end - bucket.start).days + 1
        if days >= QUARTER_DAYS:
            break
    return chosen, days
