"""Plan checks on work centers: routings, capabilities, hours, conversions, shifts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np

from surgeplan.keys import SiteWorkCenter
from surgeplan.planning.checking.violations import (
    ConstraintFamily,
    Violation,
    differs,
    exceeds,
)
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.results.records import ConversionRecord
from surgeplan.scenario import ItemKind, Scenario
from surgeplan.scenario.calendar import (
    Bucket,
    open_share_by_bucket,
    ready_buckets,
    shift_hours_by_bucket,
)


def _ready_conversions(plan: Plan) -> dict[SiteWorkCenter, list[tuple[str, int]]]:
    """(conversion, ready bucket) of each planned conversion, by work center."""
    done: dict[SiteWorkCenter, list[tuple[str, int]]] = defaultdict(list)
    for record in plan.conversions:
        done[SiteWorkCenter(record.site, record.work_center)].append(
            (record.conversion, record.ready_bucket)
        )
    return done


def capabilities_at(
    scenario: Scenario, plan: Plan, site_id: str, work_center_id: str, bucket: int
) -> set[str]:
    """What a work center can do in a bucket, after the plan's conversions."""
    work_center = next(
        wc for wc in scenario.site(site_id).work_centers if wc.id == work_center_id
    )
    capabilities = set(work_center.capabilities)
    ready = dict(
        _ready_conversions(plan).get(SiteWorkCenter(site_id, work_center_id), [])
    )
    for conversion in work_center.conversions:
        if conversion.id in ready and ready[conversion.id] <= bucket:
            capabilities -= set(conversion.removes_capabilities)
            capabilities |= set(conversion.adds_capabilities)
    return capabilities


