"""Which resources, producers and learning curves each risk of the scenario hits.

Site disruptions hit every work center and workforce pool of their site; an OT cyber
incident stops the work centers of every site in its network zone; an IT incident
stops re-planning (no production moves) for producers in its zone; supplier risks hit
their supplier; breakdowns hit the work centers doing operations of their capability;
opt-out hits its workforce pool; learning uncertainty hits its item's curves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import SiteWorkCenter
from surgeplan.planning.results.plan import Plan
from surgeplan.planning.rules.learning import crew_curve, experience_before
from surgeplan.planning.rules.workforce_terms import kept_cumulative, retention
from surgeplan.risk.buildings import BuildingTargets
from surgeplan.risk.gates import GateTargets
from surgeplan.risk.network import PlanNetwork
from surgeplan.risk.priority import rated_output_ratio
from surgeplan.risk.reference_prior import ReferencePriorTargets
from surgeplan.risk.resources import Resource, ResourceKind
from surgeplan.risk.supplier_ramp import RampTargets
from surgeplan.scenario import Scenario, make_buckets
from surgeplan.scenario.calendar import ready_after_both, ready_buckets
from surgeplan.scenario.risks import (
    CyberIncident,
    CyberTarget,
    LearningUncertainty,
    SiteDisruption,
    StaffOptOut,
    StationBreakdown,
    SupplierRisk,
    SupplierRiskKind,
)


class RiskKind(StrEnum):
    """What a risk does in the simulation."""

    SITE_DISRUPTION = "site_disruption"
    CYBER_OT = "cyber_ot"
    CYBER_IT = "cyber_it"
    SUPPLIER_FAILURE = "supplier_failure"
    SUPPLIER_DELAY = "supplier_delay"
    SUPPLIER_RAMP = "supplier_ramp"
    GATE = "gate"
    BUILDING_DELAY = "building_delay"
    STATION_BREAKDOWN = "station_breakdown"
    STAFF_OPT_OUT = "staff_opt_out"
    LEARNING = "learning"
    REFERENCE_PRIOR = "reference_prior"


WindowRisk = SiteDisruption | CyberIncident | SupplierRisk


@dataclass(frozen=True)
class WindowTargets:
    """An incident that starts, lasts and takes a share of some resources' capacity."""

    risk: WindowRisk
    kind: RiskKind
    resources: tuple[int, ...]
    producers: tuple[int, ...] = ()
    # A rated program's supplier: its rated output over the program's share (priority).
    rated_output_ratio: float | None = None


@dataclass(frozen=True)
class BreakdownTargets:
    """Work centers whose stations break down: operated and available station hours."""

    risk: StationBreakdown
    resources: tuple[int, ...]
    operating_hours: FloatArray
    station_hours: FloatArray


@dataclass(frozen=True)
class StaffTargets:
    """A workforce pool: planned qualified people, and hires qualified by then."""

    risk: StaffOptOut
    resource: int | None
    headcount: int
    initially_qualified: int
    qualified: FloatArray
    hired: FloatArray


@dataclass(frozen=True)
class LearningTargets:
    """The learning curves (item at a site) of one item, with the plan's output."""

    risk: LearningUncertainty
    curves: tuple[int, ...]
    planned_rate: float
    floor_share: float
    cumulative_before: FloatArray
    units: FloatArray


RiskTargets = (
    WindowTargets
    | BreakdownTargets
    | StaffTargets
    | LearningTargets
    | RampTargets
    | GateTargets
    | BuildingTargets
    | ReferencePriorTargets
)


def kind_of(targets: RiskTargets) -> RiskKind:
    """The kind of a compiled risk."""
    if isinstance(targets, WindowTargets):
        return targets.kind
    if isinstance(targets, BreakdownTargets):
        return RiskKind.STATION_BREAKDOWN
    if isinstance(targets, StaffTargets):
        return RiskKind.STAFF_OPT_OUT
    if isinstance(targets, RampTargets):
        return RiskKind.SUPPLIER_RAMP
    if isinstance(targets, GateTargets):
        return RiskKind.GATE
    if isinstance(targets, BuildingTargets):
        return RiskKind.BUILDING_DELAY
    if isinstance(targets, ReferencePriorTargets):
        return RiskKind.REFERENCE_PRIOR
    return RiskKind.LEARNING


def _resources_where(network: PlanNetwork, keep: set[Resource]) -> tuple[int, ...]:
    return tuple(i for i, key in enumerate(network.resources) if key in keep)


def window_targets(scenario: Scenario, network: PlanNetwork) -> list[WindowTargets]:
    """Site disruptions, cyber incidents and supplier risks."""
    by_site: dict[str, set[Resource]] = defaultdict(set)
    for key in network.resources:
        if key.kind is not ResourceKind.SUPPLIER:
            by_site[key.site].add(key)
    found: list[WindowTargets] = []
    risks = scenario.risks
    for disruption in risks.site_disruptions:
        resources = _resources_where(network, by_site[disruption.site])
        found.append(WindowTargets(disruption, RiskKind.SITE_DISRUPTION, resources))
    for incident in risks.cyber_incidents:
        sites = {
            s.id for s in scenario.sites if s.network_zone == incident.network_zone
        }
        if incident.target is CyberTarget.IT:
            producers = tuple(
                i for i, p in enumerate(network.producers) if p.site in sites
            )
            found.append(WindowTargets(incident, RiskKind.CYBER_IT, (), producers))
            continue
        centers = {
            key
            for site in sites
            for key in by_site[site]
            if key.kind is ResourceKind.WORK_CENTER
        }
        found.append(
            WindowTargets(
                incident, RiskKind.CYBER_OT, _resources_where(network, centers)
            )
        )
    for supplier_risk in risks.supplier_risks:
        key = Resource(ResourceKind.SUPPLIER, "", supplier_risk.supplier)
        kind = (
            RiskKind.SUPPLIER_DELAY
            if supplier_risk.kind is SupplierRiskKind.DELAY
            else RiskKind.SUPPLIER_FAILURE
        )
        found.append(
            WindowTargets(
                supplier_risk,
                kind,
                _resources_where(network, {key}),
                rated_output_ratio=rated_output_ratio(scenario, supplier_risk.supplier),
            )
        )
    return found


