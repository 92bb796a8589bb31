"""Random streams and draws: one stream per risk and batch, common to every variant.

Each risk draws from its own stream, derived from the seed, a hash of the risk's id
and the batch index. Two variants of a scenario (a risk switched off, a mitigation
that changes a parameter) therefore see the same numbers for every other risk, and a
run's draws do not depend on how many batches or workers there are. Draws are raw
uniforms or standard normals; parameters turn them into events later (inverse CDF),
so a mitigation moves a parameter without changing the draws.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from surgeplan.arrays import FloatArray
from surgeplan.scenario.quantiles import AnyDistribution as AnyDistribution
from surgeplan.scenario.quantiles import quantile as quantile

Float32Array = npt.NDArray[np.float32]


def stream_key(risk_id: str) -> int:
    """A stable 64-bit number for a risk id (Python's `hash` changes per process)."""
    return int.from_bytes(
        hashlib.sha256(risk_id.encode("utf-8")).digest()[:8], "little"
    )


def risk_generator(seed: int, risk_id: str, batch_index: int) -> np.random.Generator:
    """The stream of one risk in one batch of runs."""
    sequence = np.random.SeedSequence(
        seed, spawn_key=(stream_key(risk_id), batch_index)
    )
    return np.random.Generator(np.random.PCG64(sequence))


@dataclass(frozen=True)
class WindowDraws:
    """Draws of a risk that starts and lasts: a site, cyber or supplier incident."""

    start: Float32Array
    """Uniforms (single precision), runs x buckets: below the chance, it starts."""
    duration: Float32Array
    """Uniforms, runs x buckets: the duration's cumulative probability."""


@dataclass(frozen=True)
class BreakdownDraws:
    """Standard normals (single precision), runs x work centers x buckets."""

    normal: Float32Array


@dataclass(frozen=True)
class StaffDraws:
    """Draws of a workforce pool's opt-in and absences."""

    volunteer: FloatArray
    """Uniforms, one per run: the volunteer share's cumulative probability."""
    absence: FloatArray
    """Standard normals, runs x buckets: absences around their mean."""


@dataclass(frozen=True)
class LearningDraws:
    """Uniforms, one per run: the learning rate's cumulative probability."""

    rate: FloatArray


@dataclass(frozen=True)
class RampDraws:
    """Uniforms, one per run each: a supplier ramp's delay and delivered share."""

    delay: FloatArray
    share: FloatArray


@dataclass(frozen=True)
class DelayDraws:
    """Uniforms, one per run: a gate's or building conversion's delay."""

    delay: FloatArray


RiskDraws = (
    WindowDraws | BreakdownDraws | StaffDraws | LearningDraws | RampDraws | DelayDraws
)


def draw_window(generator: np.random.Generator, runs: int, buckets: int) -> WindowDraws:
    """Start and duration uniforms of an incident risk."""
    return WindowDraws(
        start=generator.random((runs, buckets), dtype=np.float32),
        duration=generator.random((runs, buckets), dtype=np.float32),
    )


def draw_breakdowns(
    generator: np.random.Generator, runs: int, targets: int, buckets: int
) -> BreakdownDraws:
    """One normal per run, work center and bucket."""
    normal = generator.standard_normal((runs, targets, buckets), dtype=np.float32)
    return BreakdownDraws(normal=normal)


def draw_staff(generator: np.random.Generator, runs: int, buckets: int) -> StaffDraws:
    """One volunteer uniform per run, one absence normal per run and bucket."""
    return StaffDraws(
        volunteer=generator.random(runs),
        absence=generator.standard_normal((runs, buckets)),
    )


def draw_learning(generator: np.random.Generator, runs: int) -> LearningDraws:
    """One learning-rate uniform per run."""
    return LearningDraws(rate=generator.random(runs))


def draw_ramp(generator: np.random.Generator, runs: int) -> RampDraws:
    """One delay uniform and one share uniform per run."""
    return RampDraws(delay=generator.random(runs), share=generator.random(runs))


def draw_delay(generator: np.random.Generator, runs: int) -> DelayDraws:
    """One delay uniform per run."""
    return DelayDraws(delay=generator.random(runs))