def check_production(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Hours match units; operations run where the capability is; routings are whole."""
    found: list[Violation] = []
    units_by_step: dict[tuple[str, str, int], dict[str, float]] = defaultdict(
        lambda: defaultdict(float)
    )
    for record in plan.production:
        where = (
            f"{record.site}/{record.work_center}, bucket {record.bucket}, "
            f"{record.item}/{record.operation}"
        )
        if record.units < -1e-9:
            found.append(
                Violation(
                    ConstraintFamily.PRODUCTION, where, f"negative units {record.units}"
                )
            )
        if differs(record.hours, record.units * record.hours_per_unit):
            found.append(
                Violation(
                    ConstraintFamily.PRODUCTION,
                    where,
                    f"{record.hours:g} h is not {record.units:g} units "
                    "\N{MULTIPLICATION SIGN} "
                    f"{record.hours_per_unit:g} h",
                )
            )
        item = scenario.item(record.item)
        operation = next((op for op in item.routing if op.id == record.operation), None)
        if operation is None:
            found.append(
                Violation(
                    ConstraintFamily.PRODUCTION,
                    where,
                    "no such operation in the routing",
                )
            )
            continue
        capabilities = capabilities_at(
            scenario, plan, record.site, record.work_center, record.bucket
        )
        if operation.capability not in capabilities and record.units > 1e-9:
            found.append(
                Violation(
                    ConstraintFamily.CAPABILITY,
                    where,
                    f"the work center cannot do '{operation.capability}' "
                    "in that bucket",
                )
            )
        units_by_step[(record.item, record.site, record.bucket)][record.operation] += (
            record.units
        )
    for (item_id, site_id, bucket), by_operation in units_by_step.items():
        routing = [op.id for op in scenario.item(item_id).routing]
        amounts = [by_operation.get(op, 0.0) for op in routing]
        if max(amounts) - min(amounts) > max(1e-5, 1e-6 * max(amounts)):
            found.append(
                Violation(
                    ConstraintFamily.ROUTING,
                    f"{site_id}, bucket {bucket}, {item_id}",
                    "operations of the routing made different quantities: "
                    + ", ".join(
                        f"{op} {amount:g}"
                        for op, amount in zip(routing, amounts, strict=True)
                    ),
                )
            )
    return found


def check_capacity(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Available hours follow the calendar; program plus core hours fit in them."""
    found: list[Violation] = []
    buckets = scenario.plan_buckets()
    weeks = np.array([bucket.weeks for bucket in buckets])
    hours_used: dict[tuple[str, str, int], float] = defaultdict(float)
    core_routed: dict[tuple[str, str, int], float] = defaultdict(float)
    core_items = {item.id for item in scenario.items_of_kind(ItemKind.CORE)}
    for production in plan.production:
        key = (production.site, production.work_center, production.bucket)
        if production.item in core_items:
            core_routed[key] += production.hours
        else:
            hours_used[key] += production.hours
    records = {(r.site, r.work_center, r.bucket): r for r in plan.capacity}
    core_by_site: dict[tuple[str, int], float] = defaultdict(float)
    for site in scenario.sites:
        open_share = open_share_by_bucket(site.calendar, buckets)
        for work_center in site.work_centers:
            patterns = {p.id: p for p in work_center.shift_patterns}
            overtime_cap = (
                work_center.overtime_hours_per_week_max
                * work_center.stations
                * work_center.efficiency
                * weeks
                * open_share
            )
            core_load = (
                sum(load.hours_per_week for load in work_center.core_load)
                * weeks
                * open_share
            )
            hours_by_pattern = {
                pattern_id: shift_hours_by_bucket(
                    site.calendar, pattern, buckets, work_center.id
                )
                * work_center.stations
                * work_center.efficiency
                for pattern_id, pattern in patterns.items()
            } or {
                "calendar": shift_hours_by_bucket(
                    site.calendar, None, buckets, work_center.id
                )
                * work_center.stations
                * work_center.efficiency
            }
            for bucket in range(len(buckets)):
                core_by_site[(site.id, bucket)] += float(core_load[bucket])
                where = f"{site.id}/{work_center.id}, bucket {bucket}"
                record = records.get((site.id, work_center.id, bucket))
                if record is None:
                    found.append(
                        Violation(
                            ConstraintFamily.CAPACITY, where, "no capacity record"
                        )
                    )
                    continue
                if record.shift_pattern not in hours_by_pattern:
                    found.append(
                        Violation(
                            ConstraintFamily.CAPACITY,
                            where,
                            f"unknown shift pattern {record.shift_pattern!r}",
                        )
                    )
                    continue
                expected = float(hours_by_pattern[record.shift_pattern][bucket])
                if differs(record.available_hours, expected):
                    found.append(
                        Violation(
                            ConstraintFamily.CAPACITY,
                            where,
                            f"available {record.available_hours:g} h but the "
                            f"calendar gives {expected:g} h on pattern "
                            f"{record.shift_pattern}",
                        )
                    )
                if exceeds(record.overtime_hours, float(overtime_cap[bucket])):
                    found.append(
                        Violation(
                            ConstraintFamily.CAPACITY,
                            where,
                            f"overtime {record.overtime_hours:g} h above the limit "
                            f"{overtime_cap[bucket]:g} h",
                        )
                    )
                used = hours_used.get((site.id, work_center.id, bucket), 0.0)
                if differs(record.program_hours, used):
                    found.append(
                        Violation(
                            ConstraintFamily.CAPACITY,
                            where,
                            f"program hours {record.program_hours:g} but "
                            f"production records add up to {used:g}",
                        )
                    )
                routed = core_routed.get((site.id, work_center.id, bucket), 0.0)
                if exceeds(routed, record.core_hours):
                    found.append(
                        Violation(
                            ConstraintFamily.CAPACITY,
                            where,
                            f"core products take {routed:g} h but only "
                            f"{record.core_hours:g} core h are reported",
                        )
                    )
                core_by_site[(site.id, bucket)] += routed
                limit = expected + record.overtime_hours
                if exceeds(used + record.core_hours, limit):
                    found.append(
                        Violation(
                            ConstraintFamily.CAPACITY,
                            where,
                            f"{used:g} program h + {record.core_hours:g} core h "
                            f"exceed the {limit:g} h available",
                        )
                    )
    core_planned: dict[tuple[str, int], float] = defaultdict(float)
    for record in plan.capacity:
        core_planned[(record.site, record.bucket)] += record.core_hours
    for (site_id, bucket), site_load in core_by_site.items():
        placed = core_planned[(site_id, bucket)]
        if exceeds(site_load, placed):
            found.append(
                Violation(
                    ConstraintFamily.CORE_LOAD,
                    f"{site_id}, bucket {bucket}",
                    f"core load of {site_load:g} h but only {placed:g} h placed",
                )
            )
    return found


def _too_early(
    earliest: dt.date | None,
    buckets: list[Bucket],
    record: ConversionRecord,
    where: str,
) -> list[Violation]:
    """A conversion may begin in any bucket, but not before its earliest start."""
    if earliest is None or buckets[record.start_bucket].end >= earliest:
        return []
    return [
        Violation(
            ConstraintFamily.CONVERSION,
            where,
            f"begun in bucket {record.start_bucket}, which ends before its earliest "
            f"start {earliest.isoformat()}",
        )
    ]


def check_conversions_and_shifts(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Conversions take their lead time, once; shift patterns change after theirs."""
    found: list[Violation] = []
    seen: set[tuple[str, str, str]] = set()
    buckets = scenario.plan_buckets()
    for record in plan.conversions:
        where = f"{record.site}/{record.work_center}/{record.conversion}"
        work_center = next(
            wc
            for wc in scenario.site(record.site).work_centers
            if wc.id == record.work_center
        )
        conversion = next(
            (c for c in work_center.conversions if c.id == record.conversion), None
        )
        if conversion is None:
            found.append(
                Violation(
                    ConstraintFamily.CONVERSION,
                    where,
                    "not a conversion of the scenario",
                )
            )
            continue
        key = (record.site, record.work_center, record.conversion)
        if key in seen:
            found.append(Violation(ConstraintFamily.CONVERSION, where, "done twice"))
        seen.add(key)
        found.extend(_too_early(conversion.earliest_start_date, buckets, record, where))
        ready = ready_buckets(conversion.lead_time_weeks, buckets, scenario.program)
        start = min(max(record.start_bucket, 0), len(buckets) - 1)
        if record.ready_bucket != ready[start]:
            found.append(
                Violation(
                    ConstraintFamily.CONVERSION,
                    where,
                    f"ready in bucket {record.ready_bucket}, but begun in bucket "
                    f"{record.start_bucket} with a lead time of "
                    f"{conversion.lead_time_weeks:g} weeks it is ready in "
                    f"{ready[start]}",
                )
            )
    by_work_center: dict[SiteWorkCenter, list[tuple[int, str]]] = defaultdict(list)
    for capacity in plan.capacity:
        by_work_center[SiteWorkCenter(capacity.site, capacity.work_center)].append(
            (capacity.bucket, capacity.shift_pattern)
        )
    for (site_id, work_center_id), sequence in by_work_center.items():
        work_center = next(
            wc for wc in scenario.site(site_id).work_centers if wc.id == work_center_id
        )
        patterns = {p.id: p for p in work_center.shift_patterns}
        starting = work_center.starting_shift_pattern()
        initial = starting.id if starting else "calendar"
        for bucket, pattern_id in sorted(sequence):
            pattern = patterns.get(pattern_id)
            if pattern is None or pattern_id == initial:
                continue
            lead = pattern.switch_lead_time_weeks
            first = ready_buckets(lead, buckets, scenario.program)[0]
            if bucket < first:
                found.append(
                    Violation(
                        ConstraintFamily.SHIFT_PATTERN,
                        f"{site_id}/{work_center_id}, bucket {bucket}",
                        f"on {pattern_id} before its {lead:g}-week switch lead time "
                        f"ends (bucket {first})",
                    )
                )
    return found
