"""Re-plan a running program from its state at the end of a status week.

The past is fixed by construction: the new plan starts the day after the status week
and what happened before it (units made, in stock, in progress, delivered, people
qualified and hired, conversions done, purchases in transit) is the scenario's
opening state. The next `program.frozen_weeks` weeks keep the old plan's production
and purchases unless they cannot be kept; beyond them every move is priced a little
(nervousness), so the new plan changes only what it must (see `model.replan_anchor`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite, SupplierSite
from surgeplan.planning.errors import PlanningError
from surgeplan.planning.model.replan_anchor import PlanAnchor, plan_anchor
from surgeplan.planning.results.plan import Plan, plan_hash
from surgeplan.planning.results.records_change import (
    AnchoredDecision,
    ChangeKind,
    ChangeRecord,
    FrozenChangeRecord,
)
from surgeplan.scenario import Scenario
from surgeplan.scenario.opening_state import OpeningState
from surgeplan.scenario.program import TimeBucket

# A frozen decision counts as broken when it moved by more than this many units:
# below it the difference is the solver's tolerance, not a decision.
BROKEN_TOLERANCE_UNITS = 0.5


class ReplanError(PlanningError, ValueError):
    """The re-plan cannot be set up (a located, human-readable reason)."""


@dataclass(frozen=True)
class Replan:
    """A re-plan's scenario (starting at the status week) and its plan."""

    scenario: Scenario
    plan: Plan
    anchor: PlanAnchor

    @property
    def frozen_changes(self) -> list[FrozenChangeRecord]:
        """Frozen decisions the new plan could not keep."""
        return [] if self.plan.change is None else self.plan.change.frozen_changes


def replan_scenario(
    scenario: Scenario, state: OpeningState, status_week: int
) -> Scenario:
    """The scenario of a re-plan: the same program from the week after `status_week`.

    The horizon ends where it did. Milestones due in the past that the units already
    delivered meet are dropped; those not met are due on the new start (already
    late: their lateness is counted from there).
    """
    program = scenario.program
    if program.time_bucket is not TimeBucket.WEEK:
        raise ReplanError(
            f"program.time_bucket: a re-plan needs weekly buckets, not "
            f"'{program.time_bucket.value}'"
        )
    if not 1 <= status_week < program.horizon_buckets:
        raise ReplanError(
            f"status week {status_week} is outside the plan's weeks "
            f"1 to {program.horizon_buckets - 1}"
        )
    start = program.start_date + dt.timedelta(weeks=status_week)
    program_data: dict[str, Any] = program.model_dump(mode="json")
    program_data["start_date"] = start.isoformat()
    program_data["horizon_buckets"] = program.horizon_buckets - status_week
    if program.detailed_weeks is not None:
        program_data["detailed_weeks"] = max(program.detailed_weeks - status_week, 1)
    milestones: list[dict[str, Any]] = []
    for milestone in scenario.demand.milestones:
        data = milestone.model_dump(mode="json")
        if milestone.due_date < start:
            # A family milestone counts every item in it; a revised one its last target.
            delivered = sum(
                state.delivered_units(item, milestone.delivery_point)
                for item in milestone.items_counted
            )
            if delivered >= milestone.quantity_in_force:
                continue
            data["due_date"] = start.isoformat()
        milestones.append(data)
    if not milestones:
        raise ReplanError(
            f"every milestone was met by the units delivered before {start}: there is "
            "nothing left to re-plan; add the new demand as milestones first"
        )
    demand = scenario.demand.model_dump(mode="json")
    demand["milestones"] = milestones
    # A shutdown over before the new start is history: the actuals hold its effect.
    sites: list[dict[str, Any]] = []
    for site in scenario.sites:
        data = site.model_dump(mode="json")
        data["calendar"]["shutdowns"] = [
            shutdown.model_dump(mode="json")
            for shutdown in site.calendar.shutdowns
            if shutdown.end_date >= start
        ]
        sites.append(data)
    return scenario.updated(
        {
            "program": program_data,
            "demand": demand,
            "sites": sites,
            "opening_state": state.model_dump(mode="json"),
        }
    )


