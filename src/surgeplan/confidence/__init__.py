"""Scenario -> Plan at a confidence: plans and risk simulations alternated.

`plan_to_confidence` returns the cheapest plan the search finds whose simulated odds of
meeting each key milestone reach the target, or the best odds it could reach and why
not more; `price_of_confidence` sets several targets' plans side by side.
"""

from surgeplan.confidence.price import (
    ConfidenceLevel,
    PriceOfConfidence,
    price_of_confidence,
)
from surgeplan.confidence.search import (
    DEFAULT_CONFIDENCE_RUNS,
    DEFAULT_CONFIDENCE_SEED,
    ConfidentPlan,
    plan_to_confidence,
)

__all__ = [
    "DEFAULT_CONFIDENCE_RUNS",
    "DEFAULT_CONFIDENCE_SEED",
    "ConfidenceLevel",
    "ConfidentPlan",
    "PriceOfConfidence",
    "plan_to_confidence",
    "price_of_confidence",
]
