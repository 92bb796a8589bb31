"""Estimates of learning between solves: Wright's law on a plan's output, and steps.

The planner re-estimates hours per unit from each solve's output (see `planner`).
These are the estimates: a first guess from the milestones, Wright's law on a plan's
own output, the steps that move the estimates towards it without cycling, and the
average factor that prices labour.
"""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite
from surgeplan.planning.model.formulation import PlanningModel
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.rows_capacity import LearningFactors
from surgeplan.planning.rules.learning import (
    average_learning_factor,
    crew_curve,
    crew_factors,
)
from surgeplan.planning.rules.yield_learning import with_learned_yields
from surgeplan.planning.solve.highs import SolveResult

# A key's step is halved each time its correction turns back, every step when the
# loop's largest change has not reached a new low for STALLED_SOLVES solves.
SMALLEST_STEP = 0.25
STALLED_SOLVES = 2


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
                milestone.quantity_in_force - previous_quantity
            ) / span
            previous_quantity, previous_bucket = milestone.quantity_in_force, due + 1
    factors: LearningFactors = {}
    for item_id, sites in index.made_at.items():
        per_site = program_curve / max(len(sites), 1)
        for site_id in sites:
            factors[ItemSite(item_id, site_id)] = with_learned_yields(
                crew_factors(
                    per_site, index.weeks, crew_curve(scenario, item_id, site_id)
                ),
                index.stated_scenario,
                item_id,
                per_site,
            )
    return factors


def output_by_item_site(
    model: PlanningModel, result: SolveResult
) -> dict[ItemSite, FloatArray]:
    """Units made per item and site in each bucket."""
    return {
        key: np.maximum(result.columns[block.columns], 0.0)
        for key, block in model.variables.make.items()
    }


def output_columns(model: PlanningModel, result: SolveResult) -> dict[int, float]:
    """The solve's units made, by column: to fix the output in a later solve."""
    return {
        int(column): max(float(value), 0.0)
        for block in model.variables.make.values()
        for column, value in zip(
            block.columns, result.columns[block.columns], strict=True
        )
    }


def asks_more_than(
    targets: LearningFactors,
    factors: LearningFactors,
    output: dict[ItemSite, FloatArray],
) -> bool:
    """Whether the law's factors exceed the estimates anywhere units are made."""
    return any(
        bool(np.any(targets[key][units > 1e-6] > factors[key][units > 1e-6]))
        for key, units in output.items()
    )


def wright_factors(
    index: PlanningIndex, output: dict[ItemSite, FloatArray]
) -> LearningFactors:
    """Learning factors by Wright's law on the plan's own output, per item and site."""
    factors: LearningFactors = {}
    for key, units in output.items():
        factors[key] = with_learned_yields(
            crew_factors(
                units, index.weeks, crew_curve(index.scenario, key.item, key.site)
            ),
            index.stated_scenario,
            key.item,
            units,
        )
    return factors


class LearningSteps:
    """Fixed-point steps on the learning factors, one step size per item and site.

    An item and site whose hours move one way take whole steps: damping them only
    slows the loop (with a fixed step of 0.5 a settled plan still needs a solve per
    halving of the gap). One whose correction turns back against the previous one (LP
    solutions jump between vertices, e.g. output moving between buckets and back) has
    its step halved for good, down to SMALLEST_STEP. A cycle that turns no single
    correction back (several items and sites moving in turn) shows as a loop whose
    largest change stops falling: after STALLED_SOLVES solves without a new low, every
    step is halved.
    """

    def __init__(self) -> None:
        self.steps: dict[ItemSite, float] = {}
        self.corrections: dict[ItemSite, FloatArray] = {}
        self.lowest_change = float("inf")
        self.solves_since_lowest = 0

    def update(
        self,
        index: PlanningIndex,
        output: dict[ItemSite, FloatArray],
        previous: LearningFactors,
        *,
        first: bool,
    ) -> tuple[LearningFactors, float]:
        """New learning factors from a plan's output, and the largest relative change.

        The change is measured on the hours of the units actually made (bucket by
        bucket, weighted by units), so a wiggle of a fraction of a unit in an idle
        bucket does not hold the loop. `first` takes the plan's own factors outright
        (the first guess came from elsewhere).
        """
        corrections: dict[ItemSite, FloatArray] = {}
        largest = 0.0
        targets = wright_factors(index, output)
        for key, units in output.items():
            corrections[key] = targets[key] - previous[key]
            made = units > 1e-6
            if made.any():
                largest = max(
                    largest,
                    float(
                        np.sum(units[made] * np.abs(corrections[key][made]))
                        / np.sum(units[made] * previous[key][made])
                    ),
                )
        stalled = False
        if not first:
            if largest < self.lowest_change:
                self.lowest_change, self.solves_since_lowest = largest, 0
            else:
                self.solves_since_lowest += 1
            stalled = self.solves_since_lowest >= STALLED_SOLVES
            if stalled:
                self.solves_since_lowest = 0
        factors: LearningFactors = {}
        for key, correction in corrections.items():
            weighted = output[key] * correction
            step = 1.0
            if not first:
                step = self.steps.get(key, 1.0)
                last = self.corrections.get(key)
                turned_back = last is not None and float(np.dot(weighted, last)) < 0
                if stalled or turned_back:
                    step = max(step / 2.0, SMALLEST_STEP)
                self.steps[key] = step
            factors[key] = previous[key] + step * correction
            self.corrections[key] = weighted
        return factors, largest


def average_factors(
    index: PlanningIndex, output: dict[ItemSite, FloatArray]
) -> dict[ItemSite, float]:
    """Average learning factor over all units each site makes of each item."""
    averages: dict[ItemSite, float] = {}
    for key, units in output.items():
        curve = crew_curve(index.scenario, key.item, key.site)
        total = np.array([float(units.sum())])
        averages[key] = float(
            average_learning_factor(
                np.array([curve.start_units]),
                total,
                curve.learning_rate,
                curve.floor_share,
            )[0]
        )
    return averages
