"""Building conversions in the simulation: a late building holds all its work centers.

Each run draws the building's delay; every work center in it gets no program hours
from the week the plan has it ready until the first week that starts once the delayed
building is done (its output then follows the recovery policy). A building the plan
does not convert, or one without `delay_weeks`, is not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.planning.results.plan import Plan
from surgeplan.risk.draws import DelayDraws, quantile
from surgeplan.risk.network import PlanNetwork
from surgeplan.risk.resources import Resource, ResourceKind
from surgeplan.scenario import Scenario
from surgeplan.scenario.buildings import BuildingConversion

# A drawn moment this close to a week's start opens that week (rounding of days / 7).
MOMENT_TOLERANCE_WEEKS = 1e-9


@dataclass(frozen=True)
class BuildingTargets:
    """A building conversion the plan makes: its work centers and planned ready week."""

    risk: BuildingConversion
    resources: tuple[int, ...]
    ready_bucket: int


def building_targets(
    scenario: Scenario, plan: Plan, network: PlanNetwork
) -> list[BuildingTargets]:
    """Every building conversion with a drawn delay that the (weekly) plan makes."""
    found: list[BuildingTargets] = []
    for site in scenario.sites:
        for building in site.building_conversions:
            if building.delay_weeks is None:
                continue
            ready = [
                record.ready_bucket
                for record in plan.conversions
                if record.site == site.id and record.conversion == building.id
            ]
            if not ready:
                continue
            keys = {
                Resource(ResourceKind.WORK_CENTER, site.id, center.work_center)
                for center in building.work_centers
            }
            resources = tuple(
                number for number, key in enumerate(network.resources) if key in keys
            )
            found.append(BuildingTargets(building, resources, min(ready)))
    return found


def building_factor(
    targets: BuildingTargets, draws: DelayDraws, network: PlanNetwork
) -> FloatArray:
    """0 from the planned ready week to the drawn one, 1 elsewhere: runs x buckets."""
    assert targets.risk.delay_weeks is not None
    horizon = network.horizon
    planned = targets.ready_bucket
    if planned >= horizon:
        return np.ones((draws.delay.shape[0], horizon))
    delay = np.maximum(quantile(targets.risk.delay_weeks, draws.delay), 0.0)
    moment = network.start_weeks[planned] + delay - MOMENT_TOLERANCE_WEEKS
    opens = np.searchsorted(network.start_weeks, moment, side="left")
    weeks = np.arange(horizon)[None, :]
    waiting = (weeks >= planned) & (weeks < opens[:, None])
    factor: FloatArray = np.where(waiting, 0.0, 1.0)
    return factor
