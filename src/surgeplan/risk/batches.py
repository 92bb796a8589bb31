"""One batch of runs: draw once per risk, then execute every variant on those draws.

A batch is self-contained (model, variants, seed, batch index, size), so it runs the
same in this process, in a worker process or on a Dask worker. Its draws depend only on
the seed, the risk's id and the batch index: results do not depend on the number of
workers, and the first runs of a long simulation are the runs of a short one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from surgeplan.arrays import BoolArray, FloatArray
from surgeplan.keys import ItemSite
from surgeplan.risk.buildings import BuildingTargets
from surgeplan.risk.chain_values import ChainValues, Change, reads_of
from surgeplan.risk.chains import BufferStock, supply_nodes
from surgeplan.risk.draws import (
    RiskDraws,
    draw_breakdowns,
    draw_delay,
    draw_learning,
    draw_ramp,
    draw_staff,
    draw_window,
    risk_generator,
)
from surgeplan.risk.execution import Delivered, execute, milestone_outcomes
from surgeplan.risk.exposure import Impact, impact_of
from surgeplan.risk.gates import GateTargets
from surgeplan.risk.network import PlanNetwork
from surgeplan.risk.parameters import VariantParameters
from surgeplan.risk.policy import RecoveryPolicy
from surgeplan.risk.reference_prior import ReferencePriorTargets
from surgeplan.risk.supplier_ramp import RampTargets
from surgeplan.risk.targets import (
    BreakdownTargets,
    RiskTargets,
    StaffTargets,
    WindowTargets,
)

NO_CHANGE = VariantParameters(disabled=frozenset())
AnyArray = npt.NDArray[np.floating[Any]]
Buffers = dict[ItemSite, BufferStock]


@dataclass(frozen=True)
class SimulationModel:
    """What a worker needs: the plan's network, the risks' targets, the policy."""

    network: PlanNetwork
    targets: tuple[RiskTargets, ...]
    policy: RecoveryPolicy
    reaction_weeks: float
    seed: int


@dataclass(frozen=True)
class BatchOutcome:
    """Per variant and run, when each milestone is reached and units by its due bucket.

    `met_bucket` is the bucket, `reached_weeks` the moment (weeks from the horizon's
    start, to the day). `cumulative` keeps the first variant's deliveries (runs x
    groups x buckets) for the delivery fan.
    """

    index: int
    met_bucket: npt.NDArray[np.int16]
    reached_weeks: FloatArray
    delivered_by_due: npt.NDArray[np.float32]
    cumulative: FloatArray


def draw_risk(
    targets: RiskTargets, seed: int, batch_index: int, runs: int, horizon: int
) -> RiskDraws:
    """The raw draws of one risk for `runs` runs of a batch, from its own stream."""
    generator = risk_generator(seed, targets.risk.id, batch_index)
    if isinstance(targets, WindowTargets):
        return draw_window(generator, runs, horizon)
    if isinstance(targets, BreakdownTargets):
        return draw_breakdowns(generator, runs, len(targets.resources), horizon)
    if isinstance(targets, StaffTargets):
        return draw_staff(generator, runs, horizon)
    if isinstance(targets, RampTargets):
        return draw_ramp(generator, runs)
    if isinstance(targets, GateTargets | BuildingTargets | ReferencePriorTargets):
        return draw_delay(generator, runs)
    return draw_learning(generator, runs)


def first_runs(draws: RiskDraws, runs: int) -> RiskDraws:
    """The draws of the first runs of a batch (every field has runs first)."""
    fields = {name: value[:runs] for name, value in vars(draws).items()}
    return type(draws)(**fields)


def _buffers(network: PlanNetwork, params: VariantParameters) -> Buffers:
    """Buffer stock by (item, site), split over the chains that draw on it."""
    if not params.buffers:
        return {}
    places = Counter(
        ItemSite(node.item, node.site)
        for producer in network.producers
        for node in supply_nodes(producer.chain)
    )
    found: Buffers = {}
    for buffer in params.buffers:
        key = ItemSite(buffer.item, buffer.site)
        share = buffer.units / max(places[key], 1)
        known = found.get(key)
        if known is not None:
            share += known.units
        start = (
            max(buffer.from_bucket, known.from_bucket) if known else buffer.from_bucket
        )
        found[key] = BufferStock(units=share, from_bucket=start)
    return found


def _pieces(
    impacts: Iterable[Impact],
) -> tuple[dict[int, list[AnyArray]], dict[int, list[AnyArray]]]:
    """Each resource's factors and each curve's learning ratios, in the risks' order."""
    by_resource: dict[int, list[AnyArray]] = defaultdict(list)
    by_curve: dict[int, list[AnyArray]] = defaultdict(list)
    for impact in impacts:
        for resource, factor in impact.factors:
            by_resource[resource].append(factor)
        for curve, ratio in impact.learning:
            by_curve[curve].append(ratio)
    return by_resource, by_curve


def _product(
    pieces: list[AnyArray], last: FloatArray | None, shape: tuple[int, int]
) -> FloatArray:
    """The pieces multiplied in order, then `last` (per bucket), runs x buckets.

    Untouched resources share one read-only broadcast row instead of a full array.
    """
    if not pieces:
        row = np.ones(shape[1]) if last is None else last
        return np.broadcast_to(row, shape)
    result = np.empty(shape)
    result[...] = pieces[0]
    for piece in pieces[1:]:
        result *= piece
    if last is not None:
        result *= last
    return result


