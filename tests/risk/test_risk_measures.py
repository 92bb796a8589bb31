"""Lateness against the due bucket as the plan counts it, and gains measured in days."""

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from risk_cases import START, line_plan, line_scenario, line_scenario_data, site_outage

from surgeplan.risk.simulate import simulate
from surgeplan.risk.systematic import systematic_risks
from surgeplan.scenario import Scenario, load_scenario

HORIZON = 20
EXAMPLE = Path(__file__).parents[2] / "examples" / "uav-surge.yaml"


def due_on_a_tuesday(quantity: float, week: int = 10) -> Scenario:
    """One milestone due on the Tuesday of a weekly bucket (weeks start on Monday)."""
    data = line_scenario_data(
        horizon=HORIZON, milestones=(("tuesday", week, quantity),)
    )
    tuesday = START + dt.timedelta(weeks=week, days=1)
    data["demand"]["milestones"][0]["due_date"] = tuesday.isoformat()
    return Scenario.model_validate(data)


def test_a_milestone_met_in_the_week_it_is_due_mid_week_is_on_time_zero_days_late() -> (
    None
):
    # 20 a week arrive a week after they are made: 200 units by the end of week 10,
    # the week whose Tuesday the milestone is due. The plan counts it on time.
    scenario = due_on_a_tuesday(200)
    plan = line_plan(scenario, {"plant": np.full(HORIZON, 20.0)})
    record = plan.milestones[0]
    assert record.met_bucket == record.due_bucket == 10

    odds = simulate(scenario, plan, runs=20, seed=1).milestone("tuesday")

    assert odds.due_bucket == 10
    assert odds.due_bucket_end == START + dt.timedelta(weeks=10, days=6)
    assert odds.probability_on_time == 1.0
    assert [reached.days_late for reached in odds.reached] == [0, 0, 0]
    assert odds.mean_days_late == 0.0


def test_a_milestone_met_in_the_next_bucket_is_late_by_the_bucket_and_the_day() -> None:
    # 210 units: the 20 of week 11 bring the total from 200 to 220, so it is reached
    # half-way through week 11 (3.5 days after the due bucket ends), and the bucket
    # it is met in ends 7 days after the due bucket.
    scenario = due_on_a_tuesday(210)
    plan = line_plan(scenario, {"plant": np.full(HORIZON, 20.0)})

    odds = simulate(scenario, plan, runs=20, seed=1).milestone("tuesday")

    assert odds.probability_on_time == 0.0
    assert [reached.days_late for reached in odds.reached] == [7, 7, 7]
    assert odds.mean_days_late == pytest.approx(3.5, abs=1e-4)


def saturated_scenario() -> Scenario:
    """Late in nearly every run whatever a minor risk does: odds sit at 0."""
    return line_scenario(
        horizon=HORIZON,
        risks={
            "site_disruptions": [
                site_outage("major", probability=0.3),
                site_outage("minor", probability=0.05),
            ]
        },
        milestones=(("all", 19, 380),),
    )


def test_switching_a_risk_off_gains_days_when_the_odds_are_saturated() -> None:
    scenario = saturated_scenario()
    plan = line_plan(scenario, {"plant": np.full(HORIZON, 20.0)})

    report = simulate(scenario, plan, runs=1_000, seed=4)

    assert report.milestone("all").probability_on_time < 0.01
    minor = next(c for c in report.contributions if c.risk == "minor")
    gain = minor.key_milestones
    assert abs(gain.probability_gained) < 0.01
    # A week lost in one run in 20 shows as days, clear of the noise.
    assert gain.mean_days_late_gained > 4 * gain.mean_days_late_gained_se > 0
    assert gain.p90_days_gained > 0
    assert report.contributions[0].risk == "major"


