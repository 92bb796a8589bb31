"""Actuals made from a plan with a stated shortfall, for worked examples and tests.

Each work center works the hours the plan gives each operation; the units those hours
make follow Wright's law at the *actual* learning rate and OEE (`Shortfall`), so a
slower learning rate makes fewer units from the same hours. A late supplier's
receipts arrive `supplier_delay_weeks` after the plan's, and an item that needs its
part finishes no more units than the parts received allow. Deliveries follow the plan
in proportion to the program item's finished units, never more than were finished.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.execution.plan_weeks import PlanWeeks, Step, plan_weeks
from surgeplan.execution.records import (
    Actuals,
    CompletionRecord,
    ConversionRecord,
    DeliveryRecord,
    HeadcountRecord,
    HoursRecord,
    ReceiptRecord,
)
from surgeplan.execution.wright import base_hours, wright
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.items import ItemKind


@dataclass(frozen=True)
class Shortfall:
    """How reality departs from the scenario in generated actuals.

    Attributes:
        learning_rates: actual learning rate by item; others learn as assumed.
        oee_factor: actual OEE as a share of the scenario's, on every work center.
        late_supplier: a supplier whose receipts come late; None: all on time.
        supplier_delay_weeks: how late its receipts come.
        noise_share: standard deviation of weekly output noise (log scale).
        seed: seed of the noise.
    """

    learning_rates: dict[str, float] = field(default_factory=dict)
    oee_factor: float = 1.0
    late_supplier: str | None = None
    supplier_delay_weeks: int = 0
    noise_share: float = 0.0
    seed: int = 0


def _round(value: float) -> float:
    return round(value, 2)


def _step_units(
    scenario: Scenario,
    weeks: PlanWeeks,
    shortfall: Shortfall,
    through_week: int,
    rng: np.random.Generator,
) -> dict[Step, FloatArray]:
    """Units each step makes in each week from the plan's hours at the actual rates."""
    h0 = base_hours(scenario, weeks)
    last_operation = {i.id: i.routing[-1].id for i in scenario.items if i.routing}
    units: dict[Step, FloatArray] = {}
    finished: dict[tuple[str, str], FloatArray] = defaultdict(
        lambda: np.zeros(through_week)
    )
    # Last operations last: their cumulative output drives learning in later weeks.
    steps = sorted(h0, key=lambda s: (s.item, s.site, s.operation, s.work_center))
    for week in range(through_week):
        for step in steps:
            item = scenario.item(step.item)
            rate = shortfall.learning_rates.get(item.id, item.learning_rate)
            done = finished[(step.item, step.site)]
            before = item.prior_cumulative_units + done[:week].sum()
            factor = wright(np.array([before]), rate, item.learning_floor_share)[0]
            per_unit = h0[step] * factor / shortfall.oee_factor
            noise = math.exp(rng.normal(0.0, shortfall.noise_share))
            made = weeks.hours_by_step[step][week] / per_unit * noise
            units.setdefault(step, np.zeros(through_week))[week] = made
        for step in steps:
            if last_operation.get(step.item) == step.operation:
                finished[(step.item, step.site)][week] += units[step][week]
    return units


def _receipts(
    scenario: Scenario, weeks: PlanWeeks, shortfall: Shortfall, through_week: int
) -> dict[tuple[str, str], FloatArray]:
    received: dict[tuple[str, str], FloatArray] = {}
    for key, arrivals in weeks.arrivals_by_supplier_site.items():
        delay = (
            shortfall.supplier_delay_weeks if key[0] == shortfall.late_supplier else 0
        )
        shifted = np.concatenate((np.zeros(delay), arrivals))[: weeks.weeks]
        received[key] = shifted[:through_week]
    return received


def _cap_by_parts(
    scenario: Scenario,
    units: dict[Step, FloatArray],
    received: dict[tuple[str, str], FloatArray],
    late_supplier: str | None,
) -> None:
    """Finished units never outrun the late supplier's parts received at the site."""
    if late_supplier is None:
        return
    supplier = scenario.supplier(late_supplier)
    for item in scenario.items:
        line = next((b for b in item.bom if b.item == supplier.item), None)
        if line is None or not item.routing:
            continue
        last = item.routing[-1].id
        for site in supplier.sites:
            # Every source of the part counts: a second source makes up what it can.
            sources = [
                parts
                for (source, at), parts in received.items()
                if at == site and scenario.supplier(source).item == supplier.item
            ]
            if not sources:
                continue
            parts = sum(sources, np.zeros_like(sources[0]))
            allowed = np.cumsum(parts) / line.quantity_per
            steps = [
                s
                for s in units
                if (s.item, s.site, s.operation) == (item.id, site, last)
            ]
            total = sum((units[s] for s in steps), np.zeros_like(allowed))
            capped = np.minimum(np.cumsum(total), allowed)
            capped = np.maximum.accumulate(capped)
            weekly = np.diff(np.concatenate(([0.0], capped)))
            share = np.divide(
                weekly, total, out=np.ones_like(total), where=total > 1e-9
            )
            for step in steps:
                units[step] = units[step] * np.minimum(share, 1.0)


