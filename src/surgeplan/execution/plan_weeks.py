"""The plan week by week, as arrays the variance and the forecast compare with actuals.

Week index 0 is the program's week 1. A plan in merged buckets is spread over its
weeks first (`risk.weekly_plan`), as the risk simulation does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.planning.results.plan import Plan
from surgeplan.risk.weekly_plan import weekly_plan
from surgeplan.scenario import Scenario


class Step(NamedTuple):
    """One operation of an item on one work center."""

    item: str
    operation: str
    site: str
    work_center: str


@dataclass(frozen=True)
class PlanWeeks:
    """The plan's quantities by week (arrays of length `weeks`)."""

    weeks: int
    units_by_step: dict[Step, FloatArray]
    hours_by_step: dict[Step, FloatArray]
    finished_by_item_site: dict[tuple[str, str], FloatArray]
    delivered_by_milestone: dict[str, FloatArray]
    delivered_by_item_point: dict[tuple[str, str], FloatArray]
    hours_by_work_center: dict[tuple[str, str], FloatArray]
    available_by_work_center: dict[tuple[str, str], FloatArray]
    headcount_by_pool: dict[tuple[str, str], FloatArray]
    arrivals_by_supplier_site: dict[tuple[str, str], FloatArray]

    def cumulative(self, series: FloatArray, week: int) -> float:
        """Sum over weeks 1 to `week` (1-based, inclusive)."""
        return float(series[: max(week, 0)].sum())


def _array(weeks: int) -> FloatArray:
    return np.zeros(weeks, dtype=np.float64)


def plan_weeks(scenario: Scenario, plan: Plan) -> PlanWeeks:
    """Arrays of the weekly plan; finished units: those of an item's last operation."""
    weekly = weekly_plan(plan)
    weeks = len(weekly.buckets)
    last_operation = {
        item.id: item.routing[-1].id for item in scenario.items if item.routing
    }
    units: dict[Step, FloatArray] = defaultdict(lambda: _array(weeks))
    hours: dict[Step, FloatArray] = defaultdict(lambda: _array(weeks))
    finished: dict[tuple[str, str], FloatArray] = defaultdict(lambda: _array(weeks))
    for record in weekly.production:
        if not 0 <= record.bucket < weeks:
            continue
        step = Step(record.item, record.operation, record.site, record.work_center)
        units[step][record.bucket] += record.units
        hours[step][record.bucket] += record.hours
        if last_operation.get(record.item) == record.operation:
            finished[(record.item, record.site)][record.bucket] += record.units
    by_milestone: dict[str, FloatArray] = defaultdict(lambda: _array(weeks))
    by_point: dict[tuple[str, str], FloatArray] = defaultdict(lambda: _array(weeks))
    for delivery in weekly.deliveries:
        if 0 <= delivery.bucket < weeks:
            by_milestone[delivery.milestone][delivery.bucket] += delivery.units
            key = (delivery.item, delivery.delivery_point)
            by_point[key][delivery.bucket] += delivery.units
    center_hours: dict[tuple[str, str], FloatArray] = defaultdict(lambda: _array(weeks))
    available: dict[tuple[str, str], FloatArray] = defaultdict(lambda: _array(weeks))
    for capacity in weekly.capacity:
        if 0 <= capacity.bucket < weeks:
            key = (capacity.site, capacity.work_center)
            center_hours[key][capacity.bucket] += capacity.program_hours
            available[key][capacity.bucket] += (
                capacity.available_hours + capacity.overtime_hours
            )
    headcount: dict[tuple[str, str], FloatArray] = defaultdict(lambda: _array(weeks))
    for labour in weekly.labour:
        if 0 <= labour.bucket < weeks:
            headcount[(labour.site, labour.skill)][labour.bucket] = labour.headcount
    arrivals: dict[tuple[str, str], FloatArray] = defaultdict(lambda: _array(weeks))
    for purchase in weekly.purchases:
        if 0 <= purchase.arrival_bucket < weeks:
            key = (purchase.supplier, purchase.site)
            arrivals[key][purchase.arrival_bucket] += purchase.units
    return PlanWeeks(
        weeks=weeks,
        units_by_step=dict(units),
        hours_by_step=dict(hours),
        finished_by_item_site=dict(finished),
        delivered_by_milestone=dict(by_milestone),
        delivered_by_item_point=dict(by_point),
        hours_by_work_center=dict(center_hours),
        available_by_work_center=dict(available),
        headcount_by_pool=dict(headcount),
        arrivals_by_supplier_site=dict(arrivals),
    )
