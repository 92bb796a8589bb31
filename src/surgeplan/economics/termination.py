"""Termination of a running program at a date: the exit ramp and its business case.

What stopping costs, computed from the plan the program runs on:

- **Purchases**: orders placed up to the termination week are commitments: they are
  delivered and paid (`purchases_paid`); those still in transit
  (`committed_in_transit`) are scrapped on arrival; orders the plan places later are
  cancelled and saved (`cancelled_purchases`).
- **Work in progress**: the program's units in stock at the end of the termination
  week. `WorkInProgressChoice.FINISH` delivers and invoices the finished products in
  stock; `SCRAP` invoices none. Every other unit is written off at its material cost
  (a bought item at its supplier's unit cost).
- **Conversions** begun by then are reverted to core production: each costs
  `revert_cost_share` of its capex and takes its own lead time, after which the work
  center is back on core work.
- **Staff** qualified for the program go back to their core jobs on the termination
  day; people hired for the program cost `severance_per_hire` each.
- **Stranded capex**: the conversions' capex not yet depreciated at termination
  (straight line over the scenario's `depreciation_years`), written off then.

The terminated business case takes the plan's costs and deliveries up to the
termination week, adds the exit cash (reverting, severance) in the termination year,
and compares it with the full program's (`economics.cashflow.business_case`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from surgeplan.economics.allocation import costs_by_kind_bucket
from surgeplan.economics.cashflow import business_case
from surgeplan.economics.finance import npv
from surgeplan.economics.years import DAYS_PER_YEAR, add_years
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import ConversionRecord, CostKind
from surgeplan.scenario import Scenario
from surgeplan.scenario.calendar import bucket_index_of

# Reverting a conversion is taken to cost half of what converting did, unless told.
DEFAULT_REVERT_COST_SHARE = 0.5


class WorkInProgressChoice(StrEnum):
    """What happens to the units in progress at termination."""

    FINISH = "finish"
    SCRAP = "scrap"


class TerminationError(ValueError):
    """The termination cannot be computed (a readable reason)."""


@dataclass(frozen=True)
class TerminationTerms:
    """When the program stops and how its exit is handled."""

    date: dt.date
    work_in_progress: WorkInProgressChoice = WorkInProgressChoice.FINISH
    revert_cost_share: float = DEFAULT_REVERT_COST_SHARE
    severance_per_hire: float = 0.0


@dataclass(frozen=True)
class RevertedConversion:
    """A conversion undone after termination."""

    site: str
    work_center: str
    conversion: str
    revert_cost: float
    back_to_core_date: dt.date
    stranded_capex: float


@dataclass(frozen=True)
class ExitRamp:
    """What stopping at the termination week costs, item by item (program currency)."""

    termination_bucket: int
    purchases_paid: float
    committed_in_transit: float
    committed_units_in_transit: float
    cancelled_purchases: float
    finished_units_invoiced: float
    finished_revenue: float
    written_off_stock: float
    reverted: list[RevertedConversion]
    people_back_to_core: dict[tuple[str, str], float]
    severance: float
    written_off_by_item: dict[str, float] = field(default_factory=dict)

    @property
    def revert_costs(self) -> float:
        """Cash to undo the conversions."""
        return sum(conversion.revert_cost for conversion in self.reverted)

    @property
    def stranded_capex(self) -> float:
        """Capex not depreciated at termination."""
        return sum(conversion.stranded_capex for conversion in self.reverted)

    @property
    def exit_cash(self) -> float:
        """Cash the exit itself costs beyond the plan's costs up to termination."""
        return self.revert_costs + self.severance


@dataclass(frozen=True)
class TerminationCase:
    """The terminated program against the full one."""

    exit_ramp: ExitRamp
    npv_full: float
    npv_terminated: float
    cash_full: float
    cash_terminated: float
    cash_by_year_terminated: list[float]
    activity_hours_by_site_full: dict[str, float]
    activity_hours_by_site_terminated: dict[str, float]


