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

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


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
