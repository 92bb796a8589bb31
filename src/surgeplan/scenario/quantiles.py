"""Values of a scenario's distributions at given cumulative probabilities.

The simulation turns its uniform draws into values with it, and the planner takes
the value a stated share of runs meets (a supplier ramp's `planned_quantile`), so
both read a distribution the same way.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import special

from surgeplan.arrays import FloatArray
from surgeplan.scenario.base import (
    FixedDistribution,
    LognormalDistribution,
    TriangularDistribution,
    UniformDistribution,
)

AnyDistribution = (
    FixedDistribution
    | UniformDistribution
    | TriangularDistribution
    | LognormalDistribution
)


def quantile(
    distribution: AnyDistribution, uniforms: npt.NDArray[np.floating[Any]]
) -> FloatArray:
    """Values of a distribution at the given cumulative probabilities (inverse CDF)."""
    u = np.asarray(uniforms, dtype=float)
    if isinstance(distribution, FixedDistribution):
        return np.full_like(u, distribution.value)
    if isinstance(distribution, UniformDistribution):
        return distribution.low + u * (distribution.high - distribution.low)
    if isinstance(distribution, TriangularDistribution):
        low, mode, high = distribution.low, distribution.mode, distribution.high
        width = high - low
        if width <= 0.0:
            return np.full_like(u, low)
        split = (mode - low) / width
        rising = low + np.sqrt(u * width * (mode - low))
        falling = high - np.sqrt((1.0 - u) * width * (high - mode))
        return np.where(u < split, rising, falling)
    normal: FloatArray = special.ndtri(np.clip(u, 1e-12, 1.0 - 1e-12))
    return distribution.median * np.exp(distribution.sigma * normal)