def exit_ramp(scenario: Scenario, plan: Plan, terms: TerminationTerms) -> ExitRamp:
    """The exit ramp of stopping the plan at `terms.date` (see the module)."""
    buckets = scenario.plan_buckets()
    end = bucket_index_of(buckets, terms.date)
    if end is None:
        raise TerminationError(
            f"termination date {terms.date} is outside the plan "
            f"({buckets[0].start} to {buckets[-1].end})"
        )
    paid = sum(o.cost_eur for o in plan.purchases if o.bucket <= end)
    transit = [o for o in plan.purchases if o.bucket <= end < o.arrival_bucket]
    cancelled = sum(o.cost_eur for o in plan.purchases if o.bucket > end)
    product = scenario.program.product
    value = _unit_values(scenario)
    invoiced = 0.0
    written_off: defaultdict[str, float] = defaultdict(float)
    for held in plan.inventory:
        if held.bucket != end or held.units <= 0:
            continue
        if (
            held.item == product
            and terms.work_in_progress is WorkInProgressChoice.FINISH
        ):
            invoiced += held.units
        else:
            written_off[held.item] += held.units * value.get(held.item, 0.0)
    for order in transit:
        written_off[order.item] += order.cost_eur
    reverted = [
        RevertedConversion(
            site=conversion.site,
            work_center=conversion.work_center,
            conversion=conversion.conversion,
            revert_cost=conversion.capex_eur * terms.revert_cost_share,
            back_to_core_date=terms.date
            + dt.timedelta(weeks=_lead_time_weeks(scenario, conversion)),
            stranded_capex=_stranded(
                conversion.capex_eur,
                buckets[conversion.start_bucket].start,
                terms.date,
                scenario.economics.depreciation_years,
            ),
        )
        for conversion in plan.conversions
        if conversion.start_bucket <= end
    ]
    people = {
        (labour.site, labour.skill): labour.headcount
        for labour in plan.labour
        if labour.bucket == end and labour.headcount > 0
    }
    hires = sum(labour.hires for labour in plan.labour if labour.bucket <= end)
    return ExitRamp(
        termination_bucket=end,
        purchases_paid=paid,
        committed_in_transit=sum(o.cost_eur for o in transit),
        committed_units_in_transit=sum(o.units for o in transit),
        cancelled_purchases=cancelled,
        finished_units_invoiced=invoiced,
        finished_revenue=invoiced * scenario.economics.unit_price,
        written_off_stock=sum(written_off.values()),
        reverted=reverted,
        people_back_to_core=people,
        severance=hires * terms.severance_per_hire,
        written_off_by_item=dict(written_off),
    )


def termination_case(
    scenario: Scenario, plan: Plan, terms: TerminationTerms
) -> TerminationCase:
    """NPV, cash and activity per site of the terminated program and the full one."""
    ramp = exit_ramp(scenario, plan, terms)
    full = business_case(scenario, plan)
    end = ramp.termination_bucket
    start = scenario.program.start_date
    economics = scenario.economics
    years = max(1, int((terms.date - start).days // DAYS_PER_YEAR) + 1)
    year_of = {
        bucket.index: min(int((bucket.start - start).days // DAYS_PER_YEAR), years - 1)
        for bucket in plan.buckets
    }
    revenue = [0.0] * years
    direct = [0.0] * years
    capex = [0.0] * years
    for delivery in plan.deliveries:
        if delivery.item == scenario.program.product and delivery.bucket <= end:
            revenue[year_of[delivery.bucket]] += delivery.units * economics.unit_price
    revenue[-1] += ramp.finished_revenue
    for kind, by_bucket in costs_by_kind_bucket(scenario, plan).items():
        target = capex if kind is CostKind.CONVERSION_CAPEX else direct
        for bucket, amount in by_bucket.items():
            if bucket <= end:
                target[year_of[bucket]] += amount
    direct[-1] += ramp.exit_cash
    flows: list[float] = []
    for year in range(years):
        overheads = (
            direct[year] * economics.overhead_share + economics.fixed_overhead_per_year
        )
        # Capex is written off in full by termination (stranded or used up).
        margin = revenue[year] - direct[year] - overheads - capex[year]
        tax = economics.tax_rate * max(0.0, margin)
        flows.append(revenue[year] - direct[year] - overheads - capex[year] - tax)
    return TerminationCase(
        exit_ramp=ramp,
        npv_full=full.npv_eur,
        npv_terminated=npv(economics.discount_rate, flows),
        cash_full=sum(flow.cash_flow_eur for flow in full.years),
        cash_terminated=sum(flows),
        cash_by_year_terminated=flows,
        activity_hours_by_site_full=_hours_by_site(plan, len(plan.buckets)),
        activity_hours_by_site_terminated=_hours_by_site(plan, end + 1),
    )


def _unit_values(scenario: Scenario) -> dict[str, float]:
    """Material value of a unit of each item: its own, or its cheapest supplier's."""
    values = {item.id: item.material_cost_per_unit for item in scenario.items}
    for supplier in scenario.suppliers:
        own = values.get(supplier.item, 0.0)
        values[supplier.item] = (
            supplier.unit_cost if own == 0.0 else min(own, supplier.unit_cost)
        )
    return values


def _lead_time_weeks(scenario: Scenario, conversion: ConversionRecord) -> int:
    """The declared lead time of a conversion: undoing it takes as long."""
    for center in scenario.site(conversion.site).work_centers:
        if center.id == conversion.work_center:
            for declared in center.conversions:
                if declared.id == conversion.conversion:
                    return declared.lead_time_weeks
    return 0


def _stranded(
    capex: float, started: dt.date, terminated: dt.date, depreciation_years: int
) -> float:
    """Capex not yet depreciated (straight line from its start) at termination."""
    used_days = max((terminated - started).days, 0)
    life_days = (add_years(started, depreciation_years) - started).days
    return capex * max(0.0, 1.0 - used_days / life_days)


def _hours_by_site(plan: Plan, buckets: int) -> dict[str, float]:
    """Station hours on program work per site in the first `buckets` buckets."""
    hours: defaultdict[str, float] = defaultdict(float)
    for record in plan.production:
        if record.bucket < buckets:
            hours[record.site] += record.hours
    return dict(hours)
