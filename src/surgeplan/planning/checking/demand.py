"""Plan checks on demand and money: core demand, deliveries, milestones, costs."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemPoint, ItemSite
from surgeplan.planning.checking.material import units_made
from surgeplan.planning.checking.violations import ConstraintFamily, Violation, differs
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import CostKind, MilestoneRecord
from surgeplan.planning.rules.opening_state import (
    arrivals_at_delivery_point,
    delivered_at_start,
)
from surgeplan.scenario import Scenario
from surgeplan.scenario.calendar import (
    Bucket,
    bucket_index_of,
    open_share_by_bucket,
    rate_by_bucket,
)
from surgeplan.scenario.lateness import weeks_late


def check_core(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Core production meets core demand (or reports the shortfall when allowed)."""
    found: list[Violation] = []
    buckets = scenario.plan_buckets()
    made = units_made(scenario, plan)
    records = {(r.item, r.site, r.bucket): r for r in plan.core}
    for demand in scenario.demand.core:
        steps = [(change.from_date, change.units_per_week) for change in demand.changes]
        open_share = open_share_by_bucket(scenario.site(demand.site).calendar, buckets)
        expected = rate_by_bucket(demand.units_per_week, steps, buckets) * open_share
        for bucket in range(len(buckets)):
            where = f"{demand.item} at {demand.site}, bucket {bucket}"
            record = records.get((demand.item, demand.site, bucket))
            if record is None:
                found.append(Violation(ConstraintFamily.CORE, where, "no core record"))
                continue
            produced = float(made[ItemSite(demand.item, demand.site)][bucket])
            if differs(record.demand, float(expected[bucket])) or differs(
                record.produced, produced
            ):
                found.append(
                    Violation(
                        ConstraintFamily.CORE,
                        where,
                        f"record says demand {record.demand:g}, produced "
                        f"{record.produced:g}; scenario and production give "
                        f"{expected[bucket]:g} and {produced:g}",
                    )
                )
            if differs(record.produced + record.shortfall, record.demand):
                found.append(
                    Violation(
                        ConstraintFamily.CORE,
                        where,
                        "produced plus shortfall is not the demand",
                    )
                )
            if (
                record.shortfall > 1e-6
                and demand.is_protected
                and not plan.allow_core_impact
            ):
                found.append(
                    Violation(
                        ConstraintFamily.CORE,
                        where,
                        f"protected core demand short by {record.shortfall:g} units",
                    )
                )
    return found


def check_milestones(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Deliveries are what arrives at delivery points; milestone figures are right."""
    found: list[Violation] = []
    buckets = scenario.plan_buckets()
    horizon = len(buckets)
    arrived: defaultdict[ItemPoint, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    points = {point.id for point in scenario.delivery_points}
    for transfer in plan.transfers:
        if transfer.destination in points and transfer.arrival_bucket < horizon:
            arrived[ItemPoint(transfer.item, transfer.destination)][
                transfer.arrival_bucket
            ] += transfer.units
    for group in {
        ItemPoint(m.item, m.delivery_point) for m in scenario.demand.milestones
    }:
        # Shipments of the opening state arrive like the plan's own.
        arrived[group] += arrivals_at_delivery_point(
            scenario.opening_state, scenario, buckets, *group
        )
    reported: defaultdict[ItemPoint, FloatArray] = defaultdict(
        lambda: np.zeros(horizon)
    )
    for delivery in plan.deliveries:
        reported[ItemPoint(delivery.item, delivery.delivery_point)][
            delivery.bucket
        ] += delivery.units
    for key in set(arrived) | set(reported):
        if np.any(
            np.abs(np.cumsum(arrived[key]) - np.cumsum(reported[key]))
            > 1e-5 * (1 + np.cumsum(arrived[key]))
        ):
            found.append(
                Violation(
                    ConstraintFamily.DELIVERIES,
                    f"{key.item} at {key.delivery_point}",
                    "delivery records do not match arrivals on lanes",
                )
            )
    records = {record.id: record for record in plan.milestones}
    for milestone in scenario.demand.milestones:
        record = records.get(milestone.id)
        if record is None:
            found.append(
                Violation(
                    ConstraintFamily.MILESTONE, milestone.id, "missing from the plan"
                )
            )
            continue
        cumulative = np.cumsum(
            sum(
                arrived[ItemPoint(item_id, milestone.delivery_point)]
                for item_id in milestone.items_counted
            )
        ) + sum(
            delivered_at_start(
                scenario.opening_state, item_id, milestone.delivery_point
            )
            for item_id in milestone.items_counted
        )
        due = bucket_index_of(buckets, milestone.due_date)
        reached = np.nonzero(cumulative >= milestone.quantity_in_force - 1e-6)[0]
        met = int(reached[0]) if reached.size else None
        if (
            due is None
            or record.due_bucket != due
            or differs(record.quantity, milestone.quantity_in_force)
            or differs(record.delivered_by_due, float(cumulative[due]))
            or record.met_bucket != met
        ):
            found.append(
                Violation(
                    ConstraintFamily.MILESTONE,
                    milestone.id,
                    f"reported due {record.due_bucket}, delivered "
                    f"{record.delivered_by_due:g}, met {record.met_bucket}; the "
                    f"transfers give due {due}, delivered "
                    f"{float(cumulative[due]) if due is not None else 0:g}, met {met}",
                )
            )
        elif (lateness := _lateness_differs(record, buckets, due, met)) is not None:
            found.append(Violation(ConstraintFamily.MILESTONE, milestone.id, lateness))
    return found


def _lateness_differs(
    record: MilestoneRecord, buckets: list[Bucket], due: int, met: int | None
) -> str | None:
    """What is wrong with a record's met date and weeks late, if anything.

    Lateness is measured one way (scenario/lateness.py): plan.json's verdict must be
    the one the simulation and the reports would give from the same buckets.
    """
    met_date = None if met is None else buckets[met].end
    late = None if met is None else weeks_late(buckets[met].end, buckets[due].end)
    if late is None or record.weeks_late is None:
        same_lateness = late is None and record.weeks_late is None
    else:
        same_lateness = not differs(record.weeks_late, late)
    if record.met_date == met_date and same_lateness:
        return None
    return (
        f"reported met {record.met_date}, {record.weeks_late} weeks late; its buckets "
        f"give met {met_date}, {late} weeks late"
    )


def check_costs(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Purchase, transport and conversion costs add up from the records."""
    found: list[Violation] = []
    suppliers = {supplier.id: supplier for supplier in scenario.suppliers}
    lanes = {lane.id: lane for lane in scenario.lanes}
    expected = {
        CostKind.PURCHASES: sum(
            p.units * suppliers[p.supplier].unit_cost
            for p in plan.purchases
            if p.supplier in suppliers
        ),
        CostKind.TRANSPORT: sum(
            t.units * lanes[t.lane].cost_per_unit
            for t in plan.transfers
            if t.lane in lanes
        ),
        CostKind.CONVERSION_CAPEX: sum(c.capex_eur for c in plan.conversions),
    }
    for kind, amount in expected.items():
        if (
            differs(plan.cost(kind), amount, 1e-6)
            and abs(plan.cost(kind) - amount) > 0.05
        ):
            found.append(
                Violation(
                    ConstraintFamily.COSTS,
                    kind.value,
                    f"{plan.cost(kind):,.2f} reported, records give {amount:,.2f}",
                )
            )
    return found
