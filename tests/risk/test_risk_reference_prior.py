"""The reference class as a prior: each run starts the plan as late as programs slipped.

The line case makes 10 widgets a week from week 0 and ships them the next week; its
order of 90 is due at the end of week 9, so the plan meets it with nothing to spare.
The slips on record, sorted, are 1.0, 1.0396, 1.2105, 1.2316 and 1.4381 (weeks to a
milestone, reached over promised); the prior draws their empirical quantile and
delays the output by (ratio - 1) times the 9 6/7 weeks to the order's due date. By
the due date a run has shipped what was made before week 9 less the delay:
10 * (9 - delay) units. Only draws below the first midpoint (1 in 10) give ratio 1.
"""

from typing import Any

import numpy as np
import pytest
from risk_cases import line_plan, line_scenario

from surgeplan.planning.results.plan import Plan
from surgeplan.risk.draws import risk_generator
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.reference_prior import (
    REFERENCE_PRIOR_ID,
    reference_slip_ratios,
    slip_quantile,
)
from surgeplan.risk.simulate import prepare, simulate, simulate_runs
from surgeplan.scenario import Scenario

RUNS = 400
SEED = 7
DUE_WEEK = 9
ANCHOR_WEEKS = 9 + 6 / 7
ON = {"reference_prior": "surges"}


def scenario_and_plan(risks: dict[str, Any] | None = None) -> tuple[Scenario, Plan]:
    scenario = line_scenario(milestones=(("order", DUE_WEEK, 90.0),), risks=risks)
    return scenario, line_plan(scenario, {"plant": [10.0] * 20})


def test_the_recorded_slips_are_drawn_as_their_empirical_quantile() -> None:
    ratios = np.array(reference_slip_ratios())

    drawn = slip_quantile(ratios, np.array([0.05, 0.1, 0.5, 0.6, 0.95]))

    assert ratios.tolist() == [1.0, 1.0396, 1.2105, 1.2316, 1.4381]
    assert drawn.tolist() == pytest.approx([1.0, 1.0, 1.2105, 1.22105, 1.4381])


def test_with_the_prior_off_nothing_is_drawn_and_the_plan_is_delivered() -> None:
    scenario, plan = scenario_and_plan()

    model = prepare(scenario, plan, policy=RecoveryPolicy.none(), seed=SEED)
    outcomes = simulate_runs(scenario, plan, 20, SEED, policy=RecoveryPolicy.none())

    assert scenario.risks.reference_prior.value == "none"
    assert model.targets == ()
    assert np.allclose(outcomes.cumulative[:, 0, DUE_WEEK], 90.0)


def test_each_run_ships_by_the_due_date_what_its_drawn_slip_leaves() -> None:
    scenario, plan = scenario_and_plan(ON)

    outcomes = simulate_runs(scenario, plan, RUNS, SEED, policy=RecoveryPolicy.none())

    # The prior's own stream, as the batch draws it (one uniform per run).
    levels = risk_generator(SEED, REFERENCE_PRIOR_ID, 0).random(RUNS)
    delay = (slip_quantile(np.array(reference_slip_ratios()), levels) - 1.0) * (
        ANCHOR_WEEKS
    )
    expected = 10.0 * np.maximum(DUE_WEEK - delay, 0.0)
    assert outcomes.cumulative[:, 0, DUE_WEEK] == pytest.approx(expected)
    assert delay.max() == pytest.approx(0.4381 * ANCHOR_WEEKS, rel=1e-3)


def test_the_prior_lowers_the_odds_of_a_tight_milestone() -> None:
    scenario_off, plan = scenario_and_plan()
    scenario_on, _ = scenario_and_plan(ON)
    policy = RecoveryPolicy.none()

    off = simulate(scenario_off, plan, RUNS, SEED, policy=policy, contributions=False)
    on = simulate(scenario_on, plan, RUNS, SEED, policy=policy, contributions=False)

    assert off.milestones[0].probability_on_time == 1.0
    # Only the draws below 0.1 give ratio 1 and a run on time.
    assert on.milestones[0].probability_on_time == pytest.approx(0.1, abs=0.05)


def test_the_same_seed_gives_the_same_result() -> None:
    scenario, plan = scenario_and_plan(ON)

    first = simulate_runs(scenario, plan, 100, SEED)
    again = simulate_runs(scenario, plan, 100, SEED)

    assert np.array_equal(first.cumulative, again.cumulative)


def test_a_scenario_with_its_own_programme_delay_keeps_it() -> None:
    scenario, plan = scenario_and_plan(ON)
    gated = scenario.updated(
        {
            "gates": [
                {
                    "id": "qualification",
                    "kind": "production",
                    "item": "widget",
                    "date": "2027-01-04",
                    "delay_weeks": {"distribution": "fixed", "value": 0},
                }
            ]
        }
    )

    model = prepare(gated, plan, policy=RecoveryPolicy.none(), seed=SEED)

    assert [t.risk.id for t in model.targets] == ["qualification"]


def test_the_prior_is_named_among_the_contributions() -> None:
    scenario, plan = scenario_and_plan(ON)

    report = simulate(scenario, plan, 200, SEED, policy=RecoveryPolicy.none())

    (contribution,) = report.contributions
    assert contribution.risk == REFERENCE_PRIOR_ID
    assert contribution.kind.value == "reference_prior"
    assert contribution.key_milestones.probability_gained > 0.5


def test_the_prior_is_named_a_systematic_risk_the_plan_is_optimistic_about() -> None:
    scenario, plan = scenario_and_plan(ON)

    report = simulate(scenario, plan, 50, SEED, policy=RecoveryPolicy.none())

    (entry,) = report.systematic_risks
    assert entry.risk == REFERENCE_PRIOR_ID
    assert entry.is_optimistic
    assert (entry.expected_low, entry.expected_high) == (1.0, 1.4381)
    assert report.contributions[0].is_systematic
