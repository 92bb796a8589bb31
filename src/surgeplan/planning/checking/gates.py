"""Checks of gates: nothing gated made or delivered before its gate's bucket."""

from __future__ import annotations

from surgeplan.planning.checking.violations import ConstraintFamily, Violation, exceeds
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.gates import GateKind, first_open_bucket, holds_site


def check_gates(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Production and deliveries of a gated item wait for the gate's bucket."""
    found: list[Violation] = []
    buckets = scenario.plan_buckets()
    for gate in scenario.gates:
        first = first_open_bucket(buckets, gate.date)
        if gate.kind is GateKind.PRODUCTION:
            early = [
                (f"{record.site}, bucket {record.bucket}", record.units)
                for record in plan.production
                if record.item == gate.item
                and holds_site(gate, record.site)
                and record.bucket < first
            ]
        else:
            early = [
                (f"{record.delivery_point}, bucket {record.bucket}", record.units)
                for record in plan.deliveries
                if record.item == gate.item and record.bucket < first
            ]
        found.extend(
            Violation(
                ConstraintFamily.GATE,
                f"{gate.id}: {where}",
                f"{units:g} units of {gate.item} before the gate passes "
                f"({gate.date.isoformat()}, bucket {first})",
            )
            for where, units in early
            if exceeds(units, 0.0)
        )
    return found
