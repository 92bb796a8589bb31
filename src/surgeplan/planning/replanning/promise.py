"""Capable-to-promise: when N more units could be delivered, or how many by a date.

"More" means beyond everything the milestones already ask at that delivery point:
N more units are a new milestone of the last milestone's cumulative quantity plus N.
Each answer is one plan of the scenario (with its opening state) carrying that
milestone, anchored to the current plan like a re-plan (its frozen weeks kept, every
other move priced), so promising moves the current plan as little as it can; the
plan that gives the answer comes back with it.

- `earliest_date_for(units)`: the milestone is due on the first day; the plan meets it
  as early as it can (lateness is counted per unit and week), and that day is the
  answer.
- `units_by_date(day)`: the milestone asks for more than can be made by `day`
  (doubled until it is); what the plan delivers by then beyond the existing
  milestones is the answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from surgeplan.planning.errors import PlanningError
from surgeplan.planning.model.replan_anchor import plan_anchor
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import MilestoneRecord
from surgeplan.scenario import Scenario

PROMISE_MILESTONE = "capable-to-promise"
# `units_by_date` first asks for half the program's total more, and doubles the ask
# while the plan delivers all of it (at most ASK_ROUNDS times). A far larger first ask
# misleads the learning loop's first guess (hours per unit estimated from the
# milestones' quantities): asked for ten times the total, the drone example's plan
# delivered a third of what it can.
FIRST_ASK_SHARE = 0.5
ASK_ROUNDS = 4
# The promise's lateness weighs a tenth of the milestones': the plan never makes a
# commitment later to promise sooner, yet still far outweighs nervousness (1e-4).
PROMISE_SHARE_OF_LATENESS = 0.1


class PromiseError(PlanningError, ValueError):
    """The question cannot be asked of this scenario (a readable reason)."""


@dataclass(frozen=True)
class Promise:
    """An answer: units beyond the milestones, and the day they are delivered by."""

    item: str
    delivery_point: str
    units_more: float
    date: dt.date | None
    plan: Plan


def promise_scenario(
    scenario: Scenario,
    units_more: float,
    due_date: dt.date,
    *,
    delivery_point: str | None = None,
) -> Scenario:
    """The scenario with a milestone of `units_more` beyond the milestones, due then."""
    item, point, committed = _committed(scenario, delivery_point)
    milestones = [m.model_dump(mode="json") for m in scenario.demand.milestones]
    milestones.append(
        {
            "id": PROMISE_MILESTONE,
            "item": item,
            "delivery_point": point,
            "due_date": due_date.isoformat(),
            "cumulative_quantity": committed + units_more,
        }
    )
    demand: dict[str, Any] = scenario.demand.model_dump(mode="json")
    demand["milestones"] = milestones
    return scenario.updated({"demand": demand})


def earliest_date_for(
    scenario: Scenario,
    current_plan: Plan,
    units_more: float,
    *,
    delivery_point: str | None = None,
    time_limit_s: float = 60.0,
) -> Promise:
    """The earliest day `units_more` more units can be delivered.

    The answer's date is None when they cannot be delivered within the horizon.
    """
    if units_more <= 0:
        raise PromiseError("the number of units must be positive")
    asked = promise_scenario(
        scenario,
        units_more,
        scenario.program.start_date,
        delivery_point=delivery_point,
    )
    plan = _plan(asked, current_plan, time_limit_s)
    record = _record(plan)
    return Promise(
        record.item, record.delivery_point, units_more, record.met_date, plan
    )


def units_by_date(
    scenario: Scenario,
    current_plan: Plan,
    day: dt.date,
    *,
    delivery_point: str | None = None,
    time_limit_s: float = 60.0,
) -> Promise:
    """How many more units than the milestones ask can be delivered by `day`."""
    buckets = scenario.plan_buckets()
    if not buckets[0].start <= day <= buckets[-1].end:
        raise PromiseError(
            f"{day} is outside the horizon ({buckets[0].start} to {buckets[-1].end})"
        )
    _, _, committed = _committed(scenario, delivery_point)
    ask = committed * FIRST_ASK_SHARE
    for _ in range(ASK_ROUNDS):
        asked = promise_scenario(scenario, ask, day, delivery_point=delivery_point)
        plan = _plan(asked, current_plan, time_limit_s)
        record = _record(plan)
        more = max(record.delivered_by_due - committed, 0.0)
        if more < ask - 1.0:
            break
        ask *= 2
    return Promise(record.item, record.delivery_point, more, record.due_date, plan)


def _committed(
    scenario: Scenario, delivery_point: str | None
) -> tuple[str, str, float]:
    """(item, delivery point, cumulative quantity of its last milestone)."""
    product = scenario.program.product
    own = [m for m in scenario.milestones_in_order() if m.item == product]
    if delivery_point is not None:
        own = [m for m in own if m.delivery_point == delivery_point]
    if not own:
        where = f" at '{delivery_point}'" if delivery_point else ""
        raise PromiseError(f"no milestone of '{product}'{where} to promise beyond")
    last = own[-1]
    return product, last.delivery_point, max(m.cumulative_quantity for m in own)


def _plan(scenario: Scenario, current_plan: Plan, time_limit_s: float) -> Plan:
    from surgeplan.planning.planner import run_planner

    anchor = dataclasses.replace(
        plan_anchor(
            scenario,
            current_plan,
            scenario.plan_buckets(),
            scenario.program.frozen_weeks,
        ),
        lateness_share_by_milestone={PROMISE_MILESTONE: PROMISE_SHARE_OF_LATENESS},
        skip_earliest_dates=True,
    )
    return run_planner(scenario, time_limit_s=time_limit_s, anchor=anchor)


def _record(plan: Plan) -> MilestoneRecord:
    return next(m for m in plan.milestones if m.id == PROMISE_MILESTONE)
