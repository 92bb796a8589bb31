"""Gates in the simulation: each run draws when the gate passes.

The one-line plant makes 10 drones a week; the plan is made with the gate on its
date, and the simulation delays it by a drawn number of weeks.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from planning_cases import make_scenario

from surgeplan.planning import Plan, plan
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import simulate_runs
from surgeplan.risk.systematic import systematic_risks

pytestmark = pytest.mark.slow


def gated(
    kind: str, date: str, delay: dict[str, Any] | None
) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["gates"] = [
            {
                "id": "approval",
                "item": "drone",
                "kind": kind,
                "date": date,
                **({"delay_weeks": delay} if delay else {}),
            }
        ]

    return change


def fixed(weeks: float) -> dict[str, Any]:
    return {"distribution": "fixed", "value": weeks}


def planned_cumulative(result: Plan) -> np.ndarray:
    delivered = np.zeros(12)
    for record in result.deliveries:
        delivered[record.bucket] += record.units
    return np.cumsum(delivered)


def test_a_gate_passing_on_its_date_changes_nothing() -> None:
    scenario = make_scenario(gated("production", "2027-01-18", fixed(0)))
    result = plan(scenario, time_limit_s=30)

    outcomes = simulate_runs(scenario, result, 20, 7, policy=RecoveryPolicy.none())

    assert np.allclose(outcomes.cumulative[:, 0, :], planned_cumulative(result))


def test_a_production_gate_two_weeks_late_stops_the_line_two_more_weeks() -> None:
    # Planned from bucket 2; drawn 2 weeks later, the line starts in bucket 4.
    on_time = make_scenario(gated("production", "2027-01-18", None))
    result = plan(on_time, time_limit_s=30)
    late = make_scenario(gated("production", "2027-01-18", fixed(2)))

    outcomes = simulate_runs(late, result, 20, 7, policy=RecoveryPolicy.none())

    cumulative = outcomes.cumulative[:, 0, :]
    assert planned_cumulative(result)[3] == pytest.approx(20.0)
    assert np.allclose(cumulative[:, :4], 0.0)
    assert np.all(cumulative[:, 4] > 0.0)


def test_a_late_delivery_gate_releases_the_waiting_stock_when_it_passes() -> None:
    # Planned on Monday 1 February (bucket 4); drawn 1.5 weeks later, the first week
    # starting after it is bucket 6, where all that arrived by then counts at once.
    on_time = make_scenario(gated("delivery", "2027-02-01", None))
    result = plan(on_time, time_limit_s=30)
    late = make_scenario(gated("delivery", "2027-02-01", fixed(1.5)))

    outcomes = simulate_runs(late, result, 20, 7, policy=RecoveryPolicy.none())

    cumulative = outcomes.cumulative[:, 0, :]
    assert np.allclose(cumulative[:, :6], 0.0)
    assert np.allclose(cumulative[:, 6], planned_cumulative(result)[6])


def test_the_gate_date_is_drawn_per_run_from_its_distribution() -> None:
    on_time = make_scenario(gated("delivery", "2027-02-01", None))
    result = plan(on_time, time_limit_s=30)
    uniform = {"distribution": "uniform", "low": 0, "high": 4}
    late = make_scenario(gated("delivery", "2027-02-01", uniform))

    outcomes = simulate_runs(late, result, 400, 7, policy=RecoveryPolicy.none())

    # The first delivery comes in bucket 4 + ceil(delay): 4 to 8, each about a quarter
    # of the runs (bucket 4 only for a delay of exactly 0).
    first = np.argmax(outcomes.cumulative[:, 0, :] > 0, axis=1)
    counts = np.bincount(first, minlength=9)[5:9] / 400
    assert set(np.unique(first)) <= {4, 5, 6, 7, 8}
    assert np.all(np.abs(counts - 0.25) < 0.08)


def test_a_gate_with_an_uncertain_date_is_named_a_systematic_risk() -> None:
    uniform = {"distribution": "uniform", "low": 0, "high": 4}
    scenario = make_scenario(gated("delivery", "2027-02-01", uniform))

    entry = next(e for e in systematic_risks(scenario) if e.risk == "approval")

    assert entry.is_optimistic
    assert entry.expected_mean == pytest.approx(2.0, abs=1e-3)
    assert "mean 2" in entry.statement
