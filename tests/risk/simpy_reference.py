"""An event-by-event reference of the risk model, written with SimPy, one run at a time.

It reads the same compiled network and risk targets as the vectorised simulator but
draws its own numbers, one at a time, and lets events drive the run: an incident is a
process that starts at a week's beginning and ends after its duration; a work center's
failures are a Poisson process in its operating hours with exponential repairs; each
week's production, shipping and moves happen when the week ends; every shipment is an
arrival event a lane's lead time later. Its distributions must match the vectorised
simulator's where the models coincide (breakdowns and absences are drawn exactly here,
approximated there), which `test_risk_simpy_reference.py` checks.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import Any

import numpy as np
import simpy

from surgeplan.planning.rules.learning import average_learning_factor
from surgeplan.risk.batches import SimulationModel
from surgeplan.risk.chains import Leaf, MinNode, Node, ShareNode
from surgeplan.risk.draws import quantile
from surgeplan.risk.targets import (
    BreakdownTargets,
    LearningTargets,
    RiskKind,
    StaffTargets,
    WindowTargets,
)
from surgeplan.scenario.risks import CyberIncident

Events = Generator[simpy.Event, Any, None]


class ReferenceRun:
    """One run of the model as a SimPy simulation."""

    def __init__(self, model: SimulationModel, rng: np.random.Generator) -> None:
        self.model = model
        self.network = model.network
        self.rng = rng
        self.env = simpy.Environment()
        horizon = self.network.horizon
        self.factor = [[1.0] * horizon for _ in self.network.resources]
        self.learning = [[1.0] * horizon for _ in self.network.curves]
        self.blocked = [[False] * horizon for _ in self.network.producers]
        self.intervals: dict[str, list[tuple[float, float]]] = {}
        self.delivered = [[0.0] * horizon for _ in self.network.groups]

    def run(self) -> list[list[float]]:
        """Cumulative deliveries per group and bucket."""
        for targets in self.model.targets:
            if isinstance(targets, WindowTargets):
                self.env.process(self.incidents(targets))
            elif isinstance(targets, BreakdownTargets):
                for row, resource in enumerate(targets.resources):
                    self.env.process(self.failures(targets, row, resource))
            elif isinstance(targets, StaffTargets):
                self.env.process(self.staff(targets))
            elif isinstance(targets, LearningTargets):
                self.draw_learning(targets)
        self.env.process(self.weeks())
        self.env.run()
        return [list(np.cumsum(row)) for row in self.delivered]

    def incidents(self, targets: WindowTargets) -> Events:
        """Each week an incident may start; it is a process that lasts its duration."""
        risk = targets.risk
        self.intervals[risk.id] = []
        for bucket, start in enumerate(self.network.start_weeks):
            yield self.env.timeout(start - self.env.now)
            chance = (
                1.0 - (1.0 - risk.probability_per_week) ** self.network.weeks[bucket]
            )
            if self.rng.random() < chance:
                duration = float(
                    quantile(risk.duration_weeks, np.array(self.rng.random()))
                )
                self.env.process(self.incident(risk.id, duration))

    def incident(self, risk_id: str, duration: float) -> Events:
        """An incident: down from now for `duration` weeks."""
        self.intervals[risk_id].append((self.env.now, self.env.now + duration))
        yield self.env.timeout(duration)

    def failures(self, targets: BreakdownTargets, row: int, resource: int) -> Events:
        """Failures in operating hours, each with an exponential repair."""
        risk = targets.risk
        for bucket, start in enumerate(self.network.start_weeks):
            operating = targets.operating_hours[row, bucket]
            stations = targets.station_hours[row, bucket]
            yield self.env.timeout(start - self.env.now)
            if operating <= 0.0 or stations <= 0.0:
                continue
            weeks = self.network.weeks[bucket]
            lost, used = 0.0, self.rng.exponential(risk.mtbf_hours)
            while used < operating:
                yield self.env.timeout(
                    used / operating * weeks - (self.env.now - start)
                )
                lost += self.rng.exponential(risk.mttr_hours)
                used += self.rng.exponential(risk.mtbf_hours)
            self.factor[resource][bucket] *= 1.0 - min(lost / stations, 1.0)

    def staff(self, targets: StaffTargets) -> Events:
        """Volunteers once, absences person by person each week."""
        if targets.resource is None:
            return
        risk = targets.risk
        share = float(quantile(risk.volunteer_share, np.array(self.rng.random())))
        volunteers = max(
            math.floor(targets.headcount * share + 1e-9), targets.initially_qualified
        )
        for bucket, start in enumerate(self.network.start_weeks):
            yield self.env.timeout(start - self.env.now)
            planned = targets.qualified[bucket]
            present = (
                min((volunteers + targets.hired[bucket]) / planned, 1.0)
                if planned > 0
                else 1.0
            )
            people = max(round(planned), 1)
            absent = self.rng.binomial(people, risk.absence_rate) / people
            self.factor[targets.resource][bucket] *= present * (1.0 - absent)

    def draw_learning(self, targets: LearningTargets) -> None:
        """One learning rate per run, exact Wright's law ratios per bucket."""
        rate = float(quantile(targets.risk.learning_rate, np.array(self.rng.random())))
        for row, curve in enumerate(targets.curves):
            before, units = targets.cumulative_before[row], targets.units[row]
            actual = average_learning_factor(before, units, rate, targets.floor_share)
            planned = average_learning_factor(
                before, units, targets.planned_rate, targets.floor_share
            )
            self.learning[curve] = list(actual / planned)

    def cover(self, risk_id: str, bucket: int) -> float:
        """Share of a bucket inside the union of a risk's incidents so far."""
        start = self.network.start_weeks[bucket]
        end = start + self.network.weeks[bucket]
        reach = max(
            (
                min(stop, end)
                for begin, stop in self.intervals[risk_id]
                if begin <= start
            ),
            default=start,
        )
        return float(max(reach - start, 0.0) / self.network.weeks[bucket])

    def apply_incidents(self, bucket: int, owed: dict[str, float]) -> None:
        """Turn the incidents of a finished week into factors and IT outages."""
        for targets in self.model.targets:
            if not isinstance(targets, WindowTargets):
                continue
            risk = targets.risk
            cover = self.cover(risk.id, bucket)
            if targets.kind is RiskKind.CYBER_IT:
                for producer in targets.producers:
                    self.blocked[producer][bucket] |= cover > 0.0
                continue
            # An OT incident stops its targets outright; it has no loss share.
            loss = 1.0 if isinstance(risk, CyberIncident) else risk.capacity_loss_share
            factor = 1.0 - loss * cover
            if targets.kind is RiskKind.SUPPLIER_DELAY:
                due = owed.get(risk.id, 0.0)
                factor += due if cover <= 0.0 else 0.0
                owed[risk.id] = (0.0 if cover <= 0.0 else due) + loss * cover
            for resource in targets.resources:
                self.factor[resource][bucket] *= factor

    def value(self, node: Node, bucket: int) -> float:
        """A chain's capacity factor in a bucket, node by node."""
        if isinstance(node, Leaf):
            at = bucket - node.lag
            if at < 0:
                return 1.0
            value = float(self.factor[node.resource][at])
            if self.model.policy.use_spare_capacity:
                value *= 1.0 + self.network.spare[node.resource, at]
            if node.learning >= 0:
                value /= self.learning[node.learning][at]
            return value
        if isinstance(node, MinNode):
            return min(
                (self.value(child, bucket) for child in node.children), default=1.0
            )
        if isinstance(node, ShareNode):
            return sum(
                float(weight[bucket]) * self.value(child, bucket)
                for child, weight in zip(node.children, node.weights, strict=True)
            )
        return self.value(node.child, bucket)

    def weeks(self) -> Events:
        """At each week's end: make, ship, move; shipments arrive as later events."""
        network, policy = self.network, self.model.policy
        backlog = [0.0] * len(network.producers)
        stock = [p.initial_stock for p in network.producers]
        streak = [0.0] * len(network.producers)
        owed = [0.0] * len(network.flows)
        delayed: dict[str, float] = {}
        for bucket, start in enumerate(network.start_weeks):
            yield self.env.timeout(start + network.weeks[bucket] - self.env.now)
            self.apply_incidents(bucket, delayed)
            free = []
            for number, producer in enumerate(network.producers):
                capacity = producer.capacity_basis[bucket] * self.value(
                    producer.chain, bucket
                )
                wanted = producer.planned[bucket] + backlog[number]
                made = min(capacity, wanted)
                free.append(capacity - made)
                backlog[number] = wanted - made if policy.carry_backlog else 0.0
                stock[number] += made
            for number in range(len(network.producers)):
                self.ship(number, bucket, stock, owed)
            if policy.move_production and policy.carry_backlog:
                for move in network.moves:
                    if (
                        streak[move.source] < self.model.reaction_weeks - 1e-9
                        or self.blocked[move.source][bucket]
                        or self.blocked[move.target][bucket]
                    ):
                        continue
                    amount = max(
                        min(backlog[move.source], owed[move.flow], free[move.target]),
                        0.0,
                    )
                    backlog[move.source] -= amount
                    owed[move.flow] -= amount
                    free[move.target] -= amount
                    self.env.process(
                        self.arrival(
                            network.flows[move.flow].group,
                            amount,
                            int(move.arrival[bucket]),
                        )
                    )
            streak = [
                s + network.weeks[bucket] if b > 1e-9 else 0.0
                for s, b in zip(streak, backlog, strict=True)
            ]

    def ship(
        self, producer: int, bucket: int, stock: list[float], owed: list[float]
    ) -> None:
        """The producer's flows take their planned units and arrears, pro rata."""
        numbers = [
            n for n, f in enumerate(self.network.flows) if f.producer == producer
        ]
        wanted = {n: self.network.flows[n].planned[bucket] + owed[n] for n in numbers}
        total = sum(wanted.values())
        ratio = 1.0 if stock[producer] >= total - 1e-9 else stock[producer] / total
        for number in numbers:
            shipped = wanted[number] * ratio
            owed[number] = wanted[number] - shipped
            stock[producer] = max(stock[producer] - shipped, 0.0)
            flow = self.network.flows[number]
            self.env.process(self.arrival(flow.group, shipped, bucket + flow.lead))

    def arrival(self, group: int, units: float, bucket: int) -> Events:
        """Units reach the delivery point at the start of their arrival bucket."""
        if bucket >= self.network.horizon:
            return
        yield self.env.timeout(
            max(self.network.start_weeks[bucket] - self.env.now, 0.0)
        )
        self.delivered[group][bucket] += units


def reference_deliveries(model: SimulationModel, runs: int, seed: int) -> np.ndarray:
    """Cumulative deliveries, runs x groups x buckets, one SimPy run after another."""
    rng = np.random.default_rng(seed)
    return np.array([ReferenceRun(model, rng).run() for _ in range(runs)])
