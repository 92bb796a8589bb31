"""The schedule's working time follows calendar exceptions, as the plan does."""

import datetime as dt

from surgeplan.scenario.sites import Calendar, ShiftPattern
from surgeplan.scheduling.site.clock import week_windows

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
