"""Calendar exceptions: a line that works on a public holiday or a day off."""

import datetime as dt

import pytest

from surgeplan.scenario.calendar import Bucket, shift_hours_by_bucket
from surgeplan.scenario.sites import Calendar, ShiftPattern

# Monday 4 January 2027 to Sunday 10 January; Wednesday the 6th is a holiday.
WEEK = [Bucket(0, dt.date(2027, 1, 4), dt.date(2027, 1, 10))]
HOLIDAY = dt.date(2027, 1, 6)
ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def around_the_clock(**terms: object) -> ShiftPattern:
    return ShiftPattern.model_validate(
        {"id": "24-7", "shifts_per_day": 3, "working_days": ALL_DAYS, **terms}
    )


def test_a_public_holiday_stops_a_24_7_pattern_by_default() -> None:
    calendar = Calendar(public_holidays=[HOLIDAY])
    hours = shift_hours_by_bucket(calendar, around_the_clock(), WEEK)
    assert hours[0] == pytest.approx(6 * 24)


def test_a_24_7_pattern_that_runs_through_holidays_works_all_168_hours() -> None:
    calendar = Calendar(public_holidays=[HOLIDAY])
    pattern = around_the_clock(runs_through_holidays=True)
    assert shift_hours_by_bucket(calendar, pattern, WEEK)[0] == pytest.approx(168)


def test_running_through_holidays_does_not_open_a_shutdown() -> None:
    calendar = Calendar.model_validate(
        {
            "public_holidays": [HOLIDAY],
            "shutdowns": [{"start_date": HOLIDAY, "end_date": HOLIDAY}],
        }
    )
    pattern = around_the_clock(runs_through_holidays=True)
    assert shift_hours_by_bucket(calendar, pattern, WEEK)[0] == pytest.approx(144)


def test_an_exception_opens_a_holiday_for_its_work_center_only() -> None:
    calendar = Calendar.model_validate(
        {
            "shifts_per_day": 2,
            "public_holidays": [HOLIDAY],
            "exceptions": [{"date": HOLIDAY, "work_center": "paint"}],
        }
    )
    # Monday to Friday, two shifts of 8 h: 4 days open, 5 with the exception.
    assert shift_hours_by_bucket(calendar, None, WEEK, "paint")[0] == pytest.approx(80)
    assert shift_hours_by_bucket(calendar, None, WEEK, "press")[0] == pytest.approx(64)


def test_a_site_wide_exception_opens_a_saturday_with_the_patterns_shifts() -> None:
    calendar = Calendar.model_validate(
        {"shifts_per_day": 1, "exceptions": [{"date": dt.date(2027, 1, 9)}]}
    )
    pattern = ShiftPattern(id="2x8", shifts_per_day=2)
    assert shift_hours_by_bucket(calendar, pattern, WEEK, "any")[0] == pytest.approx(
        6 * 16
    )
