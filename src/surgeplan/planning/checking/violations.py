"""A broken constraint of a plan, and the tolerances the checker compares with.

Apart from `checker` so that each family's checks (`capacity`, `demand`, ...) import
it while `checker` imports them: the families never import the module that runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-5
LEARNING_TOLERANCE = 0.01


class ConstraintFamily(StrEnum):
    """The family of constraints a violation breaks, as `surgeplan check` prints it.

    A StrEnum: a family equals, formats and serialises as its text (`"capacity"`), so
    the check's output reads as before.
    """

    # The plan as a whole.
    BUCKETS = "buckets"
    # Work centers (checking/capacity.py, buildings.py, gates.py).
    PRODUCTION = "production"
    ROUTING = "routing"
    CAPABILITY = "capability"
    CAPACITY = "capacity"
    CORE_LOAD = "core load"
    CONVERSION = "conversion"
    SHIFT_PATTERN = "shift pattern"
    BUILDING = "building"
    GATE = "gate"
    # People (checking/labour.py, workforce.py).
    LABOUR = "labour"
    TRAINING = "training"
    HIRING = "hiring"
    VOLUNTEERS = "volunteers"
    LEARNING = "learning"
    LOANS = "loans"
    SHIFTS = "shifts"
    # Material (checking/material.py).
    MATERIAL = "material"
    PURCHASE = "purchase"
    LEAD_TIME = "lead time"
    MINIMUM_ORDER = "minimum order"
    SUPPLIER_CAPACITY = "supplier capacity"
    TRANSFER = "transfer"
    LANE_CAPACITY = "lane capacity"
    # Demand and money (checking/demand.py).
    CORE = "core"
    DELIVERIES = "deliveries"
    MILESTONE = "milestone"
    COSTS = "costs"


@dataclass(frozen=True)
class Violation:
    """One broken constraint: its family, where, and by how much."""

    family: ConstraintFamily
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.family}: {self.where}: {self.message}"


def exceeds(used: float, limit: float, tolerance: float = RELATIVE_TOLERANCE) -> bool:
    """Whether `used` is above `limit` beyond the tolerance."""
    return used > limit + max(
        ABSOLUTE_TOLERANCE, tolerance * max(abs(limit), abs(used))
    )


def differs(left: float, right: float, tolerance: float = RELATIVE_TOLERANCE) -> bool:
    """Whether two quantities differ beyond the tolerance."""
    return abs(left - right) > max(
        ABSOLUTE_TOLERANCE, tolerance * max(abs(left), abs(right))
    )
