"""Build the supply-chain tree of each site that makes a delivered item, from the plan.

The plan says which work centers do each operation, which skills it takes, and where
each component comes from (made at the site, sent from another site on a lane, or
bought); the tree follows those routes, in the plan's proportions, down to bought
items. A source's weight in a bucket is its share of what reaches the site then (its
share over the horizon when nothing arrives in that bucket).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.planning.results.plan import Plan
from surgeplan.risk.chains import (
    NO_LEARNING,
    Leaf,
    MinNode,
    Node,
    ShareNode,
    SupplyNode,
    shift,
)
from surgeplan.risk.resources import Resource, ResourceKind
from surgeplan.scenario import Scenario

MAX_DEPTH = 16


def _weights(arrays: list[FloatArray], lag: int) -> FloatArray:
    """Per-bucket shares of each source, shifted to the chain's time."""
    stacked = np.stack(arrays)
    totals = stacked.sum(axis=1)
    fallback = (
        totals / totals.sum()
        if totals.sum() > 0
        else np.full(len(arrays), 1.0 / len(arrays))
    )
    per_bucket = stacked.sum(axis=0)
    safe = np.where(per_bucket > 0, per_bucket, 1.0)
    shares = np.where(per_bucket > 0, stacked / safe, fallback[:, None])
    return shift(shares, lag, fallback[:, None])


@dataclass
class PlanRoutes:
    """The plan's records, summed per route and bucket."""

    horizon: int
    by_operation: dict[tuple[str, str, str], dict[str, FloatArray]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    transfers_in: dict[tuple[str, str], dict[tuple[str, int], FloatArray]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    purchases_in: dict[tuple[str, str], dict[tuple[str, int], FloatArray]] = field(
        default_factory=lambda: defaultdict(dict)
    )

    @classmethod
    def of(cls, plan: Plan, horizon: int) -> PlanRoutes:
        """Index a plan's production, transfers and purchases."""
        routes = cls(horizon)
        for record in plan.production:
            per_center = routes.by_operation[
                (record.item, record.operation, record.site)
            ]
            units = per_center.setdefault(record.work_center, np.zeros(horizon))
            if record.bucket < horizon:
                units[record.bucket] += record.units
        for transfer in plan.transfers:
            key = (transfer.origin, transfer.arrival_bucket - transfer.bucket)
            per_lane = routes.transfers_in[(transfer.item, transfer.destination)]
            arrivals = per_lane.setdefault(key, np.zeros(horizon))
            if transfer.arrival_bucket < horizon:
                arrivals[transfer.arrival_bucket] += transfer.units
        for purchase in plan.purchases:
            key = (purchase.supplier, purchase.arrival_bucket - purchase.bucket)
            per_supplier = routes.purchases_in[(purchase.item, purchase.site)]
            arrivals = per_supplier.setdefault(key, np.zeros(horizon))
            if purchase.arrival_bucket < horizon:
                arrivals[purchase.arrival_bucket] += purchase.units
        return routes


class ChainBuilder:
    """Builds trees; resources and learning curves get indices as they are met."""

    def __init__(self, scenario: Scenario, plan: Plan, horizon: int) -> None:
        self.scenario = scenario
        self.horizon = horizon
        self.routes = PlanRoutes.of(plan, horizon)
        self.resources: dict[Resource, int] = {}
        self.curves: dict[tuple[str, str], int] = {}

    def resource(self, key: Resource) -> int:
        """Index of a resource, added if new."""
        return self.resources.setdefault(key, len(self.resources))

    def made(self, item_id: str, site: str) -> FloatArray:
        """Units of an item finished at a site per bucket (its last operation)."""
        routing = self.scenario.item(item_id).routing
        if not routing:
            return np.zeros(self.horizon)
        per_center = self.routes.by_operation.get((item_id, routing[-1].id, site), {})
        return sum(per_center.values(), np.zeros(self.horizon))

    def used(self, item_id: str, site: str) -> FloatArray:
        """Planned consumption of a component at a site by the items made there."""
        use = np.zeros(self.horizon)
        for parent in self.scenario.items:
            for line in parent.bom:
                if line.item == item_id:
                    use += line.quantity_per * self.made(parent.id, site)
        return use

    def make_node(self, item_id: str, site: str, lag: int, depth: int = 0) -> Node:
        """What it takes to make an item at a site: operations, skills, components."""
        item = self.scenario.item(item_id)
        learning = NO_LEARNING
        if self._uncertain(item_id):
            learning = self.curves.setdefault((item_id, site), len(self.curves))
        children: list[Node] = []
        skills: set[str] = set()
        for operation in item.routing:
            per_center = self.routes.by_operation.get((item_id, operation.id, site), {})
            if not per_center:
                continue
            centers = sorted(per_center)
            leaves: list[Node] = [
                Leaf(
                    self.resource(Resource(ResourceKind.WORK_CENTER, site, c)),
                    lag,
                    learning,
                )
                for c in centers
            ]
            if len(leaves) == 1:
                children.append(leaves[0])
            else:
                weights = _weights([per_center[c] for c in centers], lag)
                children.append(ShareNode(tuple(leaves), weights))
            skills.update(
                s for s, hours in operation.labour_hours_by_skill.items() if hours > 0
            )
        for skill in sorted(skills):
            key = Resource(ResourceKind.LABOUR, site, skill)
            children.append(Leaf(self.resource(key), lag, learning))
        if depth < MAX_DEPTH:
            for line in item.bom:
                supply = self.supply_node(line.item, site, lag, depth + 1)
                if supply is not None:
                    children.append(supply)
        return MinNode(tuple(children))

    def supply_node(self, item_id: str, site: str, lag: int, depth: int) -> Node | None:
        """Where a component used at a site comes from, in the plan's proportions."""
        sources: list[Node] = []
        arrivals: list[FloatArray] = []
        made_here = self.made(item_id, site)
        if made_here.any():
            sources.append(self.make_node(item_id, site, lag, depth))
            arrivals.append(made_here)
        for (origin, lead), units in sorted(
            self.routes.transfers_in[(item_id, site)].items()
        ):
            sources.append(self.make_node(item_id, origin, lag + lead, depth))
            arrivals.append(units)
        for (supplier, lead), units in sorted(
            self.routes.purchases_in[(item_id, site)].items()
        ):
            key = Resource(ResourceKind.SUPPLIER, "", supplier)
            sources.append(Leaf(self.resource(key), lag + lead))
            arrivals.append(units)
        if not sources:
            return None
        child = (
            sources[0]
            if len(sources) == 1
            else ShareNode(tuple(sources), _weights(arrivals, lag))
        )
        use = shift(self.used(item_id, site), lag, 0.0)
        return SupplyNode(item=item_id, site=site, lag=lag, use=use, child=child)

    def _uncertain(self, item_id: str) -> bool:
        return any(
            risk.item == item_id for risk in self.scenario.risks.learning_uncertainty
        )
