"""Supply chains: what a site needs to make an item, as a tree of capacity factors.

The factor of a tree in a bucket is the share of the planned output the site can make
then. A `MinNode` is limited by its tightest child (an operation, a skill, a component);
a `ShareNode` adds up alternative sources in the plan's proportions (two work centers
doing one operation, a component bought from a supplier and made in-house); a `Leaf`
is one resource, seen `lag` buckets earlier (a component made upstream travels the
lane's lead time first); a `SupplyNode` lets a mitigation's buffer stock cover a
component's shortfall until the stock is used up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
NO_LEARNING = -1


def shift(values: FloatArray, lag: int, fill: float | FloatArray) -> FloatArray:
    """Values seen `lag` buckets later (buckets on the last axis); earlier is `fill`."""
    if lag <= 0:
        return values
    horizon = values.shape[-1]
    shifted = np.empty_like(values)
    shifted[...] = fill if np.ndim(fill) == 0 else np.asarray(fill)
    if lag < horizon:
        shifted[..., lag:] = values[..., : horizon - lag]
    return shifted


@dataclass(frozen=True)
class Leaf:
    """One resource, `lag` buckets upstream, used by an item whose learning may vary."""

    resource: int
    lag: int
    learning: int = NO_LEARNING


@dataclass(frozen=True)
class MinNode:
    """Limited by the tightest child."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class ShareNode:
    """Alternative sources in the plan's proportions: weights are sources x buckets."""

    children: tuple[Node, ...]
    weights: FloatArray


@dataclass(frozen=True)
class SupplyNode:
    """A component at a site; buffer stock there covers its shortfall.

    `use` is the planned consumption of the component at the site, and `lag` how many
    buckets before the chain's output it is consumed.
    """

    item: str
    site: str
    lag: int
    use: FloatArray
    child: Node


Node = Leaf | MinNode | ShareNode | SupplyNode


@dataclass(frozen=True)
class BufferStock:
    """Units of a component at a site, available from a bucket (the site's time)."""

    units: float
    from_bucket: int


def evaluate(
    node: Node,
    factors: FloatArray,
    learning: FloatArray,
    buffers: dict[tuple[str, str], BufferStock],
    seen: dict[Leaf, FloatArray] | None = None,
) -> FloatArray:
    """Capacity factor of a tree, runs x buckets.

    Args:
        node: the tree.
        factors: resources x runs x buckets, each resource's available share (times one
            plus its spare ratio when spare capacity is used).
        learning: curves x runs x buckets, hours per unit at the drawn learning rate
            over hours per unit at the planned one.
        buffers: buffer stock by (item, site).
        seen: leaves already evaluated (shared by trees evaluated together); never
            written to by callers, read-only results.
    """
    memo = {} if seen is None else seen
    if isinstance(node, Leaf):
        known = memo.get(node)
        if known is None:
            value = factors[node.resource]
            if node.learning != NO_LEARNING:
                value = value / learning[node.learning]
            known = shift(value, node.lag, 1.0)
            memo[node] = known
        return known
    if isinstance(node, MinNode):
        result: FloatArray | None = None
        for child in node.children:
            value = evaluate(child, factors, learning, buffers, memo)
            if result is None:
                result = value.copy()
            else:
                np.minimum(result, value, out=result)
        return np.ones(factors.shape[1:]) if result is None else result
    if isinstance(node, ShareNode):
        total = np.zeros(factors.shape[1:])
        for child, weight in zip(node.children, node.weights, strict=True):
            total += weight * evaluate(child, factors, learning, buffers, memo)
        return total
    supplied = evaluate(node.child, factors, learning, buffers, memo)
    stock = buffers.get((node.item, node.site))
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


def leaves(node: Node) -> list[Leaf]:
    """Every leaf of a tree."""
    if isinstance(node, Leaf):
        return [node]
    if isinstance(node, SupplyNode):
        return leaves(node.child)
    found: list[Leaf] = []
    for child in node.children:
        found.extend(leaves(child))
    return found


def supply_nodes(node: Node) -> list[SupplyNode]:
    """Every supply node of a tree."""
    if isinstance(node, Leaf):
        return []
    if isinstance(node, SupplyNode):
        return [node, *supply_nodes(node.child)]
    found: list[SupplyNode] = []
    for child in node.children:
        found.extend(supply_nodes(child))
    return found