def test_contributions_are_summed_over_the_key_milestones_only() -> None:
    data = line_scenario_data(
        horizon=HORIZON,
        risks={"site_disruptions": [site_outage(probability=0.1)]},
        milestones=(("half", 9, 180), ("all", 19, 380)),
    )
    plan = line_plan(Scenario.model_validate(data), {"plant": np.full(HORIZON, 20.0)})
    every = simulate(Scenario.model_validate(data), plan, runs=300, seed=2)
    data["demand"]["milestones"][0]["is_key"] = True
    keyed = simulate(Scenario.model_validate(data), plan, runs=300, seed=2)

    assert every.key_milestones == ["half", "all"]
    assert keyed.key_milestones == ["half"]
    for report, keys in ((every, ["half", "all"]), (keyed, ["half"])):
        contribution = report.contributions[0]
        by_id = {change.milestone: change for change in contribution.milestones}
        summed = contribution.key_milestones
        assert summed.milestones == keys
        assert summed.mean_days_late_gained == pytest.approx(
            sum(by_id[key].mean_days_late_gained for key in keys)
        )
        assert summed.p90_days_gained == pytest.approx(
            sum(by_id[key].p90_days_gained for key in keys)
        )
        assert summed.probability_gained == pytest.approx(
            sum(by_id[key].probability_gained for key in keys)
        )


def test_systematic_risks_say_what_the_plan_assumes_and_what_the_scenario_expects() -> (
    None
):
    found = systematic_risks(load_scenario(EXAMPLE))

    volunteers = next(
        entry
        for entry in found
        if (entry.risk, entry.parameter)
        == ("chassis-composite-opt-out", "volunteer_share")
    )
    # The pool plans on 15 %; the risk is triangular 10 / 15 / 18 %, mean 14.33 %.
    assert volunteers.plan_assumes == 0.15
    assert (volunteers.expected_low, volunteers.expected_high) == (0.10, 0.18)
    assert volunteers.expected_mean == pytest.approx(0.43 / 3, abs=1e-5)
    assert volunteers.is_optimistic
    assert volunteers.statement.endswith("the plan is optimistic by design")
    assert "15 % of the chassis-plant/composite-technician headcount" in (
        volunteers.statement
    )
    absence = next(
        entry
        for entry in found
        if (entry.risk, entry.parameter)
        == ("chassis-composite-opt-out", "absence_rate")
    )
    assert (absence.plan_assumes, absence.expected_mean) == (0.0, 0.05)
    breakdown = next(e for e in found if e.risk == "layup-breakdowns")
    assert breakdown.expected_mean == pytest.approx(8 / 300)
    learning = next(e for e in found if e.risk == "uav-learning")
    # 0.80 planned; triangular 0.75 / 0.80 / 0.88 has mean 0.81: slower learning.
    assert learning.is_optimistic
    assert learning.expected_mean == pytest.approx(0.81, abs=1e-5)


def test_a_plan_that_assumes_the_worst_is_called_cautious() -> None:
    data = line_scenario_data(horizon=HORIZON)
    data["items"][0]["learning_rate"] = 0.95
    data["risks"] = {
        "learning_uncertainty": [
            {
                "id": "learning",
                "item": "widget",
                "learning_rate": {"distribution": "uniform", "low": 0.8, "high": 0.9},
            }
        ]
    }

    (entry,) = systematic_risks(Scenario.model_validate(data))

    assert not entry.is_optimistic
    assert entry.statement.endswith("the plan is cautious")


def test_the_tail_of_the_deliveries_arrives_at_the_running_rate() -> None:
    # 20 a week for nine weeks, then 5: the last 5 units arrive in week 10 at the
    # running rate of 20 a week, a quarter of the way into it (1.75 days after the
    # end of week 9, when the milestone is due), not at the end of week 10.
    scenario = line_scenario(horizon=HORIZON, milestones=(("tail", 9, 185),))
    units = np.r_[np.full(9, 20.0), 5.0, np.zeros(HORIZON - 10)]
    plan = line_plan(scenario, {"plant": units})

    odds = simulate(scenario, plan, runs=10, seed=1).milestone("tail")

    assert odds.probability_on_time == 0.0
    assert odds.mean_days_late == pytest.approx(1.75, abs=1e-4)
    assert [reached.days_late for reached in odds.reached] == [7, 7, 7]
