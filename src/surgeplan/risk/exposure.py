"""What each risk does to a batch of runs: available shares, IT outages, learning.

Incidents start at the beginning of a bucket with the chance that at least one weekly
start falls in it, and last a drawn number of weeks; overlapping incidents of one risk
count once. The share of a bucket an incident covers takes `capacity_loss_share` of
its resources for that share. A delayed supplier ships what it missed when the delay
ends. Breakdowns lose the repair hours of a compound Poisson number of failures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from surgeplan.arrays import BoolArray, FloatArray
from surgeplan.risk.buildings import BuildingTargets, building_factor
from surgeplan.risk.draws import (
    AnyDistribution,
    BreakdownDraws,
    DelayDraws,
    LearningDraws,
    RampDraws,
    RiskDraws,
    StaffDraws,
    WindowDraws,
    quantile,
)
from surgeplan.risk.gates import GateTargets, closed_before, open_bucket
from surgeplan.risk.learning_curve import learning_ratio
from surgeplan.risk.network import PlanNetwork
from surgeplan.risk.parameters import Timeline, VariantParameters
from surgeplan.risk.priority import served_first_missed
from surgeplan.risk.reference_prior import ReferencePriorTargets, prior_factors
from surgeplan.risk.supplier_ramp import RampTargets, ramp_factor
from surgeplan.risk.targets import (
    BreakdownTargets,
    LearningTargets,
    RiskKind,
    RiskTargets,
    StaffTargets,
    WindowTargets,
)


@dataclass
class Impact:
    """What one risk does to a batch: factors on resources, blocks, learning ratios."""

    factors: list[tuple[int, npt.NDArray[np.floating[Any]]]] = field(
        default_factory=list
    )
    blocked: list[tuple[int, BoolArray]] = field(default_factory=list)
    learning: list[tuple[int, FloatArray]] = field(default_factory=list)
    # Gates: producers stopped (factor 0 or 1 per run and bucket), and delivery
    # groups whose deliveries count only from the bucket the gate opens.
    producer_factors: list[tuple[int, FloatArray]] = field(default_factory=list)
    held: list[tuple[int, FloatArray]] = field(default_factory=list)


def incident_cover(
    draws: WindowDraws,
    probability_per_week: FloatArray,
    duration: Timeline,
    distribution: AnyDistribution,
    network: PlanNetwork,
) -> FloatArray:
    """Share of each bucket inside an incident, runs x buckets.

    Durations are worked out only where an incident starts (the draws exist for every
    bucket, so the numbers stay common to all variants).
    """
    probability = np.clip(probability_per_week, 0.0, 1.0)
    per_bucket = 1.0 - np.power(1.0 - probability, network.weeks)
    rows, columns = np.nonzero(draws.start < per_bucket)
    ends = np.full(draws.start.shape, -np.inf)
    if rows.size:
        scale, offset = duration.scale[columns], duration.offset[columns]
        lasting = quantile(distribution, draws.duration[rows, columns]) * scale + offset
        ends[rows, columns] = network.start_weeks[columns] + np.maximum(lasting, 0.0)
    latest_end = np.maximum.accumulate(ends, axis=1)
    return np.clip((latest_end - network.start_weeks) / network.weeks, 0.0, 1.0)


def _delayed_returns(missed: FloatArray, cover: FloatArray) -> FloatArray:
    """What a delayed supplier missed arrives in the first bucket the delay is over."""
    returns = np.zeros_like(missed)
    owed = np.zeros(missed.shape[0])
    for bucket in range(missed.shape[1]):
        is_over = cover[:, bucket] <= 0.0
        returns[:, bucket] = np.where(is_over, owed, 0.0)
        owed = np.where(is_over, 0.0, owed) + missed[:, bucket]
    return returns


def window_impact(
    targets: WindowTargets,
    draws: WindowDraws,
    params: VariantParameters,
    network: PlanNetwork,
) -> Impact:
    """An incident's loss of capacity on its resources, or its IT outage."""
    risk, horizon = targets.risk, network.horizon
    rid = risk.id
    probability = params.timeline(rid, "probability_per_week", horizon).apply(
        risk.probability_per_week
    )
    duration = params.timeline(rid, "duration_weeks", horizon)
    cover = incident_cover(draws, probability, duration, risk.duration_weeks, network)
    if targets.kind is RiskKind.CYBER_IT:
        blocked = cover > 0.0
        return Impact(blocked=[(producer, blocked) for producer in targets.producers])
    loss: float | FloatArray = 1.0
    if targets.kind is not RiskKind.CYBER_OT:
        share = getattr(risk, "capacity_loss_share", 1.0)
        loss_share = params.timeline(rid, "capacity_loss_share", horizon).apply(share)
        loss = np.clip(loss_share, 0.0, 1.0)
    missed = loss * cover
    if targets.rated_output_ratio is not None:
        missed = served_first_missed(missed, targets.rated_output_ratio)
    factor = 1.0 - missed
    if targets.kind is RiskKind.SUPPLIER_DELAY:
        factor = factor + _delayed_returns(missed, cover)
    return Impact(factors=[(resource, factor) for resource in targets.resources])


