"""The simulation follows plans that use the workforce terms and calendar exceptions."""

import copy

import numpy as np
import pytest
from test_risk_reproduces_plan import EXAMPLE_RISKS, _assert_plan_reproduced

from surgeplan.planning import plan as make_plan
from surgeplan.planning.checking.checker import check_plan
from surgeplan.risk.parameters import Variant
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.simulate import prepare, simulate
from surgeplan.risk.targets import learning_targets
from surgeplan.scenario import Scenario, load_scenario

pytestmark = pytest.mark.slow


def with_every_term() -> Scenario:
    """The minimal example with each new term used once."""
    scenario = load_scenario("examples/minimal.yaml")
    data = scenario.model_dump(mode="json")
    plant = data["sites"][0]
    plant["calendar"]["public_holidays"] = ["2027-04-05", "2027-05-13"]
    plant["calendar"]["exceptions"] = [{"date": "2027-05-13"}]
    plant["work_centers"][0]["shift_patterns"] = [
        {"id": "2x8", "shifts_per_day": 2},
        {
            "id": "24-7",
            "shifts_per_day": 3,
            "working_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "runs_through_holidays": True,
            "crew_skill": "assembler",
            "crew_people": 30,
        },
    ]
    plant["work_centers"][0]["initial_shift_pattern"] = "2x8"
    # More stations and a larger order, so that people bind rather than stations.
    plant["work_centers"][0]["stations"] = 6
    data["demand"]["milestones"][1]["cumulative_quantity"] = 1500
    data["demand"]["milestones"][1]["due_date"] = "2027-04-02"
    plant["workforce"][0].update(
        {
            "attrition_share_per_week": 0.01,
            "training_cost_per_trainee": 3000,
            "hires_per_week_max": 4,
            "hires_max_total": 3,
            "hires_per_week_ramp": 1,
            "recruiting_lead_time_weeks": 2,
            "part_time_share": 0.2,
            "volunteer_share": 0.05,
        }
    )
    # The item has been made elsewhere; the plant's new crew starts at unit 1.
    data["items"][0]["prior_cumulative_units"] = 50
    plant["learning"] = [
        {
            "item": "widget",
            "start_units": 0,
            "forget_after_weeks": 3,
            "forgotten_share": 0.3,
        }
    ]
    partner = copy.deepcopy(plant)
    partner.update({"id": "partner", "network_zone": "partner-ot", "learning": []})
    partner["work_centers"] = []
    partner["calendar"] = {}
    partner["workforce"][0].update({"initially_qualified": 20, "volunteer_share": 0.1})
    data["sites"].append(partner)
    data["labour_loans"] = [
        {
            "skill": "assembler",
            "from_site": "partner",
            "to_site": "plant",
            "people_max": 10,
            "lead_time_weeks": 1,
            "cost_per_person_week": 800,
        }
    ]
    return scenario.updated(data)


def test_a_plan_with_every_workforce_term_is_reproduced_without_risks() -> None:
    scenario = with_every_term().updated({"risks": EXAMPLE_RISKS})
    plan = make_plan(scenario, time_limit_s=60)
    assert any(r.people_borrowed > 0 for r in plan.labour)
    assert check_plan(scenario, plan) == []
    all_off = Variant("off", disabled=frozenset(scenario.risks.all_ids()))

    _assert_plan_reproduced(scenario, plan, (all_off,), RecoveryPolicy())

    report = simulate(scenario, plan, runs=200, seed=5)
    assert 0.0 <= report.milestone("full-order").probability_on_time <= 1.0


def test_a_learning_risk_starts_each_crew_where_its_site_says() -> None:
    scenario = with_every_term().updated({"risks": EXAMPLE_RISKS})
    plan = make_plan(scenario, time_limit_s=60)
    network = prepare(scenario, plan, policy=RecoveryPolicy(), seed=3).network

    (targets,) = learning_targets(scenario, network)

    row = targets.curves.index(network.curves.index(("widget", "plant")))
    units = targets.units[row]
    first = int(np.flatnonzero(units > 0)[0])
    # The plant's crew starts at unit 1 (start_units 0), not at the item's 50 units.
    assert targets.cumulative_before[row][first] == pytest.approx(0.0)
    assert targets.cumulative_before[row][first + 1] == pytest.approx(units[first])
