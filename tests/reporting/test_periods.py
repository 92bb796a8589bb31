import datetime as dt

import pytest
from plan_fixtures import make_plan, make_scenario

from surgeplan.planning.results.records import BucketRecord
from surgeplan.reporting.periods import Periods

MS_PER_DAY = 86_400_000


def buckets_of(start: dt.date, lengths_days: list[int]) -> list[BucketRecord]:
    buckets = []
    for index, days in enumerate(lengths_days):
        end = start + dt.timedelta(days=days - 1)
        buckets.append(BucketRecord(index=index, start=start, end=end))
        start = end + dt.timedelta(days=1)
    return buckets


def periods_of(time_bucket: str, lengths_days: list[int]) -> Periods:
    plan = make_plan(make_scenario()).model_copy(
        update={
            "time_bucket": time_bucket,
            "buckets": buckets_of(dt.date(2027, 1, 4), lengths_days),
        }
    )
    return Periods.of(plan)


def test_a_weekly_plan_shows_amounts_per_week_starting() -> None:
    periods = periods_of("week", [7, 7, 7])

    assert not periods.is_merged
    assert periods.x_title == "week starting"
    assert periods.rates({0: 5.0, 2: 7.0}) == [5.0, 0.0, 7.0]


def test_a_monthly_plan_keeps_its_months_though_they_differ_in_days() -> None:
    periods = periods_of("month", [31, 28, 31, 30])

    assert not periods.is_merged
    assert periods.x_title == "month starting"
    assert periods.rate_unit == "month"
    assert periods.rates({1: 28.0}) == [0.0, 28.0, 0.0, 0.0]


def test_merged_weeks_show_flows_per_week_of_their_period() -> None:
    periods = periods_of("week", [7, 7, 28, 14])

    assert periods.is_merged
    assert periods.x_title == "period starting"
    assert periods.rate_unit == "week"
    assert periods.weekly_lead == 2
    assert periods.longest_weeks == 4
    assert periods.rates({1: 10.0, 2: 40.0, 3: 20.0}) == [0.0, 10.0, 10.0, 10.0]
    assert periods.step_rates({3: 20.0})[-2:] == [10.0, 10.0]
    assert periods.edges()[-1] == "2027-03-01"
    assert periods.cumulative({1: 10.0, 2: 40.0}) == [0.0, 10.0, 50.0, 50.0]


@pytest.mark.parametrize("slot", [0, 1, 2])
def test_bars_of_each_slot_stay_inside_their_period(slot: int) -> None:
    periods = periods_of("week", [7, 28])

    placement = periods.bar_placement(slot, 3)

    for bucket, x, offset, width in zip(
        periods.buckets,
        placement["x"],
        placement["offset"],
        placement["width"],
        strict=True,
    ):
        left = dt.date.fromisoformat(x).toordinal() * MS_PER_DAY + offset
        assert bucket.start.toordinal() * MS_PER_DAY <= left
        assert left + width <= (bucket.end.toordinal() + 1) * MS_PER_DAY
    assert placement["width"][1] == pytest.approx(4 * placement["width"][0])
