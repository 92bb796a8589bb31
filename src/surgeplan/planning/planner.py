"""The planning run: learning iterations around HiGHS solves, then the Plan.

Learning is handled by successive solves. Hours per unit of each item and site are
first estimated from the milestones; each solve's cumulative output gives new hours
per unit by Wright's law; the loop stops when no estimate moves by more than 0.5 %.
The whole-number decisions (conversions, shift patterns, minimum orders) are taken by
a MILP solve; later iterations keep them fixed and re-solve the LP, and a second MILP
solve with the converged hours checks them once more.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from surgeplan.planning.contradiction import ContradictoryScenarioError, explain_infeasible
from surgeplan.planning.extract import extract_plan
from surgeplan.planning.formulation import PlanningModel, build_model, integer_columns
from surgeplan.planning.index import PlanningIndex
from surgeplan.planning.index_build import build_index
from surgeplan.planning.learning import average_learning_factor, factors_from_output
from surgeplan.planning.model_builder import FloatArray
from surgeplan.planning.plan import Plan, SolveStatus
from surgeplan.planning.rows_capacity import LearningFactors
from surgeplan.planning.solve import Progress, SolveResult, solve_model
from surgeplan.planning.variables import make_weights
from surgeplan.scenario import Scenario

LEARNING_TOLERANCE = 0.005
MAX_LEARNING_ITERATIONS = 30
DAMPING = 0.6

__all__ = ["ContradictoryScenarioError", "run_planner"]


def initial_factors(index: PlanningIndex) -> LearningFactors:
    """First guess of learning: output that follows the milestones, shared by sites."""
    scenario = index.scenario
    horizon = index.horizon
    program_curve = np.zeros(horizon)
    for group in index.groups:
        previous_quantity, previous_bucket = 0.0, 0
        for milestone, due in zip(group.milestones, group.due_buckets, strict=True):
            span = max(due - previous_bucket + 1, 1)
            program_curve[previous_bucket : due + 1] += (
                milestone.cumulative_quantity - previous_quantity
            ) / span
            previous_quantity, previous_bucket = milestone.cumulative_quantity, due + 1
    factors: LearningFactors = {}
    for item_id, sites in index.made_at.items():
        item = scenario.item(item_id)
        per_site = program_curve / max(len(sites), 1)
        for site_id in sites:
            factors[(item_id, site_id)] = factors_from_output(
                per_site, item.prior_cumulative_units, item.learning_rate, item.learning_floor_share
            )
    return factors


def output_by_item_site(index: PlanningIndex, model: PlanningModel, result: SolveResult) -> dict[tuple[str, str], FloatArray]:
    """Units made per item and site in each bucket."""
    return {
        key: np.maximum(result.columns[block.columns], 0.0)
        for key, block in model.variables.make.items()
    }


def updated_factors(
    index: PlanningIndex, output: dict[tuple[str, str], FloatArray], previous: LearningFactors
) -> tuple[LearningFactors, float]:
    """New learning factors from a plan's output, damped, and the largest change."""
    factors: LearningFactors = {}
    largest = 0.0
    for key, units in output.items():
        item = index.scenario.item(key[0])
        target = factors_from_output(
            units, item.prior_cumulative_units, item.learning_rate, item.learning_floor_share
        )
        old = previous[key]
        change = float(np.max(np.abs(target - old) / old)) if old.size else 0.0
        largest = max(largest, change)
        factors[key] = old + DAMPING * (target - old) if change > 0.05 else target
    return factors, largest


def average_factors(
    index: PlanningIndex, output: dict[tuple[str, str], FloatArray]
) -> dict[tuple[str, str], float]:
    """Average learning factor over all units each site makes of each item."""
    averages: dict[tuple[str, str], float] = {}
    for key, units in output.items():
        item = index.scenario.item(key[0])
        total = np.array([float(units.sum())])
        averages[key] = float(
            average_learning_factor(
                np.array([item.prior_cumulative_units]),
                total,
                item.learning_rate,
                item.learning_floor_share,
            )[0]
        )
    return averages


def run_planner(
    scenario: Scenario,
    *,
    time_limit_s: float = 60.0,
    mip_gap: float = 1e-4,
    allow_core_impact: bool = False,
    threads: int = 2,
    write_mps: Path | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Plan the surge; see `surgeplan.planning.plan`."""
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    index = build_index(scenario)
    weights = make_weights(index)
    factors = initial_factors(index)
    averages: dict[tuple[str, str], float] | None = None
    build_seconds = solve_seconds = 0.0
    fixed: dict[int, float] | None = None
    milp_solves = 0
    iterations = 0
    change = float("inf")
    result: SolveResult | None = None
    model: PlanningModel | None = None
    deadline = started + time_limit_s
    while True:
        iterations += 1
        tick = time.perf_counter()
        model = build_model(
            index, factors, weights, allow_core_impact=allow_core_impact, average_factors=averages
        )
        build_seconds += time.perf_counter() - tick
        integer = fixed is None
        remaining = max(deadline - time.perf_counter(), 1.0)
        say(
            f"iteration {iterations}: {'MILP' if integer else 'LP'} with "
            f"{model.builder.num_columns:,} variables, {model.builder.num_rows:,} constraints"
        )
        result = solve_model(
            model.builder,
            integer=integer,
            fixed_columns=fixed,
            time_limit_s=remaining,
            mip_gap=mip_gap,
            threads=threads,
            write_mps=write_mps if iterations == 1 else None,
            progress=say,
        )
        solve_seconds += result.seconds
        if result.status is SolveStatus.INFEASIBLE:
            raise explain_infeasible(index, allow_core_impact=allow_core_impact)
        if integer:
            milp_solves += 1
            fixed = {column: round(float(result.columns[column])) for column in integer_columns(model)}
        output = output_by_item_site(index, model, result)
        factors, change = updated_factors(index, output, factors)
        averages = average_factors(index, output)
        say(f"iteration {iterations}: hours per unit moved by at most {100 * change:.2f} %")
        out_of_time = time.perf_counter() > deadline
        if change < LEARNING_TOLERANCE or iterations >= MAX_LEARNING_ITERATIONS or out_of_time:
            retake = milp_solves == 1 and not integer and not out_of_time
            if retake and integer_columns(model):
                fixed = None  # re-take the whole-number decisions with converged hours
                continue
            break
    assert result is not None and model is not None
    # The last solve used the factors before the final update; rebuild so hours match.
    tick = time.perf_counter()
    model = build_model(
            index, factors, weights, allow_core_impact=allow_core_impact, average_factors=averages
        )
    build_seconds += time.perf_counter() - tick
    final = solve_model(
        model.builder,
        integer=False,
        fixed_columns=fixed,
        time_limit_s=max(deadline - time.perf_counter(), 5.0),
        mip_gap=mip_gap,
        threads=threads,
        progress=say,
    )
    solve_seconds += final.seconds
    if final.status is SolveStatus.INFEASIBLE:
        raise explain_infeasible(index, allow_core_impact=allow_core_impact)
    return extract_plan(
        index,
        model,
        final,
        weights,
        factors,
        allow_core_impact=allow_core_impact,
        milp_gap=result.mip_gap,
        status=result.status if result.status is not SolveStatus.OPTIMAL else final.status,
        learning_iterations=iterations,
        learning_change=change,
        build_seconds=build_seconds,
        solve_seconds=solve_seconds,
        total_seconds=time.perf_counter() - started,
    )
