"""The price of confidence: the plans for several odds side by side.

Each target's plan is searched for (`search.plan_to_confidence`) in increasing order,
each search starting from the margins the previous one ended with: higher odds never
need smaller margins, and the shared start saves plans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from surgeplan.confidence.search import Attempt, ConfidentPlan, plan_to_confidence
from surgeplan.planning import Plan, PlanTargets
from surgeplan.planning.results.records import CostKind
from surgeplan.scenario import Scenario


@dataclass(frozen=True)
class ConfidenceLevel:
    """What the plan for one target costs and what it reaches."""

    target: float
    is_reached: bool
    lowest_key_odds: float
    lowest_key_milestone: str
    cost_eur: float
    capex_eur: float
    staff_peak: float = field(
        metadata={"doc": "People qualified for the program at the busiest bucket."}
    )
    hires: float
    reserve_share: float
    aims_weeks_ahead: dict[str, float]
    reason: str

    @classmethod
    def of(cls, found: ConfidentPlan) -> ConfidenceLevel:
        """The figures of one search's plan."""
        plan, record = found.plan, found.record
        key = [m for m in record.milestones if m.is_key]
        lowest = min(key, key=lambda odds: odds.probability_on_time)
        targets = plan.targets
        return cls(
            target=record.target,
            is_reached=record.is_reached,
            lowest_key_odds=lowest.probability_on_time,
            lowest_key_milestone=lowest.milestone,
            cost_eur=plan.total_cost_eur,
            capex_eur=plan.cost(CostKind.CONVERSION_CAPEX),
            staff_peak=staff_peak(plan),
            hires=sum(record.hires for record in plan.labour),
            reserve_share=targets.reserve_share if targets else 0.0,
            aims_weeks_ahead={aim.milestone: aim.weeks_ahead for aim in targets.aims}
            if targets
            else {},
            reason=record.reason,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for confidence.json."""
        return {
            "target": self.target,
            "is_reached": self.is_reached,
            "lowest_key_odds": self.lowest_key_odds,
            "lowest_key_milestone": self.lowest_key_milestone,
            "cost_eur": self.cost_eur,
            "capex_eur": self.capex_eur,
            "staff_peak": self.staff_peak,
            "hires": self.hires,
            "reserve_share": self.reserve_share,
            "aims_weeks_ahead": self.aims_weeks_ahead,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class PriceOfConfidence:
    """The plans for several targets, lowest target first."""

    levels: list[ConfidenceLevel]
    plans: list[ConfidentPlan]

    def plan_for(self, target: float) -> ConfidentPlan:
        """The search result for one of the targets."""
        for level, found in zip(self.levels, self.plans, strict=True):
            if abs(level.target - target) < 1e-9:
                return found
        raise KeyError(target)

    @property
    def without_margins(self) -> Attempt | None:
        """The plan made without margins, the first the searches made, if any."""
        first = (
            self.plans[0].attempts[0] if self.plans and self.plans[0].attempts else None
        )
        return first if first is not None and first.targets.is_empty else None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for confidence.json."""
        base = self.without_margins
        return {
            "format": "surgeplan-confidence/1",
            "without_margins": None
            if base is None
            else {
                "cost_eur": base.cost_eur,
                "capex_eur": base.plan.cost(CostKind.CONVERSION_CAPEX),
                "staff_peak": staff_peak(base.plan),
                "lowest_key_odds": base.lowest_odds,
                "odds": base.odds,
            },
            "levels": [level.to_dict() for level in self.levels],
        }


def staff_peak(plan: Plan) -> float:
    """People qualified for the program in its busiest bucket, over all pools."""
    by_bucket: dict[int, float] = {}
    for record in plan.labour:
        by_bucket[record.bucket] = by_bucket.get(record.bucket, 0.0) + record.headcount
    return max(by_bucket.values(), default=0.0)


def price_of_confidence(
    scenario: Scenario, targets: Sequence[float], **search: Any
) -> PriceOfConfidence:
    """The plan for each target, with its cost, capex and staff; see the module."""
    ordered = sorted(set(targets))
    plans: list[ConfidentPlan] = []
    start = PlanTargets()
    for target in ordered:
        found = plan_to_confidence(scenario, target, start=start, **search)
        if plans and found.record.cost_without_margins_eur is None:
            # Searches after the first start from margins: the first one's plan
            # without margins is every target's reference.
            base = plans[0].record.cost_without_margins_eur
            record = found.record.model_copy(update={"cost_without_margins_eur": base})
            found = ConfidentPlan(
                found.plan.model_copy(update={"confidence": record}),
                found.risk,
                found.attempts,
            )
        plans.append(found)
        kept = found.plan.targets
        if kept is not None:
            start = PlanTargets(
                {aim.milestone: aim.weeks_ahead for aim in kept.aims},
                kept.reserve_share,
            )
    return PriceOfConfidence([ConfidenceLevel.of(found) for found in plans], plans)
