"""A rated program is served first by a supplier that loses capacity.

The one-line case needs all of its kit supplier's 10 kits a week: 120 drones in 12
weeks. A certain failure takes half the supplier's capacity for the whole horizon.
Unrated, the program loses half its kits and delivers 60 by the due date; rated with
the supplier's rated output at 20 a week, what is left (10) covers it entirely; at 15
a week, 7.5 kits a week are left and 90 drones are delivered.
"""

from typing import Any

import numpy as np
import pytest
from planning_cases import make_scenario

from surgeplan.planning import plan
from surgeplan.risk.priority import served_first_missed
from surgeplan.risk.simulate import simulate
from surgeplan.scenario import Scenario

pytestmark = pytest.mark.slow

HALF_FAILURE = {
    "id": "kit-half",
    "supplier": "kit-supplier",
    "kind": "failure",
    "probability_per_week": 1.0,
    "duration_weeks": {"distribution": "fixed", "value": 20},
    "capacity_loss_share": 0.5,
}


def supplied_scenario(*, priority: str, rated_capacity: float | None) -> Scenario:
    def change(data: dict[str, Any]) -> None:
        data["suppliers"][0].update(
            capacity_per_week=10, rated_capacity_per_week=rated_capacity
        )
        data["demand"]["milestones"][0].update(
            cumulative_quantity=120, priority=priority
        )
        data["risks"] = {"supplier_risks": [HALF_FAILURE]}

    return make_scenario(change)


def delivered_by_due(priority: str, rated_capacity: float | None) -> float:
    scenario = supplied_scenario(priority=priority, rated_capacity=rated_capacity)
    result = plan(scenario, time_limit_s=30)
    assert result.milestones[0].weeks_late == 0
    report = simulate(scenario, result, runs=50, seed=1)
    return report.milestones[0].delivered_by_due_mean


@pytest.mark.parametrize(
    ("priority", "rated_capacity", "expected"),
    [
        ("unrated", 20.0, 60.0),  # unrated: the rated output does not help
        ("do", None, 60.0),  # rated, but the supplier has nothing beyond our share
        ("dx", 20.0, 120.0),  # (1 - 0.5) x 20 = 10 a week: nothing lost
        ("do", 15.0, 90.0),  # (1 - 0.5) x 15 = 7.5 a week: a quarter lost
    ],
)
def test_a_supplier_losing_capacity_cuts_a_rated_program_only_beyond_its_rated_output(
    priority: str, rated_capacity: float | None, expected: float
) -> None:
    assert delivered_by_due(priority, rated_capacity) == pytest.approx(
        expected, abs=1e-3
    )


def test_served_first_leaves_what_the_rated_output_still_covers() -> None:
    missed = np.array([0.0, 0.25, 0.5, 1.0])

    assert served_first_missed(missed, 2.0) == pytest.approx([0.0, 0.0, 0.0, 1.0])
    assert served_first_missed(missed, 1.5) == pytest.approx([0.0, 0.0, 0.25, 1.0])
