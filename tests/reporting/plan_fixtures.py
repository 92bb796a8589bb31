"""A two-site scenario and a plan written by hand, with every table filled in."""

import datetime as dt
from typing import Any

from surgeplan.planning.results.plan import Plan, SolverInfo, SolveStatus
from surgeplan.planning.results.records import (
    BottleneckKind,
    BottleneckRecord,
    BucketRecord,
    CapacityRecord,
    ConversionRecord,
    CoreRecord,
    CostKind,
    CostRecord,
    DeliveryRecord,
    LabourRecord,
    MilestoneRecord,
    ProductionRecord,
    PurchaseRecord,
    ShiftChangeRecord,
)
from surgeplan.scenario import Scenario, make_buckets

HOSTILE_NAME = '<script>document.documentElement.dataset.pwned = "1"</script>'
HOSTILE_IMAGE = '<img src=x onerror="document.documentElement.dataset.pwned=1">'
WEEKS = 8


def scenario_data(site_name: str = "Chassis plant") -> dict[str, Any]:
    return {
        "format": "surgeplan/2",
        "program": {
            "name": "Drone surge",
            "start_date": "2027-01-04",
            "horizon_buckets": WEEKS,
            "product": "drone",
            "description": "Two plants build a drone.",
        },
        "sites": [
            {
                "id": "chassis-plant",
                "name": site_name,
                "country": "FR",
                "network_zone": "fr",
                "work_centers": [
                    {
                        "id": "body-line",
                        "name": "Body line",
                        "capabilities": ["welding"],
                        "stations": 2,
                        "core_load": [{"capability": "welding", "hours_per_week": 40}],
                        "conversions": [
                            {
                                "id": "composites",
                                "adds_capabilities": ["layup"],
                                "capex": 1_000_000,
                                "lead_time_weeks": 2,
                            }
                        ],
                    }
                ],
                "workforce": [
                    {
                        "skill": "technician",
                        "headcount": 100,
                        "volunteer_share": 0.3,
                        "initially_qualified": 5,
                        "hourly_cost": 50,
                        "hours_per_week": 35,
                        "trainees_per_week_max": 5,
                    }
                ],
            },
            {
                "id": "assembly-abroad",
                "name": "Assembly abroad",
                "country": "PL",
                "network_zone": "pl",
                "work_centers": [
                    {
                        "id": "final-line",
                        "capabilities": ["assembly"],
                        "stations": 1,
                        "shift_patterns": [
                            {"id": "two-shifts", "shifts_per_day": 2},
                            {
                                "id": "three-shifts",
                                "shifts_per_day": 3,
                                "fixed_cost_per_week": 1000,
                                "switch_cost": 5000,
                            },
                        ],
                        "initial_shift_pattern": "two-shifts",
                    }
                ],
                "workforce": [
                    {
                        "skill": "assembler",
                        "headcount": 40,
                        "volunteer_share": 1.0,
                        "hourly_cost": 30,
                        "hours_per_week": 40,
                        "hires_per_week_max": 5,
                        "hires_max_total": 20,
                    }
                ],
            },
        ],
        "delivery_points": [{"id": "depot", "name": "Army depot", "country": "FR"}],
        "items": [
            {
                "id": "drone",
                "name": "Drone",
                "kind": "program",
                "bom": [
                    {"item": "airframe", "quantity_per": 1},
                    {"item": "kit", "quantity_per": 1},
                ],
                "routing": [
                    {"id": "assemble", "capability": "assembly", "hours_per_unit": 4}
                ],
            },
            {
                "id": "airframe",
                "name": "Airframe",
                "kind": "component",
                "routing": [
                    {"id": "layup", "capability": "layup", "hours_per_unit": 6}
                ],
            },
            {
                "id": "kit",
                "name": "Avionics kit",
                "kind": "component",
                "sourcing": "buy",
            },
            {
                "id": "subframe",
                "name": "Subframe",
                "kind": "core",
                "routing": [
                    {"id": "weld", "capability": "welding", "hours_per_unit": 1}
                ],
            },
        ],
        "suppliers": [
            {
                "id": "kit-maker",
                "name": "Kit maker",
                "item": "kit",
                "sites": ["assembly-abroad"],
                "country": "DE",
                "lead_time_weeks": 1,
                "capacity_per_week": 50,
                "unit_cost": 2000,
            }
        ],
        "lanes": [
            {
                "id": "airframes-east",
                "origin": "chassis-plant",
                "destination": "assembly-abroad",
                "lead_time_weeks": 1,
            },
            {
                "id": "to-depot",
                "origin": "assembly-abroad",
                "destination": "depot",
                "lead_time_weeks": 0,
            },
        ],
        "demand": {
            "milestones": [
                {
                    "id": "first-ten",
                    "item": "drone",
                    "delivery_point": "depot",
                    "due_date": "2027-01-31",
                    "cumulative_quantity": 10,
                },
                {
                    "id": "first-hundred",
                    "item": "drone",
                    "delivery_point": "depot",
                    "due_date": "2027-02-28",
                    "cumulative_quantity": 100,
                    "late_penalty_per_unit_week": 100,
                },
            ],
            "core": [
                {"item": "subframe", "site": "chassis-plant", "units_per_week": 30}
            ],
        },
        "economics": {
            "contract_unit_price": 20_000,
            "contract_duration_years": 3,
            "discount_rate": 0.08,
            "annual_units_after_horizon": 1000,
        },
    }


