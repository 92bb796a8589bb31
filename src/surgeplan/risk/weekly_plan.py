"""A plan in merged buckets, spread over its weeks for a simulation that runs weekly.

A plan made with `program.detailed_weeks` has buckets of several weeks late in the
horizon. Risks strike and backlog is made up week by week, so the simulation runs in
weeks whatever the plan's buckets: a 4-week step would turn any shortfall into a
4-week slip. Each merged bucket is level-loaded: what it makes, uses, buys and ships is
spread evenly over its weeks, levels (headcount, stock, ratios) hold in each, and
decisions (hires, trainees, conversions, shift changes) are taken in its first week.
What a bucket ships arrives, week by week, inside the bucket the plan has it arrive
in, so the weekly plan delivers in each of the plan's buckets what the plan delivers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, TypeVar

from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import (
    BucketRecord,
    DeliveryRecord,
    PurchaseRecord,
    Record,
    TransferRecord,
)

DAYS_PER_WEEK = 7
R = TypeVar("R", bound=Record)


class _Weeks:
    """Where each of the plan's buckets falls among the weeks."""

    def __init__(self, plan: Plan) -> None:
        self.length = [
            ((bucket.end - bucket.start).days + 1) // DAYS_PER_WEEK
            for bucket in plan.buckets
        ]
        self.first: list[int] = []
        total = 0
        for weeks in self.length:
            self.first.append(total)
            total += weeks
        self.total = total
        self.start = plan.buckets[0].start if plan.buckets else dt.date.min

    def first_of(self, bucket: int) -> int:
        """First week of a bucket; past the horizon, the week after it."""
        return self.first[bucket] if 0 <= bucket < len(self.first) else self.total

    def last_of(self, bucket: int) -> int:
        """Last week of a bucket."""
        return self.first_of(bucket) + max(self.length_of(bucket), 1) - 1

    def length_of(self, bucket: int) -> int:
        """Weeks in a bucket (1 past the horizon)."""
        return self.length[bucket] if 0 <= bucket < len(self.length) else 1

    def week_of(self, day: dt.date) -> int:
        """The week holding a day, within the horizon."""
        return min(max((day - self.start).days // DAYS_PER_WEEK, 0), self.total - 1)

    def buckets(self) -> list[BucketRecord]:
        """One bucket record a week."""
        return [
            BucketRecord(
                index=week,
                start=self.start + dt.timedelta(weeks=week),
                end=self.start + dt.timedelta(weeks=week, days=DAYS_PER_WEEK - 1),
            )
            for week in range(self.total)
        ]


def _spread(
    records: list[R],
    weeks: _Weeks,
    shared: tuple[str, ...],
    first_week_only: tuple[str, ...] = (),
) -> list[R]:
    """Each record once a week of its bucket, `shared` amounts shared evenly.

    `first_week_only` amounts (decisions taken at the bucket's start) stay whole in
    its first week.
    """
    spread: list[R] = []
    for record in records:
        bucket: int = getattr(record, "bucket")  # noqa: B009 - every record has one
        length = weeks.length_of(bucket)
        shares = {name: getattr(record, name) / length for name in shared}
        later = dict.fromkeys(first_week_only, 0.0)
        spread.extend(
            record.model_copy(
                update={
                    "bucket": weeks.first_of(bucket) + i,
                    **shares,
                    **(later if i else {}),
                }
            )
            for i in range(length)
        )
    return spread


def _shipped(
    records: list[PurchaseRecord] | list[TransferRecord], weeks: _Weeks
) -> list[Any]:
    """Orders and shipments spread over their weeks, each arriving in its bucket."""
    spread: list[Any] = []
    for record in records:
        length = weeks.length_of(record.bucket)
        arrival_length = weeks.length_of(record.arrival_bucket)
        for i in range(length):
            spread.append(
                record.model_copy(
                    update={
                        "bucket": weeks.first_of(record.bucket) + i,
                        "arrival_bucket": weeks.first_of(record.arrival_bucket)
                        + i * arrival_length // length,
                        "units": record.units / length,
                        "cost_eur": record.cost_eur / length,
                    }
                )
            )
    return spread


def _deliveries(
    plan: Plan, transfers: list[TransferRecord], weeks: _Weeks
) -> list[DeliveryRecord]:
    """Deliveries of a bucket shared over its weeks as the shipments arrive."""
    arriving: dict[tuple[str, str, int], float] = defaultdict(float)
    for transfer in transfers:
        arriving[(transfer.item, transfer.destination, transfer.arrival_bucket)] += (
            transfer.units
        )
    spread: list[DeliveryRecord] = []
    for record in plan.deliveries:
        first, length = weeks.first_of(record.bucket), weeks.length_of(record.bucket)
        week_units = [
            arriving[(record.item, record.delivery_point, first + i)]
            for i in range(length)
        ]
        total = sum(week_units)
        shares = (
            [units / total for units in week_units]
            if total > 0
            else [1.0 / length] * length
        )
        spread.extend(
            record.model_copy(
                update={"bucket": first + i, "units": record.units * share}
            )
            for i, share in enumerate(shares)
            if share > 0
        )
    return spread


def weekly_plan(plan: Plan) -> Plan:
    """The plan with one bucket a week; a plan in weeks (or not in weeks) as it is."""
    if plan.time_bucket != "week" or not plan.buckets:
        return plan
    weeks = _Weeks(plan)
    if weeks.total == len(plan.buckets):
        return plan
    transfers = _shipped(plan.transfers, weeks)
    first, last = weeks.first_of, weeks.last_of
    return plan.model_copy(
        update={
            "buckets": weeks.buckets(),
            "production": _spread(
                plan.production, weeks, ("units", "hours", "labour_hours")
            ),
            "capacity": _spread(
                plan.capacity,
                weeks,
                ("available_hours", "overtime_hours", "program_hours", "core_hours"),
            ),
            "labour": _spread(
                plan.labour,
                weeks,
                ("hours", "overtime_hours", "available_hours"),
                first_week_only=("trainees", "hires"),
            ),
            "purchases": _shipped(plan.purchases, weeks),
            "transfers": transfers,
            "inventory": _spread(plan.inventory, weeks, ()),
            "deliveries": _deliveries(plan, transfers, weeks),
            "milestones": [
                record.model_copy(
                    update={
                        "due_bucket": weeks.week_of(record.due_date),
                        "met_bucket": None
                        if record.met_bucket is None
                        else last(record.met_bucket),
                        "earliest_bucket": None
                        if record.earliest_bucket is None
                        else last(record.earliest_bucket),
                    }
                )
                for record in plan.milestones
            ],
            "core": _spread(plan.core, weeks, ("demand", "produced", "shortfall")),
            "conversions": [
                record.model_copy(
                    update={
                        "start_bucket": first(record.start_bucket),
                        "ready_bucket": first(record.ready_bucket),
                    }
                )
                for record in plan.conversions
            ],
            "shift_changes": [
                record.model_copy(update={"bucket": first(record.bucket)})
                for record in plan.shift_changes
            ],
            "bottlenecks": [
                record.model_copy(
                    update={
                        "first_bucket": first(record.first_bucket),
                        "last_bucket": last(record.last_bucket),
                    }
                )
                for record in plan.bottlenecks
            ],
        }
    )
