"""Plan against actual to the status week, and the exceptions a program office acts on.

Variances are per milestone, item and site, work center and week.
A variance is actual minus planned (negative: behind). "Weeks behind" is how many
weeks earlier the plan had reached what was actually done by the status week.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.execution.plan_weeks import PlanWeeks
from surgeplan.execution.records import Actuals
from surgeplan.execution.status_records import (
    Estimate,
    ExceptionRecord,
    ItemSiteVariance,
    ItemWeekVariance,
    MilestoneForecast,
    MilestoneVariance,
    Parameter,
    WeekVariance,
    WorkCenterVariance,
)
from surgeplan.keys import ItemPoint
from surgeplan.scenario import Scenario

BEHIND_SHARE = 0.05  # behind by more than this share of the plan counts as late
BINDING_UTILISATION = 0.95
OEE_SHORT = 0.95  # an OEE factor whose whole interval is below this is a cause
AT_RISK_ODDS = 0.9


def weeks_behind(planned_cumulative: FloatArray, actual: float, week: int) -> float:
    """Weeks before the status week when the plan had done what is actually done."""
    reached = np.nonzero(planned_cumulative[:week] <= actual + 1e-6)[0]
    return float(week - 1 - reached[-1]) if len(reached) else float(week)


def actual_cumulative_by_point(
    scenario: Scenario, actuals: Actuals
) -> dict[ItemPoint, FloatArray]:
    """Units delivered at each point by the end of each week 1 to the status week."""
    weekly: dict[ItemPoint, FloatArray] = defaultdict(
        lambda: np.zeros(actuals.through_week)
    )
    for milestone in scenario.demand.milestones:
        weekly[ItemPoint(milestone.item, milestone.delivery_point)]
    for delivery in actuals.deliveries:
        key = ItemPoint(delivery.item, delivery.delivery_point)
        weekly[key][delivery.week - 1] += delivery.units
    return {key: np.cumsum(units) for key, units in weekly.items()}


def milestone_variances(
    scenario: Scenario, weeks: PlanWeeks, actuals: Actuals
) -> list[MilestoneVariance]:
    """Each milestone's units by the status week: plan, actual, weeks behind."""
    week = actuals.through_week
    actual = actual_cumulative_by_point(scenario, actuals)
    result: list[MilestoneVariance] = []
    for milestone in scenario.milestones_in_order():
        key = ItemPoint(milestone.item, milestone.delivery_point)
        planned_series = np.minimum(
            np.cumsum(
                weeks.delivered_by_item_point.get(
                    (key.item, key.delivery_point), np.zeros(weeks.weeks)
                )
            ),
            milestone.cumulative_quantity,
        )
        planned = float(planned_series[week - 1])
        done = min(float(actual[key][week - 1]), milestone.cumulative_quantity)
        result.append(
            MilestoneVariance(
                milestone=milestone.id,
                item=milestone.item,
                delivery_point=milestone.delivery_point,
                quantity=milestone.cumulative_quantity,
                planned=planned,
                actual=done,
                variance=done - planned,
                weeks_behind=weeks_behind(planned_series, done, week),
            )
        )
    return result


def item_site_variances(weeks: PlanWeeks, actuals: Actuals) -> list[ItemSiteVariance]:
    """Finished units of each item at each site by the status week."""
    week = actuals.through_week
    actual: dict[tuple[str, str], float] = defaultdict(float)
    for record in actuals.completions:
        if record.operation is None:
            actual[(record.item, record.site)] += record.units
    keys = sorted(set(actual) | set(weeks.finished_by_item_site))
    result = []
    for key in keys:
        series = weeks.finished_by_item_site.get(key)
        planned = float(series[:week].sum()) if series is not None else 0.0
        if planned < 1e-6 and actual.get(key, 0.0) < 1e-6:
            continue
        done = actual.get(key, 0.0)
        result.append(ItemSiteVariance(key[0], key[1], planned, done, done - planned))
    return result


def item_week_variances(
    variances: list[ItemSiteVariance], weeks: PlanWeeks, actuals: Actuals
) -> list[ItemWeekVariance]:
    """Finished units of each item and site of `variances`, week by week."""
    week = actuals.through_week
    actual: dict[tuple[str, str], FloatArray] = defaultdict(lambda: np.zeros(week))
    for record in actuals.completions:
        if record.operation is None:
            actual[(record.item, record.site)][record.week - 1] += record.units
    rows: list[ItemWeekVariance] = []
    for variance in variances:
        key = (variance.item, variance.site)
        planned = weeks.finished_by_item_site.get(key, np.zeros(weeks.weeks))
        done = actual.get(key, np.zeros(week))
        rows += [
            ItemWeekVariance(key[0], key[1], w + 1, float(planned[w]), float(done[w]))
            for w in range(week)
        ]
    return rows


