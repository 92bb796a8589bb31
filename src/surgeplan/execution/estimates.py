"""Re-estimating the scenario's assumptions from actuals: Bayesian updates.

Each parameter starts from the scenario's value as the prior mean and moves as far as
the actuals' evidence outweighs the prior's spread (docs/execution.md gives every
formula):

- learning rate and OEE, per made item: the posterior, on a grid, of
  `y = log2(hours per unit / h0) = a + max(b * log2(1 + x), log2(floor)) + ε`
  (x units made before the week, h0 the plan's first-unit hours), prior
  `b ~ N(log2(rate), 0.05²)`, `a ~ N(0, 0.15²)`; the rate is `2^b`, the OEE
  factor `2^-a`;
- volunteer share, per pool: a normal update of the log ratio of actual to planned
  headcount (last four weeks), prior `N(0, 0.15²)`;
- supplier ramp, per supplier and site: a normal update of the log ratio of receipts
  to planned arrivals to date, prior `N(0, 0.2²)`, and the weeks it runs behind.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.execution.plan_weeks import PlanWeeks, Step
from surgeplan.execution.records import Actuals
from surgeplan.execution.status_records import Estimate, Parameter
from surgeplan.execution.wright import base_hours, cumulative_before, wright
from surgeplan.scenario import Scenario

PRIOR_SD_LEARNING_EXPONENT = 0.05
PRIOR_SD_OEE_LOG2 = 0.15
PRIOR_SD_VOLUNTEER_LOG = 0.15
PRIOR_SD_SUPPLIER_LOG = 0.2
OBSERVATION_SD_DEFAULT = 0.1
OBSERVATION_SD_MIN = 0.02
HEADCOUNT_WEEKS = 4
# The grid of the learning posterior: a (log2 of the OEE shortfall) and b (the
# learning exponent, rates 0.5 to 1).
A_GRID = np.linspace(-0.75, 0.75, 151)
B_GRID = np.linspace(-1.0, 0.0, 401)
Z_90 = 1.6449  # two-sided 90 % interval of a normal


@dataclass(frozen=True)
class LearningPosterior:
    """Joint normal posterior of (a, b) for one item, and its prior."""

    item: str
    prior_mean: FloatArray
    prior_cov: FloatArray
    mean: FloatArray
    cov: FloatArray
    observations: int


def grid_posterior(
    x: FloatArray,
    y: FloatArray,
    floor: float,
    prior_mean: FloatArray,
    prior_sd: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Posterior mean and covariance of (a, b) in y = a + log2(max(2^(b·x), floor)) + ε.

    Exact Bayes on a grid (A_GRID by B_GRID) with the normal prior, because the
    learning floor makes the model nonlinear in b. The noise is normal with a
    standard deviation that is the residual
    spread at the posterior mean of a first pass with OBSERVATION_SD_DEFAULT (never
    below OBSERVATION_SD_MIN).
    """
    curve = np.maximum(B_GRID[:, None] * x[None, :], math.log2(floor))  # (b, obs)
    residual = y[None, :] - curve
    first = residual.sum(axis=1)  # Σ (y - g_b)
    second = (residual**2).sum(axis=1)  # Σ (y - g_b)²
    count = len(x)
    # Σ (y - a - g_b)² for every (a, b) without an (a, b, obs) array.
    squares = (
        second[None, :]
        - 2 * A_GRID[:, None] * first[None, :]
        + count * A_GRID[:, None] ** 2
    )
    log_prior = -0.5 * (
        ((A_GRID[:, None] - prior_mean[0]) / prior_sd[0]) ** 2
        + ((B_GRID[None, :] - prior_mean[1]) / prior_sd[1]) ** 2
    )
    sigma = OBSERVATION_SD_DEFAULT
    for _ in range(2):
        log_post = log_prior - 0.5 * squares / sigma**2
        weights = np.exp(log_post - log_post.max())
        weights /= weights.sum()
        a_mean = float((weights.sum(axis=1) * A_GRID).sum())
        b_mean = float((weights.sum(axis=0) * B_GRID).sum())
        b_index = int(np.abs(B_GRID - b_mean).argmin())
        fitted = residual[b_index] - a_mean
        sigma = max(
            float(np.sqrt(fitted @ fitted / max(count - 2, 1))), OBSERVATION_SD_MIN
        )
    a_grid, b_grid = np.meshgrid(A_GRID, B_GRID, indexing="ij")
    mean = np.array([a_mean, b_mean])
    deviations = np.stack((a_grid - a_mean, b_grid - b_mean))
    cov = np.einsum("iab,jab,ab->ij", deviations, deviations, weights)
    # A posterior narrower than the grid's step is the grid's, not the evidence's.
    step = np.array([A_GRID[1] - A_GRID[0], B_GRID[1] - B_GRID[0]])
    cov += np.diag((step / 2) ** 2)
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

    Only weeks in which a work center made operations of one item count: its hours
    are then that item's, whatever its learning rate. They are shared among the
    item's operations in proportion to their hours at the scenario's rate (the
    operations of one item share its learning curve, so the shares hold at any
    rate).
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
        if worked is None or worked <= 0 or len({s.item for s, _ in steps}) > 1:
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
            mean, cov = grid_posterior(
                x,
                y,
                item.learning_floor_share,
                prior_mean,
                np.array([PRIOR_SD_OEE_LOG2, PRIOR_SD_LEARNING_EXPONENT]),
            )
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
