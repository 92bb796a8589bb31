"""A re-plan's anchor: the old plan's decisions, bucket by bucket of the new plan.

The re-plan keeps what it can of the old plan. Production (units made per item and
site) and purchases (units ordered per supplier and site) are what the program office
has released to the shops and suppliers, so those are the decisions anchored: in the
frozen weeks a change weighs `FROZEN_SHARE_OF_LATENESS` of a unit-week late per unit,
beyond them `NERVOUSNESS_SHARE_OF_LATENESS`. Shift patterns, conversions and hiring
follow from production and are not anchored themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite, SupplierSite
from surgeplan.planning.results.plan import Plan
from surgeplan.scenario import Scenario
from surgeplan.scenario.calendar import Bucket, bucket_index_of

# A unit moved in a frozen week weighs as much as two unit-weeks late: the frozen
# plan gives way only where keeping it would make a milestone later by more than two
# weeks per unit moved, or where it cannot be kept at all (material or capacity gone).
FROZEN_SHARE_OF_LATENESS = 2.0
# A unit moved beyond the frozen weeks weighs a ten-thousandth of a unit-week late,
# i.e. one percent of the unit price: more than the early-delivery tie-break and
# small holding-cost differences, far less than any lateness. The new plan moves
# only what it must, and moves it freely when a milestone gains from it.
NERVOUSNESS_SHARE_OF_LATENESS = 1e-4


@dataclass(frozen=True)
class PlanAnchor:
    """Old decisions per bucket of the new plan, and how many buckets are frozen."""

    make_by_item_site: dict[ItemSite, FloatArray]
    # Units per (item, operation, site, work center): where the work is done.
    route_units: dict[tuple[str, str, str, str], FloatArray]
    purchase_by_supplier_site: dict[SupplierSite, FloatArray]
    frozen_buckets: int
    frozen_share: float = FROZEN_SHARE_OF_LATENESS
    nervousness_share: float = NERVOUSNESS_SHARE_OF_LATENESS
    # Re-plans and promises answer in seconds: the whole-number decisions stay as the
    # learnt LP rounded them (plan.solver says `skipped`), on any machine alike.
    skip_whole_number_search: bool = True
    # A promise needs its own milestone's date only, not each milestone's earliest.
    skip_earliest_dates: bool = False
    # Milestones whose lateness weighs less than the rest (a promise being asked).
    lateness_share_by_milestone: dict[str, float] = field(default_factory=dict)

    def lateness_share(self, milestone_id: str) -> float:
        """Share of the usual lateness weight this milestone carries."""
        return self.lateness_share_by_milestone.get(milestone_id, 1.0)


def plan_anchor(
    scenario: Scenario, old_plan: Plan, buckets: list[Bucket], frozen_weeks: int
) -> PlanAnchor:
    """The old plan's production and purchases mapped onto the new plan's buckets.

    An old bucket counts in the new bucket holding its first day; old buckets before
    the new start are the past and do not count. `frozen_weeks` become whole buckets
    from the new start (every bucket whose start is within them).
    """
    horizon = len(buckets)
    old_to_new: dict[int, int] = {}
    for record in old_plan.buckets:
        new = bucket_index_of(buckets, record.start)
        if new is not None:
            old_to_new[record.index] = new
    first_routing_step = {
        item.id: item.routing[0].id for item in scenario.items if item.routing
    }
    make: defaultdict[ItemSite, FloatArray] = defaultdict(lambda: np.zeros(horizon))
    routes: defaultdict[tuple[str, str, str, str], FloatArray] = defaultdict(
        lambda: np.zeros(horizon)
    )
    for production in old_plan.production:
        new = old_to_new.get(production.bucket)
        if new is None:
            continue
        key = (
            production.item,
            production.operation,
            production.site,
            production.work_center,
        )
        routes[key][new] += production.units
        if production.operation == first_routing_step.get(production.item):
            make[ItemSite(production.item, production.site)][new] += production.units
    purchase: defaultdict[SupplierSite, FloatArray] = defaultdict(
        lambda: np.zeros(horizon)
    )
    for order in old_plan.purchases:
        new = old_to_new.get(order.bucket)
        if new is not None:
            purchase[SupplierSite(order.supplier, order.site)][new] += order.units
    start = buckets[0].start if buckets else None
    frozen = sum(
        1
        for bucket in buckets
        if start is not None and (bucket.start - start).days < 7 * frozen_weeks
    )
    return PlanAnchor(
        make_by_item_site=dict(make),
        route_units=dict(routes),
        purchase_by_supplier_site=dict(purchase),
        frozen_buckets=frozen,
    )