def breakdown_targets(
    scenario: Scenario, plan: Plan, network: PlanNetwork
) -> list[BreakdownTargets]:
    """Station hours operated on each capability, and available, per work center."""
    horizon = network.horizon
    capability = {
        (item.id, operation.id): operation.capability
        for item in scenario.items
        for operation in item.routing
    }
    efficiency = {
        SiteWorkCenter(s.id, c.id): c.efficiency for s, c in scenario.work_centers()
    }
    core_capabilities = {
        SiteWorkCenter(s.id, c.id): {load.capability for load in c.core_load}
        for s, c in scenario.work_centers()
    }
    operated: dict[tuple[str, str, str], FloatArray] = defaultdict(
        lambda: np.zeros(horizon)
    )
    for record in plan.production:
        if record.bucket < horizon:
            key = (
                record.site,
                record.work_center,
                capability[(record.item, record.operation)],
            )
            operated[key][record.bucket] += record.hours
    available: dict[SiteWorkCenter, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    core: dict[SiteWorkCenter, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    for capacity in plan.capacity:
        if capacity.bucket < horizon:
            center = SiteWorkCenter(capacity.site, capacity.work_center)
            total = capacity.available_hours + capacity.overtime_hours
            available[center][capacity.bucket] += total
            core[center][capacity.bucket] += capacity.core_hours
    found: list[BreakdownTargets] = []
    for breakdown in scenario.risks.station_breakdowns:
        resources: list[int] = []
        hours: list[FloatArray] = []
        stations: list[FloatArray] = []
        for index, resource in enumerate(network.resources):
            if resource.kind is not ResourceKind.WORK_CENTER:
                continue
            center = SiteWorkCenter(resource.site, resource.id)
            used = operated[(*center, breakdown.capability)].copy()
            if breakdown.capability in core_capabilities.get(center, set()):
                used += core[center]
            if not used.any():
                continue
            share = efficiency.get(center, 1.0)
            resources.append(index)
            hours.append(used / share)
            stations.append(available[center] / share)
        empty = np.zeros((0, horizon))
        found.append(
            BreakdownTargets(
                breakdown,
                tuple(resources),
                np.stack(hours) if hours else empty,
                np.stack(stations) if stations else empty,
            )
        )
    return found


def staff_targets(
    scenario: Scenario, plan: Plan, network: PlanNetwork
) -> list[StaffTargets]:
    """Each opt-out risk's pool with its planned qualified headcount and hires."""
    horizon = network.horizon
    buckets = make_buckets(scenario.program)[:horizon]
    found: list[StaffTargets] = []
    for opt_out in scenario.risks.staff_opt_out:
        key = Resource(ResourceKind.LABOUR, opt_out.site, opt_out.skill)
        pool = next(
            p for p in scenario.site(opt_out.site).workforce if p.skill == opt_out.skill
        )
        qualified, hires = np.zeros(horizon), np.zeros(horizon)
        for record in plan.labour:
            if (record.site, record.skill) == (
                key.site,
                key.id,
            ) and record.bucket < horizon:
                qualified[record.bucket] = record.headcount
                hires[record.bucket] = record.hires
        qualified_in = ready_after_both(
            ready_buckets(pool.hire_lead_time_weeks, buckets, scenario.program),
            ready_buckets(pool.training_lead_time_weeks, buckets, scenario.program),
        )
        # People hired by each bucket who have also finished their training by then,
        # less those of them who have left (turnover).
        joining = np.zeros(horizon + 1)
        np.add.at(joining, qualified_in, hires)
        weeks = np.array([bucket.weeks for bucket in buckets])
        hired = kept_cumulative(0.0, joining[:horizon], retention(pool, weeks))
        found.append(
            StaffTargets(
                risk=opt_out,
                resource=network.resources.index(key)
                if key in network.resources
                else None,
                headcount=pool.headcount,
                initially_qualified=pool.initially_qualified,
                qualified=qualified,
                hired=hired,
            )
        )
    return found


def learning_targets(scenario: Scenario, network: PlanNetwork) -> list[LearningTargets]:
    """Each learning risk's curves; the plan's output summed over the item's sites."""
    found: list[LearningTargets] = []
    for uncertainty in scenario.risks.learning_uncertainty:
        item = scenario.item(uncertainty.item)
        curves = tuple(i for i, key in enumerate(network.curves) if key[0] == item.id)
        units = network.curve_units[list(curves)]
        # Each site's crew starts where it stands on the curve and may forget.
        cumulative_before = np.array(
            [
                experience_before(
                    units[row],
                    network.weeks,
                    crew_curve(scenario, *network.curves[curve]),
                )
                for row, curve in enumerate(curves)
            ]
        ).reshape(units.shape)
        found.append(
            LearningTargets(
                risk=uncertainty,
                curves=curves,
                planned_rate=item.learning_rate,
                floor_share=item.learning_floor_share,
                cumulative_before=cumulative_before,
                units=units,
            )
        )
    return found
