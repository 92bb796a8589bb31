"""Wright's law with a learning rate per run: the planner's law, broadcast over runs.

Same continuous form as `surgeplan.planning.rules.learning`: a unit started with `x`
units already made takes `max((1 + x)^b, floor)` of the first unit's hours,
`b = log2(rate)`; a bucket's factor is the average over the units it makes.
"""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray

SMALLEST_SLOPE = -1e-9
GRID_POINTS = 257


def _integral(
    position: FloatArray, exponent: FloatArray, knee: FloatArray, floor: float
) -> FloatArray:
    below = np.minimum(position, knee)
    above = np.maximum(position - knee, 0.0)
    power = exponent + 1.0
    curve = (np.power(1.0 + below, power) - 1.0) / power
    return np.asarray(curve + floor * above, dtype=float)


def average_factor(
    cumulative_before: FloatArray,
    units: FloatArray,
    learning_rate: FloatArray,
    floor_share: float,
) -> FloatArray:
    """Average share of first-unit hours over each bucket's units.

    `cumulative_before` and `units` are per bucket; `learning_rate` broadcasts against
    them (one per run and bucket, or a scalar). A bucket that makes nothing gets the
    factor of its next unit.
    """
    rate = np.asarray(learning_rate, dtype=float)
    exponent = np.minimum(np.log2(rate), SMALLEST_SLOPE)
    with np.errstate(over="ignore", divide="ignore"):
        knee = np.power(floor_share, 1.0 / exponent) - 1.0
    knee = np.where(np.isfinite(knee), knee, np.inf)
    made = units > 1e-9
    safe_units = np.where(made, units, 1.0)
    average = (
        _integral(cumulative_before + safe_units, exponent, knee, floor_share)
        - _integral(cumulative_before, exponent, knee, floor_share)
    ) / safe_units
    marginal = np.maximum(np.power(1.0 + cumulative_before, exponent), floor_share)
    result = np.where(made, average, marginal)
    return np.where(rate >= 1.0, np.ones_like(result), result)


def learning_ratio(
    cumulative_before: FloatArray,
    units: FloatArray,
    learning_rate: FloatArray,
    planned_rate: float,
    floor_share: float,
) -> FloatArray:
    """Hours per unit at each run's rate over those at the planned rate, runs x buckets.

    Computed exactly on a grid of rates spanning the drawn ones and interpolated
    linearly per run (the ratio is smooth in the rate but for a kink where the curve
    meets its floor; 257 points keep the error below 0.1 %), which replaces a power
    per run and bucket by a lookup.
    """
    planned = average_factor(
        cumulative_before, units, np.array(planned_rate), floor_share
    )
    rates = np.asarray(learning_rate, dtype=float)
    horizon = units.shape[-1]
    shape = np.broadcast_shapes(rates.shape, (horizon,))
    low, high = float(rates.min()), float(rates.max())
    if high - low < 1e-12:
        only = average_factor(cumulative_before, units, np.array(low), floor_share)
        return np.broadcast_to(only / planned, shape).copy()
    grid = np.linspace(low, high, GRID_POINTS)
    table = (
        average_factor(
            cumulative_before[None, :], units[None, :], grid[:, None], floor_share
        )
        / planned
    )
    position = (np.broadcast_to(rates, shape) - low) / (high - low) * (GRID_POINTS - 1)
    lower = np.minimum(position.astype(np.int64), GRID_POINTS - 2)
    fraction = position - lower
    columns = np.arange(horizon)
    return np.asarray(
        table[lower, columns] * (1.0 - fraction) + table[lower + 1, columns] * fraction,
        dtype=float,
    )
