"""From the runs' outcomes to odds, dates, the delivery fan and variant comparisons.

A Pxx date is the end of the first bucket by which xx % of the runs have reached the
quantity (the inverted empirical CDF), so P90 is the date the program can promise with
90 % confidence. A run short at the end of the horizon is assumed to go on at the
plan's final delivery rate, which dates it past the horizon (an estimate, flagged).

On time means reached by the end of the bucket holding the due date, as in the plan.
Comparisons (a risk off, a mitigation on) use the moment each run reaches the quantity
to the day (deliveries arriving at their running rate): whole-bucket dates would
read 0 days for any change smaller than a week, and on-time odds read 0 points when
they sit at 0 or 1 with and without the change.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from surgeplan.arrays import FloatArray
from surgeplan.risk.batches import BatchOutcome
from surgeplan.risk.execution import NEVER
from surgeplan.risk.network import PlanNetwork
from surgeplan.risk.report import (
    FanPoint,
    KeyMilestonesChange,
    MilestoneChange,
    MilestoneOdds,
    ReachedDate,
)
from surgeplan.scenario import lateness

QUANTILES = (0.1, 0.5, 0.9)
KEY_QUANTILE = 0.9
DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class Outcomes:
    """All batches joined: per variant, runs x milestones; the first variant's fan.

    Variants after the first may cover only the first runs (the same draws as the
    first variant's first runs).
    """

    met_bucket: list[npt.NDArray[np.int16]]
    reached_weeks: list[FloatArray]
    delivered_by_due: list[npt.NDArray[np.float32]]
    cumulative: FloatArray

    @classmethod
    def join(cls, batches: list[BatchOutcome]) -> Outcomes:
        """Concatenate batches along runs, in batch order."""
        ordered = sorted(batches, key=lambda batch: batch.index)
        variants = max(batch.met_bucket.shape[0] for batch in ordered)
        met, weeks, by_due = [], [], []
        for number in range(variants):
            having = [b for b in ordered if b.met_bucket.shape[0] > number]
            met.append(np.concatenate([b.met_bucket[number] for b in having]))
            weeks.append(np.concatenate([b.reached_weeks[number] for b in having]))
            by_due.append(np.concatenate([b.delivered_by_due[number] for b in having]))
        return cls(
            met_bucket=met,
            reached_weeks=weeks,
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


def days_late(network: PlanNetwork, due_bucket: int, weeks: FloatArray) -> FloatArray:
    """Days after the end of the due bucket each run reaches a milestone (0 on time).

    A run that never reaches it counts to the end of the horizon: a lower bound.
    """
    due_end = network.start_weeks[due_bucket] + network.weeks[due_bucket]
    horizon_end = network.start_weeks[-1] + network.weeks[-1]
    bounded = np.where(np.isfinite(weeks), weeks, max(horizon_end, due_end))
    late: FloatArray = np.maximum(bounded - due_end, 0.0) * DAYS_PER_WEEK
    return late


def milestone_odds(
    network: PlanNetwork,
    met: npt.NDArray[np.int16],
    weeks: FloatArray,
    by_due: npt.NDArray[np.float32],
) -> list[MilestoneOdds]:
    """The odds of every milestone from one variant's runs (runs x milestones)."""
    found: list[MilestoneOdds] = []
    horizon = network.horizon
    for number, milestone in enumerate(network.milestones):
        group = network.groups[milestone.group]
        column = met[:, number]
        due_end = network.bucket_ends[milestone.due_bucket]
        reached = []
        for share in QUANTILES:
            bucket = reached_bucket(column, share)
            date = day_reached(network, bucket)
            # Counted from the end of the due bucket, as the plan counts weeks late:
            # reached inside the due bucket is on time, whatever its day.
            late = None if date is None else lateness.days_late(date, due_end)
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
                due_bucket_end=due_end,
                planned_met_bucket=milestone.planned_met_bucket,
                probability_on_time=float(np.mean(column <= milestone.due_bucket)),
                mean_days_late=float(
                    np.mean(days_late(network, milestone.due_bucket, weeks[:, number]))
                ),
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


def delivery_fan(network: PlanNetwork, cumulative: FloatArray) -> list[FanPoint]:
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


@dataclass(frozen=True)
class PairedRuns:
    """One milestone's per-run differences, variant against baseline (positive: better).

    `days`: days less late; `on_time`: 1 on time now but not before, -1 the reverse.
    """

    days: FloatArray
    on_time: FloatArray


def _quantile_days(weeks: FloatArray, share: float) -> float:
    """The `share` quantile of reach moments, in days (inverted empirical CDF)."""
    return float(np.quantile(weeks, share, method="inverted_cdf")) * DAYS_PER_WEEK


def _gain(before: float, after: float) -> float:
    """Days earlier; 0 when either date does not exist (never reached)."""
    if not (math.isfinite(before) and math.isfinite(after)):
        return 0.0
    return before - after


def _standard_error(values: FloatArray) -> float:
    if len(values) < 2:
        return 0.0
    return float(np.std(values, ddof=1) / math.sqrt(len(values)))


def compare(
    network: PlanNetwork,
    outcomes: Outcomes,
    baseline: int,
    variant: int,
) -> tuple[list[MilestoneChange], list[PairedRuns]]:
    """Each milestone's P50, P90, mean days late and odds, variant against baseline.

    The per-run differences, which the standard errors come from, come back too.
    Both are taken on the runs the variant has, so both see the same draws; the
    standard errors are those of paired differences.
    """
    changes: list[MilestoneChange] = []
    paired: list[PairedRuns] = []
    horizon = network.horizon
    runs = min(len(outcomes.met_bucket[variant]), len(outcomes.met_bucket[baseline]))
    for number, milestone in enumerate(network.milestones):
        due = milestone.due_bucket
        met_before = outcomes.met_bucket[baseline][:runs, number]
        met_after = outcomes.met_bucket[variant][:runs, number]
        before = outcomes.reached_weeks[baseline][:runs, number]
        after = outcomes.reached_weeks[variant][:runs, number]
        pair = PairedRuns(
            days=days_late(network, due, before) - days_late(network, due, after),
            on_time=(met_after <= due).astype(float) - (met_before <= due),
        )
        paired.append(pair)
        p90_before = reached_bucket(met_before, KEY_QUANTILE)
        p90_after = reached_bucket(met_after, KEY_QUANTILE)
        changes.append(
            MilestoneChange(
                milestone=milestone.id,
                p50_days_gained=_gain(
                    _quantile_days(before, 0.5), _quantile_days(after, 0.5)
                ),
                p90_days_gained=_gain(
                    _quantile_days(before, KEY_QUANTILE),
                    _quantile_days(after, KEY_QUANTILE),
                ),
                mean_days_late_gained=float(np.mean(pair.days)),
                mean_days_late_gained_se=_standard_error(pair.days),
                probability_gained=float(np.mean(pair.on_time)),
                probability_gained_se=_standard_error(pair.on_time),
                is_estimated=max(p90_before, p90_after) >= horizon,
            )
        )
    return changes, paired


def key_change(
    changes: list[MilestoneChange], paired: list[PairedRuns], key_ids: list[str]
) -> KeyMilestonesChange:
    """The changes summed over the key milestones.

    Standard errors are those of the per-run sums, so that milestones moving
    together are not counted as independent.
    """
    chosen = [n for n, change in enumerate(changes) if change.milestone in key_ids]
    runs = len(paired[0].days) if paired else 0
    days = np.zeros(runs)
    on_time = np.zeros(runs)
    for n in chosen:
        days += paired[n].days
        on_time += paired[n].on_time
    return KeyMilestonesChange(
        milestones=[changes[n].milestone for n in chosen],
        p50_days_gained=sum(changes[n].p50_days_gained for n in chosen),
        p90_days_gained=sum(changes[n].p90_days_gained for n in chosen),
        mean_days_late_gained=sum(changes[n].mean_days_late_gained for n in chosen),
        mean_days_late_gained_se=_standard_error(days),
        probability_gained=sum(changes[n].probability_gained for n in chosen),
        probability_gained_se=_standard_error(on_time),
        is_estimated=any(changes[n].is_estimated for n in chosen),
    )
