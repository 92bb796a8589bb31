"""What decides the MILP search of a planning run: its limits, estimate and gap.

The search over whole-number decisions must end at the same point on any machine:
HiGHS's node counts bound it (`MILP_WORK_LIMITS`), and whether it runs at all is
decided before it starts, from its estimated time against the time limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.results.plan import SolveStatus, WholeNumberSearch
from surgeplan.planning.solve.highs import SolveResult, WorkLimits

# The MILP's own limits (see solve.WorkLimits). On the drone example its root node
# alone is the whole search (26 nodes to a proven optimum); these end a search that
# branches on without closing the gap.
MILP_WORK_LIMITS = WorkLimits(max_nodes=2_000, max_stall_nodes=500)
# At most this many rounds of MILP and learning again with its decisions.
MILP_ROUNDS = 3
# The MILP's seconds estimated from its size: integer columns times nonzeros times
# this. Measured: the drone example (561 integers, 21,173 nonzeros) took 12 s to its
# proven optimum on this 2-core machine, shared with other work (18-35 s when
# busier); a generated case of 40 integers, 0.1 s.
MILP_SECONDS_PER_WORK = 1e-6
# The MILP runs when its estimate fits this share of the time limit: a tenth for a
# plan on time (it can only save cost), half for a late plan.
MILP_SHARE_ON_TIME = 0.1
MILP_SHARE_LATE = 0.5
LATE_UNITS = 1e-6


@dataclass(frozen=True)
class SearchOutcome:
    """How the MILP search ended, its estimated time and the plan's real gap."""

    kind: WholeNumberSearch
    estimate_s: float
    gap: float | None


def is_late(model: PlanningModel, result: SolveResult) -> bool:
    """Whether the plan leaves any milestone's units late."""
    return any(
        float(np.sum(result.columns[block.columns])) > LATE_UNITS
        for block in model.variables.backlog.values()
    )


def misses_targets(
    index: PlanningIndex, model: PlanningModel, result: SolveResult
) -> bool:
    """Whether the plan is late, or short of an aim or a reserve its targets set."""
    variables = model.variables
    short_blocks = [
        *variables.station_reserve_short.values(),
        *variables.labour_reserve_short.values(),
        *variables.supplier_reserve_short.values(),
    ]
    short_blocks += [
        block
        for (group_number, number), block in variables.short_of_aim.items()
        if index.groups[group_number].milestones[number].id
        in index.groups[group_number].targeted
    ]
    return is_late(model, result) or any(
        float(np.sum(result.columns[block.columns])) > LATE_UNITS
        for block in short_blocks
    )


def milp_estimate_s(model: PlanningModel, integer: list[int]) -> float:
    """The MILP's seconds on this machine, estimated from its size alone."""
    return MILP_SECONDS_PER_WORK * len(integer) * model.builder.matrix().nnz


def relative_gap(objective: float, bound: float | None) -> float | None:
    """The relative gap between a plan's objective and a proven bound."""
    if bound is None or not math.isfinite(objective):
        return None
    return max(objective - bound, 0.0) / max(abs(objective), 1e-9)


def plan_status(search: SearchOutcome, *, settled: bool, stopped: bool) -> SolveStatus:
    """Optimal only when proven for the plan that came out, nothing cut short."""
    if stopped:
        return SolveStatus.TIME_LIMIT
    if settled and search.kind in (
        WholeNumberSearch.CLOSED,
        WholeNumberSearch.NOT_NEEDED,
    ):
        return SolveStatus.OPTIMAL
    return SolveStatus.FEASIBLE
