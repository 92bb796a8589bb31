"""The ramp a plan shows: the program product's deliveries as rates over time."""

from __future__ import annotations

import numpy as np

from surgeplan.planning.results.plan import Plan
from surgeplan.realism.measures import (
    RampMeasures,
    RatePoint,
    weeks_between,
    weeks_to_share_of_rate,
)
from surgeplan.realism.precedents import HALF_RATE_SHARE, NINETY_RATE_SHARE
from surgeplan.risk.network import RATE_WINDOW_WEEKS, TOLERANCE, final_rate
from surgeplan.scenario import Scenario

DAYS_PER_WEEK = 7.0


def _weekly_series(scenario: Scenario, plan: Plan) -> tuple[np.ndarray, np.ndarray]:
    """Units of the product delivered in each bucket, and each bucket's weeks."""
    product = scenario.product.id
    units = np.zeros(len(plan.buckets))
    for delivery in plan.deliveries:
        if delivery.item == product:
            units[delivery.bucket] += delivery.units
    weeks = np.array(
        [((b.end - b.start).days + 1) / DAYS_PER_WEEK for b in plan.buckets]
    )
    return units, weeks


def plan_rate_points(
    units: np.ndarray, weeks: np.ndarray, plan: Plan
) -> list[RatePoint]:
    """The rate over the last `RATE_WINDOW_WEEKS` at each bucket's end."""
    points = []
    for end in range(len(units)):
        start = end
        while start > 0 and weeks[start : end + 1].sum() < RATE_WINDOW_WEEKS:
            start -= 1
        window = slice(start, end + 1)
        rate = float(units[window].sum() / weeks[window].sum())
        points.append(RatePoint(plan.buckets[end].end, rate))
    return points


def plan_measures(scenario: Scenario, plan: Plan) -> RampMeasures:
    """The plan's ramp measured as the reference class is.

    The decision is the program's start date; the first unit is the first day of the
    first bucket that delivers the product; the final rate is the one the risk
    simulation uses (the best four weeks of the last quarter of output).
    """
    units, weeks = _weekly_series(scenario, plan)
    active = np.nonzero(units > TOLERANCE)[0]
    milestones = plan.milestones
    met = sum(1 for m in milestones if m.weeks_late is not None and m.weeks_late <= 0)
    learning = scenario.product.learning_rate
    if active.size == 0:
        return RampMeasures(
            None, None, None, None, None, learning, met, len(milestones)
        )
    first_unit = plan.buckets[int(active[0])].start
    rate = final_rate(units, weeks)
    points = [RatePoint(first_unit, 0.0), *plan_rate_points(units, weeks, plan)]
    points = [point for point in points if point.date >= first_unit]
    return RampMeasures(
        weeks_to_first_unit=weeks_between(scenario.program.start_date, first_unit),
        weeks_to_half_rate=weeks_to_share_of_rate(
            points, first_unit, rate, HALF_RATE_SHARE
        ),
        weeks_to_ninety_rate=weeks_to_share_of_rate(
            points, first_unit, rate, NINETY_RATE_SHARE
        ),
        final_rate_per_week=rate,
        final_rate_multiple=None,
        learning_rate=learning,
        milestones_met=met,
        milestones_counted=len(milestones),
    )
