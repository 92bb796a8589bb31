"""The reference class as a prior: each run draws how late the programme starts.

Real programs reached the milestones of their first schedule later than promised:
the ratio of the weeks they took from the decision to the weeks they promised was
1.0-1.44 on record (`reference_slips.yaml`, derived by `surgeplan.realism.slips` from
the reference class, which cites every source). With `risks.reference_prior: surges`
and no programme delay of the scenario's own (a gate of the product or a building
conversion with `delay_weeks`: the scenario's numbers win), each run draws one ratio
from that record and starts the whole plan's output `(ratio - 1)` times the weeks to
the first key milestone later: every producer then makes, in each week, what the
plan made that many weeks earlier (never more than the plan), and the backlog
follows the recovery policy.

The draw is an empirical quantile: the recorded ratios, sorted, at the midpoints of
equal shares, linearly between them and flat beyond the first and last. Lower
bounds (milestones not reached by the last figure on record) are taken at their
bound, so the prior leans optimistic, never pessimistic. A draw of 1 leaves a run
exactly as without the prior.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np
import yaml

from surgeplan.arrays import FloatArray
from surgeplan.risk.draws import DelayDraws
from surgeplan.risk.network import PlanNetwork
from surgeplan.scenario import Scenario
from surgeplan.scenario.reference_prior import ReferencePrior

# Not a scenario id (ids have no spaces), so it never clashes with a risk's.
REFERENCE_PRIOR_ID = "reference class"
DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class PriorRisk:
    """The prior as the simulation names it among the risks."""

    id: str = REFERENCE_PRIOR_ID


@dataclass(frozen=True)
class ReferencePriorTargets:
    """The recorded slip ratios, the weeks they scale, and the producers they delay."""

    risk: PriorRisk
    ratios: FloatArray
    anchor_weeks: float
    """Weeks from the program start to its first key milestone's due date."""
    producers: tuple[int, ...]


@functools.cache
def reference_slip_ratios() -> tuple[float, ...]:
    """The slip ratios of the reference class, sorted (shipped with surgeplan)."""
    text = (
        resources.files("surgeplan.risk")
        .joinpath("reference_slips.yaml")
        .read_text("utf-8")
    )
    slips = yaml.safe_load(text)["slips"]
    return tuple(sorted(float(slip["ratio"]) for slip in slips))


def slip_quantile(ratios: FloatArray, levels: FloatArray) -> FloatArray:
    """The empirical distribution's quantiles at `levels` (uniforms in [0, 1))."""
    positions = (np.arange(ratios.size) + 0.5) / ratios.size
    found: FloatArray = np.interp(levels, positions, ratios)
    return found


def has_own_programme_delay(scenario: Scenario) -> bool:
    """Whether the scenario states the programme's delay itself."""
    gates = any(
        gate.delay_weeks is not None and gate.item == scenario.program.product
        for gate in scenario.gates
    )
    buildings = any(
        building.delay_weeks is not None
        for site in scenario.sites
        for building in site.building_conversions
    )
    return gates or buildings


def reference_prior_targets(
    scenario: Scenario, network: PlanNetwork
) -> list[ReferencePriorTargets]:
    """The prior, when the scenario asks for it and states no delay of its own."""
    if scenario.risks.reference_prior is ReferencePrior.NONE:
        return []
    if has_own_programme_delay(scenario) or not network.producers:
        return []
    first_due = min(m.due_date for m in scenario.key_milestones())
    anchor = max((first_due - scenario.program.start_date).days / DAYS_PER_WEEK, 0.0)
    return [
        ReferencePriorTargets(
            risk=PriorRisk(),
            ratios=np.array(reference_slip_ratios()),
            anchor_weeks=anchor,
            producers=tuple(range(len(network.producers))),
        )
    ]


def delayed_share(
    basis: FloatArray, delay_weeks: FloatArray, network: PlanNetwork
) -> FloatArray:
    """What a producer can make, delayed, over what the plan made: runs x buckets.

    The plan's cumulative output is read `delay_weeks` earlier at each bucket's
    edges (linearly within a bucket); where the plan made nothing the share is 1.
    """
    edges = np.append(network.start_weeks, network.start_weeks[-1] + network.weeks[-1])
    cumulative = np.concatenate(([0.0], np.cumsum(basis)))
    moments = edges[None, :] - np.maximum(delay_weeks, 0.0)[:, None]
    shifted = np.interp(moments.ravel(), edges, cumulative, left=0.0).reshape(
        moments.shape
    )
    made = np.diff(shifted, axis=1)
    safe = np.where(basis > 0.0, basis, 1.0)
    share: FloatArray = np.where(basis > 0.0, np.clip(made / safe, 0.0, 1.0), 1.0)
    return share


def prior_factors(
    targets: ReferencePriorTargets, draws: DelayDraws, network: PlanNetwork
) -> list[tuple[int, FloatArray]]:
    """Each producer's share of its planned output in each run and bucket."""
    ratio = slip_quantile(targets.ratios, draws.delay)
    delay = (ratio - 1.0) * targets.anchor_weeks
    return [
        (
            producer,
            delayed_share(network.producers[producer].capacity_basis, delay, network),
        )
        for producer in targets.producers
    ]
