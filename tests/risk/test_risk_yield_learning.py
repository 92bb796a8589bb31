"""First-pass yield learned with volume, in the simulation.

The line case makes 10 widgets a week; its one operation passes half the units at
the start (first_pass_yield 0.5) and learns towards 1.0, closing half the gap every
10 units: after b weeks of the plan (10 b units) the yield is 1 - 0.5 ** (1 + b), and
an hour of the line makes 2 y good units where the plan counted 1 (at 0.5). A gate
two weeks late stops the line in weeks 0-1 (backlog 20); the learned yields then let
it make 20 y a week: 17.5 in week 2, 18.75 in week 3, the rest of the backlog in
week 4. Shipped the next week, the cumulative deliveries at weeks 3, 4, 5 are 17.5,
36.25 and 50 (the plan's). Without yield learning the backlog stays: 30 at week 5.
"""

import numpy as np
import pytest
from risk_cases import START, line_plan, line_scenario_data

from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import prepare, simulate_runs
from surgeplan.risk.yield_learning import hours_ratio
from surgeplan.scenario import Scenario

BACKLOG_ONLY = RecoveryPolicy(use_spare_capacity=False, move_production=False)


def scenario_with(*, learns: bool) -> Scenario:
    data = line_scenario_data()
    operation = data["items"][0]["routing"][0]
    operation["first_pass_yield"] = 0.5
    if learns:
        operation["yield_learning"] = {
            "final_first_pass_yield": 1.0,
            "units_to_half_gap": 10,
        }
    data["gates"] = [
        {
            "id": "approval",
            "kind": "production",
            "item": "widget",
            "date": START.isoformat(),
            "delay_weeks": {"distribution": "fixed", "value": 2},
        }
    ]
    return Scenario.model_validate(data)


def test_hours_per_good_unit_fall_as_the_yield_closes_its_gap() -> None:
    item = scenario_with(learns=True).item("widget")

    ratio = hours_ratio(item, np.array([10.0, 10.0, 10.0]))

    # Yields 0.5, 0.75, 0.875 after 0, 10, 20 units: hours per good unit 2, 4/3, 8/7.
    assert ratio == pytest.approx([1.0, 2 / 3, 4 / 7])


def test_a_yield_below_its_start_is_refused() -> None:
    data = line_scenario_data()
    operation = data["items"][0]["routing"][0]
    operation["first_pass_yield"] = 0.9
    operation["yield_learning"] = {
        "final_first_pass_yield": 0.8,
        "units_to_half_gap": 5,
    }

    with pytest.raises(ValueError, match="yield learns upwards"):
        Scenario.model_validate(data)


def test_learned_yields_let_a_late_line_catch_up() -> None:
    learning = scenario_with(learns=True)
    plan = line_plan(learning, {"plant": [10.0] * 20})

    outcomes = simulate_runs(learning, plan, 10, 7, policy=BACKLOG_ONLY)

    delivered = outcomes.cumulative[0, 0, :]
    assert delivered[2] == pytest.approx(0.0)
    assert delivered[3:6] == pytest.approx([17.5, 36.25, 50.0])


def test_without_yield_learning_the_backlog_stays() -> None:
    fixed = scenario_with(learns=False)
    plan = line_plan(fixed, {"plant": [10.0] * 20})

    outcomes = simulate_runs(fixed, plan, 10, 7, policy=BACKLOG_ONLY)

    assert outcomes.cumulative[0, 0, 5] == pytest.approx(30.0)


def test_the_learned_yields_are_named_among_the_risks() -> None:
    learning = scenario_with(learns=True)
    plan = line_plan(learning, {"plant": [10.0] * 20})

    model = prepare(learning, plan, policy=BACKLOG_ONLY, seed=7)

    assert [t.risk.id for t in model.targets] == [
        "approval",
        "yield learning of widget",
    ]


def test_a_final_yield_below_one_tends_to_its_share_of_the_start_hours() -> None:
    data = line_scenario_data()
    operation = data["items"][0]["routing"][0]
    operation["first_pass_yield"] = 0.5
    operation["yield_learning"] = {
        "final_first_pass_yield": 0.9,
        "units_to_half_gap": 1,
    }
    scenario = Scenario.model_validate(data)
    plan = line_plan(scenario, {"plant": [10.0] * 20})

    model = prepare(scenario, plan, policy=BACKLOG_ONLY, seed=7)

    (targets,) = model.targets
    ((_, ratio),) = targets.ratios
    # Hours per good unit tend to 1 / 0.9 from 1 / 0.5.
    assert ratio[0] == 1.0
    assert ratio[-1] == pytest.approx(0.5 / 0.9)
