"""The numbers a board looks at first, shared by the report, brief and comparison."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from surgeplan.economics import BusinessCase, last_milestone_date
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario


@dataclass(frozen=True)
class KeyFigures:
    """Deliveries, milestones, money, people and core impact of one plan."""

    name: str
    currency: str
    units_delivered: float
    milestones: int
    milestones_on_time: int
    milestones_never_met: int
    weeks_late_max: float
    last_milestone: str
    last_milestone_due: dt.date
    last_milestone_met: dt.date | None
    total_cost_eur: float
    cost_per_unit_eur: float | None
    capex_eur: float
    npv_eur: float
    payback_years: float | None
    revenue_eur: float
    operating_margin_eur: float
    added_fte: float
    core_demand_units: float
    core_shortfall_units: float

    @property
    def has_core_impact(self) -> bool:
        """Whether any core demand goes unmet (beyond rounding)."""
        return self.core_shortfall_units > 0.5

    @property
    def all_on_time(self) -> bool:
        """Whether the plan meets every milestone on its date."""
        return self.milestones_on_time == self.milestones


def key_figures(scenario: Scenario, plan: Plan, case: BusinessCase) -> KeyFigures:
    """The key figures of a plan and its business case."""
    last_id, last_met = last_milestone_date(scenario, plan)
    last_due = scenario.milestones_in_order()[-1].due_date
    units = plan.units_delivered
    total_cost = plan.total_cost_eur
    return KeyFigures(
        name=scenario.program.name,
        currency=plan.currency,
        units_delivered=units,
        milestones=len(plan.milestones),
        milestones_on_time=sum(
            1 for record in plan.milestones if record.weeks_late == 0
        ),
        milestones_never_met=sum(
            1 for record in plan.milestones if record.met_bucket is None
        ),
        weeks_late_max=max(
            (record.weeks_late or 0.0 for record in plan.milestones), default=0.0
        ),
        last_milestone=last_id,
        last_milestone_due=last_due,
        last_milestone_met=last_met,
        total_cost_eur=total_cost,
        cost_per_unit_eur=total_cost / units if units > 0 else None,
        capex_eur=case.capex_eur,
        npv_eur=case.npv_eur,
        payback_years=case.payback_years,
        revenue_eur=case.revenue_eur,
        operating_margin_eur=case.operating_margin_eur,
        added_fte=case.added_fte,
        core_demand_units=sum(record.demand for record in plan.core),
        core_shortfall_units=sum(record.shortfall for record in plan.core),
    )
