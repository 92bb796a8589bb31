"""Rows of the tables beside the charts, as plain mappings for the templates."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from surgeplan.i18n import gettext
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import BottleneckKind
from surgeplan.reporting.names import Names
from surgeplan.scenario.lateness import span_weeks

Row = dict[str, Any]


def milestone_rows(plan: Plan, names: Names) -> list[Row]:
    """Each milestone: what is due, what the plan delivers by then, when it is met.

    `met_bucket_weeks` is the length of the bucket it is met in: longer than a week,
    the day it is met (and so the weeks late) is known only to that bucket.
    """
    buckets = {bucket.index: bucket for bucket in plan.buckets}
    return [
        {
            "id": record.id,
            "item": names.item(record.item),
            "place": names.place(record.delivery_point),
            "due_date": record.due_date,
            "quantity": record.quantity,
            "delivered_by_due": record.delivered_by_due,
            "met_date": record.met_date,
            "weeks_late": record.weeks_late,
            "is_on_time": record.weeks_late == 0,
            "met_bucket_start": None
            if record.met_bucket is None
            else buckets[record.met_bucket].start,
            "met_bucket_weeks": None
            if record.met_bucket is None
            else span_weeks(buckets[record.met_bucket]),
            "earliest_date": record.earliest_date,
            "limited_by": ", ".join(record.limited_by),
        }
        for record in sorted(plan.milestones, key=lambda record: record.due_date)
    ]


def conversion_rows(plan: Plan, names: Names) -> list[Row]:
    """Conversions the plan decides, in the order they start."""
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    return [
        {
            "where": names.work_center(record.site, record.work_center),
            "conversion": record.conversion,
            "start_date": starts.get(record.start_bucket),
            "ready_date": record.ready_date,
            "capex_eur": record.capex_eur,
        }
        for record in sorted(plan.conversions, key=lambda record: record.start_bucket)
    ]


def shift_change_rows(plan: Plan, names: Names) -> list[Row]:
    """Shift pattern changes, in time order."""
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    return [
        {
            "where": names.work_center(record.site, record.work_center),
            "date": starts.get(record.bucket),
            "change": f"{record.from_pattern} → {record.to_pattern}",
            "cost_eur": record.cost_eur,
        }
        for record in sorted(plan.shift_changes, key=lambda record: record.bucket)
    ]


def bottleneck_kind_name(kind: BottleneckKind) -> str:
    """A kind of limiting resource, in words."""
    return {
        BottleneckKind.WORK_CENTER: gettext("work center"),
        BottleneckKind.LABOUR: gettext("labour"),
        BottleneckKind.SUPPLIER: gettext("supplier"),
        BottleneckKind.LANE: gettext("lane"),
        BottleneckKind.TRAINING: gettext("training"),
    }[kind]


def bottleneck_rows(plan: Plan, names: Names) -> list[Row]:
    """Limiting resources, the most valuable extra hour first.

    Each runs from the first day of the first period it binds in to the last day of
    the last: in a plan of merged periods the last can be weeks long.
    """
    starts = {bucket.index: bucket.start for bucket in plan.buckets}
    ends = {bucket.index: bucket.end for bucket in plan.buckets}
    return [
        {
            "kind": bottleneck_kind_name(record.kind),
            "resource": record.resource,
            "site": names.site(record.site),
            "first_date": starts.get(record.first_bucket),
            "last_date": ends.get(record.last_bucket),
            "binding_buckets": record.binding_buckets,
            "units_per_extra_hour": record.units_per_extra_hour,
            "shadow_price": record.shadow_price,
        }
        for record in sorted(
            plan.bottlenecks, key=lambda record: abs(record.shadow_price), reverse=True
        )
    ]


def pool_rows(plan: Plan, names: Names) -> list[Row]:
    """Each workforce pool: peak qualified, volunteers, training and hiring."""
    pools: dict[tuple[str, str], Row] = {}
    for record in plan.labour:
        row = pools.setdefault(
            (record.site, record.skill),
            {
                "site": names.site(record.site),
                "skill": record.skill,
                "hours": 0.0,
                "qualified_peak": 0.0,
                "volunteers": 0,
                "trainees": 0.0,
                "hires": 0.0,
            },
        )
        row["hours"] += record.hours
        row["qualified_peak"] = max(row["qualified_peak"], record.headcount)
        row["volunteers"] = max(row["volunteers"], record.volunteers)
        row["trainees"] += record.trainees
        row["hires"] += record.hires
    return list(pools.values())


def supplier_rows(plan: Plan, names: Names) -> list[Row]:
    """Units and money ordered from each supplier over the horizon."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for record in plan.purchases:
        total = totals[(record.supplier, record.item)]
        total[0] += record.units
        total[1] += record.cost_eur
    return [
        {
            "supplier": names.supplier(supplier),
            "item": names.item(item),
            "units": units,
            "cost_eur": cost,
        }
        for (supplier, item), (units, cost) in sorted(totals.items())
    ]


def core_rows(plan: Plan, names: Names) -> list[Row]:
    """Core demand, production and shortfall over the horizon, by site and item."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for record in plan.core:
        total = totals[(record.site, record.item)]
        total[0] += record.demand
        total[1] += record.produced
        total[2] += record.shortfall
    return [
        {
            "site": names.site(site),
            "item": names.item(item),
            "demand": demand,
            "produced": produced,
            "shortfall": shortfall,
            "share_kept": produced / demand if demand else None,
        }
        for (site, item), (demand, produced, shortfall) in sorted(totals.items())
    ]
