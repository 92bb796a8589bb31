"""Deliveries and milestone records: what arrives, against which milestone, how late."""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.milestones_family import (
    counted_cumulative,
    family_milestones_of,
)
from surgeplan.planning.results.records import (
    BottleneckRecord,
    DeliveryRecord,
    MilestoneRecord,
)
from surgeplan.planning.rules.opening_state import delivered_at_start
from surgeplan.planning.solution.bottlenecks_items import holds_back, items_within
from surgeplan.scenario.lateness import weeks_late as weeks_after_due

TOLERANCE = 1e-6


def group_cumulative(
    model: PlanningModel, values: FloatArray, group: int
) -> FloatArray:
    """Cumulative units delivered for one (item, delivery point) in each bucket."""
    return np.asarray(values[model.variables.delivered[group].columns], dtype=float)


def delivery_records(
    index: PlanningIndex, model: PlanningModel, values: FloatArray
) -> list[DeliveryRecord]:
    """Arrivals per bucket, counted against milestones first come, first served."""
    records: list[DeliveryRecord] = []
    for number, group in enumerate(index.groups):
        cumulative = group_cumulative(model, values, number)
        # A group without milestones of its own counts toward family milestones.
        counted = group.milestones or family_milestones_of(
            index.groups, index.family, number
        )
        if not counted:
            continue
        bounds = [0.0] + [m.quantity_in_force for m in counted]
        bounds[-1] = float("inf")  # units beyond the last milestone count against it
        # Units delivered before the start are not deliveries of this plan.
        previous = delivered_at_start(
            index.scenario.opening_state, group.item, group.delivery_point
        )
        for bucket in range(index.horizon):
            now = float(cumulative[bucket])
            if now - previous <= TOLERANCE:
                previous = max(previous, now)
                continue
            for position, milestone in enumerate(counted):
                low, high = bounds[position], bounds[position + 1]
                units = min(now, high) - max(previous, low)
                if units > TOLERANCE:
                    records.append(
                        DeliveryRecord(
                            milestone=milestone.id,
                            item=group.item,
                            delivery_point=group.delivery_point,
                            bucket=bucket,
                            units=units,
                        )
                    )
            previous = now
    return records


def milestone_records(
    index: PlanningIndex,
    model: PlanningModel,
    values: FloatArray,
    earliest: dict[str, int | None],
    bottlenecks: list[BottleneckRecord],
) -> list[MilestoneRecord]:
    """How the plan does against each milestone, and what holds a late one back."""
    records: list[MilestoneRecord] = []
    buckets = index.buckets
    parts_by_item = {
        group.item: items_within(index, group.item) for group in index.groups
    }
    for number, group in enumerate(index.groups):
        for position, milestone in enumerate(group.milestones):
            cumulative = counted_cumulative(
                lambda other: group_cumulative(model, values, other),
                number,
                index.family.get(milestone.id, ()),
            )
            due = group.due_buckets[position]
            reached = np.nonzero(cumulative >= milestone.quantity_in_force - TOLERANCE)[
                0
            ]
            met = int(reached[0]) if reached.size else None
            weeks_late = None
            if met is not None:
                weeks_late = weeks_after_due(buckets[met].end, buckets[due].end)
            horizon_of_interest = met if met is not None else index.horizon - 1
            limited_by = [
                _resource_name(record)
                for record in bottlenecks
                if record.first_bucket <= horizon_of_interest
                and holds_back(index, record, parts_by_item[group.item])
            ][:3]
            first = earliest.get(milestone.id)
            if met is not None and (first is None or first > met):
                # The earliest-date LPs use hours per unit estimated before the plan's
                # own; where the plan does better, the plan is the earliest date known.
                first = met
            records.append(
                MilestoneRecord(
                    id=milestone.id,
                    item=group.item,
                    delivery_point=group.delivery_point,
                    due_date=milestone.due_date,
                    due_bucket=due,
                    quantity=milestone.quantity_in_force,
                    delivered_by_due=float(cumulative[due]),
                    met_bucket=met,
                    met_date=buckets[met].end if met is not None else None,
                    weeks_late=weeks_late,
                    earliest_bucket=first,
                    earliest_date=buckets[first].end if first is not None else None,
                    limited_by=limited_by
                    if (weeks_late is None or weeks_late > 0)
                    else [],
                )
            )
    return records


def _resource_name(record: BottleneckRecord) -> str:
    """A bottleneck as a milestone names it, e.g. `work_center plant/assembly-line`."""
    site = f"{record.site}/" if record.site else ""
    return f"{record.kind.value} {site}{record.resource}"
