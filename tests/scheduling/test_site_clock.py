"""The schedule's working time follows calendar exceptions, as the plan does."""

import datetime as dt

from surgeplan.scenario.calendar import Bucket, shift_hours_by_bucket
from surgeplan.scenario.sites import Calendar, ShiftPattern, Site, WorkCenter
from surgeplan.scheduling.site.clock import week_windows
from surgeplan.scheduling.site.work_centers import work_center_weeks

MONDAY = dt.date(2027, 1, 4)
HOLIDAY = dt.date(2027, 1, 6)
ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def test_a_24_7_pattern_that_runs_through_holidays_has_seven_working_days() -> None:
    calendar = Calendar(public_holidays=[HOLIDAY])
    stopping = ShiftPattern(id="24-7", shifts_per_day=3, working_days=ALL_DAYS)
    running = stopping.model_copy(update={"runs_through_holidays": True})

    assert len(week_windows(calendar, stopping, MONDAY, 0)) == 6
    assert len(week_windows(calendar, running, MONDAY, 0)) == 7


def test_an_exception_opens_the_holiday_for_its_work_center_only() -> None:
    calendar = Calendar.model_validate(
        {
            "public_holidays": [HOLIDAY],
            "exceptions": [{"date": HOLIDAY, "work_center": "paint"}],
        }
    )
    assert len(week_windows(calendar, None, MONDAY, 0, "paint")) == 5
    assert len(week_windows(calendar, None, MONDAY, 0, "press")) == 4


def test_the_schedule_works_the_hours_the_plan_counts_in_every_week() -> None:
    calendar = Calendar.model_validate(
        {
            "public_holidays": [HOLIDAY],
            "shutdowns": [
                {"start_date": dt.date(2027, 1, 18), "end_date": dt.date(2027, 1, 20)}
            ],
            "exceptions": [{"date": dt.date(2027, 1, 9), "work_center": "paint"}],
        }
    )
    patterns = [
        None,
        ShiftPattern(id="2x8", shifts_per_day=2),
        ShiftPattern(
            id="sat", shifts_per_day=1, hours_per_shift=10, working_days=["sat"]
        ),
        ShiftPattern(
            id="24-7",
            shifts_per_day=3,
            working_days=ALL_DAYS,
            runs_through_holidays=True,
        ),
    ]
    weeks = [
        Bucket(
            index,
            MONDAY + dt.timedelta(weeks=index),
            MONDAY + dt.timedelta(weeks=index, days=6),
        )
        for index in range(3)
    ]
    for pattern in patterns:
        planned_h = shift_hours_by_bucket(calendar, pattern, weeks, "paint")
        for week in weeks:
            spans = week_windows(calendar, pattern, week.start, 0, "paint")
            scheduled_h = sum(end - start for start, end in spans) / 3600

            assert scheduled_h == planned_h[week.index]


def test_without_a_plan_a_work_center_runs_the_pattern_the_planner_starts_it_on() -> (
    None
):
    two_shifts = ShiftPattern(id="2x8", shifts_per_day=2)
    center = WorkCenter(
        id="paint",
        stations=1,
        shift_patterns=[two_shifts, ShiftPattern(id="3x8", shifts_per_day=3)],
    )
    site = Site(id="plant", country="DE", network_zone="ot", work_centers=[center])

    weeks = work_center_weeks(site, center, None, range(2), range(3), [])

    assert weeks.pattern_ids == ("2x8", "2x8", "2x8")
    assert weeks.patterns == (two_shifts, two_shifts, two_shifts)