def work_center_variances(
    weeks: PlanWeeks, actuals: Actuals
) -> list[WorkCenterVariance]:
    """Program hours of each work center by the status week, and where they bound."""
    week = actuals.through_week
    worked: dict[tuple[str, str], FloatArray] = defaultdict(lambda: np.zeros(week))
    for record in actuals.hours:
        worked[(record.site, record.work_center)][record.week - 1] += record.hours
    result = []
    for key in sorted(set(worked) | set(weeks.hours_by_work_center)):
        planned_series = weeks.hours_by_work_center.get(key, np.zeros(weeks.weeks))
        planned = float(planned_series[:week].sum())
        hours = worked.get(key, np.zeros(week))
        if planned < 1e-6 and hours.sum() < 1e-6:
            continue
        available = weeks.available_by_work_center.get(key, np.zeros(weeks.weeks))[
            :week
        ]
        used = np.divide(hours, available, out=np.zeros(week), where=available > 1e-6)
        result.append(
            WorkCenterVariance(
                site=key[0],
                work_center=key[1],
                planned_hours=planned,
                actual_hours=float(hours.sum()),
                variance_hours=float(hours.sum()) - planned,
                utilisation=float(hours.sum() / available.sum())
                if available.sum() > 1e-6
                else 0.0,
                binding_weeks=int(np.sum(used >= BINDING_UTILISATION)),
            )
        )
    return result


def week_variances(
    scenario: Scenario, weeks: PlanWeeks, actuals: Actuals
) -> list[WeekVariance]:
    """Program units delivered each week, planned against actual."""
    week = actuals.through_week
    program = {m.item for m in scenario.demand.milestones}
    planned = sum(
        (
            series[:week]
            for (item, _), series in weeks.delivered_by_item_point.items()
            if item in program
        ),
        np.zeros(week),
    )
    actual = np.zeros(week)
    for delivery in actuals.deliveries:
        actual[delivery.week - 1] += delivery.units
    planned_cumulative, actual_cumulative = np.cumsum(planned), np.cumsum(actual)
    return [
        WeekVariance(
            w + 1,
            float(planned[w]),
            float(actual[w]),
            float(planned_cumulative[w]),
            float(actual_cumulative[w]),
        )
        for w in range(week)
    ]


def _cause(
    centers: list[WorkCenterVariance],
    estimates: list[Estimate],
    binding_centers: set[tuple[str, str]],
) -> str:
    reasons: list[str] = []
    for estimate in estimates:
        kind = estimate.parameter
        if kind is Parameter.LEARNING_RATE and estimate.low_90 > estimate.prior:
            reasons.append(
                f"learning on '{estimate.subject}' slower than assumed "
                f"({estimate.posterior:.2f} against {estimate.prior:.2f})"
            )
        elif kind is Parameter.OEE_FACTOR and estimate.high_90 < OEE_SHORT:
            reasons.append(
                f"OEE on '{estimate.subject}' at {estimate.posterior:.0%} of the "
                "scenario's"
            )
        elif kind is Parameter.SUPPLIER_RAMP and estimate.weeks_behind >= 1:
            reasons.append(
                f"supplier '{estimate.subject}' {estimate.weeks_behind:g} weeks behind "
                "its planned deliveries"
            )
        elif kind is Parameter.VOLUNTEER_SHARE and estimate.high_90 < estimate.prior:
            reasons.append(
                f"volunteers in '{estimate.subject}' at {estimate.posterior:.0%} "
                f"against {estimate.prior:.0%}"
            )
    # The binding resource: among the work centers of the slowest item, the one full
    # in most of the actual weeks.
    candidates = [
        c for c in centers if (c.site, c.work_center) in binding_centers
    ] or centers
    binding = max(
        candidates, key=lambda c: (c.binding_weeks, c.utilisation), default=None
    )
    if binding is not None:
        full = (
            f", full in {binding.binding_weeks} weeks" if binding.binding_weeks else ""
        )
        reasons.append(
            f"binding resource in the actual weeks: '{binding.work_center}' at "
            f"'{binding.site}' ({binding.utilisation:.0%} used{full})"
        )
    return "; ".join(reasons) or "no estimated cause: output below plan at plan rates"


def exceptions(
    milestones: list[MilestoneVariance],
    forecasts: list[MilestoneForecast],
    week_rows: list[WeekVariance],
    cause: tuple[list[WorkCenterVariance], list[Estimate], set[tuple[str, str]]],
) -> list[ExceptionRecord]:
    """Milestones met late, or behind plan with odds below AT_RISK_ODDS, and why."""
    behind_since = next(
        (
            row.week
            for index, row in enumerate(week_rows)
            if all(
                later.actual_cumulative
                < later.planned_cumulative * (1 - BEHIND_SHARE) - 1e-6
                for later in week_rows[index:]
            )
        ),
        0,
    )
    reason = _cause(*cause)
    result: list[ExceptionRecord] = []
    for row, forecast in zip(milestones, forecasts, strict=True):
        met_late = forecast.is_met and forecast.after.probability_on_time < 1.0
        at_risk = (
            not forecast.is_met
            and row.variance < -BEHIND_SHARE * max(row.planned, 1.0)
            and forecast.after.probability_on_time < AT_RISK_ODDS
        )
        if met_late or at_risk:
            late_days = (
                (forecast.after.p50_date - forecast.due_date).days
                if met_late and forecast.after.p50_date is not None
                else 0
            )
            result.append(
                ExceptionRecord(
                    milestone=row.milestone,
                    behind_units=max(-row.variance, 0.0),
                    weeks_behind=late_days / 7 if met_late else row.weeks_behind,
                    since_week=behind_since,
                    cause=reason,
                    p50_date=forecast.after.p50_date,
                    due_date=forecast.due_date,
                )
            )
    return result
