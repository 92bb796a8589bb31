"""What the plan costs, by kind, in EUR (objective weights for lateness left out)."""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import SitePool
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.rows_loans import loan_cost
from surgeplan.planning.results.records import CostKind, CostRecord
from surgeplan.planning.rules.workforce_terms import (
    hourly_cost_of_work,
    hours_each,
    salary_by_bucket,
)


def plan_costs(
    index: PlanningIndex,
    model: PlanningModel,
    values: FloatArray,
    labour_hours: dict[SitePool, FloatArray],
) -> list[CostRecord]:
    """Every kind of cost, including zero ones, in a fixed order."""
    variables = model.variables
    scenario = index.scenario
    totals = dict.fromkeys(CostKind, 0.0)

    def total(columns: np.ndarray, price: float | FloatArray) -> float:
        return float(np.sum(values[columns] * price))

    for key, pool in index.pools.items():
        overtime = values[variables.labour_overtime[key].columns]
        contract = np.maximum(labour_hours[key] - overtime, 0.0)
        totals[CostKind.LABOUR] += float(np.sum(contract) * hourly_cost_of_work(pool))
        # A salaried pool's qualified people are paid whether they work or not.
        salary = salary_by_bucket(
            pool, hours_each(pool, index.weeks, index.open_share[key.site])
        )
        totals[CostKind.LABOUR] += total(variables.qualified[key].columns, salary)
        totals[CostKind.OVERTIME] += total(
            variables.labour_overtime[key].columns,
            pool.hourly_cost * (1 + pool.overtime_premium),
        )
        totals[CostKind.TRAINING] += total(
            variables.trainees[key].columns, pool.trainee_cost
        )
        totals[CostKind.TRAINING] += total(
            variables.hires[key].columns, pool.hire_training_cost
        )
        totals[CostKind.HIRING] += total(
            variables.hires[key].columns, pool.hiring_cost_per_person
        )
    # Travel and allowances of people on loan count as labour.
    totals[CostKind.LABOUR] += loan_cost(variables.loans, values, index.weeks)
    starts = variables.block_starts
    for info in index.work_centers:
        if len(info.patterns) <= 1:
            continue
        for number, pattern in enumerate(info.patterns):
            fixed = np.add.reduceat(pattern.fixed_cost_per_bucket_eur, starts)
            totals[CostKind.SHIFTS] += total(
                variables.pattern[(info.index, number)].columns, fixed
            )
            totals[CostKind.SHIFT_SWITCHES] += total(
                variables.switch[(info.index, number)].columns, pattern.switch_cost_eur
            )
    for conversion in index.conversions:
        totals[CostKind.CONVERSION_CAPEX] += total(
            variables.conversion[conversion.index].columns, conversion.capex_eur
        )
    for number, supply in enumerate(index.supply):
        totals[CostKind.PURCHASES] += total(
            variables.purchase[number].columns, supply.supplier.unit_cost
        )
    for (item_id, _site), block in variables.make.items():
        totals[CostKind.MATERIALS] += total(
            block.columns, scenario.item(item_id).material_cost_per_unit
        )
    for number, route in enumerate(index.lanes):
        totals[CostKind.TRANSPORT] += total(
            variables.transfer[number].columns, route.lane.cost_per_unit
        )
    for (item_id, _site), block in variables.inventory.items():
        holding = scenario.item(item_id).holding_cost_per_unit_week * index.weeks
        totals[CostKind.HOLDING] += total(block.columns, holding)
    for (group_number, position), block in variables.backlog.items():
        group = index.groups[group_number]
        milestone = group.milestones[position]
        weeks = index.weeks[group.due_buckets[position] :]
        totals[CostKind.LATE_PENALTIES] += total(
            block.columns, milestone.late_penalty_per_unit_week * weeks
        )
    for number, core in enumerate(index.core):
        totals[CostKind.CORE_SHORTFALL] += total(
            variables.shortfall[number].columns, core.penalty_per_unit_eur
        )
    return [
        CostRecord(kind=kind, amount_eur=round(amount, 2))
        for kind, amount in totals.items()
    ]