def synthetic_actuals(
    scenario: Scenario, plan: Plan, through_week: int, shortfall: Shortfall
) -> Actuals:
    """Actuals of weeks 1 to `through_week` as the plan would run under `shortfall`."""
    weeks = plan_weeks(scenario, plan)
    rng = np.random.default_rng(shortfall.seed)
    units = _step_units(scenario, weeks, shortfall, through_week, rng)
    received = _receipts(scenario, weeks, shortfall, through_week)
    _cap_by_parts(scenario, units, received, shortfall.late_supplier)
    completions: list[CompletionRecord] = []
    finished: dict[tuple[str, str], FloatArray] = defaultdict(
        lambda: np.zeros(through_week)
    )
    last_operation = {i.id: i.routing[-1].id for i in scenario.items if i.routing}
    for step, made in sorted(units.items()):
        for week in range(through_week):
            if made[week] > 0.005:
                completions.append(
                    CompletionRecord(
                        week=week + 1,
                        item=step.item,
                        site=step.site,
                        operation=step.operation,
                        work_center=step.work_center,
                        units=_round(made[week]),
                    )
                )
        if last_operation.get(step.item) == step.operation:
            finished[(step.item, step.site)] += np.round(made, 2)
    for (item_id, site), made in sorted(finished.items()):
        completions += [
            CompletionRecord(week=w + 1, item=item_id, site=site, units=_round(made[w]))
            for w in range(through_week)
            if made[w] > 0.005
        ]
    hours = _hours(weeks, through_week)
    deliveries = _deliveries(scenario, weeks, finished, through_week)
    return Actuals(
        program=scenario.program.name,
        start_date=scenario.program.start_date,
        through_week=through_week,
        completions=completions,
        hours=hours,
        headcount=_headcount(weeks, through_week),
        receipts=[
            ReceiptRecord(week=w + 1, supplier=s, site=site, units=_round(parts[w]))
            for (s, site), parts in sorted(received.items())
            for w in range(through_week)
            if parts[w] > 0.005
        ],
        deliveries=deliveries,
        conversions=_conversions(plan, through_week),
    )


def _hours(weeks: PlanWeeks, through_week: int) -> list[HoursRecord]:
    by_center: dict[tuple[str, str], FloatArray] = defaultdict(
        lambda: np.zeros(through_week)
    )
    for step, hours in weeks.hours_by_step.items():
        by_center[(step.site, step.work_center)] += hours[:through_week]
    return [
        HoursRecord(week=w + 1, site=site, work_center=center, hours=_round(h[w]))
        for (site, center), h in sorted(by_center.items())
        for w in range(through_week)
        if h[w] > 0.005
    ]


def _headcount(weeks: PlanWeeks, through_week: int) -> list[HeadcountRecord]:
    records: list[HeadcountRecord] = []
    for (site, skill), people in sorted(weeks.headcount_by_pool.items()):
        previous = 0
        for week in range(through_week):
            now = round(float(people[week]))
            if now == 0 and previous == 0:
                continue
            records.append(
                HeadcountRecord(
                    week=week + 1,
                    site=site,
                    skill=skill,
                    headcount=now,
                    trained=max(now - previous, 0),
                    left=max(previous - now, 0),
                )
            )
            previous = now
    return records


def _deliveries(
    scenario: Scenario,
    weeks: PlanWeeks,
    finished: dict[tuple[str, str], FloatArray],
    through_week: int,
) -> list[DeliveryRecord]:
    records: list[DeliveryRecord] = []
    for item in scenario.items_of_kind(ItemKind.PROGRAM):
        made = sum(
            (units for (item_id, _), units in finished.items() if item_id == item.id),
            np.zeros(through_week),
        )
        planned = sum(
            (
                u[:through_week]
                for (i, _), u in weeks.finished_by_item_site.items()
                if i == item.id
            ),
            np.zeros(through_week),
        )
        ratio = np.minimum(
            np.divide(
                np.cumsum(made),
                np.cumsum(planned),
                out=np.ones(through_week),
                where=np.cumsum(planned) > 1e-9,
            ),
            1.0,
        )
        for (item_id, point), delivered in sorted(
            weeks.delivered_by_item_point.items()
        ):
            if item_id != item.id:
                continue
            cumulative = np.maximum.accumulate(
                np.floor(np.cumsum(delivered[:through_week]) * ratio * 100) / 100
            )
            weekly = np.diff(np.concatenate(([0.0], cumulative)))
            records += [
                DeliveryRecord(
                    week=w + 1,
                    item=item_id,
                    delivery_point=point,
                    units=_round(weekly[w]),
                )
                for w in range(through_week)
                if weekly[w] > 0.005
            ]
    return records


def _conversions(plan: Plan, through_week: int) -> list[ConversionRecord]:
    return [
        ConversionRecord(
            week=record.ready_bucket + 1,
            site=record.site,
            work_center=record.work_center,
            conversion=record.conversion,
        )
        for record in plan.conversions
        if record.ready_bucket + 1 <= through_week
    ]