def make_scenario(site_name: str = "Chassis plant") -> Scenario:
    return Scenario.model_validate(scenario_data(site_name))


DELIVERED_BY_WEEK = [0, 0, 5, 10, 15, 20, 25, 30]


def make_plan(scenario: Scenario) -> Plan:
    buckets = make_buckets(scenario.program)
    weeks = range(len(buckets))
    solver = SolverInfo(
        status=SolveStatus.OPTIMAL,
        mip_gap=0.0,
        objective=1.0,
        build_seconds=0.1,
        solve_seconds=0.1,
        total_seconds=0.2,
        learning_iterations=1,
        learning_change=0.0,
        variables=10,
        constraints=10,
        nonzeros=10,
        highs_version="1.15.0",
    )
    return Plan(
        scenario_name=scenario.program.name,
        scenario_hash="0" * 64,
        currency="EUR",
        time_bucket="week",
        allow_core_impact=False,
        created_at=dt.datetime(2027, 1, 1, 8, 0, tzinfo=dt.UTC),
        solver=solver,
        buckets=[
            BucketRecord(index=b.index, start=b.start, end=b.end) for b in buckets
        ],
        production=[
            ProductionRecord(
                item="drone",
                operation="assemble",
                site="assembly-abroad",
                work_center="final-line",
                bucket=week,
                units=float(units),
                hours=4.0 * units,
                labour_hours=6.0 * units,
                hours_per_unit=4.0,
            )
            for week, units in enumerate(DELIVERED_BY_WEEK)
        ]
        + [
            ProductionRecord(
                item="airframe",
                operation="layup",
                site="chassis-plant",
                work_center="body-line",
                bucket=week,
                units=float(units),
                hours=6.0 * units,
                labour_hours=8.0 * units,
                hours_per_unit=6.0,
            )
            for week, units in enumerate([0, 5, 10, 15, 20, 25, 30, 30])
        ],
        capacity=[
            CapacityRecord(
                site=site,
                work_center=center,
                bucket=week,
                shift_pattern=pattern,
                available_hours=available,
                overtime_hours=0.0,
                program_hours=program,
                core_hours=core,
                utilisation=(program + core) / available,
            )
            for week in weeks
            for site, center, pattern, available, program, core in (
                ("chassis-plant", "body-line", "calendar", 128.0, 6.0 * week, 40.0),
                (
                    "assembly-abroad",
                    "final-line",
                    "two-shifts" if week < 4 else "three-shifts",
                    64.0 if week < 4 else 96.0,
                    4.0 * DELIVERED_BY_WEEK[week],
                    0.0,
                ),
            )
        ],
        labour=[
            LabourRecord(
                site=site,
                skill=skill,
                bucket=week,
                hours=hours * (week + 1),
                overtime_hours=0.0,
                available_hours=1000.0,
                headcount=float(5 + week),
                trainees=1.0 if week < 3 else 0.0,
                hires=2.0 if site == "assembly-abroad" and week == 1 else 0.0,
                volunteers=volunteers,
            )
            for week in weeks
            for site, skill, hours, volunteers in (
                ("chassis-plant", "technician", 20.0, 30),
                ("assembly-abroad", "assembler", 15.0, 40),
            )
        ],
        purchases=[
            PurchaseRecord(
                supplier="kit-maker",
                item="kit",
                site="assembly-abroad",
                bucket=week,
                arrival_bucket=week + 1,
                units=float(units),
                cost_eur=2000.0 * units,
            )
            for week, units in enumerate([5, 10, 15, 20, 25, 30, 0, 0])
        ],
        transfers=[],
        inventory=[],
        deliveries=[
            DeliveryRecord(
                milestone="first-ten" if week < 3 else "first-hundred",
                item="drone",
                delivery_point="depot",
                bucket=week,
                units=float(units),
            )
            for week, units in enumerate(DELIVERED_BY_WEEK)
            if units
        ],
        milestones=[
            MilestoneRecord(
                id="first-ten",
                item="drone",
                delivery_point="depot",
                due_date=dt.date(2027, 1, 31),
                due_bucket=3,
                quantity=10.0,
                delivered_by_due=15.0,
                met_bucket=3,
                met_date=dt.date(2027, 1, 31),
                weeks_late=0.0,
                earliest_bucket=2,
                earliest_date=dt.date(2027, 1, 24),
            ),
            MilestoneRecord(
                id="first-hundred",
                item="drone",
                delivery_point="depot",
                due_date=dt.date(2027, 2, 28),
                due_bucket=7,
                quantity=100.0,
                delivered_by_due=100.0,
                met_bucket=7,
                met_date=dt.date(2027, 2, 28),
                weeks_late=0.0,
                earliest_bucket=6,
                earliest_date=dt.date(2027, 2, 21),
                limited_by=["supplier kit-maker"],
            ),
        ],
        core=[
            CoreRecord(
                item="subframe",
                site="chassis-plant",
                bucket=week,
                demand=30.0,
                produced=30.0 if week != 5 else 25.0,
                shortfall=0.0 if week != 5 else 5.0,
            )
            for week in weeks
        ],
        conversions=[
            ConversionRecord(
                site="chassis-plant",
                work_center="body-line",
                conversion="composites",
                start_bucket=0,
                ready_bucket=2,
                ready_date=dt.date(2027, 1, 17),
                capex_eur=1_000_000.0,
            )
        ],
        shift_changes=[
            ShiftChangeRecord(
                site="assembly-abroad",
                work_center="final-line",
                bucket=4,
                from_pattern="two-shifts",
                to_pattern="three-shifts",
                cost_eur=5000.0,
            )
        ],
        costs=[
            CostRecord(kind=CostKind.LABOUR, amount_eur=54_000.0),
            CostRecord(kind=CostKind.TRAINING, amount_eur=3_000.0),
            CostRecord(kind=CostKind.HIRING, amount_eur=0.0),
            CostRecord(kind=CostKind.CONVERSION_CAPEX, amount_eur=1_000_000.0),
            CostRecord(kind=CostKind.SHIFTS, amount_eur=4_000.0),
            CostRecord(kind=CostKind.SHIFT_SWITCHES, amount_eur=5_000.0),
            CostRecord(kind=CostKind.PURCHASES, amount_eur=210_000.0),
            CostRecord(kind=CostKind.CORE_SHORTFALL, amount_eur=500.0),
        ],
        bottlenecks=[
            BottleneckRecord(
                kind=BottleneckKind.SUPPLIER,
                site=None,
                resource="kit-maker",
                first_bucket=2,
                last_bucket=6,
                binding_buckets=5,
                units_per_extra_hour=1.0,
                shadow_price=120.5,
            ),
            BottleneckRecord(
                kind=BottleneckKind.WORK_CENTER,
                site="assembly-abroad",
                resource="final-line",
                first_bucket=3,
                last_bucket=7,
                binding_buckets=4,
                units_per_extra_hour=0.25,
                shadow_price=30.0,
            ),
        ],
    )
