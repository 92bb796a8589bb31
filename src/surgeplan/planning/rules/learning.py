"""Wright's law: hours per unit fall by a fixed share as cumulative output doubles.

The planner treats learning by successive linear solves: each solve uses hours per
unit estimated from the previous solve's cumulative output per site and item, until
the change is below the tolerance. This module holds the law itself, shared by the
planner and the independent plan checker.

Convention: the units made in a bucket all take the hours of Wright's law at the
cumulative output reached at the *start* of the bucket. A bucket's own units do not
lower its own hours, which is conservative by at most one bucket of learning, and it
makes the successive solves converge: with the average over the bucket's own units, a
bucket's hours depend on its own output and the iteration cycles at ramp starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.scenario import Scenario


def _integral(
    position: FloatArray, exponent: float, knee: float, floor: float
) -> FloatArray:
    """Integral of max((1 + x)^b, floor) from 0 to `position`."""
    below = np.minimum(position, knee)
    above = np.maximum(position - knee, 0.0)
    if abs(exponent + 1.0) < 1e-12:
        curve = np.log1p(below)
    else:
        curve = (np.power(1.0 + below, exponent + 1.0) - 1.0) / (exponent + 1.0)
    return curve + floor * above


def average_learning_factor(
    cumulative_before: FloatArray,
    units: FloatArray,
    learning_rate: float,
    floor_share: float,
) -> FloatArray:
    """Average share of first-unit hours over the units made in a bucket.

    A unit that starts with `x` units already made takes `max((1 + x)^b, floor)` of the
    first unit's hours, with `b = log2(learning_rate)`: the continuous form of Wright's
    law. For a bucket that makes nothing, the factor of the next unit is returned.
    """
    before = np.asarray(cumulative_before, float)
    made = np.asarray(units, float)
    if learning_rate >= 1.0:
        return np.ones_like(before)
    exponent = math.log2(learning_rate)
    knee = floor_share ** (1.0 / exponent) - 1.0  # where the curve meets the floor
    marginal = np.maximum(np.power(1.0 + before, exponent), floor_share)
    safe_units = np.where(made > 1e-9, made, 1.0)
    average = (
        _integral(before + safe_units, exponent, knee, floor_share)
        - _integral(before, exponent, knee, floor_share)
    ) / safe_units
    return np.where(made > 1e-9, average, marginal)


def marginal_learning_factor(
    cumulative_before: FloatArray, learning_rate: float, floor_share: float
) -> FloatArray:
    """Share of first-unit hours of the next unit after `cumulative_before` units."""
    before = np.asarray(cumulative_before, float)
    if learning_rate >= 1.0:
        return np.ones_like(before)
    exponent = math.log2(learning_rate)
    return np.asarray(
        np.maximum(np.power(1.0 + before, exponent), floor_share), dtype=float
    )


def factors_from_output(
    units_by_bucket: FloatArray,
    prior_units: float,
    learning_rate: float,
    floor_share: float,
) -> FloatArray:
    """Learning factor of each bucket for an output profile (one site and item)."""
    cumulative_before = prior_units + np.cumsum(units_by_bucket) - units_by_bucket
    return marginal_learning_factor(cumulative_before, learning_rate, floor_share)


@dataclass(frozen=True)
class CrewCurve:
    """The learning curve of one site's crew on one item.

    `start_units` is the experience the crew starts with (0: unit 1 of the curve).
    After `forget_after_weeks` without output, following output of its own, the crew
    loses `forgotten_share` of its experience, once per stop.
    """

    start_units: float
    learning_rate: float
    floor_share: float
    forget_after_weeks: int | None = None
    forgotten_share: float = 0.0


def crew_curve(scenario: Scenario, item_id: str, site_id: str) -> CrewCurve:
    """The item's curve, with the site's crew terms where the site states them."""
    item = scenario.item(item_id)
    terms = next(
        (entry for entry in scenario.site(site_id).learning if entry.item == item_id),
        None,
    )
    if terms is None:
        return CrewCurve(
            item.prior_cumulative_units, item.learning_rate, item.learning_floor_share
        )
    return CrewCurve(
        start_units=item.prior_cumulative_units
        if terms.start_units is None
        else terms.start_units,
        learning_rate=item.learning_rate,
        floor_share=item.learning_floor_share,
        forget_after_weeks=terms.forget_after_weeks,
        forgotten_share=terms.forgotten_share,
    )


def experience_before(
    units_by_bucket: FloatArray, weeks: FloatArray, curve: CrewCurve
) -> FloatArray:
    """Units that count on the curve at the start of each bucket.

    Without forgetting this is the start plus the output of earlier buckets. With it,
    a run of buckets without output that reaches `forget_after_weeks`, after the
    crew has made something, cuts the experience by `forgotten_share` from the next
    bucket on (once per stop). Weeks before the first
    output are not a stop: the start says where the crew begins.
    """
    units = np.asarray(units_by_bucket, float)
    if curve.forget_after_weeks is None or curve.forgotten_share <= 0.0:
        return np.asarray(curve.start_units + np.cumsum(units) - units, dtype=float)
    before = np.zeros(len(units))
    experience = curve.start_units
    has_made = False
    idle_weeks = 0.0
    has_forgotten = False
    for bucket, made in enumerate(units):
        before[bucket] = experience
        if made > 1e-9:
            experience += float(made)
            has_made, idle_weeks, has_forgotten = True, 0.0, False
            continue
        if not has_made:
            continue
        idle_weeks += float(weeks[bucket])
        if not has_forgotten and idle_weeks >= curve.forget_after_weeks - 1e-9:
            experience *= 1.0 - curve.forgotten_share
            has_forgotten = True
    return before


def crew_factors(
    units_by_bucket: FloatArray, weeks: FloatArray, curve: CrewCurve
) -> FloatArray:
    """Learning factor of each bucket for one crew's output profile."""
    return marginal_learning_factor(
        experience_before(units_by_bucket, weeks, curve),
        curve.learning_rate,
        curve.floor_share,
    )
