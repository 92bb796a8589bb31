"""The earliest bucket any plan could reach each milestone: a bound, not a promise.

For each delivery point and item, the model's LP relaxation (conversions and shift
patterns may be fractional) is solved for the earliest-arrival objective: as many units
as early as possible there, the other delivery points ignored. No plan can reach a
quantity before this relaxation does, so the date is a true lower bound; the plan's own
date says what is achievable.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import highspy
import numpy as np

from surgeplan.planning.model.builder import ModelBuilder
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.milestones_family import earliest_probes
from surgeplan.planning.results.plan import SolveStatus
from surgeplan.planning.solve.highs import solve_model

TOLERANCE = 1e-6
# A backstop only: each LP normally runs to its end, so the dates are the same on
# any machine; one stopped by it is recorded (`stopped_by_time_limit`).
TIME_LIMIT_S = 30.0
# Below this size the LPs run on dual simplex, each from the last one's basis (the
# same constraints, another objective), above it on HiPO from scratch. Measured on
# the generated L case with detailed weeks (156,458 nonzeros, five LPs): 6 s of CPU
# against 23 s on HiPO; on L weekly (326,006), one LP took 49 s of CPU on simplex.
SIMPLEX_NONZEROS = 250_000


@dataclass(frozen=True)
class EarliestDates:
    """Milestone id -> earliest bucket (None if not known), and what stopped them."""

    buckets: dict[str, int | None]
    stopped_by_time_limit: bool


def earliest_buckets(
    index: PlanningIndex,
    model: PlanningModel,
    threads: int = 2,
    *,
    deadline: float | None = None,
    stop: threading.Event | None = None,
) -> EarliestDates:
    """Milestone id -> earliest bucket it can be met in; None if not known.

    None when no plan reaches the quantity within the horizon, or when the LP did not
    finish: before `deadline` (a `time.perf_counter()` value) or before `stop` was set.
    The planner then gives the plan's own date.
    """
    builder = model.builder
    variables = model.variables
    probe = ModelBuilder(
        lower=builder.lower,
        upper=builder.upper,
        cost=list(builder.cost),
        integer=builder.integer,
        blocks=builder.blocks,
        row_lower=builder.row_lower,
        row_upper=builder.row_upper,
        row_blocks=builder.row_blocks,
        entry_rows=builder.entry_rows,
        entry_columns=builder.entry_columns,
        entry_values=builder.entry_values,
        num_columns=builder.num_columns,
        num_rows=builder.num_rows,
    )
    position = {id(block): number for number, block in enumerate(builder.blocks)}
    earliest: dict[str, int | None] = {}
    stopped = False
    simplex = probe.matrix().nnz < SIMPLEX_NONZEROS
    basis: highspy.HighsBasis | None = None
    for numbers, milestones in earliest_probes(index.groups, index.family):
        for milestone in milestones:
            earliest[milestone.id] = None
        probe.cost = [np.zeros_like(costs) for costs in builder.cost]
        blocks = [variables.delivered[number] for number in numbers]
        for block in blocks:
            probe.cost[position[id(block)]] = np.full(block.count, -1.0)
        limit_s = TIME_LIMIT_S
        if deadline is not None:
            limit_s = min(limit_s, deadline - time.perf_counter())
        if limit_s <= 0 or (stop is not None and stop.is_set()):
            stopped = True
            continue
        result = solve_model(
            probe,
            integer=False,
            time_limit_s=limit_s,
            mip_gap=1e-4,
            threads=threads,
            stop=stop,
            simplex=simplex,
            basis=basis,
        )
        basis = result.basis if simplex else None
        if result.status is not SolveStatus.OPTIMAL:
            # Infeasible, or stopped with a point that is not an optimum: no bound.
            stopped = stopped or result.status is not SolveStatus.INFEASIBLE
            continue
        cumulative = np.zeros(index.horizon)
        for block in blocks:
            cumulative = cumulative + result.columns[block.columns]
        for milestone in milestones:
            reached = np.nonzero(cumulative >= milestone.quantity_in_force - TOLERANCE)[
                0
            ]
            earliest[milestone.id] = int(reached[0]) if reached.size else None
    return EarliestDates(earliest, stopped_by_time_limit=stopped)
