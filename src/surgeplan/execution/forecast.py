"""Milestone odds from the current state: the plan's remaining output, estimated rates.

Each run draws the parameters (from the scenario's prior for the forecast *before*
the update, from the posterior of `execution.estimates` *after* it) and turns them
into one output factor for the program: the slowest item of the product's made tree,

    g_i = wright(x_i; rate_plan) / wright(x_i; rate_run) * 2^(-a_run)

(x_i: the item's cumulative units halfway through the remaining plan), capped by the
volunteer factor of a pool clearly short of its share (after the update only).
A supplier running behind delays the plan's
remaining output by its weeks behind. Delivered units at a delivery point then grow as

    C(t) = D(W) + f * (P(t - d) - P(W - d))

from the actual D(W) of the status week W, P being the plan's cumulative deliveries:
the remaining plan runs at the estimated rates with no catch-up of the backlog (a
re-plan decides a catch-up). A milestone is met in the first week C reaches its
quantity; its odds are the share of runs that meet it by the due date, P50 and P90
its dates, and the earliest credible date its P10.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.execution.estimates import LearningPosterior
from surgeplan.execution.plan_weeks import PlanWeeks
from surgeplan.execution.state import ProgramState
from surgeplan.execution.status_records import (
    Estimate,
    MilestoneForecast,
    Odds,
    Parameter,
)
from surgeplan.execution.wright import wright
from surgeplan.keys import ItemPoint
from surgeplan.scenario import Scenario
from surgeplan.scenario.items import Sourcing

DELAY_SD_WEEKS = 1.0
EXTENSION_WEEKS = 52
RATE_WEEKS = 13
BINDING_OBSERVATIONS = 5
BINDING_MARGIN = 0.02


def product_tree(scenario: Scenario) -> tuple[list[str], list[str]]:
    """Made and bought items in the product's bill of materials, product first."""
    made: list[str] = []
    bought: list[str] = []
    pending = [scenario.program.product]
    while pending:
        item = scenario.item(pending.pop(0))
        if item.id in made or item.id in bought:
            continue
        (bought if item.sourcing is Sourcing.BUY else made).append(item.id)
        pending += [line.item for line in item.bom]
    return made, bought


def _midpoints(
    scenario: Scenario, weeks: PlanWeeks, state: ProgramState, items: list[str]
) -> dict[str, float]:
    result: dict[str, float] = {}
    for item_id in items:
        remaining = sum(
            float(units[state.week :].sum())
            for (item, _), units in weeks.finished_by_item_site.items()
            if item == item_id
        )
        sites = max(
            sum(1 for (item, _) in weeks.finished_by_item_site if item == item_id), 1
        )
        done = state.completed(item_id) + scenario.item(item_id).prior_cumulative_units
        result[item_id] = (done + remaining / 2) / sites
    return result


def item_factor(
    planned_rate: float, floor: float, midpoint: float, draws: FloatArray
) -> FloatArray:
    """Output per planned hour of an item for draws of (a, b): plan hours / actual."""
    x = np.array([midpoint])
    planned = wright(x, planned_rate, floor)[0]
    rates = np.clip(2.0 ** draws[:, 1], 0.5, 1.0)
    actual = np.maximum((1.0 + midpoint) ** np.log2(rates), floor)
    return np.asarray(planned / actual * 2.0 ** (-draws[:, 0]), dtype=np.float64)


def binding_item(
    scenario: Scenario,
    weeks: PlanWeeks,
    state: ProgramState,
    posteriors: dict[str, LearningPosterior],
) -> str:
    """The made item of the product's tree with the lowest estimated output factor.

    The program goes at the pace of its slowest item; taking that one item's factor
    in every run (rather than the lowest of several independent draws, which is
    biased low) keeps the forecast before the update centred on the plan. An item
    counts with at least BINDING_OBSERVATIONS observations and a factor more than
    BINDING_MARGIN below 1; otherwise the program's product sets the pace.
    """
    made, _ = product_tree(scenario)
    midpoints = _midpoints(scenario, weeks, state, made)
    best = scenario.program.product
    lowest = 1.0 - BINDING_MARGIN
    for item_id in made:
        post = posteriors.get(item_id)
        if post is None or post.observations < BINDING_OBSERVATIONS:
            continue
        item = scenario.item(item_id)
        value = float(
            item_factor(
                item.learning_rate,
                item.learning_floor_share,
                midpoints[item_id],
                post.mean[None, :],
            )[0]
        )
        if value < lowest:
            best, lowest = item_id, value
    return best


def output_factors(
    scenario: Scenario,
    weeks: PlanWeeks,
    state: ProgramState,
    posteriors: dict[str, LearningPosterior],
    volunteers: list[Estimate],
    rng: np.random.Generator,
    runs: int,
    *,
    updated: bool,
) -> FloatArray:
    """The program's output factor in each run, from the prior or the posterior."""
    made, _ = product_tree(scenario)
    midpoints = _midpoints(scenario, weeks, state, made)
    factor = np.ones(runs)
    binding = binding_item(scenario, weeks, state, posteriors)
    post = posteriors.get(binding)
    if post is not None:
        item = scenario.item(binding)
        mean, cov = (
            (post.mean, post.cov) if updated else (post.prior_mean, post.prior_cov)
        )
        draws = rng.multivariate_normal(mean, cov, size=runs, method="cholesky")
        factor = item_factor(
            item.learning_rate, item.learning_floor_share, midpoints[binding], draws
        )
    if updated:
        # A pool counts only where the actuals show it clearly short of the plan (its
        # whole 90 % interval below the scenario's share): a pool the plan did not need
        # in full may staff below plan without costing output.
        for estimate in volunteers:
            if estimate.high_90 < estimate.prior:
                factor = np.minimum(factor, estimate.posterior / estimate.prior)
    return factor


