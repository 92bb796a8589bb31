"""Ramp measures, checked by hand on the published record of one program."""

from __future__ import annotations

import datetime as dt

import pytest

from surgeplan.realism.measures import (
    RatePoint,
    crossing_date,
    rates_from_cumulative,
    weeks_to_share_of_rate,
)
from surgeplan.realism.precedents import measures_of
from surgeplan.realism.reference import load_reference_class

D = dt.date


def test_rates_between_cumulative_counts_sit_at_the_middle_of_their_interval() -> None:
    points = rates_from_cumulative(D(2020, 1, 1), [(D(2020, 1, 15), 140.0)])

    assert points == [RatePoint(D(2020, 1, 8), 70.0)]


def test_a_crossing_is_interpolated_between_two_rates() -> None:
    points = [RatePoint(D(2020, 1, 1), 0.0), RatePoint(D(2020, 1, 11), 100.0)]

    assert crossing_date(points, 50.0) == D(2020, 1, 6)
    assert crossing_date(points, 101.0) is None
    assert weeks_to_share_of_rate(points, D(2020, 1, 1), 100.0, 0.7) == 1.0


def test_the_gm_ventec_ramp_measured_by_hand() -> None:
    program = next(
        p for p in load_reference_class().programs if p.id == "gm-ventec-2020"
    )

    measures = measures_of(program)

    # First calls 17 March, mass production 14 April: 28 days.
    assert measures.weeks_to_first_unit == 4.0
    # The last interval (20,000 on 12 August to 30,000 on 31 August) is the fastest:
    # 10,000 units in 19 days.
    assert measures.final_rate_per_week == pytest.approx(10_000 / (19 / 7))
    # 50 % of it (1,842 a week) lies between 1,750 a week at 9 July (17,000 units
    # from 5 June to 12 August) and 3,684 at 21 August: 2 days after 9 July, 88
    # days after the first unit.
    assert measures.weeks_to_half_rate == pytest.approx(88 / 7)
    assert measures.milestones_met == 1
    assert measures.milestones_counted == 2
    assert measures.milestones_met_share == 0.5


def test_an_existing_line_is_timed_from_its_decision_at_its_prior_rate() -> None:
    program = next(
        p for p in load_reference_class().programs if p.id == "us-155mm-2022"
    )

    measures = measures_of(program)

    assert measures.weeks_to_first_unit is None
    assert measures.final_rate_multiple == pytest.approx(9195 / 3333)
    assert measures.milestones_met_share == 0.0
