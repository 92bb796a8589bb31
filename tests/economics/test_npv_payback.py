import pytest

from surgeplan.economics import npv, payback_years


def test_npv_of_one_flow_at_the_end_of_year_one() -> None:
    assert npv(0.10, [110.0]) == pytest.approx(100.0)


def test_npv_at_zero_rate_is_the_plain_sum() -> None:
    assert npv(0.0, [-100.0, 60.0, 60.0]) == pytest.approx(20.0)


def test_payback_interpolates_within_the_year() -> None:
    assert payback_years([-100.0, 50.0, 100.0]) == pytest.approx(2.5)


def test_payback_is_zero_when_cash_is_never_needed() -> None:
    assert payback_years([10.0, 10.0]) == 0.0


def test_payback_is_none_when_never_recovered() -> None:
    assert payback_years([-100.0, 50.0, 40.0]) is None


def test_payback_waits_until_cash_stays_positive() -> None:
    assert payback_years([-100.0, 150.0, -100.0, 100.0]) == pytest.approx(3.5)
