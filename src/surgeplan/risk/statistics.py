"""From the runs' outcomes to odds, dates, the delivery fan and variant comparisons.

A Pxx date is the end of the first bucket by which xx % of the runs have reached the
quantity (the inverted empirical CDF), so P90 is the date the program can promise with
90 % confidence. A run short at the end of the horizon is assumed to go on at the
plan's final delivery rate, which dates it past the horizon (an estimate, flagged).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from surgeplan.risk.batches import BatchOutcome
from surgeplan.risk.execution import NEVER
from surgeplan.risk.network import PlanNetwork
from surgeplan.risk.report import FanPoint, MilestoneChange, MilestoneOdds, ReachedDate

QUANTILES = (0.1, 0.5, 0.9)
KEY_QUANTILE = 0.9


@dataclass(frozen=True)
class Outcomes:
    """All batches joined: per variant, runs x milestones; the first variant's fan.

    Variants after the first may cover only the first runs (the same draws as the
    first variant's first runs).
    """

    met_bucket: list[npt.NDArray[np.int16]]
    delivered_by_due: list[npt.NDArray[np.float32]]
    cumulative: npt.NDArray[np.float64]

    @classmethod
    def join(cls, batches: list[BatchOutcome]) -> Outcomes:
        """Concatenate batches along runs, in batch order."""
        ordered = sorted(batches, key=lambda batch: batch.index)
        variants = max(batch.met_bucket.shape[0] for batch in ordered)
        met, by_due = [], []
        for number in range(variants):
            having = [b for b in ordered if b.met_bucket.shape[0] > number]
            met.append(np.concatenate([b.met_bucket[number] for b in having]))
            by_due.append(np.concatenate([b.delivered_by_due[number] for b in having]))
        return cls(
            met_bucket=met,
            delivered_by_due=by_due,
            cumulative=np.concatenate([b.cumulative for b in ordered], axis=0),
        )


def reached_bucket(met: npt.NDArray[np.int16], share: float) -> int:
    """First bucket by which `share` of the runs are met (may be past the horizon)."""
    ordered = np.sort(met)
    position = max(math.ceil(share * len(ordered) - 1e-9) - 1, 0)
    return int(ordered[position])


def day_reached(network: PlanNetwork, bucket: int) -> dt.date | None:
    """Last day of a bucket, counting on past the horizon; None for `NEVER`."""
    if bucket >= NEVER:
        return None
    ends = network.bucket_ends
    if bucket < len(ends):
        return ends[bucket]
    days = (ends[-1] - ends[-2]).days if len(ends) > 1 else 7
    return ends[-1] + dt.timedelta(days=days * (bucket - len(ends) + 1))


def p90_days_between(network: PlanNetwork, before: int, after: int) -> float:
    """Days a P90 bucket moves earlier from `before` to `after`; 0 if either is never.

    A date past the horizon is an estimate at the plan's final rate, but `NEVER` has no
    date: the days to the horizon's end would be a made-up gain (or loss).
    """
    earlier, later = day_reached(network, before), day_reached(network, after)
    if earlier is None or later is None:
        return 0.0
    return float((earlier - later).days)


def milestone_odds(
    network: PlanNetwork, met: npt.NDArray[np.int16], by_due: npt.NDArray[np.float32]
) -> list[MilestoneOdds]:
    """The odds of every milestone from one variant's runs (runs x milestones)."""
    found: list[MilestoneOdds] = []
    horizon = network.horizon
    for number, milestone in enumerate(network.milestones):
        group = network.groups[milestone.group]
        column = met[:, number]
        reached = []
        for share in QUANTILES:
            bucket = reached_bucket(column, share)
            date = day_reached(network, bucket)
            late = None if date is None else max((date - milestone.due_date).days, 0)
            reached.append(
                ReachedDate(
                    quantile=share,
                    bucket=bucket if bucket < horizon else None,
                    date=date,
                    days_late=late,
                    is_within_horizon=bucket < horizon,
                )
            )
        units = by_due[:, number].astype(float)
        found.append(
            MilestoneOdds(
                id=milestone.id,
                item=group.item,
                delivery_point=group.delivery_point,
                quantity=milestone.quantity,
                due_date=milestone.due_date,
                due_bucket=milestone.due_bucket,
                planned_met_bucket=milestone.planned_met_bucket,
                probability_on_time=float(np.mean(column <= milestone.due_bucket)),
                probability_within_horizon=float(np.mean(column < horizon)),
                reached=reached,
                expected_shortfall_at_due=float(
                    np.mean(np.maximum(milestone.quantity - units, 0.0))
                ),
                delivered_by_due_p10=float(np.quantile(units, 0.1)),
                delivered_by_due_mean=float(np.mean(units)),
            )
        )
    return found


def delivery_fan(
    network: PlanNetwork, cumulative: npt.NDArray[np.float64]
) -> list[FanPoint]:
    """P10, P50, P90 and mean of cumulative deliveries per group and bucket."""
    points: list[FanPoint] = []
    values = cumulative.astype(float)
    low, middle, high = np.quantile(values, QUANTILES, axis=0)
    mean = values.mean(axis=0)
    for number, group in enumerate(network.groups):
        for bucket in range(network.horizon):
            points.append(
                FanPoint(
                    item=group.item,
                    delivery_point=group.delivery_point,
                    bucket=bucket,
                    date=network.bucket_ends[bucket],
                    planned=float(group.planned_cumulative[bucket]),
                    mean=float(mean[number, bucket]),
                    p10=float(low[number, bucket]),
                    p50=float(middle[number, bucket]),
                    p90=float(high[number, bucket]),
                )
            )
    return points


def compare(
    network: PlanNetwork,
    outcomes: Outcomes,
    baseline: int,
    variant: int,
) -> list[MilestoneChange]:
    """Each milestone's P90 days and on-time probability, variant against baseline.

    Both are taken on the runs the variant has, so both see the same draws.
    """
    changes: list[MilestoneChange] = []
    horizon = network.horizon
    runs = min(len(outcomes.met_bucket[variant]), len(outcomes.met_bucket[baseline]))
    for number, milestone in enumerate(network.milestones):
        before = outcomes.met_bucket[baseline][:runs, number]
        after = outcomes.met_bucket[variant][:runs, number]
        p90_before = reached_bucket(before, KEY_QUANTILE)
        p90_after = reached_bucket(after, KEY_QUANTILE)
        days = p90_days_between(network, p90_before, p90_after)
        due = milestone.due_bucket
        changes.append(
            MilestoneChange(
                milestone=milestone.id,
                p90_days_gained=days,
                probability_gained=float(
                    np.mean(after <= due) - np.mean(before <= due)
                ),
                is_estimated=max(p90_before, p90_after) >= horizon,
            )
        )
    return changes
