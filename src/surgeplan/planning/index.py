"""Everything the planning model is indexed by, derived once from the scenario.

Only routes that can happen get variables: an item is made at a site only if every
operation of its routing has a work center there (now or after a conversion) and
the site has a workforce pool for every skill the operation needs; an item moves on
a lane only if it can be at the origin and is needed at the destination.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from surgeplan.scenario import Item, Scenario, Sourcing
from surgeplan.scenario.calendar import (
    Bucket,
    bucket_index_of,
    make_buckets,
    open_share_by_bucket,
    rate_by_bucket,
    shift_hours_by_bucket,
    weeks_to_buckets,
)
from surgeplan.scenario.demand import Milestone
from surgeplan.scenario.sites import ShiftPattern, WorkforcePool
from surgeplan.scenario.supply import Lane, Supplier

FloatArray = npt.NDArray[np.float64]
CALENDAR_PATTERN = "calendar"


@dataclass
class PatternInfo:
    """A shift pattern of a work center and the effective hours it gives per bucket."""

    id: str
    effective_hours: FloatArray
    fixed_cost_per_bucket_eur: FloatArray
    switch_cost_eur: float
    lead_buckets: int


@dataclass
class ConversionInfo:
    """A conversion of a work center, with its lead time in buckets."""

    index: int
    site: str
    work_center: str
    id: str
    adds: set[str]
    removes: set[str]
    capex_eur: float
    lead_buckets: int
    earliest_bucket: int
    efficiency_after: float | None


@dataclass
class WorkCenterInfo:
    """A work center with its patterns, overtime and core load per bucket."""

    index: int
    site: str
    id: str
    capabilities: set[str]
    efficiency: float
    patterns: list[PatternInfo]
    initial_pattern: int
    overtime_hours: FloatArray
    core_hours_by_capability: dict[str, FloatArray]
    conversions: list[ConversionInfo] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        """(site, work center)."""
        return (self.site, self.id)


@dataclass
class OperationRoute:
    """One operation of an item at one work center that can do it."""

    item: str
    site: str
    operation_index: int
    operation_id: str
    work_center: int
    hours_per_unit: float
    setup_hours_per_unit: float
    labour_hours_by_skill: dict[str, float]
    needs_conversions: list[int]
    lost_by_conversions: list[int]
    efficiency_penalty: float


@dataclass
class SupplyRoute:
    """A supplier delivering its item to one site."""

    supplier: Supplier
    site: str
    lead_buckets: int
    capacity_by_bucket: FloatArray


@dataclass
class LaneRoute:
    """An item that may travel on a lane."""

    lane: Lane
    item: str
    lead_buckets: int


@dataclass
class MilestoneGroup:
    """Milestones of one item at one delivery point, in due order."""

    item: str
    delivery_point: str
    milestones: list[Milestone]
    due_buckets: list[int]


@dataclass
class CoreDemandInfo:
    """Core demand of an item at a site, per bucket."""

    item: str
    site: str
    demand: FloatArray
    is_hard: bool
    penalty_per_unit_eur: float


@dataclass
class PlanningIndex:
    """The sets and per-bucket data the planning model is built from."""

    scenario: Scenario
    buckets: list[Bucket]
    weeks: FloatArray
    open_share: dict[str, FloatArray]
    work_centers: list[WorkCenterInfo]
    conversions: list[ConversionInfo]
    made_at: dict[str, list[str]]
    routes: list[OperationRoute]
    pools: dict[tuple[str, str], WorkforcePool]
    supply: list[SupplyRoute]
    lanes: list[LaneRoute]
    groups: list[MilestoneGroup]
    core: list[CoreDemandInfo]
    stock_points: list[tuple[str, str]]

    @property
    def horizon(self) -> int:
        """Number of buckets."""
        return len(self.buckets)


def _pattern_infos(
    scenario: Scenario, site_id: str, patterns: list[ShiftPattern], stations: int, efficiency: float, buckets: list[Bucket]
) -> list[PatternInfo]:
    calendar = scenario.site(site_id).calendar
    weeks = np.array([bucket.weeks for bucket in buckets])
    if not patterns:
        hours = shift_hours_by_bucket(calendar, None, buckets) * stations * efficiency
        return [PatternInfo(CALENDAR_PATTERN, hours, np.zeros(len(buckets)), 0.0, 0)]
    return [
        PatternInfo(
            id=pattern.id,
            effective_hours=shift_hours_by_bucket(calendar, pattern, buckets)
            * stations
            * efficiency,
            fixed_cost_per_bucket_eur=pattern.fixed_cost_per_week_eur * weeks,
            switch_cost_eur=pattern.switch_cost_eur,
            lead_buckets=weeks_to_buckets(pattern.switch_lead_time_weeks, scenario.program),
        )
        for pattern in patterns
    ]


def _work_centers(scenario: Scenario, buckets: list[Bucket], open_share: dict[str, FloatArray]) -> tuple[list[WorkCenterInfo], list[ConversionInfo]]:
    weeks = np.array([bucket.weeks for bucket in buckets])
    infos: list[WorkCenterInfo] = []
    conversions: list[ConversionInfo] = []
    for site, work_center in scenario.work_centers():
        patterns = _pattern_infos(
            scenario, site.id, work_center.shift_patterns, work_center.stations, work_center.efficiency, buckets
        )
        initial = 0
        if work_center.initial_shift_pattern is not None:
            initial = [p.id for p in patterns].index(work_center.initial_shift_pattern)
        core: dict[str, FloatArray] = defaultdict(lambda: np.zeros(len(buckets)))
        for load in work_center.core_load:
            core[load.capability] = core[load.capability] + load.hours_per_week * weeks * open_share[site.id]
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
                earliest = len(buckets) if found is None and conversion.earliest_start_date > buckets[-1].end else (found or 0)
            converted = ConversionInfo(
                index=len(conversions),
                site=site.id,
                work_center=work_center.id,
                id=conversion.id,
                adds=set(conversion.adds_capabilities),
                removes=set(conversion.removes_capabilities),
                capex_eur=conversion.capex_eur,
                lead_buckets=weeks_to_buckets(conversion.lead_time_weeks, scenario.program),
                earliest_bucket=earliest,
                efficiency_after=conversion.efficiency_after,
            )
            conversions.append(converted)
            info.conversions.append(converted)
        infos.append(info)
    return infos, conversions


def _routes_for(item: Item, site_id: str, work_centers: list[WorkCenterInfo], pools: dict[tuple[str, str], WorkforcePool]) -> list[OperationRoute] | None:
    """Routes of every operation of an item at a site, or None if one cannot be done."""
    routes: list[OperationRoute] = []
    for op_index, operation in enumerate(item.routing):
        skills_ok = all(
            (site_id, skill) in pools
            for skill, hours in operation.labour_hours_by_skill.items()
            if hours > 0
        )
        if not skills_ok:
            return None
        found = False
        for info in work_centers:
            if info.site != site_id:
                continue
            adders = [c.index for c in info.conversions if operation.capability in c.adds]
            has_now = operation.capability in info.capabilities
            if not has_now and not adders:
                continue
            found = True
            penalty = 1.0
            if not has_now:
                after = [c.efficiency_after for c in info.conversions if c.index in adders and c.efficiency_after]
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
                    labour_hours_by_skill={k: v for k, v in operation.labour_hours_by_skill.items() if v > 0},
                    needs_conversions=[] if has_now else adders,
                    lost_by_conversions=[c.index for c in info.conversions if operation.capability in c.removes] if has_now else [],
                    efficiency_penalty=penalty,
                )
            )
        if not found:
            return None
    return routes
