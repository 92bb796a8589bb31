"""Constraints on people: program hours by skill, volunteers, training and hiring."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.keys import ItemSite, SitePool
from surgeplan.planning.model.builder import ModelBuilder, delayed_entries
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.rows_capacity import LearningFactors
from surgeplan.planning.model.rows_loans import add_loan_lead_times, people_moved
from surgeplan.planning.model.variables import ModelVariables
from surgeplan.planning.rules.workforce_terms import hours_each, retention
from surgeplan.scenario.calendar import ready_after_both, ready_buckets


def route_labour(
    index: PlanningIndex, factors: LearningFactors
) -> list[dict[str, FloatArray]]:
    """Labour hours per unit of each route, by skill and bucket, learning included."""
    return [
        {
            skill: hours * factors[ItemSite(route.item, route.site)]
            for skill, hours in route.labour_hours_by_skill.items()
        }
        for route in index.routes
    ]


def add_labour(
    builder: ModelBuilder,
    index: PlanningIndex,
    variables: ModelVariables,
    labour: list[dict[str, FloatArray]],
) -> None:
    """Program work needs qualified people, who come from training and hiring.

    Hires, trainees and volunteers keep their limits; overtime stays within a share of
    the qualified people's hours.
    """
    horizon = index.horizon
    time = np.arange(horizon)
    routes_by_pool: dict[SitePool, list[tuple[int, FloatArray]]] = defaultdict(list)
    for number, route in enumerate(index.routes):
        for skill, hours in labour[number].items():
            routes_by_pool[SitePool(route.site, skill)].append((number, hours))
    program = index.scenario.program
    moved = people_moved(variables.loans)
    for key, pool in index.pools.items():
        site_id = key[0]
        person_hours = hours_each(pool, index.weeks, index.open_share[site_id])
        rows = builder.add_rows("labour", key, horizon, upper=0.0)
        for number, hours in routes_by_pool.get(key, []):
            builder.add_entries(
                rows.first + time, variables.route[number].columns, hours
            )
        builder.add_entries(rows.first + time, variables.labour[key].columns, -1.0)
        builder.add_entries(
            rows.first + time, variables.labour_overtime[key].columns, -1.0
        )

        qualified = variables.qualified[key].columns
        rows = builder.add_rows("contract_hours", key, horizon, upper=0.0)
        builder.add_entries(rows.first + time, variables.labour[key].columns, 1.0)
        builder.add_entries(rows.first + time, qualified, -person_hours)
        for columns, sign in moved.get(key, []):
            builder.add_entries(rows.first + time, columns, -sign * person_hours)
        rows = builder.add_rows("overtime_hours", key, horizon, upper=0.0)
        builder.add_entries(
            rows.first + time, variables.labour_overtime[key].columns, 1.0
        )
        builder.add_entries(
            rows.first + time, qualified, -person_hours * pool.overtime_share_max
        )
        for columns, sign in moved.get(key, []):
            builder.add_entries(
                rows.first + time,
                columns,
                -sign * person_hours * pool.overtime_share_max,
            )

        # Qualified(t) = qualified(t-1) less leavers + trainees and hires whose
        # training ends at t.
        training = ready_buckets(pool.training_lead_time_weeks, index.buckets, program)
        hiring = ready_buckets(pool.hire_lead_time_weeks, index.buckets, program)
        lower = np.zeros(horizon)
        lower[0] = pool.initially_qualified
        rows = builder.add_rows("qualified", key, horizon, lower=lower, upper=lower)
        builder.add_entries(rows.first + time, qualified, 1.0)
        builder.add_entries(
            rows.first + time[1:], qualified[:-1], -retention(pool, index.weeks)[:-1]
        )
        buckets, columns = delayed_entries(
            variables.trainees[key].columns, training, horizon
        )
        builder.add_entries(rows.first + buckets, columns, -1.0)
        buckets, columns = delayed_entries(
            variables.hires[key].columns, ready_after_both(hiring, training), horizon
        )
        builder.add_entries(rows.first + buckets, columns, -1.0)

        volunteers_left = max(pool.volunteers - pool.initially_qualified, 0)
        builder.add_rows("volunteers", key, 1, upper=float(volunteers_left))
        builder.add_entries(builder.num_rows - 1, variables.trainees[key].columns, 1.0)
        if pool.hires_max_total >= 0:
            builder.add_rows("hires_total", key, 1, upper=float(pool.hires_max_total))
            builder.add_entries(builder.num_rows - 1, variables.hires[key].columns, 1.0)
        if pool.trainees_per_week_max is not None:
            # Hired people go through the same training classes as volunteers.
            rows = builder.add_rows(
                "training_places",
                key,
                horizon,
                upper=pool.trainees_per_week_max * index.weeks,
            )
            builder.add_entries(rows.first + time, variables.trainees[key].columns, 1.0)
            buckets, columns = delayed_entries(
                variables.hires[key].columns, hiring, horizon
            )
            builder.add_entries(rows.first + buckets, columns, 1.0)
    add_loan_lead_times(builder, index, variables.loans)


def labour_needed(
    index: PlanningIndex,
    routes_columns: list[IntArray],
    labour: list[dict[str, FloatArray]],
    values: FloatArray,
) -> dict[SitePool, FloatArray]:
    """Program labour hours each pool works in each bucket, from the units made."""
    needed = {key: np.zeros(index.horizon) for key in index.pools}
    for number, route in enumerate(index.routes):
        units = values[routes_columns[number]]
        for skill, hours in labour[number].items():
            needed[SitePool(route.site, skill)] += units * hours
    return needed


def add_labour_reserve(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """A share of qualified people's hours is kept unworked, or its shortfall paid for.

    Hours worked, overtime included, fit in `kept` of what the qualified people can
    give (contract hours and the most overtime), less an hour of `reserve_short` for
    each hour of reserve given up. Idle qualified people cost their training, so the
    reserve trains (or hires) a few more people where it can, and is given up where
    volunteers, trainers or hires run out.
    """
    horizon = index.horizon
    time = np.arange(horizon)
    kept = index.targets.kept_share
    moved = people_moved(variables.loans)
    for key, pool in index.pools.items():
        person_hours = hours_each(pool, index.weeks, index.open_share[key[0]])
        rows = builder.add_rows("labour_reserve", key, horizon, upper=0.0)
        row_ids = rows.first + time
        builder.add_entries(row_ids, variables.labour[key].columns, 1.0)
        builder.add_entries(row_ids, variables.labour_overtime[key].columns, 1.0)
        builder.add_entries(
            row_ids,
            variables.qualified[key].columns,
            -person_hours * (1.0 + pool.overtime_share_max) * kept,
        )
        for columns, sign in moved.get(key, []):
            builder.add_entries(
                row_ids,
                columns,
                -sign * person_hours * (1.0 + pool.overtime_share_max) * kept,
            )
        builder.add_entries(row_ids, variables.labour_reserve_short[key].columns, -1.0)
