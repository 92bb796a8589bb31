"""An independent check of a plan: every constraint recomputed from the records.

The checker reads only the scenario and the plan's records — none of the planner's
model — so a bug in the model cannot hide itself. Quantities are compared with a
relative tolerance of 1e-6; hours per unit against Wright's law on the plan's own
cumulative output with 1 %, the learning loop's own accuracy.
"""

from __future__ import annotations

import functools

from surgeplan.planning.checking.buildings import check_buildings
from surgeplan.planning.checking.capacity import (
    check_capacity,
    check_conversions_and_shifts,
    check_production,
)
from surgeplan.planning.checking.demand import (
    check_core,
    check_costs,
    check_milestones,
)
from surgeplan.planning.checking.gates import check_gates
from surgeplan.planning.checking.labour import check_labour, check_learning
from surgeplan.planning.checking.material import (
    check_material,
    check_supply_and_lanes,
)
from surgeplan.planning.checking.violations import ConstraintFamily, Violation
from surgeplan.planning.checking.workforce import check_labour_loans, check_shift_crews
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.rules.opening_state import opened_scenario
from surgeplan.scenario import Scenario
from surgeplan.scenario.effective import effective_scenario

# Violation is part of what check_plan returns, so it is named here too.
__all__ = ["Violation", "check_plan"]


def check_plan(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every violation found in the plan, by family; empty when the plan is sound."""
    violations: list[Violation] = []
    # As the planner counted: yields per good unit, buildings per work center, and
    # the base as the opening state left it (qualified people, converted centers).
    stated = scenario
    scenario = opened_scenario(effective_scenario(scenario))
    buckets = scenario.plan_buckets()
    if [(b.index, b.start, b.end) for b in buckets] != [
        (b.index, b.start, b.end) for b in plan.buckets
    ]:
        return [
            Violation(
                ConstraintFamily.BUCKETS,
                "plan",
                "the plan's buckets are not the scenario's: was it made from another "
                "scenario?",
            )
        ]
    for check in (
        check_production,
        check_capacity,
        check_conversions_and_shifts,
        check_labour,
        functools.partial(check_learning, stated=stated),
        check_labour_loans,
        check_shift_crews,
        check_material,
        check_supply_and_lanes,
        check_core,
        check_milestones,
        check_costs,
        check_gates,
        check_buildings,
    ):
        violations.extend(check(scenario, plan))
    return violations
