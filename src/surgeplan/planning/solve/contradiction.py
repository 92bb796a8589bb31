"""Say why a scenario contradicts itself, instead of a bare "infeasible".

Milestones are soft, so only protected core demand can make the model infeasible.
The explanation names the constraint family, the site, the work center or item, and
the week, with the hours or units on each side.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from surgeplan.arrays import FloatArray

# Defined apart so that they import without HiGHS; re-exported for older callers.
from surgeplan.planning.errors import (
    ContradictoryScenarioError as ContradictoryScenarioError,
)
from surgeplan.planning.errors import PlanningTimeoutError as PlanningTimeoutError
from surgeplan.planning.model.formulation import build_model
from surgeplan.planning.model.index import PlanningIndex, WorkCenterInfo
from surgeplan.planning.model.rows_capacity import LearningFactors, capacity_limit
from surgeplan.planning.model.variables import Weights, decision_block_starts
from surgeplan.planning.results.plan import SolveStatus
from surgeplan.planning.solve.highs import solve_model
from surgeplan.scenario.calendar import Bucket
from surgeplan.scenario.program import Program, TimeBucket

# Locating a shortfall is one LP of the relaxed model: bounded so that a refusal
# never takes long.
LOCATE_TIME_LIMIT_S = 20.0


def _when(bucket: Bucket, program: Program) -> str:
    """A bucket as people count it, e.g. `week 3 (2027-01-18)` or `weeks 30-33 (…)`."""
    if program.time_bucket is not TimeBucket.WEEK:
        unit = program.time_bucket.value
        return f"{unit} {bucket.index + 1} ({bucket.start.isoformat()})"
    first = (bucket.start - program.start_date).days // 7 + 1
    last = (bucket.end - program.start_date).days // 7 + 1
    if last == first:
        return f"week {first} ({bucket.start.isoformat()})"
    return (
        f"weeks {first}-{last} ({bucket.start.isoformat()} to {bucket.end.isoformat()})"
    )


def _most_hours_allowed(index: PlanningIndex, info: WorkCenterInfo) -> FloatArray:
    """The most effective hours a work center can give in each bucket.

    A shift pattern with a switch lead time is barred from the decision blocks that
    start before it (as in the model), unless the work center starts on it.
    """
    starts = decision_block_starts(index)
    block_start = starts[np.searchsorted(starts, np.arange(index.horizon), "right") - 1]
    most = np.zeros(index.horizon)
    for number, pattern in enumerate(info.patterns):
        allowed = (
            (block_start >= pattern.first_bucket)
            | (number == info.initial_pattern)
            | (len(info.patterns) == 1)
        )
        most = np.maximum(most, np.where(allowed, pattern.effective_hours, 0.0))
    return np.asarray(most + info.overtime_hours, dtype=float)


def _fixed_core_load(index: PlanningIndex, info: WorkCenterInfo) -> FloatArray:
    """Core hours that must stay on a work center in each bucket.

    Load on a capability a conversion removes can leave once the conversion can be
    done, if another work center of the site has that capability.
    """
    starts = decision_block_starts(index)
    load = np.zeros(index.horizon)
    for capability, hours in info.core_hours_by_capability.items():
        stays = np.ones(index.horizon, dtype=bool)
        has_target = any(
            other.site == info.site
            and other.index != info.index
            and capability in other.capabilities
            for other in index.work_centers
        )
        for conversion in info.conversions:
            if capability in conversion.removes and has_target:
                allowed = starts[starts >= conversion.earliest_bucket]
                if allowed.size:
                    stays[conversion.ready_bucket[allowed[0]] :] = False
        load += np.where(stays, hours, 0.0)
    return load


def _core_load_overflow(index: PlanningIndex) -> str | None:
    """Fixed core load above the most hours a work center can give that week."""
    program = index.scenario.program
    for info in index.work_centers:
        load = _fixed_core_load(index, info)
        limit = _most_hours_allowed(index, info)
        over = np.nonzero(load > limit + 1e-6)[0]
        if over.size:
            bucket = index.buckets[int(over[0])]
            return (
                f"capacity: site '{info.site}', work center '{info.id}', "
                f"{_when(bucket, program)}: core load needs {load[over[0]]:,.1f} h but "
                f"the work center gives at most {limit[over[0]]:,.1f} h even on the "
                "largest shift pattern it may run then (switch lead times counted) "
                "with overtime; lower the core load, add stations or a shift "
                "pattern, or move the shutdown"
            )
    return None


def _core_demand_overflow(index: PlanningIndex) -> str | None:
    """Protected core demand needing more hours than the site's work centers give."""
    program = index.scenario.program
    scenario = index.scenario
    for core in index.core:
        if not core.is_hard:
            continue
        item = scenario.item(core.item)
        for operation in item.routing:
            limit = np.zeros(index.horizon)
            for info in index.work_centers:
                if info.site != core.site:
                    continue
                capable = operation.capability in info.capabilities or any(
                    operation.capability in conversion.adds
                    for conversion in info.conversions
                )
                if capable:
                    fixed = np.zeros(index.horizon)
                    for hours in info.core_hours_by_capability.values():
                        fixed += hours
                    limit += np.maximum(capacity_limit(index, info.index) - fixed, 0.0)
            needed = core.demand * (
                operation.hours_per_unit + operation.setup_hours / operation.batch_size
            )
            over = np.nonzero(needed > limit + 1e-6)[0]
            if over.size:
                bucket = index.buckets[int(over[0])]
                return (
                    f"core demand: site '{core.site}', item '{core.item}', "
                    f"{_when(bucket, program)}: {core.demand[over[0]]:,.1f} units need "
                    f"{needed[over[0]]:,.1f} h of '{operation.capability}' but the "
                    f"site's work centers give at most {limit[over[0]]:,.1f} h; lower "
                    "the demand, mark it unprotected, or run with --allow-core-impact"
                )
    return None


