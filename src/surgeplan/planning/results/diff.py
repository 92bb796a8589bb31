"""What changed from one plan to another: where, when, by how much, and why.

Plans are compared by date (each bucket's first day), so a re-plan that starts at
week 21 lines up with the old plan's week 21; the old plan's weeks before the new
start are the past and are left out. The cause comes from the new plan's `change`
record (a re-plan or a demand change records the input that caused it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from surgeplan.planning.results.plan import Plan

# Differences smaller than this (units, people) are solver tolerance, not changes.
CHANGE_TOLERANCE = 0.5
COLUMNS = (
    "table",
    "what",
    "where",
    "date",
    "old",
    "new",
    "change",
    "old_date",
    "new_date",
    "cause",
)


class DiffTable(StrEnum):
    """The families of decisions and results a diff compares."""

    PRODUCTION = "production"
    PURCHASES = "purchases"
    HIRES = "hires"
    SHIFTS = "shifts"
    CONVERSIONS = "conversions"
    MILESTONES = "milestones"


Key = tuple[str, str, dt.date]  # (what, where, date)


@dataclass(frozen=True)
class _Row:
    table: DiffTable
    what: str
    where: str
    date: dt.date | None
    old: float
    new: float
    old_date: dt.date | None = None
    new_date: dt.date | None = None


def plan_diff(old: Plan, new: Plan) -> pd.DataFrame:
    """Every change from `old` to `new`, one row per decision and date that moved.

    Columns: table (production, purchases, hires, shifts, conversions, milestones),
    what (item, supplier, skill, pattern, conversion, milestone), where (site or
    work center or delivery point), date (first day of the bucket; due date for a
    milestone), old, new and change (units, people, or weeks late for milestones),
    old_date and new_date (a conversion's ready day, a milestone's met day) and
    cause (what the new plan records as its reason; empty if it records none).
    """
    start = new.buckets[0].start if new.buckets else dt.date.min
    rows: list[_Row] = []
    for table, extract in (
        (DiffTable.PRODUCTION, _production),
        (DiffTable.PURCHASES, _purchases),
        (DiffTable.HIRES, _hires),
        (DiffTable.SHIFTS, _shifts),
    ):
        before, after = extract(old), extract(new)
        for key in sorted(set(before) | set(after)):
            if key[2] < start:
                continue
            was, now = before.get(key, 0.0), after.get(key, 0.0)
            if abs(now - was) > CHANGE_TOLERANCE:
                rows.append(_Row(table, key[0], key[1], key[2], was, now))
    rows += _conversion_rows(old, new)
    rows += _milestone_rows(old, new)
    cause = new.change.cause if new.change is not None else ""
    return pd.DataFrame(
        [
            (
                row.table.value,
                row.what,
                row.where,
                row.date,
                row.old,
                row.new,
                row.new - row.old,
                row.old_date,
                row.new_date,
                cause,
            )
            for row in rows
        ],
        columns=list(COLUMNS),
    )


def _dates(plan: Plan) -> dict[int, dt.date]:
    return {bucket.index: bucket.start for bucket in plan.buckets}


def _production(plan: Plan) -> dict[Key, float]:
    """Units per item and operation at each site, by date.

    Work moved between two work centers of a site is not a change of the site's
    production, so work centers are summed.
    """
    dates = _dates(plan)
    found: defaultdict[Key, float] = defaultdict(float)
    for record in plan.production:
        key = (f"{record.item}/{record.operation}", record.site, dates[record.bucket])
        found[key] += record.units
    return dict(found)


def _purchases(plan: Plan) -> dict[Key, float]:
    """Units ordered per supplier and site, by order date."""
    dates = _dates(plan)
    found: defaultdict[Key, float] = defaultdict(float)
    for order in plan.purchases:
        found[(order.supplier, order.site, dates[order.bucket])] += order.units
    return dict(found)


def _hires(plan: Plan) -> dict[Key, float]:
    """People hired and trained per pool, by date of the decision."""
    dates = _dates(plan)
    found: defaultdict[Key, float] = defaultdict(float)
    for labour in plan.labour:
        people = labour.hires + labour.trainees
        if people:
            found[(labour.skill, labour.site, dates[labour.bucket])] += people
    return dict(found)


def _shifts(plan: Plan) -> dict[Key, float]:
    """Switches to a shift pattern (1 each), by first bucket on the new pattern."""
    dates = _dates(plan)
    found: defaultdict[Key, float] = defaultdict(float)
    for change in plan.shift_changes:
        where = f"{change.site}/{change.work_center}"
        found[(change.to_pattern, where, dates[change.bucket])] += 1.0
    return dict(found)


def _conversion_rows(old: Plan, new: Plan) -> list[_Row]:
    """Conversions added, dropped or ready on another day (capex as the amount).

    A conversion the old plan began before the new start is the past: the new plan
    has it in its opening state, not among its decisions.
    """
    start = new.buckets[0].start if new.buckets else dt.date.min
    old_dates = _dates(old)
    before = {
        (c.conversion, f"{c.site}/{c.work_center}"): c
        for c in old.conversions
        if old_dates[c.start_bucket] >= start
    }
    after = {(c.conversion, f"{c.site}/{c.work_center}"): c for c in new.conversions}
    rows: list[_Row] = []
    for key in sorted(set(before) | set(after)):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None and was.ready_date == now.ready_date:
            continue
        rows.append(
            _Row(
                DiffTable.CONVERSIONS,
                key[0],
                key[1],
                None,
                was.capex_eur if was else 0.0,
                now.capex_eur if now else 0.0,
                was.ready_date if was else None,
                now.ready_date if now else None,
            )
        )
    return rows


def _milestone_rows(old: Plan, new: Plan) -> list[_Row]:
    """Milestones met on another day (weeks late as the amount)."""
    before = {m.id: m for m in old.milestones}
    rows: list[_Row] = []
    for milestone in new.milestones:
        was = before.get(milestone.id)
        if was is None or was.met_date == milestone.met_date:
            continue
        rows.append(
            _Row(
                DiffTable.MILESTONES,
                milestone.id,
                milestone.delivery_point,
                was.due_date,
                was.weeks_late if was.weeks_late is not None else float("nan"),
                milestone.weeks_late
                if milestone.weeks_late is not None
                else float("nan"),
                was.met_date,
                milestone.met_date,
            )
        )
    return rows
