"""The Python API: every stage as a function, every result as a typed object.

`surgeplan/__init__.py` exposes these names lazily; this package imports no solver.
"""

from surgeplan.api.confidence import plan_to_confidence, price_of_confidence
from surgeplan.api.stages import (
    brief,
    check,
    compare,
    load_mitigations,
    plan,
    report,
    schedule,
    validate,
)

__all__ = [
    "brief",
    "check",
    "compare",
    "load_mitigations",
    "plan",
    "plan_to_confidence",
    "price_of_confidence",
    "report",
    "schedule",
    "validate",
]
