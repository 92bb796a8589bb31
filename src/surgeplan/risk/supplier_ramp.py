"""Supplier ramps that start late or deliver short: a factor on the supplier per run.

Each run draws one start delay and one delivered share per ramp risk (from the risk's
own stream, so variants share them). The supplier's capacity in a run is its promised
ramp moved by the delay and scaled by the share; the factor on the supplier resource
is that capacity over the capacity the plan was made with (the promise, or the ramp
at the risk's `planned_quantile`). A run that draws the planned values therefore gets
factor 1, and one with a better ramp than planned gets more than 1 (the plan's spare
ratio counts from the planned capacity).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.risk.draws import RampDraws
from surgeplan.risk.network import PlanNetwork
from surgeplan.risk.parameters import VariantParameters
from surgeplan.risk.resources import Resource, ResourceKind
from surgeplan.scenario import Scenario, make_buckets
from surgeplan.scenario.quantiles import quantile
from surgeplan.scenario.supply import SupplierRamp
from surgeplan.scenario.supply_ramps import RampSteps, planned_capacity_by_bucket


@dataclass(frozen=True)
class RampTargets:
    """A supplier ramp risk: its supplier resource, promise and planned capacity."""

    risk: SupplierRamp
    resource: int | None
    promise: RampSteps
    planned: FloatArray


def ramp_targets(scenario: Scenario, network: PlanNetwork) -> list[RampTargets]:
    """Each supplier ramp risk with its supplier's promise over the simulated weeks."""
    buckets = make_buckets(scenario.program)[: network.horizon]
    found: list[RampTargets] = []
    for ramp in scenario.risks.supplier_ramps:
        supplier = scenario.supplier(ramp.supplier)
        key = Resource(ResourceKind.SUPPLIER, "", supplier.id)
        found.append(
            RampTargets(
                risk=ramp,
                resource=network.resources.index(key)
                if key in network.resources
                else None,
                promise=RampSteps.of(scenario, supplier, buckets),
                planned=planned_capacity_by_bucket(scenario, supplier, buckets),
            )
        )
    return found


def drawn_capacity(
    targets: RampTargets, draws: RampDraws, params: VariantParameters, horizon: int
) -> FloatArray:
    """Units the supplier can ship per run and bucket, runs x buckets."""
    risk = targets.risk
    delay = quantile(risk.start_delay_weeks, draws.delay)
    share = np.ones_like(delay)
    units = targets.promise.units(delay, share)
    drawn_share = quantile(risk.delivered_share, draws.share)[:, None]
    # A mitigation may raise the share from the week it takes effect on.
    timeline = params.timeline(risk.id, "delivered_share", horizon)
    delivered: FloatArray = units * np.clip(timeline.apply(drawn_share), 0.0, 1.0)
    return delivered


def ramp_factor(
    targets: RampTargets, draws: RampDraws, params: VariantParameters, horizon: int
) -> FloatArray:
    """Drawn capacity over planned capacity; 1 where the plan counted on none."""
    drawn = drawn_capacity(targets, draws, params, horizon)
    planned = targets.planned[None, :]
    safe = np.where(planned > 0.0, planned, 1.0)
    factor: FloatArray = np.where(planned > 0.0, drawn / safe, 1.0)
    return factor
