"""Supply chains: what a site needs to make an item, as a tree of capacity factors.

The factor of a tree in a bucket is the share of the planned output the site can make
then. A `MinNode` is limited by its tightest child (an operation, a skill, a component);
a `ShareNode` adds up alternative sources in the plan's proportions (two work centers
doing one operation, a component bought from a supplier and made in-house); a `Leaf`
is one resource, seen `lag` buckets earlier (a component made upstream travels the
lane's lead time first); a `SupplyNode` lets a mitigation's buffer stock cover a
component's shortfall until the stock is used up. `chain_values` evaluates them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from surgeplan.arrays import FloatArray

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
