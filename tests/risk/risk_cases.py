"""Tiny scenarios with hand-made plans for the risk simulation tests.

A "line" case: each site has one work center (`line`, capability `assembly`, no labour)
that finishes `widget` in one operation and ships it on a lane to `depot`. The plan is
built by hand: units per site and bucket, shipped the bucket they are made, and the
work center's hours leave `spare_ratio` of unused capacity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from surgeplan.planning.results.plan import Plan, SolverInfo, SolveStatus
from surgeplan.planning.results.records import (
    BucketRecord,
    CapacityRecord,
    DeliveryRecord,
    MilestoneRecord,
    ProductionRecord,
    PurchaseRecord,
    TransferRecord,
)
from surgeplan.scenario import Scenario, make_buckets, scenario_hash

START = dt.date(2027, 1, 4)


def line_scenario_data(
    *,
    sites: Sequence[str] = ("plant",),
    horizon: int = 20,
    lead_weeks: int = 1,
    milestones: Sequence[tuple[str, int, float]] = (("order", 19, 100.0),),
    risks: dict[str, Any] | None = None,
    mitigations: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A line case as plain data; milestones are (id, due week index, quantity)."""
    return {
        "format": "surgeplan/2",
        "program": {
            "name": "Line case",
            "start_date": START.isoformat(),
            "horizon_buckets": horizon,
            "product": "widget",
        },
        "sites": [
            {
                "id": site,
                "country": "FR",
                "network_zone": f"{site}-net",
                "work_centers": [
                    {"id": "line", "capabilities": ["assembly"], "stations": 1}
                ],
            }
            for site in sites
        ],
        "delivery_points": [{"id": "depot", "country": "FR"}],
        "items": [
            {
                "id": "widget",
                "kind": "program",
                "routing": [
                    {"id": "assemble", "capability": "assembly", "hours_per_unit": 1.0}
                ],
            }
        ],
        "lanes": [
            {
                "id": f"{site}-to-depot",
                "origin": site,
                "destination": "depot",
                "lead_time_weeks": lead_weeks,
            }
            for site in sites
        ],
        "demand": {
            "milestones": [
                {
                    "id": milestone_id,
                    "item": "widget",
                    "delivery_point": "depot",
                    "due_date": (START + dt.timedelta(weeks=week, days=6)).isoformat(),
                    "cumulative_quantity": quantity,
                }
                for milestone_id, week, quantity in milestones
            ]
        },
        "economics": {"contract_unit_price": 1000.0},
        "risks": risks or {},
        "mitigations": mitigations or [],
    }


def line_scenario(**options: Any) -> Scenario:
    """A validated line case."""
    return Scenario.model_validate(line_scenario_data(**options))


def line_plan(
    scenario: Scenario,
    units_by_site: Mapping[str, ArrayLike],
    *,
    spare_ratio: float = 0.0,
    lead_buckets: int = 1,
) -> Plan:
    """The plan that makes these units, ships them at once and leaves spare hours."""
    buckets = make_buckets(scenario.program)
    horizon = len(buckets)
    production, capacity, transfers = [], [], []
    arrivals = np.zeros(horizon)
    for site, given in units_by_site.items():
        units = np.asarray(given, dtype=float)

        for bucket in range(horizon):
            made = float(units[bucket])
            capacity.append(
                CapacityRecord(
                    site=site,
                    work_center="line",
                    bucket=bucket,
                    shift_pattern="calendar",
                    available_hours=made * (1.0 + spare_ratio),
                    overtime_hours=0.0,
                    program_hours=made,
                    core_hours=0.0,
                    utilisation=1.0 / (1.0 + spare_ratio) if made else 0.0,
                )
            )
            if made <= 0.0:
                continue
            production.append(
                ProductionRecord(
                    item="widget",
                    operation="assemble",
                    site=site,
                    work_center="line",
                    bucket=bucket,
                    units=made,
                    hours=made,
                    labour_hours=0.0,
                    hours_per_unit=1.0,
                )
            )
            transfers.append(
                TransferRecord(
                    lane=f"{site}-to-depot",
                    item="widget",
                    origin=site,
                    destination="depot",
                    bucket=bucket,
                    arrival_bucket=bucket + lead_buckets,
                    units=made,
                    cost_eur=0.0,
                )
            )
            if bucket + lead_buckets < horizon:
                arrivals[bucket + lead_buckets] += made
    return Plan(
        scenario_name=scenario.program.name,
        scenario_hash=scenario_hash(scenario),
        currency="EUR",
        time_bucket="week",
        allow_core_impact=False,
        created_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        solver=SolverInfo(
            status=SolveStatus.OPTIMAL,
            mip_gap=None,
            objective=0.0,
            build_seconds=0.0,
            solve_seconds=0.0,
            total_seconds=0.0,
            learning_iterations=1,
            learning_change=0.0,
            variables=0,
            constraints=0,
            nonzeros=0,
            highs_version="hand-made",
        ),
        buckets=[
            BucketRecord(index=b.index, start=b.start, end=b.end) for b in buckets
        ],
        production=production,
        capacity=capacity,
        labour=[],
        purchases=[],
        transfers=transfers,
        inventory=[],
        deliveries=_deliveries(scenario, arrivals),
        milestones=_milestones(scenario, arrivals, buckets),
        core=[],
        conversions=[],
        shift_changes=[],
        costs=[],
        bottlenecks=[],
    )


def _deliveries(scenario: Scenario, arrivals: np.ndarray) -> list[DeliveryRecord]:
    milestone = scenario.milestones_in_order()[-1]
    return [
        DeliveryRecord(
            milestone=milestone.id,
            item="widget",
            delivery_point="depot",
            bucket=bucket,
            units=float(units),
        )
        for bucket, units in enumerate(arrivals)
        if units > 0
    ]


def _milestones(
    scenario: Scenario, arrivals: np.ndarray, buckets: list[Any]
) -> list[MilestoneRecord]:
    cumulative = np.cumsum(arrivals)
    records = []
    for milestone in scenario.milestones_in_order():
        due = next(b.index for b in buckets if b.end >= milestone.due_date)
        reached = np.nonzero(cumulative >= milestone.cumulative_quantity - 1e-6)[0]
        met = int(reached[0]) if reached.size else None
        records.append(
            MilestoneRecord(
                id=milestone.id,
                item="widget",
                delivery_point="depot",
                due_date=milestone.due_date,
                due_bucket=due,
                quantity=milestone.cumulative_quantity,
                delivered_by_due=float(cumulative[due]),
                met_bucket=met,
                met_date=buckets[met].end if met is not None else None,
                weeks_late=None,
                earliest_bucket=None,
                earliest_date=None,
            )
        )
    return records


def site_outage(
    risk_id: str = "outage",
    *,
    site: str = "plant",
    probability: float = 0.1,
    duration: dict[str, Any] | None = None,
    loss: float = 1.0,
) -> dict[str, Any]:
    """A site disruption as plain data (one week long by default)."""
    return {
        "id": risk_id,
        "site": site,
        "probability_per_week": probability,
        "duration_weeks": duration or {"distribution": "fixed", "value": 1.0},
        "capacity_loss_share": loss,
    }


def with_purchases(plan: Plan, supplier: str, item: str = "kit") -> Plan:
    """The plan buying one unit of `item` per unit made, delivered the same bucket."""
    bought = [
        PurchaseRecord(
            supplier=supplier,
            item=item,
            site=record.site,
            bucket=record.bucket,
            arrival_bucket=record.bucket,
            units=record.units,
            cost_eur=0.0,
        )
        for record in plan.production
    ]
    return plan.model_copy(update={"purchases": bought})
