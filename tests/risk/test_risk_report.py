"""What the report says: dates past the horizon, the fan, the JSON file."""

import datetime as dt
from pathlib import Path

import numpy as np
from risk_cases import line_plan, line_scenario, site_outage

from surgeplan.risk.report import load_risk_report
from surgeplan.risk.simulate import simulate

HORIZON = 20


def test_a_milestone_beyond_the_plan_is_dated_past_the_horizon_at_the_final_rate() -> (
    None
):
    scenario = line_scenario(horizon=HORIZON, milestones=(("far", 19, 500),))
    plan = line_plan(scenario, {"plant": np.full(HORIZON, 20.0)})

    odds = simulate(scenario, plan, runs=50, seed=1).milestone("far")

    # 380 units arrive in the horizon; 120 more at 20 a week take six more weeks.
    p90 = odds.reached[-1]
    assert not p90.is_within_horizon
    assert p90.bucket is None
    assert p90.date == plan.buckets[-1].end + dt.timedelta(weeks=6)
    assert odds.probability_within_horizon == 0.0
    assert odds.expected_shortfall_at_due == 120.0


def test_a_plan_that_stops_delivering_never_reaches_a_late_milestone() -> None:
    scenario = line_scenario(horizon=HORIZON, milestones=(("far", 19, 500),))
    units = np.r_[np.full(10, 20.0), np.zeros(HORIZON - 10)]
    plan = line_plan(scenario, {"plant": units})

    odds = simulate(scenario, plan, runs=20, seed=1).milestone("far")

    assert all(reached.date is None for reached in odds.reached)
    assert all(reached.days_late is None for reached in odds.reached)


def test_late_runs_make_up_their_backlog_after_a_plan_that_has_delivered_it_all() -> (
    None
):
    # 20 a week for ten weeks meets the milestone in bucket 10; the horizon runs on
    # idle for nine more buckets, where a run late after outages keeps the plan's
    # final rate of 20 a week and catches up.
    scenario = line_scenario(
        horizon=HORIZON,
        risks={"site_disruptions": [site_outage(probability=0.2)]},
        milestones=(("all", 10, 200),),
    )
    units = np.r_[np.full(10, 20.0), np.zeros(HORIZON - 10)]
    plan = line_plan(scenario, {"plant": units})

    odds = simulate(scenario, plan, runs=500, seed=5).milestone("all")

    assert odds.probability_on_time < 0.5
    assert odds.probability_within_horizon > 0.99
    p90 = odds.reached[-1]
    assert p90.is_within_horizon
    assert p90.days_late is not None
    assert p90.days_late > 0


def test_quantile_dates_order_and_the_fan_brackets_the_median(tmp_path: Path) -> None:
    scenario = line_scenario(
        horizon=HORIZON,
        risks={"site_disruptions": [site_outage(probability=0.1)]},
        milestones=(("half", 12, 150), ("all", 19, 300)),
    )
    plan = line_plan(scenario, {"plant": np.full(HORIZON, 20.0)}, spare_ratio=0.1)

    report = simulate(scenario, plan, runs=500, seed=3)

    for odds in report.milestones:
        dates = [reached.date for reached in odds.reached]
        known = [date for date in dates if date is not None]
        assert dates == known == sorted(known)
    assert len(report.fan) == HORIZON
    assert all(p.p10 <= p.p50 <= p.p90 <= p.planned + 1e-6 for p in report.fan)
    assert report.contributions[0].risk == "outage"
    assert report.contributions[0].key_milestones.probability_gained > 0
    assert load_risk_report(report.save(tmp_path / "risk.json")) == report
