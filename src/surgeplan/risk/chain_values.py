"""Capacity factors of the supply chain trees, one variant at a time, sharing work.

A variant (a risk switched off, a mitigation on) changes a few resources, learning
curves or buffer places; every node of the trees that reads none of them has the
baseline's value. `ChainValues` of a variant therefore takes those values from the
baseline's and computes only the nodes under a change: switching off a supplier's
risk recomputes the branches that buy from it, not the whole network. The numbers
are the same as a full evaluation (the same operations on the same arrays).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.keys import ItemSite
from surgeplan.risk.chains import (
    BufferStock,
    Leaf,
    MinNode,
    Node,
    ShareNode,
    SupplyNode,
    shift,
)

# A buffer stock's place: an item at a site.
Place = ItemSite


@dataclass(frozen=True)
class Reads:
    """What a node's value depends on: resources, learning curves, buffer places."""

    resources: frozenset[int]
    curves: frozenset[int]
    places: frozenset[Place]


@dataclass(frozen=True)
class Change:
    """What a variant changes from the baseline."""

    resources: frozenset[int]
    curves: frozenset[int]
    places: frozenset[Place]

    def touches(self, reads: Reads) -> bool:
        """Whether a node reading these sees the change."""
        return bool(
            reads.resources & self.resources
            or reads.curves & self.curves
            or reads.places & self.places
        )


def reads_of(roots: Sequence[Node]) -> dict[int, Reads]:
    """What every node of the trees reads, by node identity."""
    found: dict[int, Reads] = {}

    def visit(node: Node) -> Reads:
        known = found.get(id(node))
        if known is not None:
            return known
        if isinstance(node, Leaf):
            curves = frozenset() if node.learning < 0 else frozenset({node.learning})
            reads = Reads(frozenset({node.resource}), curves, frozenset())
        elif isinstance(node, SupplyNode):
            child = visit(node.child)
            reads = Reads(
                child.resources,
                child.curves,
                child.places | {ItemSite(node.item, node.site)},
            )
        else:
            parts = [visit(child) for child in node.children]
            reads = Reads(
                frozenset().union(*(part.resources for part in parts)),
                frozenset().union(*(part.curves for part in parts)),
                frozenset().union(*(part.places for part in parts)),
            )
        found[id(node)] = reads
        return reads

    for root in roots:
        visit(root)
    return found


class ChainValues:
    """Capacity factors (runs x buckets) of tree nodes under one variant's inputs.

    Args:
        shape: runs x buckets.
        factors: per resource, its available share (times one plus its spare ratio
            when spare capacity is used), runs x buckets.
        learning: per curve, hours per unit at the drawn learning rate over hours
            per unit at the planned one, runs x buckets.
        buffers: buffer stock by (item, site).
        reads: `reads_of` the trees.
        baseline: the baseline's values, reused where `change` does not reach.
        change: what this variant changes from the baseline.
    """

    def __init__(
        self,
        shape: tuple[int, int],
        factors: Sequence[FloatArray],
        learning: Sequence[FloatArray],
        buffers: dict[Place, BufferStock],
        reads: dict[int, Reads],
        baseline: ChainValues | None = None,
        change: Change | None = None,
    ) -> None:
        self.shape = shape
        self.factors = factors
        self.learning = learning
        self.buffers = buffers
        self.reads = reads
        self.baseline = baseline
        self.change = change
        self.values: dict[int, FloatArray] = {}
        self.leaves: dict[Leaf, FloatArray] = {}

    def is_unchanged(self, node: Node) -> bool:
        """Whether the node has the baseline's value."""
        if self.baseline is None or self.change is None:
            return False
        return not self.change.touches(self.reads[id(node)])

    def value(self, node: Node) -> FloatArray:
        """The node's factor; results are shared, never written to by callers."""
        if self.baseline is not None and self.is_unchanged(node):
            return self.baseline.value(node)
        if isinstance(node, Leaf):
            return self._leaf(node)
        known = self.values.get(id(node))
        if known is None:
            known = self._compute(node)
            self.values[id(node)] = known
        return known

    def _leaf(self, node: Leaf) -> FloatArray:
        known = self.leaves.get(node)
        if known is None:
            value = self.factors[node.resource]
            if node.learning >= 0:
                value = value / self.learning[node.learning]
            known = shift(value, node.lag, 1.0)
            self.leaves[node] = known
        return known

    def _known_leaf(self, node: Leaf) -> FloatArray | None:
        """A leaf's value if this variant or the baseline has worked it out already."""
        known = self.leaves.get(node)
        if known is None and self.baseline is not None and self.is_unchanged(node):
            known = self.baseline.leaves.get(node)
        return known

    def _weighted_leaf(self, node: Leaf, weight: FloatArray, out: FloatArray) -> None:
        """`weight x` the leaf's value into `out`, without a shifted copy of it.

        Most leaves under a share node are a supplier or an upstream site seen at one
        lag each; writing them straight into the sum saves an array per leaf.
        """
        value = self.factors[node.resource]
        ratio = self.learning[node.learning] if node.learning >= 0 else None
        horizon = self.shape[1]
        lag = min(max(node.lag, 0), horizon)
        # Before the lag the leaf is 1 (see `shift`): the weight itself.
        out[:, :lag] = weight[:lag]
        seen = out[:, lag:]
        if ratio is None:
            np.multiply(weight[lag:], value[:, : horizon - lag], out=seen)
            return
        np.divide(value[:, : horizon - lag], ratio[:, : horizon - lag], out=seen)
        np.multiply(weight[lag:], seen, out=seen)

    def _compute(self, node: MinNode | ShareNode | SupplyNode) -> FloatArray:
        shape = self.shape
        if isinstance(node, MinNode):
            result: FloatArray | None = None
            for child in node.children:
                value = self.value(child)
                if result is None:
                    result = value.copy()
                else:
                    np.minimum(result, value, out=result)
            return np.ones(shape) if result is None else result
        if isinstance(node, ShareNode):
            total = np.zeros(shape)
            scratch = np.empty(shape)
            for child, weight in zip(node.children, node.weights, strict=True):
                known = self._known_leaf(child) if isinstance(child, Leaf) else None
                if isinstance(child, Leaf) and known is None:
                    self._weighted_leaf(child, weight, scratch)
                else:
                    np.multiply(weight, self.value(child), out=scratch)
                total += scratch
            return total
        supplied = self.value(node.child)
        stock = self.buffers.get(ItemSite(node.item, node.site))
        if stock is None or stock.units <= 0.0:
            return supplied
        return _with_buffer(supplied, node, stock)


def _with_buffer(
    supplied: FloatArray, node: SupplyNode, stock: BufferStock
) -> FloatArray:
    """The buffer fills each bucket's shortfall, first come first served."""
    start = min(stock.from_bucket + node.lag, supplied.shape[-1])
    short = node.use * np.maximum(1.0 - supplied, 0.0)
    short[..., :start] = 0.0
    used = np.minimum(np.cumsum(short, axis=-1), stock.units)
    covered = np.diff(used, axis=-1, prepend=0.0)
    safe_use = np.where(node.use > 0.0, node.use, 1.0)
    return np.where(node.use > 0.0, supplied + covered / safe_use, supplied)
