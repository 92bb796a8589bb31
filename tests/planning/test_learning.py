"""Learning per crew: where a site's crew starts on the curve, and forgetting."""

from typing import Any

import numpy as np
import pytest
from planning_cases import assert_plan_is_feasible, make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.planning.rules.learning import CrewCurve, crew_curve, experience_before


def forgetting(after_weeks: int, share: float) -> CrewCurve:
    return CrewCurve(0.0, 0.8, 0.1, after_weeks, share)


def test_a_long_stop_takes_away_the_forgotten_share_once() -> None:
    units = np.array([10.0, 0.0, 0.0, 0.0, 5.0, 0.0])
    before = experience_before(units, np.ones(6), forgetting(2, 0.5))
    # Ten made; after two idle weeks half is forgotten, from the next bucket on.
    assert before.tolist() == pytest.approx([0, 10, 10, 5, 5, 10])


def test_weeks_before_the_first_unit_are_not_a_stop() -> None:
    units = np.array([0.0, 0.0, 0.0, 4.0])
    curve = CrewCurve(100.0, 0.8, 0.1, 1, 1.0)
    assert experience_before(units, np.ones(4), curve).tolist() == [100] * 4


def test_without_crew_terms_the_curve_is_the_items() -> None:
    scenario = make_scenario(
        lambda data: data["items"][0].update({"prior_cumulative_units": 64})
    )
    curve = crew_curve(scenario, "drone", "chassis-plant")
    assert (curve.start_units, curve.forget_after_weeks) == (64, None)
    units = np.array([1.0, 2.0, 3.0])
    assert experience_before(units, np.ones(3), curve).tolist() == [64, 65, 67]


def first_unit_hours(result: Plan) -> float:
    first = min(
        (r for r in result.production if r.operation == "assemble" and r.units > 0),
        key=lambda r: r.bucket,
    )
    return first.hours_per_unit


@pytest.mark.slow
def test_a_new_crew_starts_at_unit_one_of_the_curve() -> None:
    def experienced_item(data: dict[str, Any]) -> None:
        # The item has 15 units of experience elsewhere: 0.8^4 of the first hours.
        data["items"][0].update({"learning_rate": 0.8, "prior_cumulative_units": 15})

    def new_crew(data: dict[str, Any]) -> None:
        experienced_item(data)
        data["sites"][0]["learning"] = [{"item": "drone", "start_units": 0}]

    seasoned = plan(make_scenario(experienced_item), time_limit_s=30)
    scenario = make_scenario(new_crew)
    fresh = plan(scenario, time_limit_s=30)

    assert first_unit_hours(seasoned) == pytest.approx(4 * 0.8**4, rel=1e-6)
    assert first_unit_hours(fresh) == pytest.approx(4.0)
    assert_plan_is_feasible(scenario, fresh)
