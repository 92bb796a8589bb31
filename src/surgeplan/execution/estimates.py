"""Re-estimating the scenario's assumptions from actuals: Bayesian updates.

Each parameter starts from the scenario's value as the prior mean and moves as far as
the actuals' evidence outweighs the prior's spread (docs/execution.md gives every
formula):

- learning rate and OEE, per made item: a Bayesian linear regression of
  `y = log2(hours per unit / h0) = a + b * log2(1 + x)` (x units made before the
  week, h0 the plan's first-unit hours), prior `b ~ N(log2(rate), 0.05²)`,
  `a ~ N(0, 0.15²)`; the rate is `2^b` and the OEE factor `2^-a`;
- volunteer share, per pool: a normal update of the log ratio of actual to planned
  headcount (last four weeks), prior `N(0, 0.15²)`;
- supplier ramp, per supplier and site: a normal update of the log ratio of receipts
  to planned arrivals to date, prior `N(0, 0.2²)`, and the weeks it runs behind.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from surgeplan.execution.plan_weeks import FloatArray, PlanWeeks, Step
from surgeplan.execution.records import Actuals
from surgeplan.execution.wright import base_hours, cumulative_before, wright
from surgeplan.scenario import Scenario

PRIOR_SD_LEARNING_EXPONENT = 0.05
PRIOR_SD_OEE_LOG2 = 0.15
PRIOR_SD_VOLUNTEER_LOG = 0.15
PRIOR_SD_SUPPLIER_LOG = 0.2
OBSERVATION_SD_DEFAULT = 0.1
OBSERVATION_SD_MIN = 0.02
HEADCOUNT_WEEKS = 4
Z_90 = 1.6449  # two-sided 90 % interval of a normal


class Parameter(StrEnum):
    """What is re-estimated."""

    LEARNING_RATE = "learning_rate"
    OEE_FACTOR = "oee_factor"
    VOLUNTEER_SHARE = "volunteer_share"
    SUPPLIER_RAMP = "supplier_ramp"


@dataclass(frozen=True)
class Estimate:
    """One parameter before and after the actuals, with a 90 % interval after."""

    parameter: Parameter
    subject: str
    prior: float
    posterior: float
    low_90: float
    high_90: float
    observations: int
    weeks_behind: float = 0.0


@dataclass(frozen=True)
class LearningPosterior:
    """Joint normal posterior of (a, b) for one item, and its prior."""

    item: str
    prior_mean: FloatArray
    prior_cov: FloatArray
    mean: FloatArray
    cov: FloatArray
    observations: int


def bayes_linear(
    x: FloatArray, y: FloatArray, prior_mean: FloatArray, prior_cov: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Posterior of y = a + b·x + ε with a normal prior on (a, b) and ε ~ N(0, σ²).

    σ is the residual spread of a least-squares fit when there are at least four
    observations (never below OBSERVATION_SD_MIN), else OBSERVATION_SD_DEFAULT.
    """
    design = np.column_stack((np.ones_like(x), x))
    sigma = OBSERVATION_SD_DEFAULT
    if len(x) >= 4 and np.ptp(x) > 1e-9:
        coef, *_ = np.linalg.lstsq(design, y, rcond=None)
        residual = y - design @ coef
        sigma = max(
            float(np.sqrt(residual @ residual / (len(x) - 2))), OBSERVATION_SD_MIN
        )
    prior_precision = np.linalg.inv(prior_cov)
    precision = prior_precision + design.T @ design / sigma**2
    cov = np.linalg.inv(precision)
    mean = cov @ (prior_precision @ prior_mean + design.T @ y / sigma**2)
    return mean, cov


def _finished(actuals: Actuals) -> dict[tuple[str, str], FloatArray]:
    finished: dict[tuple[str, str], FloatArray] = defaultdict(
        lambda: np.zeros(actuals.through_week)
    )
    for record in actuals.completions:
        if record.operation is None:
            finished[(record.item, record.site)][record.week - 1] += record.units
    return finished


def learning_observations(
    scenario: Scenario, weeks: PlanWeeks, actuals: Actuals
) -> dict[str, tuple[FloatArray, FloatArray]]:
    """(x, y) per item from operations reported with their work center and hours.

    A work center's hours are shared among the operations it did that week in
    proportion to their hours at the scenario's learning rate.
    """
    h0 = base_hours(scenario, weeks)
    finished = _finished(actuals)
    hours = {(r.week, r.site, r.work_center): r.hours for r in actuals.hours}
    by_center: dict[tuple[int, str, str], list[tuple[Step, float]]] = defaultdict(list)
    for record in actuals.completions:
        if record.operation is None or record.work_center is None:
            continue
        step = Step(record.item, record.operation, record.site, record.work_center)
        if step in h0 and record.units > 1e-6:
            by_center[(record.week, record.site, record.work_center)].append(
                (step, record.units)
            )
    points: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for key, steps in by_center.items():
        worked = hours.get(key)
        if worked is None or worked <= 0:
            continue
        week = key[0]
        standard: list[tuple[Step, float, float, float]] = []
        for step, units in steps:
            item = scenario.item(step.item)
            made = finished.get((step.item, step.site), np.zeros(actuals.through_week))
            before = cumulative_before(made, item.prior_cumulative_units)[week - 1]
            factor = float(
                wright(
                    np.array([before]), item.learning_rate, item.learning_floor_share
                )[0]
            )
            standard.append((step, units, before, units * h0[step] * factor))
        total = sum(entry[3] for entry in standard)
        for step, units, before, share in standard:
            item = scenario.item(step.item)
            prior_factor = (1.0 + before) ** math.log2(item.learning_rate)
            if prior_factor <= item.learning_floor_share * 1.05:
                continue  # at the floor, hours no longer tell the learning rate
            step_hours = worked * share / total
            xs, ys = points[step.item]
            xs.append(math.log2(1.0 + before))
            ys.append(math.log2(step_hours / units / h0[step]))
    return {item: (np.array(xs), np.array(ys)) for item, (xs, ys) in points.items()}


