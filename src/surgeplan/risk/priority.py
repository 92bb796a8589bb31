"""Rated orders: a supplier that loses capacity serves a rated program first.

The supplier's whole output for rated orders is `rated_capacity_per_week` (R); the
program normally takes `capacity_per_week` (C) of it. An incident that takes a share
s of the supplier's capacity leaves (1 - s) R, from which a rated program's orders are
served first: it loses only what that cannot cover, min(1, (1 - s) R / C) of its
capacity is left instead of 1 - s. An unrated program, or a supplier without a
rated capacity above C, loses s as before.
"""

from __future__ import annotations

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.scenario import Scenario
from surgeplan.scenario.demand import PriorityRating
from surgeplan.scenario.demand_rules import program_rating


def rated_output_ratio(scenario: Scenario, supplier_id: str) -> float | None:
    """R / C of a supplier if the program is rated and R exceeds C, else None."""
    if program_rating(scenario.demand.milestones) is PriorityRating.UNRATED:
        return None
    supplier = scenario.supplier(supplier_id)
    rated = supplier.rated_capacity_per_week
    if rated is None or rated <= supplier.capacity_per_week:
        return None
    if supplier.capacity_per_week <= 0:
        return None
    return rated / supplier.capacity_per_week


def served_first_missed(missed: FloatArray, ratio: float) -> FloatArray:
    """Share of a rated program's supplier capacity lost when `missed` of R is lost."""
    return np.clip(1.0 - (1.0 - missed) * ratio, 0.0, 1.0)
