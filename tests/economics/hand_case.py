"""A one-plant, one-year scenario and a plan computed by hand."""

import datetime as dt
from typing import Any

from surgeplan.planning.results.plan import Plan, SolverInfo, SolveStatus
from surgeplan.planning.results.records import (
    BucketRecord,
    ConversionRecord,
    CostKind,
    CostRecord,
    DeliveryRecord,
    LabourRecord,
    MilestoneRecord,
)
from surgeplan.scenario import Scenario, make_buckets


def scenario_data(**economics: Any) -> dict[str, Any]:
    """One plant, monthly buckets over exactly one year, priced at 1,000 a unit."""
    return {
        "format": "surgeplan/2",
        "program": {
            "name": "Hand case",
            "start_date": "2027-01-01",
            "time_bucket": "month",
            "horizon_buckets": 12,
            "product": "widget",
        },
        "sites": [
            {
                "id": "plant",
                "name": "Plant",
                "country": "FR",
                "network_zone": "ot",
                "work_centers": [
                    {
                        "id": "cell",
                        "capabilities": ["assembly"],
                        "stations": 1,
                        "core_load": [{"capability": "assembly", "hours_per_week": 10}],
                        "conversions": [
                            {
                                "id": "retool",
                                "adds_capabilities": ["drone"],
                                "capex": 300_000,
                                "lead_time_weeks": 4,
                            }
                        ],
                    }
                ],
                "workforce": [
                    {
                        "skill": "assembler",
                        "headcount": 100,
                        "volunteer_share": 0.5,
                        "hourly_cost": 40,
                        "hours_per_week": 40,
                    }
                ],
            }
        ],
        "delivery_points": [{"id": "customer", "country": "FR"}],
        "items": [
            {
                "id": "widget",
                "kind": "program",
                "routing": [
                    {"id": "assemble", "capability": "drone", "hours_per_unit": 2}
                ],
            }
        ],
        "demand": {
            "milestones": [
                {
                    "id": "order",
                    "item": "widget",
                    "delivery_point": "customer",
                    "due_date": "2027-12-31",
                    "cumulative_quantity": 300,
                }
            ]
        },
        "economics": {
            "contract_unit_price": 1000,
            "contract_duration_years": 3,
            "discount_rate": 0.10,
            "overhead_share": 0.1,
            "fixed_overhead_per_year": 10_000,
            "annual_units_after_horizon": 500,
            **economics,
        },
    }


# Units delivered each month: 30 a month from April to September, 40 in the last
# quarter; 300 in all.
UNITS_BY_MONTH = [0, 0, 0, 30, 30, 30, 30, 30, 30, 40, 40, 40]


def hand_plan(scenario: Scenario) -> Plan:
    buckets = make_buckets(scenario.program)
    return Plan(
        scenario_name=scenario.program.name,
        scenario_hash="0" * 64,
        currency="EUR",
        time_bucket="month",
        allow_core_impact=False,
        created_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        solver=SolverInfo(
            status=SolveStatus.OPTIMAL,
            mip_gap=0.0,
            objective=0.0,
            build_seconds=0.0,
            solve_seconds=0.0,
            total_seconds=0.0,
            learning_iterations=1,
            learning_change=0.0,
            variables=0,
            constraints=0,
            nonzeros=0,
            highs_version="test",
        ),
        buckets=[
            BucketRecord(index=b.index, start=b.start, end=b.end) for b in buckets
        ],
        production=[],
        capacity=[],
        labour=[
            LabourRecord(
                site="plant",
                skill="assembler",
                bucket=b.index,
                hours=500.0,
                overtime_hours=0.0,
                available_hours=2000.0,
                headcount=20.0,
                trainees=0.0,
                hires=0.0,
                volunteers=50,
            )
            for b in buckets
        ],
        purchases=[],
        transfers=[],
        inventory=[],
        deliveries=[
            DeliveryRecord(
                milestone="order",
                item="widget",
                delivery_point="customer",
                bucket=index,
                units=float(units),
            )
            for index, units in enumerate(UNITS_BY_MONTH)
            if units
        ],
        milestones=[
            MilestoneRecord(
                id="order",
                item="widget",
                delivery_point="customer",
                due_date=dt.date(2027, 12, 31),
                due_bucket=11,
                quantity=300.0,
                delivered_by_due=300.0,
                met_bucket=11,
                met_date=dt.date(2027, 12, 31),
                weeks_late=0.0,
                earliest_bucket=9,
                earliest_date=dt.date(2027, 10, 31),
            )
        ],
        core=[],
        conversions=[
            ConversionRecord(
                site="plant",
                work_center="cell",
                conversion="retool",
                start_bucket=0,
                ready_bucket=1,
                ready_date=dt.date(2027, 2, 28),
                capex_eur=300_000.0,
            )
        ],
        shift_changes=[],
        # Labour: 240,000 spread evenly (equal hours): 20,000 a month, 60,000 in the
        # last quarter for 120 units, so 500 a unit after the horizon.
        costs=[
            CostRecord(kind=CostKind.LABOUR, amount_eur=240_000.0),
            CostRecord(kind=CostKind.CONVERSION_CAPEX, amount_eur=300_000.0),
        ],
        bottlenecks=[],
    )