def delays(
    scenario: Scenario,
    suppliers: list[Estimate],
    rng: np.random.Generator,
    runs: int,
    *,
    updated: bool,
) -> FloatArray:
    """Weeks the remaining plan is delayed in each run by suppliers running behind."""
    if not updated:
        return np.zeros(runs)
    _, bought = product_tree(scenario)
    behind = [
        estimate.weeks_behind
        for estimate in suppliers
        if estimate.parameter is Parameter.SUPPLIER_RAMP
        and scenario.supplier(estimate.subject.split("/")[0]).item in bought
    ]
    worst = max(behind, default=0.0)
    if worst <= 0:
        return np.zeros(runs)
    return np.maximum(np.round(rng.normal(worst, DELAY_SD_WEEKS, size=runs)), 0.0)


def _odds(
    met_week: FloatArray, due_week: int, start: dt.date, total_weeks: int
) -> Odds:
    def date_of(quantile: float) -> dt.date | None:
        week = float(np.quantile(met_week, quantile, method="higher"))
        if not math.isfinite(week) or week >= total_weeks:
            return None
        return start + dt.timedelta(weeks=int(week) + 1, days=-1)

    return Odds(
        probability_on_time=float(np.mean(met_week <= due_week)),
        p50_date=date_of(0.5),
        p90_date=date_of(0.9),
        earliest_credible_date=date_of(0.1),
    )


def forecast_milestones(
    scenario: Scenario,
    weeks: PlanWeeks,
    state: ProgramState,
    factors: tuple[FloatArray, FloatArray],
    delay_weeks: tuple[FloatArray, FloatArray],
    actual_cumulative: dict[ItemPoint, FloatArray],
) -> list[MilestoneForecast]:
    """Odds and dates of each milestone, before (prior) and after (posterior).

    `actual_cumulative` gives the units delivered at each point by the end of each
    week 1 to the status week: a milestone met already is met in its actual week.
    """
    start = scenario.program.start_date
    status_week = state.week
    results: list[MilestoneForecast] = []
    for milestone in scenario.milestones_in_order():
        key = ItemPoint(milestone.item, milestone.delivery_point)
        planned = extended(
            np.cumsum(
                weeks.delivered_by_item_point.get(
                    (key.item, key.delivery_point), np.zeros(weeks.weeks)
                )
            )
        )
        delivered = state.delivered_by_item_point.get(key, 0.0)
        due_week = (milestone.due_date - start).days // 7
        is_met = delivered >= milestone.cumulative_quantity - 1e-6
        odds: list[Odds] = []
        for factor, delay in zip(factors, delay_weeks, strict=True):
            if is_met:
                history = actual_cumulative[key]
                week_met = int(
                    np.argmax(history >= milestone.cumulative_quantity - 1e-6)
                )
                met = np.full(len(factor), float(week_met))
            else:
                met = _met_weeks(
                    planned,
                    status_week,
                    delivered,
                    milestone.cumulative_quantity,
                    factor,
                    delay,
                )
            odds.append(_odds(met, due_week, start, len(planned)))
        results.append(
            MilestoneForecast(
                milestone=milestone.id,
                due_date=milestone.due_date,
                quantity=milestone.cumulative_quantity,
                delivered=delivered,
                is_met=is_met,
                before=odds[0],
                after=odds[1],
            )
        )
    return results


def extended(planned_cumulative: FloatArray) -> FloatArray:
    """The plan's cumulative deliveries, continued after its last delivery.

    A plan delivers what its milestones ask and stops; a program behind it keeps
    going at the plan's last rate (the mean of its last RATE_WEEKS weeks of
    deliveries) for EXTENSION_WEEKS more weeks, so that late dates are measured.
    """
    weekly = np.diff(np.concatenate(([0.0], planned_cumulative)))
    delivering = np.nonzero(weekly > 1e-9)[0]
    if not len(delivering):
        return np.concatenate((planned_cumulative, np.zeros(EXTENSION_WEEKS)))
    last = int(delivering[-1])
    rate = float(weekly[max(last - RATE_WEEKS + 1, 0) : last + 1].mean())
    head = planned_cumulative[: last + 1]
    tail_weeks = len(planned_cumulative) - last - 1 + EXTENSION_WEEKS
    tail = head[-1] + rate * np.arange(1, tail_weeks + 1)
    return np.concatenate((head, tail))


def _met_weeks(
    planned_cumulative: FloatArray,
    status_week: int,
    delivered: float,
    quantity: float,
    factor: FloatArray,
    delay: FloatArray,
) -> FloatArray:
    """The week index (0-based) each run meets the quantity; inf if never."""
    total = len(planned_cumulative)
    future = np.arange(status_week, total)
    padded = np.concatenate(([0.0], planned_cumulative))

    def planned_at(week_index: FloatArray) -> FloatArray:
        # Cumulative plan at the end of a 0-based week index; before week 0 nothing.
        chosen: FloatArray = padded[np.clip(week_index + 1, 0, total).astype(int)]
        return chosen

    shift = delay[:, None]
    gained = planned_at(future[None, :] - shift) - planned_at(status_week - 1 - shift)
    cumulative = delivered + factor[:, None] * gained
    reached = cumulative >= quantity - 1e-6
    first = np.argmax(reached, axis=1)
    return np.where(reached.any(axis=1), future[first].astype(float), np.inf)