def replan(
    scenario: Scenario,
    old_plan: Plan,
    state: OpeningState,
    status_week: int,
    *,
    time_limit_s: float = 60.0,
    threads: int = 2,
    kind: ChangeKind = ChangeKind.REPLAN,
) -> Replan:
    """Plan again from the program's state at the end of `status_week`.

    `state` is what exists at the end of that week (an `OpeningState`; its `cause`
    says why the program is where it is and is recorded in the new plan). A demand
    change (`kind` scale-up or scale-down) is the same re-plan of a scenario whose
    milestones changed; `kind` says so in the new plan.
    """
    from surgeplan.planning.planner import run_planner
    from surgeplan.scenario.validation import cross_check

    if old_plan.time_bucket != TimeBucket.WEEK.value:
        raise ReplanError("the old plan is not in weekly buckets")
    new_scenario = replan_scenario(scenario, state, status_week)
    problems = cross_check(new_scenario)
    if problems:
        path, message = problems[0]
        raise ReplanError(f"the re-plan's scenario is not valid: {path}: {message}")
    anchor = plan_anchor(
        new_scenario,
        old_plan,
        new_scenario.plan_buckets(),
        new_scenario.program.frozen_weeks,
    )
    new_plan = run_planner(
        new_scenario, time_limit_s=time_limit_s, threads=threads, anchor=anchor
    )
    record = ChangeRecord(
        kind=kind,
        cause=state.cause or f"program state at the end of week {status_week}",
        based_on_plan_hash=plan_hash(old_plan),
        status_week=status_week,
        start_date=new_scenario.program.start_date,
        frozen_weeks=new_scenario.program.frozen_weeks,
        frozen_changes=broken_frozen_decisions(new_scenario, new_plan, anchor),
    )
    return Replan(new_scenario, new_plan.model_copy(update={"change": record}), anchor)


def broken_frozen_decisions(
    scenario: Scenario, plan: Plan, anchor: PlanAnchor
) -> list[FrozenChangeRecord]:
    """Production and purchases of the frozen buckets that moved from the old plan."""
    frozen = anchor.frozen_buckets
    first_step = {
        item.id: item.routing[0].id for item in scenario.items if item.routing
    }
    made: dict[ItemSite, FloatArray] = {}
    for record in plan.production:
        if record.bucket < frozen and record.operation == first_step.get(record.item):
            made.setdefault(ItemSite(record.item, record.site), np.zeros(frozen))
            made[ItemSite(record.item, record.site)][record.bucket] += record.units
    bought: dict[SupplierSite, FloatArray] = {}
    for order in plan.purchases:
        if order.bucket < frozen:
            bought.setdefault(
                SupplierSite(order.supplier, order.site), np.zeros(frozen)
            )
            bought[SupplierSite(order.supplier, order.site)][order.bucket] += (
                order.units
            )
    return _changed(
        AnchoredDecision.PRODUCTION, anchor.make_by_item_site, made, frozen
    ) + _changed(
        AnchoredDecision.PURCHASE, anchor.purchase_by_supplier_site, bought, frozen
    )


# What is decided (an item made, a supplier's goods bought) at a site: the two
# decisions' keys differ in meaning, their frozen buckets are compared alike.
_DecisionKey = TypeVar("_DecisionKey", ItemSite, SupplierSite)


def _changed(
    decision: AnchoredDecision,
    old_by_key: dict[_DecisionKey, FloatArray],
    new_by_key: dict[_DecisionKey, FloatArray],
    frozen: int,
) -> list[FrozenChangeRecord]:
    """One record per frozen bucket where a decision moved from the old plan."""
    found: list[FrozenChangeRecord] = []
    for key in sorted(set(old_by_key) | set(new_by_key)):
        old = old_by_key.get(key, np.zeros(frozen))[:frozen]
        new = new_by_key.get(key, np.zeros(frozen))
        for bucket in range(frozen):
            if abs(float(new[bucket]) - float(old[bucket])) > BROKEN_TOLERANCE_UNITS:
                found.append(
                    FrozenChangeRecord(
                        decision=decision,
                        what=key[0],
                        site=key.site,
                        bucket=bucket,
                        old_units=round(float(old[bucket]), 3),
                        new_units=round(float(new[bucket]), 3),
                    )
                )
    return found
