"""Replay the drone example: plan, 20 weeks of actuals behind it, re-plan from them.

The plan and the actuals are the worked example's (examples/uav-surge-week-20: the
UAV learns slower than assumed and the avionics partner delivers two weeks late);
the program freezes its next four weeks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest

from surgeplan.execution.loading import load_actuals
from surgeplan.execution.records import Actuals
from surgeplan.execution.state import ProgramState, program_state
from surgeplan.execution.synthetic import Shortfall, synthetic_actuals
from surgeplan.pipeline.errors import PipelineError
from surgeplan.pipeline.replanning import replan_from_actuals
from surgeplan.planning.checking.checker import check_plan
from surgeplan.planning.replanning.replan import Replan
from surgeplan.planning.results.diff import plan_diff
from surgeplan.planning.results.plan import Plan, load_plan
from surgeplan.scenario import ItemKind, Scenario, load_scenario

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
WEEK_20 = ROOT / "examples" / "uav-surge-week-20"
FROZEN_WEEKS = 4


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    base = load_scenario(ROOT / "examples" / "uav-surge.yaml")
    program = base.program.model_dump(mode="json")
    program["frozen_weeks"] = FROZEN_WEEKS
    return base.updated({"program": program})


@pytest.fixture(scope="module")
def old_plan() -> Plan:
    return load_plan(WEEK_20 / "plan.json")


@pytest.fixture(scope="module")
def actuals(scenario: Scenario) -> Actuals:
    return load_actuals(WEEK_20 / "actuals", scenario)


@pytest.fixture(scope="module")
def state(scenario: Scenario, actuals: Actuals) -> ProgramState:
    return program_state(scenario, actuals, actuals.through_week)


@pytest.fixture(scope="module")
def replanned(scenario: Scenario, old_plan: Plan, actuals: Actuals) -> Replan:
    return replan_from_actuals(scenario, old_plan, actuals)


def first_step_units(
    scenario: Scenario, plan: Plan
) -> dict[tuple[str, str, int], float]:
    first = {item.id: item.routing[0].id for item in scenario.items if item.routing}
    made: defaultdict[tuple[str, str, int], float] = defaultdict(float)
    for record in plan.production:
        if record.operation == first.get(record.item):
            made[(record.item, record.site, record.bucket)] += record.units
    return made


def test_the_new_plan_starts_after_the_status_week_from_what_the_actuals_say(
    scenario: Scenario, state: ProgramState, replanned: Replan
) -> None:
    opening = replanned.scenario.opening_state
    assert opening is not None
    core = {item.id for item in scenario.items_of_kind(ItemKind.CORE)}

    assert replanned.plan.buckets[0].start == dt.date(2027, 5, 24)
    assert state.status_date == dt.date(2027, 5, 23)
    made = {(e.item, e.site): e.units for e in opening.made}
    assert made == pytest.approx(
        {
            (key.item, key.site): units
            for key, units in state.completed_by_item_site.items()
            if key.item not in core
        },
        abs=0.01,
    )
    delivered = {(e.item, e.delivery_point): e.units for e in opening.delivered}
    assert delivered == pytest.approx(
        {tuple(key): units for key, units in state.delivered_by_item_point.items()},
        abs=0.01,
    )
    # The new plan's milestones count the units delivered before its start.
    for milestone in replanned.plan.milestones:
        before = opening.delivered_units(milestone.item, milestone.delivery_point)
        assert milestone.delivered_by_due >= min(before, milestone.quantity) - 1e-6


def test_a_milestone_met_in_the_past_is_dropped_and_one_missed_is_due_now(
    replanned: Replan, state: ProgramState
) -> None:
    ids = {m.id for m in replanned.scenario.demand.milestones}

    # 184 delivered to depot-fr by week 20: the ten test units are met.
    assert state.delivered_by_milestone["test-units"] == 10
    assert "test-units" not in ids
    assert "fr-month-6" in ids


def test_the_frozen_weeks_keep_the_old_decisions_except_those_named_broken(
    scenario: Scenario, old_plan: Plan, replanned: Replan, actuals: Actuals
) -> None:
    week = actuals.through_week
    old = first_step_units(scenario, old_plan)
    new = first_step_units(replanned.scenario, replanned.plan)
    broken = {
        (change.what, change.site, change.bucket)
        for change in replanned.frozen_changes
        if change.decision.value == "production"
    }
    kept = 0
    keys = {(item, site) for item, site, _ in old} | {(i, s) for i, s, _ in new}
    for item, site in keys:
        for bucket in range(FROZEN_WEEKS):
            was = old.get((item, site, bucket + week), 0.0)
            now = new.get((item, site, bucket), 0.0)
            if (item, site, bucket) in broken:
                assert now != pytest.approx(was, abs=0.5)
                continue
            assert now == pytest.approx(was, abs=0.5), (item, site, bucket)
            kept += was > 0

    assert replanned.anchor.frozen_buckets == FROZEN_WEEKS
    assert kept >= 8  # four weeks of at least two items made: not an empty check


def test_the_frozen_weeks_keep_the_old_purchases_except_those_named_broken(
    old_plan: Plan, replanned: Replan, actuals: Actuals
) -> None:
    week = actuals.through_week
    old: defaultdict[tuple[str, str, int], float] = defaultdict(float)
    for order in old_plan.purchases:
        old[(order.supplier, order.site, order.bucket - week)] += order.units
    new: defaultdict[tuple[str, str, int], float] = defaultdict(float)
    for order in replanned.plan.purchases:
        new[(order.supplier, order.site, order.bucket)] += order.units
    broken = {
        (change.what, change.site, change.bucket)
        for change in replanned.frozen_changes
        if change.decision.value == "purchase"
    }
    kept = 0
    for key in {k for k in old if 0 <= k[2] < FROZEN_WEEKS} | set(new):
        if key[2] >= FROZEN_WEEKS or key in broken:
            continue
        assert new[key] == pytest.approx(old[key], abs=0.5), key
        kept += old[key] > 0
    assert kept >= 4


def test_the_new_plan_passes_the_independent_check(replanned: Replan) -> None:
    assert check_plan(replanned.scenario, replanned.plan) == []


def test_the_diff_names_the_shortfall_as_the_cause(
    old_plan: Plan, replanned: Replan
) -> None:
    diff = plan_diff(old_plan, replanned.plan)
    change = replanned.plan.change
    assert change is not None

    assert change.status_week == 20
    assert change.cause == (
        "actuals to week 20: uav delivered 184 of 320 planned (a shortfall of 136, 43%)"
    )
    assert set(diff["cause"]) == {change.cause}
    assert "production" in set(diff["table"])


def test_actuals_beyond_the_horizon_are_refused_with_a_message(
    scenario: Scenario, old_plan: Plan, actuals: Actuals
) -> None:
    short = scenario.updated(
        {"program": {**scenario.program.model_dump(mode="json"), "horizon_buckets": 20}}
    )

    with pytest.raises(PipelineError, match="status week 20 is outside"):
        replan_from_actuals(short, old_plan, actuals)


def test_a_re_plan_is_re_planned_again_from_later_actuals(
    scenario: Scenario, old_plan: Plan, replanned: Replan
) -> None:
    # Six more weeks of the same shortfall (the worked example's, make_actuals.py).
    shortfall = Shortfall(
        learning_rates={"uav": 0.84, "airframe": 0.88, "wing-set": 0.88},
        late_supplier="avionics-partner",
        supplier_delay_weeks=2,
        noise_share=0.05,
        seed=20,
    )
    week_26 = synthetic_actuals(scenario, old_plan, 26, shortfall)

    again = replan_from_actuals(scenario, replanned.plan, week_26)

    assert again.plan.buckets[0].start == dt.date(2027, 7, 5)
    change = again.plan.change
    assert change is not None
    # Counted against the first re-plan's own weeks 21-26, not from week 1.
    planned = sum(d.units for d in replanned.plan.deliveries if d.bucket < 6)
    assert change.cause.startswith("actuals to week 26 since week 21: uav delivered ")
    assert f"of {planned:,.0f} planned" in change.cause
    assert check_plan(again.scenario, again.plan) == []
