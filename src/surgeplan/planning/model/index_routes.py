"""Work centers and operation routes of the PlanningIndex, derived from the scenario.

A route is one operation of an item on one work center that can do it, now or after a
conversion; `build_index` keeps an item at a site only if every operation has one.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import SitePool
from surgeplan.planning.model.index import (
    CALENDAR_PATTERN,
    ConversionInfo,
    OperationRoute,
    PatternInfo,
    WorkCenterInfo,
)
from surgeplan.scenario import Item, Scenario
from surgeplan.scenario.calendar import (
    Bucket,
    bucket_index_of,
    ready_buckets,
    shift_hours_by_bucket,
)
from surgeplan.scenario.sites import ShiftPattern, WorkforcePool


def _pattern_infos(
    scenario: Scenario,
    site_id: str,
    patterns: list[ShiftPattern],
    stations: int,
    efficiency: float,
    buckets: list[Bucket],
    work_center_id: str,
) -> list[PatternInfo]:
    """Effective hours of each shift pattern (or of the site calendar if none)."""
    calendar = scenario.site(site_id).calendar
    weeks = np.array([bucket.weeks for bucket in buckets])
    if not patterns:
        hours = (
            shift_hours_by_bucket(calendar, None, buckets, work_center_id)
            * stations
            * efficiency
        )
        return [PatternInfo(CALENDAR_PATTERN, hours, np.zeros(len(buckets)), 0.0, 0)]
    return [
        PatternInfo(
            id=pattern.id,
            effective_hours=shift_hours_by_bucket(
                calendar, pattern, buckets, work_center_id
            )
            * stations
            * efficiency,
            fixed_cost_per_bucket_eur=pattern.fixed_cost_per_week * weeks,
            switch_cost_eur=pattern.switch_cost,
            first_bucket=int(
                ready_buckets(
                    pattern.switch_lead_time_weeks, buckets, scenario.program
                )[0]
            ),
        )
        for pattern in patterns
    ]


def work_center_infos(
    scenario: Scenario, buckets: list[Bucket], open_share: dict[str, FloatArray]
) -> tuple[list[WorkCenterInfo], list[ConversionInfo]]:
    """Every work center with its patterns, overtime and core load; every conversion."""
    weeks = np.array([bucket.weeks for bucket in buckets])
    infos: list[WorkCenterInfo] = []
    conversions: list[ConversionInfo] = []
    for site, work_center in scenario.work_centers():
        patterns = _pattern_infos(
            scenario,
            site.id,
            work_center.shift_patterns,
            work_center.stations,
            work_center.efficiency,
            buckets,
            work_center.id,
        )
        starting = work_center.starting_shift_pattern()
        initial = [p.id for p in patterns].index(starting.id) if starting else 0
        core: dict[str, FloatArray] = defaultdict(lambda: np.zeros(len(buckets)))
        for load in work_center.core_load:
            core[load.capability] = (
                core[load.capability]
                + load.hours_per_week * weeks * open_share[site.id]
            )
        info = WorkCenterInfo(
            index=len(infos),
            site=site.id,
            id=work_center.id,
            capabilities=set(work_center.capabilities),
            efficiency=work_center.efficiency,
            patterns=patterns,
            initial_pattern=initial,
            overtime_hours=work_center.overtime_hours_per_week_max
            * work_center.stations
            * work_center.efficiency
            * weeks
            * open_share[site.id],
            core_hours_by_capability=dict(core),
        )
        for conversion in work_center.conversions:
            earliest = 0
            if conversion.earliest_start_date is not None:
                found = bucket_index_of(buckets, conversion.earliest_start_date)
                earliest = (
                    len(buckets)
                    if found is None
                    and conversion.earliest_start_date > buckets[-1].end
                    else (found or 0)
                )
            converted = ConversionInfo(
                index=len(conversions),
                site=site.id,
                work_center=work_center.id,
                id=conversion.id,
                adds=set(conversion.adds_capabilities),
                removes=set(conversion.removes_capabilities),
                capex_eur=conversion.capex,
                ready_bucket=ready_buckets(
                    conversion.lead_time_weeks, buckets, scenario.program
                ),
                earliest_bucket=earliest,
                efficiency_after=conversion.efficiency_after,
            )
            conversions.append(converted)
            info.conversions.append(converted)
        infos.append(info)
    return infos, conversions


def routes_for(
    item: Item,
    site_id: str,
    work_centers: list[WorkCenterInfo],
    pools: dict[SitePool, WorkforcePool],
) -> list[OperationRoute] | None:
    """Routes of every operation of an item at a site, or None if one cannot be done."""
    routes: list[OperationRoute] = []
    for op_index, operation in enumerate(item.routing):
        skills_ok = all(
            SitePool(site_id, skill) in pools
            for skill, hours in operation.labour_hours_by_skill.items()
            if hours > 0
        )
        if not skills_ok:
            return None
        found = False
        for info in work_centers:
            if info.site != site_id:
                continue
            adders = [
                c.index for c in info.conversions if operation.capability in c.adds
            ]
            has_now = operation.capability in info.capabilities
            if not has_now and not adders:
                continue
            found = True
            penalty = 1.0
            if not has_now:
                after = [
                    c.efficiency_after
                    for c in info.conversions
                    if c.index in adders and c.efficiency_after
                ]
                if after:
                    penalty = info.efficiency / min(after)
            routes.append(
                OperationRoute(
                    item=item.id,
                    site=site_id,
                    operation_index=op_index,
                    operation_id=operation.id,
                    work_center=info.index,
                    hours_per_unit=operation.hours_per_unit,
                    setup_hours_per_unit=operation.setup_hours / operation.batch_size,
                    labour_hours_by_skill={
                        k: v
                        for k, v in operation.labour_hours_by_skill.items()
                        if v > 0
                    },
                    needs_conversions=[] if has_now else adders,
                    lost_by_conversions=[
                        c.index
                        for c in info.conversions
                        if operation.capability in c.removes
                    ]
                    if has_now
                    else [],
                    efficiency_penalty=penalty,
                )
            )
        if not found:
            return None
    return routes