def learning_posteriors(
    scenario: Scenario, weeks: PlanWeeks, actuals: Actuals
) -> dict[str, LearningPosterior]:
    """Posterior of each made item's learning exponent and OEE log-factor."""
    result: dict[str, LearningPosterior] = {}
    observations = learning_observations(scenario, weeks, actuals)
    for item in scenario.items:
        if not item.routing:
            continue
        prior_mean = np.array([0.0, math.log2(item.learning_rate)])
        prior_cov = np.diag([PRIOR_SD_OEE_LOG2**2, PRIOR_SD_LEARNING_EXPONENT**2])
        x, y = observations.get(item.id, (np.zeros(0), np.zeros(0)))
        mean, cov = (prior_mean, prior_cov)
        if len(x):
            mean, cov = bayes_linear(x, y, prior_mean, prior_cov)
        result[item.id] = LearningPosterior(
            item.id, prior_mean, prior_cov, mean, cov, len(x)
        )
    return result


def _normal_update(observations: FloatArray, prior_sd: float) -> tuple[float, float]:
    """Posterior mean and sd of a log-factor with prior N(0, prior_sd²)."""
    if not len(observations):
        return 0.0, prior_sd
    sigma = OBSERVATION_SD_DEFAULT
    precision = 1.0 / prior_sd**2 + len(observations) / sigma**2
    mean = float(observations.sum()) / sigma**2 / precision
    return mean, math.sqrt(1.0 / precision)


def volunteer_estimates(
    scenario: Scenario, weeks: PlanWeeks, actuals: Actuals
) -> list[Estimate]:
    """Volunteer share per pool from actual against planned headcount."""
    estimates: list[Estimate] = []
    for site in scenario.sites:
        for pool in site.workforce:
            planned = weeks.headcount_by_pool.get((site.id, pool.skill))
            actual = {
                r.week: r.headcount
                for r in actuals.headcount
                if (r.site, r.skill) == (site.id, pool.skill)
            }
            if planned is None or not actual:
                continue
            first = max(actuals.through_week - HEADCOUNT_WEEKS + 1, 1)
            ratios = [
                math.log(max(actual[w], 0.5) / planned[w - 1])
                for w in range(first, actuals.through_week + 1)
                if w in actual and planned[w - 1] >= 1.0
            ]
            mean, sd = _normal_update(np.array(ratios), PRIOR_SD_VOLUNTEER_LOG)
            share = pool.volunteer_share

            def scaled(log_factor: float, base: float = share) -> float:
                return min(base * math.exp(log_factor), 1.0)

            estimates.append(
                Estimate(
                    Parameter.VOLUNTEER_SHARE,
                    f"{site.id}/{pool.skill}",
                    share,
                    scaled(mean),
                    scaled(mean - Z_90 * sd),
                    scaled(mean + Z_90 * sd),
                    len(ratios),
                )
            )
    return estimates


def supplier_estimates(
    scenario: Scenario, weeks: PlanWeeks, actuals: Actuals
) -> list[Estimate]:
    """Ramp factor (receipts against planned arrivals) and weeks behind per supplier."""
    estimates: list[Estimate] = []
    through = actuals.through_week
    received: dict[tuple[str, str], float] = defaultdict(float)
    for receipt in actuals.receipts:
        received[(receipt.supplier, receipt.site)] += receipt.units
    for key, arrivals in sorted(weeks.arrivals_by_supplier_site.items()):
        planned_cumulative = np.cumsum(arrivals)
        planned = float(planned_cumulative[through - 1])
        if planned < 1.0:
            continue
        got = received.get(key, 0.0)
        ratio = math.log(max(got, 0.5) / planned)
        mean, sd = _normal_update(np.array([ratio]), PRIOR_SD_SUPPLIER_LOG)
        reached = np.nonzero(planned_cumulative[:through] <= got + 1e-6)[0]
        behind = float(through - 1 - reached[-1]) if len(reached) else float(through)
        estimates.append(
            Estimate(
                Parameter.SUPPLIER_RAMP,
                f"{key[0]}/{key[1]}",
                1.0,
                math.exp(mean),
                math.exp(mean - Z_90 * sd),
                math.exp(mean + Z_90 * sd),
                1,
                weeks_behind=behind,
            )
        )
    return estimates


def learning_estimates(posteriors: dict[str, LearningPosterior]) -> list[Estimate]:
    """Learning rate and OEE factor per item with observations, as estimates."""
    estimates: list[Estimate] = []
    for item_id, post in sorted(posteriors.items()):
        if not post.observations:
            continue
        b, sd_b = post.mean[1], math.sqrt(post.cov[1, 1])
        a, sd_a = post.mean[0], math.sqrt(post.cov[0, 0])
        estimates.append(
            Estimate(
                Parameter.LEARNING_RATE,
                item_id,
                2.0 ** post.prior_mean[1],
                2.0**b,
                2.0 ** (b - Z_90 * sd_b),
                2.0 ** (b + Z_90 * sd_b),
                post.observations,
            )
        )
        estimates.append(
            Estimate(
                Parameter.OEE_FACTOR,
                item_id,
                1.0,
                2.0**-a,
                2.0 ** (-a - Z_90 * sd_a),
                2.0 ** (-a + Z_90 * sd_a),
                post.observations,
            )
        )
    return estimates