def breakdown_impact(
    targets: BreakdownTargets,
    draws: BreakdownDraws,
    params: VariantParameters,
    network: PlanNetwork,
) -> Impact:
    """Repair hours lost: a gamma with the compound Poisson's mean and variance.

    Failures in a bucket are Poisson with mean `operated / mtbf`, repairs exponential
    with mean `mttr`: lost hours have mean `n * mttr` and variance `2 n mttr^2`. A gamma
    with those moments is drawn from one normal by the Wilson-Hilferty transform, so
    a mitigation changing MTBF or MTTR keeps the same draws.
    """
    risk, horizon = targets.risk, network.horizon
    mtbf = params.timeline(risk.id, "mtbf_hours", horizon).apply(risk.mtbf_hours)
    mttr = params.timeline(risk.id, "mttr_hours", horizon).apply(risk.mttr_hours)
    failures = targets.operating_hours / np.maximum(mtbf, 1e-9)
    spread = 1.0 / (9.0 * np.maximum(failures / 2.0, 1e-12))
    stations = targets.station_hours
    safe = np.where(stations > 0.0, stations, np.inf)
    lost_per_cube = (failures * mttr / safe).astype(np.float32)
    cube = draws.normal * np.sqrt(spread).astype(np.float32)
    cube += (1.0 - spread).astype(np.float32)
    np.maximum(cube, 0.0, out=cube)
    lost_share = cube * cube
    lost_share *= cube
    lost_share *= lost_per_cube
    np.minimum(lost_share, 1.0, out=lost_share)
    factor = 1.0 - lost_share
    return Impact(
        factors=[
            (resource, factor[:, n, :]) for n, resource in enumerate(targets.resources)
        ]
    )


def staff_impact(
    targets: StaffTargets,
    draws: StaffDraws,
    params: VariantParameters,
    network: PlanNetwork,
) -> Impact:
    """Volunteers drawn once per run cap qualified headcount; absences per bucket."""
    if targets.resource is None:
        return Impact()
    risk, horizon = targets.risk, network.horizon
    drawn = quantile(risk.volunteer_share, draws.volunteer)[:, None]
    share = np.clip(
        params.timeline(risk.id, "volunteer_share", horizon).apply(drawn), 0, 1
    )
    volunteers = np.maximum(
        np.floor(targets.headcount * share + 1e-9), targets.initially_qualified
    )
    people = volunteers + targets.hired
    planned = targets.qualified
    safe = np.where(planned > 0.0, planned, 1.0)
    present = np.where(planned > 0.0, np.minimum(people / safe, 1.0), 1.0)
    rate = params.timeline(risk.id, "absence_rate", horizon).apply(risk.absence_rate)
    rate = np.clip(rate, 0.0, 1.0)
    spread = np.sqrt(rate * (1.0 - rate) / np.maximum(planned, 1.0))
    absent = np.clip(rate + spread * draws.absence, 0.0, 1.0)
    return Impact(factors=[(targets.resource, present * (1.0 - absent))])


def learning_impact(
    targets: LearningTargets,
    draws: LearningDraws,
    params: VariantParameters,
    network: PlanNetwork,
) -> Impact:
    """Hours per unit at the drawn learning rate over those at the planned one."""
    risk, horizon = targets.risk, network.horizon
    drawn = quantile(risk.learning_rate, draws.rate)[:, None]
    rate = params.timeline(risk.id, "learning_rate", horizon).apply(drawn)
    rate = np.clip(rate, 0.5 + 1e-6, 1.0)
    found: list[tuple[int, FloatArray]] = []
    for row, curve in enumerate(targets.curves):
        ratio = learning_ratio(
            targets.cumulative_before[row],
            targets.units[row],
            rate,
            targets.planned_rate,
            targets.floor_share,
        )
        found.append((curve, ratio))
    return Impact(learning=found)


def impact_of(
    targets: RiskTargets,
    draws: RiskDraws,
    params: VariantParameters,
    network: PlanNetwork,
) -> Impact:
    """Dispatch on the kind of risk."""
    if isinstance(targets, WindowTargets) and isinstance(draws, WindowDraws):
        return window_impact(targets, draws, params, network)
    if isinstance(targets, BreakdownTargets) and isinstance(draws, BreakdownDraws):
        return breakdown_impact(targets, draws, params, network)
    if isinstance(targets, StaffTargets) and isinstance(draws, StaffDraws):
        return staff_impact(targets, draws, params, network)
    if isinstance(targets, LearningTargets) and isinstance(draws, LearningDraws):
        return learning_impact(targets, draws, params, network)
    if isinstance(targets, BuildingTargets) and isinstance(draws, DelayDraws):
        factor = building_factor(targets, draws, network)
        return Impact(factors=[(resource, factor) for resource in targets.resources])
    if isinstance(targets, GateTargets) and isinstance(draws, DelayDraws):
        open_share = closed_before(
            open_bucket(targets, draws, network), network.horizon
        )
        return Impact(
            producer_factors=[(producer, open_share) for producer in targets.producers],
            held=[(group, open_share) for group in targets.groups],
        )
    if isinstance(targets, ReferencePriorTargets) and isinstance(draws, DelayDraws):
        return Impact(producer_factors=prior_factors(targets, draws, network))
    if isinstance(targets, RampTargets) and isinstance(draws, RampDraws):
        if targets.resource is None:
            return Impact()
        factor = ramp_factor(targets, draws, params, network.horizon)
        return Impact(factors=[(targets.resource, factor)])
    raise TypeError(
        f"draws of {type(draws).__name__} do not fit {type(targets).__name__}"
    )