def _core_supply_shortage(index: PlanningIndex) -> str | None:
    """Core products whose bought components cannot arrive in time."""
    program = index.scenario.program
    scenario = index.scenario
    for core in index.core:
        if not core.is_hard:
            continue
        for line in scenario.item(core.item).bom:
            supplies = [
                route
                for route in index.supply
                if route.supplier.item == line.item and route.site == core.site
            ]
            made_here = core.site in index.made_at.get(line.item, [])
            if made_here:
                continue
            arriving = np.zeros(index.horizon)
            for route in supplies:
                inside = route.arrival_bucket < index.horizon
                np.add.at(
                    arriving,
                    route.arrival_bucket[inside],
                    route.capacity_by_bucket[inside],
                )
            need = np.cumsum(core.demand * line.quantity_per)
            arrived = np.cumsum(arriving)
            over = np.nonzero(need > arrived + 1e-6)[0]
            if over.size:
                bucket = index.buckets[int(over[0])]
                return (
                    f"supply: site '{core.site}', item '{line.item}' for core product "
                    f"'{core.item}', {_when(bucket, program)}: "
                    f"{need[over[0]]:,.1f} units needed by then but suppliers can "
                    "deliver at most "
                    f"{arrived[over[0]]:,.1f}; check lead times and capacity"
                )
    return None


def _core_shortfall_located(
    index: PlanningIndex, factors: LearningFactors, weights: Weights
) -> str | None:
    """Where the relaxed plan falls short of protected core demand, once allowed to.

    The simple finders above compare one resource at a time; a contradiction that only
    several together make (shared hours, a component made on a loaded line, a lane) is
    found by solving the relaxation with core demand soft: where it must fall short,
    every plan must.
    """
    # Milestones weigh nothing here, so the shortfall is the least any plan has.
    core_first = replace(
        weights, late_per_unit_week=0.0, short_of_aim_per_unit_week=0.0
    )
    model = build_model(index, factors, core_first, allow_core_impact=True)
    result = solve_model(
        model.builder,
        integer=False,
        time_limit_s=LOCATE_TIME_LIMIT_S,
        mip_gap=0.0,
        threads=1,
    )
    if result.status not in (SolveStatus.OPTIMAL, SolveStatus.TIME_LIMIT):
        return None
    program = index.scenario.program
    found: tuple[int, int, float] | None = None
    for number, core in enumerate(index.core):
        if not core.is_hard:
            continue
        short = result.columns[model.variables.shortfall[number].columns]
        buckets = np.nonzero(short > 1e-6)[0]
        if buckets.size and (found is None or buckets[0] < found[1]):
            found = (number, int(buckets[0]), float(short.sum()))
    if found is None:
        return None
    number, first_bucket, short_units = found
    core = index.core[number]
    # The LP minimises the total shortfall, not its timing: the total is the firm
    # figure, the first week where it falls is one place it can fall.
    return (
        f"core demand: site '{core.site}', item '{core.item}', from "
        f"{_when(index.buckets[first_bucket], program)}: "
        f"at least {short_units:,.1f} of "
        f"the {core.demand.sum():,.1f} units wanted over the horizon cannot be made "
        "even with every option the scenario offers (hours, components, conversions "
        "and lanes together); lower the demand, mark it unprotected, or run with "
        "--allow-core-impact to see the whole impact"
    )


def explain_infeasible(
    index: PlanningIndex,
    *,
    allow_core_impact: bool,
    factors: LearningFactors | None = None,
    weights: Weights | None = None,
) -> ContradictoryScenarioError:
    """The clearest reason found for an infeasible planning model.

    With `factors` and `weights`, a contradiction no single-resource finder names is
    located by a relaxed solve with core demand soft.
    """
    for finder in (_core_load_overflow, _core_demand_overflow, _core_supply_shortage):
        reason = finder(index)
        if reason is not None:
            return ContradictoryScenarioError(reason)
    if not allow_core_impact and factors is not None and weights is not None:
        located = _core_shortfall_located(index, factors, weights)
        if located is not None:
            return ContradictoryScenarioError(located)
    hint = "" if allow_core_impact else "; try --allow-core-impact to see the impact"
    return ContradictoryScenarioError(
        "core demand cannot be met with the capacity, conversions and supply the "
        f"scenario gives (HiGHS proved the model infeasible){hint}"
    )
