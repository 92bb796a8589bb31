"""How a workforce pool's terms turn into limits and prices: hiring, turnover, pay.

Shared by the planner's rows, its cost account and the independent plan checker, so
that all three read a pool's terms the same way. Each function returns exactly what
the planner did before the term existed when the term is left at its default.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.scenario.calendar import Bucket
from surgeplan.scenario.program import Program
from surgeplan.scenario.sites import WorkforcePool


def hire_limits(
    pool: WorkforcePool, buckets: list[Bucket], program: Program
) -> FloatArray:
    """The most people whose hiring can be decided in each bucket.

    Recruiting opens `recruiting_lead_time_weeks` after the plan starts; from then on
    the weekly limit is `hires_per_week_max`, or, with a ramp, `n * hires_per_week_ramp`
    in the n-th week of recruiting until it reaches that maximum. A bucket's limit adds
    up the weekly limit of its days (a seventh each).
    """
    weeks = np.array([bucket.weeks for bucket in buckets])
    if pool.recruiting_lead_time_weeks == 0 and pool.hires_per_week_ramp is None:
        return np.asarray(pool.hires_per_week_max * weeks, dtype=float)
    opens = program.start_date + dt.timedelta(weeks=pool.recruiting_lead_time_weeks)
    limits = np.zeros(len(buckets))
    for bucket in buckets:
        total = 0.0
        for offset in range(bucket.days):
            day = bucket.start + dt.timedelta(days=offset)
            if day < opens:
                continue
            rate = float(pool.hires_per_week_max)
            if pool.hires_per_week_ramp is not None:
                week_of_recruiting = (day - opens).days // 7 + 1
                rate = min(rate, float(pool.hires_per_week_ramp * week_of_recruiting))
            total += rate / 7.0
        limits[bucket.index] = total
    return limits


def retention(pool: WorkforcePool, weeks: FloatArray) -> FloatArray:
    """Share of the qualified people of each bucket still there in the next one."""
    return np.asarray(np.power(1.0 - pool.attrition_share_per_week, weeks), dtype=float)


def qualified_ceiling(
    pool: WorkforcePool, gains: FloatArray, weeks: FloatArray
) -> FloatArray:
    """Qualified people in each bucket from the people who qualify in it, less leavers.

    Qualified(t) = retention(t-1) * qualified(t-1) + gains(t), from the initially
    qualified; the planner's rows state the same recursion.
    """
    return kept_cumulative(
        float(pool.initially_qualified), gains, retention(pool, weeks)
    )


def kept_cumulative(start: float, gains: FloatArray, kept: FloatArray) -> FloatArray:
    """People in each bucket: `start`, plus each bucket's gains, less leavers.

    people(0) = start + gains(0); people(t) = kept(t-1) * people(t-1) + gains(t).
    """
    people = np.zeros(len(gains))
    previous = start
    for bucket, gain in enumerate(gains):
        share = 1.0 if bucket == 0 else float(kept[bucket - 1])
        people[bucket] = share * previous + float(gain)
        previous = float(people[bucket])
    return people


def hours_each(
    pool: WorkforcePool, weeks: FloatArray, open_share: FloatArray
) -> FloatArray:
    """Contract hours of one qualified person in each bucket (part-timers averaged)."""
    return np.asarray(pool.hours_per_person_week * weeks * open_share, dtype=float)


def hourly_cost_of_work(pool: WorkforcePool) -> float:
    """What an hour worked within contract hours costs on top of any salary."""
    return 0.0 if pool.is_salaried else pool.hourly_cost


def overtime_hourly_cost(pool: WorkforcePool) -> float:
    """What an overtime hour costs on top of what contract hours are paid.

    Hourly pay reaches contract hours through the units made, so overtime adds only
    its premium; a salary does not cover overtime, which is paid in full.
    """
    share = 1.0 + pool.overtime_premium if pool.is_salaried else pool.overtime_premium
    return pool.hourly_cost * share


def salary_by_bucket(pool: WorkforcePool, hours: FloatArray) -> FloatArray:
    """Pay of one qualified person in each bucket, worked or idle (salaried pools)."""
    if not pool.is_salaried:
        return np.zeros_like(hours)
    return np.asarray(hours * pool.hourly_cost, dtype=float)


def hire_cost(pool: WorkforcePool) -> float:
    """What one hire costs: recruiting, and training when trainees pay per head."""
    return pool.hiring_cost_per_person + pool.hire_training_cost
