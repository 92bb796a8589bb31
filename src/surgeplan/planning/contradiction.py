"""Say why a scenario contradicts itself, instead of a bare "infeasible".

Milestones are soft, so only protected core demand can make the model infeasible.
The explanation names the constraint family, the site, the work center or item, and
the week, with the hours or units on each side.
"""

from __future__ import annotations

import numpy as np

from surgeplan.planning.index import PlanningIndex
from surgeplan.planning.rows_capacity import capacity_limit
from surgeplan.scenario.calendar import Bucket


class ContradictoryScenarioError(Exception):
    """Core demand cannot be met even with every option the scenario offers."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PlanningTimeoutError(Exception):
    """HiGHS found no plan at all within the time it was given."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _when(bucket: Bucket, time_bucket: str) -> str:
    """A bucket as people count it, e.g. `week 3 (2027-01-18)`."""
    return f"{time_bucket} {bucket.index + 1} ({bucket.start.isoformat()})"


def _core_load_overflow(index: PlanningIndex) -> str | None:
    """Fixed core load above the most hours a work center can ever give."""
    unit = index.scenario.program.time_bucket.value
    for info in index.work_centers:
        load = np.zeros(index.horizon)
        for hours in info.core_hours_by_capability.values():
            load += hours
        limit = capacity_limit(index, info.index)
        movable = any(
            conversion.removes & set(info.core_hours_by_capability)
            for conversion in info.conversions
        )
        over = np.nonzero(load > limit + 1e-6)[0]
        if over.size and not movable:
            bucket = index.buckets[int(over[0])]
            return (
                f"capacity: site '{info.site}', work center '{info.id}', "
                f"{_when(bucket, unit)}: core load needs {load[over[0]]:,.1f} h but "
                f"the work center gives at most {limit[over[0]]:,.1f} h even on its "
                "largest shift pattern with overtime; lower the core load, add "
                "stations or a shift pattern, or move the shutdown"
            )
    return None


def _core_demand_overflow(index: PlanningIndex) -> str | None:
    """Protected core demand needing more hours than the site's work centers give."""
    unit = index.scenario.program.time_bucket.value
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
                    f"{_when(bucket, unit)}: {core.demand[over[0]]:,.1f} units need "
                    f"{needed[over[0]]:,.1f} h of '{operation.capability}' but the "
                    f"site's work centers give at most {limit[over[0]]:,.1f} h; lower "
                    "the demand, mark it unprotected, or run with --allow-core-impact"
                )
    return None


def _core_supply_shortage(index: PlanningIndex) -> str | None:
    """Core products whose bought components cannot arrive in time."""
    unit = index.scenario.program.time_bucket.value
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
                arriving[route.lead_buckets :] += route.capacity_by_bucket[
                    : index.horizon - route.lead_buckets
                ]
            need = np.cumsum(core.demand * line.quantity_per)
            arrived = np.cumsum(arriving)
            over = np.nonzero(need > arrived + 1e-6)[0]
            if over.size:
                bucket = index.buckets[int(over[0])]
                return (
                    f"supply: site '{core.site}', item '{line.item}' for core product "
                    f"'{core.item}', {_when(bucket, unit)}: {need[over[0]]:,.1f} units "
                    f"needed by then but suppliers can deliver at most "
                    f"{arrived[over[0]]:,.1f}; check lead times and capacity"
                )
    return None


def explain_infeasible(
    index: PlanningIndex, *, allow_core_impact: bool
) -> ContradictoryScenarioError:
    """The clearest reason found for an infeasible planning model."""
    for finder in (_core_load_overflow, _core_demand_overflow, _core_supply_shortage):
        reason = finder(index)
        if reason is not None:
            return ContradictoryScenarioError(reason)
    hint = "" if allow_core_impact else "; try --allow-core-impact to see the impact"
    return ContradictoryScenarioError(
        "core demand cannot be met with the capacity, conversions and supply the "
        f"scenario gives (HiGHS proved the model infeasible){hint}"
    )
