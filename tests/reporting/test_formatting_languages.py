"""Figures read in English as they always did, and in French as French readers write."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from surgeplan.i18n import Language, speaking
from surgeplan.reporting.formatting import (
    day,
    money,
    number,
    payback,
    percent,
    points,
    weeks,
)

FR = Language.FR
NNBSP = "\u202f"
amounts = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


@given(amounts, st.integers(min_value=0, max_value=3))
def test_english_numbers_are_written_as_python_writes_them(
    value: float, digits: int
) -> None:
    expected = f"{round(value, digits) or 0.0:,.{digits}f}"
    assert number(value, digits) == expected


@given(st.floats(min_value=-2, max_value=2, allow_nan=False), st.integers(0, 2))
def test_english_percentages_keep_their_spaced_sign(value: float, digits: int) -> None:
    assert percent(value, digits) == f"{value * 100:.{digits}f} %"


def test_english_money_keeps_the_currency_first_and_the_scale_after() -> None:
    assert money(107_600_000, "EUR") == "EUR 107.60 M"
    assert money(45_600, "EUR") == "EUR 45.6 k"
    assert money(789, "USD") == "USD 789"
    assert money(-2.5e9, "EUR") == "-EUR 2.50 bn"


def test_english_dates_read_day_month_year() -> None:
    assert day(dt.date(2027, 6, 5)) == "5 Jun 2027"
    assert day(dt.date(2028, 9, 24)) == "24 Sep 2028"


def test_french_numbers_group_thousands_with_a_narrow_space_and_a_decimal_comma() -> (
    None
):
    assert number(1234.5, 1, language=FR) == f"1{NNBSP}234,5"
    assert number(12_000, language=FR) == f"12{NNBSP}000"


def test_french_money_puts_the_scale_and_the_euro_after_the_figure() -> None:
    assert money(12_300_000, "EUR", language=FR) == f"12,30{NNBSP}M€"
    assert money(45_600, "EUR", language=FR) == f"45,6{NNBSP}k€"
    assert money(2.5e9, "EUR", language=FR) == f"2,50{NNBSP}Md€"
    assert money(789, "EUR", language=FR) == f"789{NNBSP}€"
    assert money(1e6, "USD", language=FR) == f"1,00{NNBSP}M$US"


def test_french_shares_dates_and_durations() -> None:
    assert percent(0.853, language=FR) == f"85{NNBSP}%"
    assert percent(0.08, 1, language=FR) == f"8,0{NNBSP}%"
    assert points(0.061, 1, language=FR) == "+6,1 pts"
    assert day(dt.date(2028, 12, 24), language=FR) == "24 déc. 2028"
    with speaking(FR):
        assert weeks(2.5) == "2,5 semaines"
        assert weeks(1) == "1 semaine"
        assert payback(3.94) == "3,9 ans"
        assert payback(None) == "pas pendant le contrat"


def test_the_language_in_force_is_the_default_of_every_figure() -> None:
    with speaking(FR):
        assert number(1234.5, 1) == f"1{NNBSP}234,5"
    assert number(1234.5, 1) == "1,234.5"
