"""The tables `surgeplan show` prints: what a scenario holds, at a glance."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from rich.table import Table

from surgeplan.scenario import Bucket, Scenario, Site, WorkCenter
from surgeplan.scenario.calendar import shift_hours_by_bucket

# Any Monday: a typical full week has no public holiday and no shutdown.
_TYPICAL_WEEK = Bucket(index=0, start=dt.date(2001, 1, 1), end=dt.date(2001, 1, 7))


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value - round(value)) < 1e-9 else f"{value:,.2f}"


def _hours(value: float) -> str:
    return f"{value:,.0f}"


def typical_week_station_hours(site: Site, work_center: WorkCenter) -> float:
    """Shift hours of one station in a full week, on the shift pattern it starts on."""
    pattern = work_center.starting_shift_pattern()
    full_week = site.calendar.model_copy(
        update={"public_holidays": [], "shutdowns": []}
    )
    return float(shift_hours_by_bucket(full_week, pattern, [_TYPICAL_WEEK])[0])


def weekly_effective_hours(
    site: Site, work_center: WorkCenter, efficiency: float | None = None
) -> float:
    """Stations x shift hours of a typical full week x efficiency (OEE)."""
    share = work_center.efficiency if efficiency is None else efficiency
    return work_center.stations * typical_week_station_hours(site, work_center) * share


def sites_table(scenario: Scenario) -> Table:
    """One row per site: where it is, how exposed, how big."""
    table = Table(title="Sites")
    for header in ("site", "country", "zone", "threat"):
        table.add_column(header)
    for header in ("work centers", "stations", "headcount", "volunteers"):
        table.add_column(header, justify="right")
    for site in scenario.sites:
        table.add_row(
            site.id,
            site.country,
            site.network_zone,
            site.threat_level.value,
            str(len(site.work_centers)),
            str(sum(wc.stations for wc in site.work_centers)),
            str(sum(pool.headcount for pool in site.workforce)),
            str(sum(pool.volunteers for pool in site.workforce)),
        )
    return table


@dataclass
class _CapacityRow:
    stations: int = 0
    hours: float = 0.0
    notes: tuple[str, ...] = ()


def capacity_table(scenario: Scenario) -> Table:
    """Stations and weekly effective hours by capability and site.

    Capabilities a work center gains only by a conversion come last, with a note.
    """
    today: dict[tuple[str, str], _CapacityRow] = defaultdict(_CapacityRow)
    converted: dict[tuple[str, str], _CapacityRow] = defaultdict(_CapacityRow)
    for site, work_center in scenario.work_centers():
        hours = weekly_effective_hours(site, work_center)
        for capability in work_center.capabilities:
            row = today[(capability, site.id)]
            row.stations += work_center.stations
            row.hours += hours
        for conversion in work_center.conversions:
            after = weekly_effective_hours(
                site, work_center, conversion.efficiency_after
            )
            note = (
                f"after conversion '{conversion.id}' of '{work_center.id}' "
                f"({conversion.lead_time_weeks} weeks)"
            )
            for capability in conversion.adds_capabilities:
                if capability in work_center.capabilities:
                    continue
                row = converted[(capability, site.id)]
                row.stations += work_center.stations
                row.hours += after
                row.notes = (*row.notes, note)
    table = Table(title="Capacity by capability and site")
    table.add_column("capability")
    table.add_column("site")
    table.add_column("stations", justify="right")
    table.add_column("effective hours/week", justify="right")
    table.add_column("note")
    for (capability, site_id), row in sorted(today.items()):
        table.add_row(capability, site_id, str(row.stations), _hours(row.hours), "")
    for (capability, site_id), row in sorted(converted.items()):
        table.add_row(
            capability,
            site_id,
            str(row.stations),
            _hours(row.hours),
            "; ".join(row.notes),
        )
    return table


def milestones_table(scenario: Scenario) -> Table:
    """Program milestones by due date."""
    currency = scenario.program.currency
    table = Table(title="Program milestones")
    for header in ("milestone", "due date", "item", "delivery point"):
        table.add_column(header)
    table.add_column("cumulative qty", justify="right")
    table.add_column(f"late penalty ({currency}/unit/week)", justify="right")
    for milestone in scenario.milestones_in_order():
        table.add_row(
            milestone.id,
            milestone.due_date.isoformat(),
            milestone.item,
            milestone.delivery_point,
            _number(milestone.quantity_in_force),
            _number(milestone.late_penalty_per_unit_week),
        )
    return table


def core_load_table(scenario: Scenario) -> Table:
    """What core (civilian) production already takes from each site."""
    table = Table(title="Core load")
    table.add_column("site")
    table.add_column("core station-hours/week", justify="right")
    table.add_column("share of capacity", justify="right")
    table.add_column("core demand units/week", justify="right")
    units_by_site: dict[str, float] = defaultdict(float)
    for core in scenario.demand.core:
        units_by_site[core.site] += core.units_per_week
    for site in scenario.sites:
        core_hours = sum(
            load.hours_per_week for wc in site.work_centers for load in wc.core_load
        )
        capacity = sum(weekly_effective_hours(site, wc) for wc in site.work_centers)
        share = f"{core_hours / capacity:.0%}" if capacity > 0 else "-"
        table.add_row(
            site.id, _hours(core_hours), share, _number(units_by_site[site.id])
        )
    return table


def suppliers_table(scenario: Scenario) -> Table:
    """Suppliers of bought items, with their ramp-up."""
    currency = scenario.program.currency
    table = Table(title="Suppliers")
    for header in ("supplier", "item", "sites", "country"):
        table.add_column(header)
    table.add_column("lead time (weeks)", justify="right")
    table.add_column("units/week", justify="right")
    table.add_column("ramp")
    table.add_column(f"unit cost ({currency})", justify="right")
    table.add_column("single source")
    for supplier in scenario.suppliers:
        steps = sorted(supplier.capacity_ramp, key=lambda step: step.from_date)
        ramp = (
            f"{_number(steps[0].units_per_week)} → {_number(steps[-1].units_per_week)}"
            f", {len(steps)} steps from {steps[0].from_date} to {steps[-1].from_date}"
            if len(steps) > 1
            else "".join(
                f"{_number(step.units_per_week)} from {step.from_date}"
                for step in steps
            )
        )
        table.add_row(
            supplier.id,
            supplier.item,
            ", ".join(supplier.sites),
            supplier.country,
            str(supplier.lead_time_weeks),
            _number(supplier.capacity_per_week),
            ramp or "-",
            _number(supplier.unit_cost),
            "yes" if supplier.is_single_source else "no",
        )
    return table


def risks_table(scenario: Scenario) -> Table:
    """How many risks of each kind the simulator will draw, and the mitigations."""
    risks = scenario.risks
    counts = {
        "site disruptions": len(risks.site_disruptions),
        "cyber incidents": len(risks.cyber_incidents),
        "supplier risks": len(risks.supplier_risks),
        "station breakdowns": len(risks.station_breakdowns),
        "staff opt-out": len(risks.staff_opt_out),
        "learning uncertainty": len(risks.learning_uncertainty),
    }
    table = Table(title="Risks")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, count in counts.items():
        table.add_row(kind, str(count))
    table.add_row("all risks", str(sum(counts.values())), style="bold")
    table.add_row("mitigations", str(len(scenario.mitigations)))
    return table


ALL_TABLES = (
    sites_table,
    capacity_table,
    milestones_table,
    core_load_table,
    suppliers_table,
    risks_table,
)
