"""Executing the plan bucket by bucket, all runs of a batch at once.

In each bucket a producer can make `planned output x capacity factor`. It makes its
planned units plus its backlog, up to that; what it cannot make becomes backlog (or is
lost, without backlog). Finished units go to stock and leave on the plan's lanes,
each flow taking its planned shipment plus what it is owed, pro rata when stock is
short. A producer in backlog for the reaction delay, when planning IT is up at both
ends, hands backlog to another producer of the item with free capacity and a lane to
the delivery point; those units travel that lane's lead time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from surgeplan.arrays import BoolArray, FloatArray
from surgeplan.risk.network import PlanNetwork
from surgeplan.risk.policy import RecoveryPolicy

TOLERANCE = 1e-9
MILESTONE_TOLERANCE = 1e-6
NEVER = np.iinfo(np.int16).max


@dataclass(frozen=True)
class Delivered:
    """Cumulative units delivered, runs x delivery groups x buckets."""

    cumulative: FloatArray


def execute(
    network: PlanNetwork,
    capacity: FloatArray,
    blocked: BoolArray,
    policy: RecoveryPolicy,
    reaction_weeks: float,
) -> Delivered:
    """Run the plan under capacities (producers x runs x buckets) and IT outages."""
    producers, runs, horizon = capacity.shape
    planned = (
        np.stack([p.planned for p in network.producers])
        if producers
        else capacity[:, 0]
    )
    stock = np.repeat(
        np.array([p.initial_stock for p in network.producers])[:, None], runs, axis=1
    )
    backlog = np.zeros((producers, runs))
    # Weeks each producer has been in backlog (buckets may differ in length).
    streak = np.zeros((producers, runs))
    owed = np.zeros((len(network.flows), runs))
    arrivals = np.zeros((len(network.groups), runs, horizon))
    flows_of = [
        [n for n, flow in enumerate(network.flows) if flow.producer == p]
        for p in range(producers)
    ]
    do_moves = policy.move_production and policy.carry_backlog and bool(network.moves)
    for bucket in range(horizon):
        wanted = planned[:, bucket, None] + backlog
        made = np.minimum(capacity[:, :, bucket], wanted)
        free = capacity[:, :, bucket] - made
        if policy.carry_backlog:
            backlog = wanted - made
        stock += made
        for producer, numbers in enumerate(flows_of):
            _ship(network, numbers, producer, bucket, stock, owed, arrivals)
        if do_moves:
            _move(
                network,
                bucket,
                reaction_weeks,
                blocked,
                streak,
                backlog,
                owed,
                free,
                arrivals,
            )
        streak = np.where(backlog > TOLERANCE, streak + network.weeks[bucket], 0.0)
    return Delivered(cumulative=np.cumsum(arrivals, axis=2).transpose(1, 0, 2))


def _ship(
    network: PlanNetwork,
    numbers: list[int],
    producer: int,
    bucket: int,
    stock: FloatArray,
    owed: FloatArray,
    arrivals: FloatArray,
) -> None:
    """Each flow of a producer takes its planned shipment and what it is owed."""
    if not numbers:
        return
    horizon = arrivals.shape[2]
    wanted = np.stack([network.flows[n].planned[bucket] + owed[n] for n in numbers])
    total = wanted.sum(axis=0)
    safe = np.where(total > TOLERANCE, total, 1.0)
    # Stock within rounding of what is wanted ships it all (the plan's own flows).
    is_enough = stock[producer] >= total - TOLERANCE
    ratio = np.where(is_enough, 1.0, stock[producer] / safe)
    shipped = wanted * ratio
    stock[producer] = np.maximum(stock[producer] - shipped.sum(axis=0), 0.0)
    for row, number in enumerate(numbers):
        flow = network.flows[number]
        owed[number] = wanted[row] - shipped[row]
        if bucket + flow.lead < horizon:
            arrivals[flow.group, :, bucket + flow.lead] += shipped[row]


def _move(
    network: PlanNetwork,
    bucket: int,
    reaction_weeks: float,
    blocked: BoolArray,
    streak: FloatArray,
    backlog: FloatArray,
    owed: FloatArray,
    free: FloatArray,
    arrivals: FloatArray,
) -> None:
    """Backlog old enough moves to producers with free capacity, lanes permitting."""
    horizon = arrivals.shape[2]
    for move in network.moves:
        source, target = move.source, move.target
        allowed = (
            (streak[source] >= reaction_weeks - TOLERANCE)
            & ~blocked[source, :, bucket]
            & ~blocked[target, :, bucket]
        )
        amount = np.where(
            allowed,
            np.minimum(np.minimum(backlog[source], owed[move.flow]), free[target]),
            0.0,
        )
        amount = np.maximum(amount, 0.0)
        backlog[source] -= amount
        owed[move.flow] -= amount
        free[target] -= amount
        arrival = int(move.arrival[bucket])
        if arrival < horizon:
            group = network.flows[move.flow].group
            arrivals[group, :, arrival] += amount


@dataclass(frozen=True)
class MilestoneOutcomes:
    """Per run and milestone (runs x milestones): when and how far it is reached.

    `met_bucket` is the bucket the quantity is first reached in (the verdict, as in
    the plan); `reached_weeks` is the same moment to the day: weeks from the start of
    the horizon, deliveries arriving at their running rate. Runs that never
    reach it have `NEVER` and infinity.
    """

    met_bucket: npt.NDArray[np.int16]
    reached_weeks: FloatArray
    delivered_by_due: npt.NDArray[np.float32]


def milestone_outcomes(network: PlanNetwork, delivered: Delivered) -> MilestoneOutcomes:
    """When each milestone is reached, and the units delivered by its due bucket.

    A run that has not met a milestone by the end of the horizon goes on at the plan's
    final delivery rate: its bucket and moment are estimates past the horizon, or
    `NEVER` and infinity when the plan delivers nothing at the end.
    """
    runs = delivered.cumulative.shape[0]
    horizon = network.horizon
    horizon_weeks = float(network.start_weeks[-1] + network.weeks[-1])
    shape = (runs, len(network.milestones))
    met = np.full(shape, NEVER, dtype=np.int16)
    reached_weeks = np.full(shape, np.inf)
    by_due = np.zeros(shape, dtype=np.float32)
    every_run = np.arange(runs)
    for number, milestone in enumerate(network.milestones):
        cumulative = delivered.cumulative[:, milestone.group, :]
        for other in milestone.family_groups:
            cumulative = cumulative + delivered.cumulative[:, other, :]
        wanted = milestone.quantity - MILESTONE_TOLERANCE
        reached = cumulative >= wanted
        first = np.argmax(reached, axis=1)
        is_reached = reached.any(axis=1)
        # Inside the bucket it is met in, the share of a week's deliveries it takes
        # to reach the quantity: a day-resolved date, continuous in the runs'
        # deliveries, so small changes read as days rather than whole weeks. The
        # deliveries arrive at the running rate (the larger of this bucket's and the
        # last one's) until they stop: the tail of a backlog, smaller than a bucket's
        # deliveries, ends inside the bucket rather than at its end.
        at = cumulative[every_run, first]
        before = np.where(first > 0, cumulative[every_run, first - 1], 0.0)
        earlier = np.where(first > 1, cumulative[every_run, first - 2], 0.0)
        step = np.maximum(at - before, before - earlier)
        share = np.where(
            step > TOLERANCE, (wanted - before) / np.where(step > 0, step, 1.0), 1.0
        )
        moment = network.start_weeks[first] + network.weeks[first] * np.clip(
            share, 0.0, 1.0
        )
        # Past the horizon, buckets as long as its last one (see `day_reached`).
        per_week = sum(
            network.groups[number].final_rate
            for number in (milestone.group, *milestone.family_groups)
        )
        late = np.full(runs, float(NEVER))
        late_weeks = np.full(runs, np.inf)
        if per_week > TOLERANCE:
            missing = np.maximum(wanted - cumulative[:, -1], 0.0)
            late = np.minimum(
                horizon - 1 + np.ceil(missing / (per_week * network.weeks[-1])), NEVER
            )
            late_weeks = horizon_weeks + missing / per_week
        met[:, number] = np.where(is_reached, first, late)
        reached_weeks[:, number] = np.where(is_reached, moment, late_weeks)
        by_due[:, number] = cumulative[:, milestone.due_bucket]
    return MilestoneOutcomes(met, reached_weeks, by_due)
