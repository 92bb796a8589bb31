"""Gates in the planning model: no gated production or delivery before a gate passes.

A production gate bars the item's production at the sites it holds back in every
bucket before the first one that starts on or after its date; a delivery gate keeps
the item's cumulative deliveries at zero until then (units wait in stock).
"""

from __future__ import annotations

import numpy as np

from surgeplan.planning.model.builder import ModelBuilder
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.variables import ModelVariables
from surgeplan.scenario.gates import GateKind, first_open_bucket, holds_site


def add_gates(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """Nothing gated is made or delivered before its gate's bucket."""
    for gate in index.scenario.gates:
        first = min(first_open_bucket(index.buckets, gate.date), index.horizon)
        if first == 0:
            continue
        before = np.arange(first)
        if gate.kind is GateKind.PRODUCTION:
            for (item_id, site_id), made in variables.make.items():
                if item_id == gate.item and holds_site(gate, site_id):
                    rows = builder.add_rows(
                        "gate", (gate.id, site_id), first, upper=0.0
                    )
                    builder.add_entries(rows.first + before, made.columns[:first], 1.0)
            continue
        for number, group in enumerate(index.groups):
            if group.item == gate.item:
                rows = builder.add_rows(
                    "gate", (gate.id, group.delivery_point), first, upper=0.0
                )
                delivered = variables.delivered[number].columns[:first]
                builder.add_entries(rows.first + before, delivered, 1.0)
