"""Gates in the simulation: each run draws when a gate passes.

A production gate stops the producers of its item at the sites it holds back until
the first week that starts on or after the drawn moment (their backlog then follows
the recovery policy); a delivery gate holds the item's deliveries at every delivery
point until then, so what arrived before counts at once when it passes. A gate
without `delay_weeks` passes on its date, which the plan already respects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray, IntArray
from surgeplan.risk.draws import DelayDraws, quantile
from surgeplan.risk.network import PlanNetwork
from surgeplan.scenario import Scenario
from surgeplan.scenario.gates import Gate, GateKind, holds_site

# A drawn moment this close to a week's start opens that week (rounding of days / 7).
MOMENT_TOLERANCE_WEEKS = 1e-9


@dataclass(frozen=True)
class GateTargets:
    """A gate with the producers or delivery groups it holds back."""

    risk: Gate
    planned_weeks: float
    """The gate's date, in weeks from the program start."""
    producers: tuple[int, ...]
    groups: tuple[int, ...]


def gate_targets(scenario: Scenario, network: PlanNetwork) -> list[GateTargets]:
    """Every gate with a drawn delay, and what it holds back."""
    found: list[GateTargets] = []
    for gate in scenario.gates:
        if gate.delay_weeks is None:
            continue
        producers: tuple[int, ...] = ()
        groups: tuple[int, ...] = ()
        if gate.kind is GateKind.PRODUCTION:
            producers = tuple(
                number
                for number, producer in enumerate(network.producers)
                if producer.item == gate.item and holds_site(gate, producer.site)
            )
        else:
            groups = tuple(
                number
                for number, group in enumerate(network.groups)
                if group.item == gate.item
            )
        weeks = (gate.date - scenario.program.start_date).days / 7.0
        found.append(GateTargets(gate, weeks, producers, groups))
    return found


def open_bucket(
    targets: GateTargets, draws: DelayDraws, network: PlanNetwork
) -> IntArray:
    """Per run, the first bucket that starts once the gate has passed."""
    assert targets.risk.delay_weeks is not None
    delay = np.maximum(quantile(targets.risk.delay_weeks, draws.delay), 0.0)
    moment = targets.planned_weeks + delay - MOMENT_TOLERANCE_WEEKS
    found: IntArray = np.searchsorted(network.start_weeks, moment, side="left")
    return found


def closed_before(opens: IntArray, horizon: int) -> FloatArray:
    """1 in the buckets a gate leaves open, 0 before: runs x buckets."""
    open_mask: FloatArray = (np.arange(horizon)[None, :] >= opens[:, None]).astype(
        float
    )
    return open_mask
