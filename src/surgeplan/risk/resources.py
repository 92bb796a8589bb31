"""The resources a simulated run can lose, and the spare capacity the plan leaves.

A resource is a work center, a workforce pool (site and skill) or a supplier. Its
spare ratio in a bucket is what the plan leaves unused, overtime included, per hour
(or unit) the program uses: a bucket with ratio 0.25 can make 25 % more of the
program's items on that resource, if nothing else stops them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario, make_buckets
from surgeplan.scenario.calendar import open_share_by_bucket
from surgeplan.scenario.supply_ramps import planned_capacity_by_bucket

EPSILON = 1e-9


class ResourceKind(StrEnum):
    """What kind of capacity a resource is."""

    WORK_CENTER = "work_center"
    LABOUR = "labour"
    SUPPLIER = "supplier"


@dataclass(frozen=True)
class Resource:
    """A work center (site, id), a workforce pool (site, skill), a supplier ("", id)."""

    kind: ResourceKind
    site: str
    id: str


def sum_by_bucket(pairs: Iterable[tuple[int, float]], horizon: int) -> FloatArray:
    """Values added up per bucket; buckets outside the horizon are dropped."""
    total = np.zeros(horizon)
    for bucket, value in pairs:
        if 0 <= bucket < horizon:
            total[bucket] += value
    return total


def _ratio(spare: FloatArray, used: FloatArray) -> FloatArray:
    safe = np.where(used > EPSILON, used, 1.0)
    return np.where(used > EPSILON, np.maximum(spare, 0.0) / safe, 0.0)


def work_center_spare(
    scenario: Scenario, plan: Plan, horizon: int
) -> dict[Resource, FloatArray]:
    """Spare ratio of every work center: unused shift hours and unused overtime."""
    buckets = make_buckets(scenario.program)[:horizon]
    weeks = np.array([bucket.weeks for bucket in buckets])
    open_share = {
        site.id: open_share_by_bucket(site.calendar, buckets) for site in scenario.sites
    }
    overtime_max = {
        (site.id, center.id): center.overtime_hours_per_week_max
        * center.stations
        * center.efficiency
        * weeks
        * open_share[site.id]
        for site, center in scenario.work_centers()
    }
    capacity: dict[Resource, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    used: dict[Resource, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    program: dict[Resource, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    for record in plan.capacity:
        if record.bucket >= horizon:
            continue
        key = Resource(ResourceKind.WORK_CENTER, record.site, record.work_center)
        extra = overtime_max.get((record.site, record.work_center))
        capacity[key][record.bucket] += record.available_hours + max(
            float(extra[record.bucket]) if extra is not None else 0.0,
            record.overtime_hours,
        )
        used[key][record.bucket] += record.program_hours + record.core_hours
        program[key][record.bucket] += record.program_hours
    return {key: _ratio(capacity[key] - used[key], program[key]) for key in capacity}


def labour_spare(
    scenario: Scenario, plan: Plan, horizon: int
) -> dict[Resource, FloatArray]:
    """Spare ratio of every workforce pool: unused contract hours and overtime."""
    overtime_share = {
        (site.id, pool.skill): pool.overtime_share_max
        for site in scenario.sites
        for pool in site.workforce
    }
    capacity: dict[Resource, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    used: dict[Resource, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    for record in plan.labour:
        if record.bucket >= horizon:
            continue
        key = Resource(ResourceKind.LABOUR, record.site, record.skill)
        share = overtime_share.get((record.site, record.skill), 0.0)
        capacity[key][record.bucket] += record.available_hours * (1.0 + share)
        used[key][record.bucket] += record.hours + record.overtime_hours
    return {key: _ratio(capacity[key] - used[key], used[key]) for key in capacity}


def supplier_spare(
    scenario: Scenario, plan: Plan, horizon: int
) -> dict[Resource, FloatArray]:
    """Spare ratio of every supplier at the bucket orders are placed."""
    buckets = make_buckets(scenario.program)[:horizon]
    spare: dict[Resource, FloatArray] = {}
    for supplier in scenario.suppliers:
        capacity = planned_capacity_by_bucket(scenario, supplier, buckets)
        ordered = sum_by_bucket(
            (
                (record.bucket, record.units)
                for record in plan.purchases
                if record.supplier == supplier.id
            ),
            horizon,
        )
        key = Resource(ResourceKind.SUPPLIER, "", supplier.id)
        spare[key] = _ratio(capacity - ordered, ordered)
    return spare


def all_spare(
    scenario: Scenario, plan: Plan, horizon: int
) -> dict[Resource, FloatArray]:
    """Spare ratio of every resource of the scenario that the plan knows."""
    return {
        **work_center_spare(scenario, plan, horizon),
        **labour_spare(scenario, plan, horizon),
        **supplier_spare(scenario, plan, horizon),
    }
