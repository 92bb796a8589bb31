"""Scenario -> Plan: the capacity and ramp-up plan, a MILP on HiGHS.

Importing this package loads no solver: HiGHS is imported when `plan()` runs, so
stages that only read plans (the scheduler, on OR-Tools) can import `Plan` safely.

Its parts, each a sub-package that imports only those below it (an import-linter
contract in pyproject.toml keeps it so): `replanning/` runs `planner.py` again on a
running program; `planner.py` is the planning run; `solution/` reads a solved model
back into records; `solve/` runs HiGHS on the model; `model/` builds the model, and
`checking/` checks a plan without it; both apply `rules/` and read `results/`, the
plan as data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from surgeplan.planning.checking.checker import Violation, check_plan
from surgeplan.planning.checking.violations import ConstraintFamily
from surgeplan.planning.errors import (
    ContradictoryScenarioError,
    PlanningError,
    PlanningTimeoutError,
)
from surgeplan.planning.results.plan import (
    PLAN_FORMAT,
    Plan,
    PlanFileError,
    SolveStatus,
    load_plan,
)
from surgeplan.planning.targets import PlanTargets

if TYPE_CHECKING:
    from surgeplan.scenario import Scenario


def plan(
    scenario: Scenario,
    *,
    time_limit_s: float = 60.0,
    mip_gap: float = 1e-4,
    allow_core_impact: bool = False,
    threads: int = 2,
    targets: PlanTargets | None = None,
) -> Plan:
    """Decide what each work center makes in each bucket, and what it costs.

    Milestones are soft (late units carry a penalty), so a plan always exists; read
    `plan.milestones` before trusting it. `time_limit_s` is a budget: it decides
    beforehand whether the whole-number search (MILP) runs, from its estimated time,
    and is otherwise only a backstop. The same scenario and options give the same
    plan on any machine unless that backstop stopped a solve, which
    `plan.solver.stopped_by_time_limit` then says.

    `targets` asks for margins beyond the scenario (earlier aims per milestone, a
    capacity reserve; see `surgeplan.planning.targets`): plans made to a confidence
    use them.

    Raises:
        ContradictoryScenarioError: core demand cannot be met even with every option.
    """
    from surgeplan.planning.planner import run_planner

    return run_planner(
        scenario,
        time_limit_s=time_limit_s,
        mip_gap=mip_gap,
        allow_core_impact=allow_core_impact,
        threads=threads,
        targets=targets,
    )


__all__ = [
    "PLAN_FORMAT",
    "ConstraintFamily",
    "ContradictoryScenarioError",
    "Plan",
    "PlanFileError",
    "PlanTargets",
    "PlanningError",
    "PlanningTimeoutError",
    "SolveStatus",
    "Violation",
    "check_plan",
    "load_plan",
    "plan",
]
