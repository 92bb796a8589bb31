"""Plan buckets: weeks first, merged buckets later, a due week always ending one."""

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from typing import Any

from surgeplan.scenario.calendar import Bucket, plan_buckets, ready_buckets
from surgeplan.scenario.program import Program

START = dt.date(2027, 1, 4)


def program(**fields: Any) -> Program:
    return Program(
        name="p", start_date=START, horizon_buckets=20, product="x", **fields
    )


def week_spans(buckets: Sequence[Bucket]) -> list[tuple[int, int]]:
    return [((b.start - START).days // 7, (b.end - START).days // 7) for b in buckets]


def test_without_detail_every_bucket_is_a_week() -> None:
    buckets = plan_buckets(program(), [START + dt.timedelta(weeks=9)])
    assert week_spans(buckets) == [(week, week) for week in range(20)]


def test_after_the_detailed_weeks_buckets_merge_and_a_due_week_ends_one() -> None:
    due = START + dt.timedelta(weeks=10, days=3)  # a Thursday in week 10
    buckets = plan_buckets(program(detailed_weeks=4), [due])
    assert week_spans(buckets) == [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 3),
        (4, 7),
        (8, 10),
        (11, 14),
        (15, 18),
        (19, 19),
    ]
    assert [b.index for b in buckets] == list(range(len(buckets)))
    assert all(
        later.start == earlier.end + dt.timedelta(days=1)
        for earlier, later in itertools.pairwise(buckets)
    )


def test_a_lead_time_is_never_shortened_and_uniform_weeks_shift_by_whole_weeks() -> (
    None
):
    weekly = plan_buckets(program(), [])
    assert list(ready_buckets(2, weekly, program())) == [
        min(b + 2, 20) for b in range(20)
    ]
    merged_program = program(detailed_weeks=4, coarse_bucket_weeks=4)
    merged = plan_buckets(merged_program, [])
    for lead_weeks in (0, 0.5, 1, 2, 3.5, 6, 30):
        ready = ready_buckets(lead_weeks, merged, merged_program)
        for bucket, arrival in zip(merged, ready, strict=True):
            earliest = bucket.start + dt.timedelta(days=math.ceil(lead_weeks * 7))
            starts_after = [b.index for b in merged if b.start >= earliest]
            assert arrival == (starts_after[0] if starts_after else len(merged))