@dataclass(frozen=True)
class VariantState:
    """What a variant's capacities were computed from, to compare the next one with."""

    impacts: dict[str, Impact]
    buffers: Buffers
    values: ChainValues


def _change(base: VariantState, impacts: dict[str, Impact], buffers: Buffers) -> Change:
    """Resources, curves and buffer places whose inputs differ from the baseline's.

    Impacts of risks a variant leaves alone are the same objects as the baseline's.
    """
    resources: set[int] = set()
    curves: set[int] = set()
    for risk_id in base.impacts.keys() | impacts.keys():
        before, after = base.impacts.get(risk_id), impacts.get(risk_id)
        if before is after:
            continue
        for impact in (before, after):
            if impact is not None:
                resources.update(resource for resource, _ in impact.factors)
                curves.update(curve for curve, _ in impact.learning)
    places = {
        place
        for place in base.buffers.keys() | buffers.keys()
        if base.buffers.get(place) != buffers.get(place)
    }
    return Change(frozenset(resources), frozenset(curves), frozenset(places))


def capacities(
    model: SimulationModel,
    impacts: dict[str, Impact],
    params: VariantParameters,
    runs: int,
    base: VariantState | None,
) -> tuple[FloatArray, BoolArray, VariantState]:
    """Units each producer can make (producers x runs x buckets), and IT outages.

    With `base` (the baseline's state), only what the variant changes is computed.
    """
    network = model.network
    horizon = network.horizon
    shape = (runs, horizon)
    spare = 1.0 + network.spare if model.policy.use_spare_capacity else None
    by_resource, by_curve = _pieces(impacts.values())
    buffers = _buffers(network, params)

    def factor(resource: int) -> FloatArray:
        last = None if spare is None else spare[resource]
        return _product(by_resource.get(resource, []), last, shape)

    def ratio(curve: int) -> FloatArray:
        return _product(by_curve.get(curve, []), None, shape)

    if base is None:
        factors = [factor(r) for r in range(len(network.resources))]
        learning = [ratio(c) for c in range(len(network.curves))]
        values = ChainValues(
            shape,
            factors,
            learning,
            buffers,
            reads_of([p.chain for p in network.producers]),
        )
    else:
        change = _change(base, impacts, buffers)
        factors = list(base.values.factors)
        learning = list(base.values.learning)
        for resource in change.resources:
            factors[resource] = factor(resource)
        for curve in change.curves:
            learning[curve] = ratio(curve)
        values = ChainValues(
            shape, factors, learning, buffers, base.values.reads, base.values, change
        )
    capacity = np.zeros((len(network.producers), runs, horizon))
    for row, maker in enumerate(network.producers):
        np.multiply(maker.capacity_basis, values.value(maker.chain), out=capacity[row])
    blocked = np.zeros((len(network.producers), runs, horizon), dtype=bool)
    for impact in impacts.values():
        for producer, mask in impact.blocked:
            blocked[producer] |= mask
        for producer, open_share in impact.producer_factors:
            capacity[producer] *= open_share
    return capacity, blocked, VariantState(impacts, buffers, values)


def _held_back(delivered: Delivered, impacts: Iterable[Impact]) -> Delivered:
    """Deliveries a gate holds count only once it passes (all at once then)."""
    cumulative = delivered.cumulative
    for impact in impacts:
        for group, open_share in impact.held:
            if cumulative is delivered.cumulative:
                cumulative = cumulative.copy()
            cumulative[:, group, :] *= open_share
    return Delivered(cumulative)


def run_batch(
    model: SimulationModel,
    variants: tuple[VariantParameters, ...],
    batch_index: int,
    runs: int,
    batch_runs: int,
) -> BatchOutcome:
    """Every variant on the first `runs` runs of a batch of `batch_runs`.

    A short last batch draws a full batch and keeps its first runs, so run `i` has the
    same draws whatever the total number of runs.
    """
    network = model.network
    horizon = network.horizon
    draws = {
        targets.risk.id: first_runs(
            draw_risk(targets, model.seed, batch_index, batch_runs, horizon), runs
        )
        for targets in model.targets
    }
    unchanged: dict[str, Impact] = {}
    met_rows, weeks_rows, due_rows = [], [], []
    cumulative = np.zeros((runs, len(network.groups), horizon))
    base: VariantState | None = None
    for number, params in enumerate(variants):
        impacts: dict[str, Impact] = {}
        for targets in model.targets:
            risk_id = targets.risk.id
            if risk_id in params.disabled:
                continue
            if params.is_changed(risk_id):
                impacts[risk_id] = impact_of(targets, draws[risk_id], params, network)
                continue
            if risk_id not in unchanged:
                unchanged[risk_id] = impact_of(
                    targets, draws[risk_id], NO_CHANGE, network
                )
            impacts[risk_id] = unchanged[risk_id]
        capacity, blocked, state = capacities(model, impacts, params, runs, base)
        # Every variant is computed from the first one's state, which is kept.
        base = base or state
        delivered = _held_back(
            execute(network, capacity, blocked, model.policy, model.reaction_weeks),
            impacts.values(),
        )
        outcome = milestone_outcomes(network, delivered)
        met_rows.append(outcome.met_bucket)
        weeks_rows.append(outcome.reached_weeks)
        due_rows.append(outcome.delivered_by_due)
        if number == 0:
            cumulative = delivered.cumulative
    return BatchOutcome(
        index=batch_index,
        met_bucket=np.stack(met_rows),
        reached_weeks=np.stack(weeks_rows),
        delivered_by_due=np.stack(due_rows),
        cumulative=cumulative,
    )
