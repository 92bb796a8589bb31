"""Assemble the whole planning model for given learning factors."""

from __future__ import annotations

from dataclasses import dataclass

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite, SitePool
from surgeplan.planning.model.builder import ModelBuilder
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.rows_buildings import add_building_decisions
from surgeplan.planning.model.rows_capacity import (
    LearningFactors,
    add_conversion_gates,
    add_moved_core_load,
    add_routing_balance,
    add_shift_patterns,
    add_station_capacity,
    add_station_reserve,
    route_hours,
)
from surgeplan.planning.model.rows_crews import add_shift_crews
from surgeplan.planning.model.rows_gates import add_gates
from surgeplan.planning.model.rows_labour import (
    add_labour,
    add_labour_reserve,
    route_labour,
)
from surgeplan.planning.model.rows_material import (
    add_core_demand,
    add_deliveries,
    add_lane_limits,
    add_stock_balance,
    add_supply_limits,
)
from surgeplan.planning.model.rows_replan import add_anchor_rows
from surgeplan.planning.model.variables import (
    KEUR,
    ModelVariables,
    Weights,
    add_variables,
)
from surgeplan.planning.rules.workforce_terms import hourly_cost_of_work


@dataclass
class PlanningModel:
    """A built model with its variables and the coefficients it used."""

    builder: ModelBuilder
    variables: ModelVariables
    hours: list[FloatArray]
    labour: list[dict[str, FloatArray]]


def build_model(
    index: PlanningIndex,
    factors: LearningFactors,
    weights: Weights,
    *,
    allow_core_impact: bool,
    average_factors: dict[ItemSite, float] | None = None,
) -> PlanningModel:
    """Every variable and constraint of the plan, for these hours per unit."""
    builder = ModelBuilder()
    variables = add_variables(
        builder, index, weights, allow_core_impact=allow_core_impact
    )
    hours = route_hours(index, factors)
    labour = route_labour(index, factors)
    _price_labour_per_unit(builder, index, variables, average_factors)
    add_routing_balance(builder, index, variables)
    add_station_capacity(builder, index, variables, hours)
    add_moved_core_load(builder, index, variables)
    add_conversion_gates(builder, index, variables, hours)
    add_building_decisions(builder, index, variables)
    add_shift_patterns(builder, index, variables)
    add_shift_crews(builder, index, variables)
    add_labour(builder, index, variables, labour)
    if index.targets.reserve_share > 0:
        add_station_reserve(builder, index, variables, hours)
        add_labour_reserve(builder, index, variables)
    add_stock_balance(builder, index, variables)
    add_core_demand(builder, index, variables)
    add_supply_limits(builder, index, variables)
    add_lane_limits(builder, index, variables)
    add_deliveries(builder, index, variables)
    add_gates(builder, index, variables)
    add_anchor_rows(builder, index, variables, weights)
    return PlanningModel(builder, variables, hours, labour)


def _price_labour_per_unit(
    builder: ModelBuilder,
    index: PlanningIndex,
    variables: ModelVariables,
    average_factors: dict[ItemSite, float] | None,
) -> None:
    """Labour cost on the units made, at the run's average learning factor.

    With Wright's law the hours of N units do not depend on when they are made; pricing
    labour per bucket with that bucket's estimated factor would make the last solve's
    timing look cheaper and pin the plan to it. Pricing per unit keeps cost independent
    of timing, so timing follows milestones and the early-delivery preference.
    """
    for number, route in enumerate(index.routes):
        factor = (average_factors or {}).get(ItemSite(route.item, route.site), 1.0)
        per_unit = sum(
            hours * hourly_cost_of_work(index.pools[SitePool(route.site, skill)])
            for skill, hours in route.labour_hours_by_skill.items()
        )
        builder.set_cost(variables.route[number], per_unit * factor / KEUR)


def integer_columns(model: PlanningModel) -> list[int]:
    """Columns of the decisions that are whole numbers (conversions, shifts, orders)."""
    _, _, _, is_integer = model.builder.column_arrays()
    return [int(column) for column in is_integer.nonzero()[0]]
