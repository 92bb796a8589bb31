"""Variants of the risk picture: risks switched off, mitigations from a bucket on.

A mitigation changes a risk's parameter from the bucket its lead time ends in. Each
(risk, parameter) becomes a timeline: per bucket, the value is `base * scale + offset`,
so `multiply` scales and `set` replaces, applied in the order the mitigations are given.
For a distribution, `multiply` scales the drawn value and `set` fixes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from surgeplan.arrays import FloatArray
from surgeplan.scenario.risks import Mitigation


@dataclass(frozen=True)
class Variant:
    """One way of running the same draws: some risks off, some mitigations on."""

    name: str
    disabled: frozenset[str] = frozenset()
    mitigations: tuple[Mitigation, ...] = ()


@dataclass(frozen=True)
class Timeline:
    """A parameter per bucket: `base * scale + offset`."""

    scale: FloatArray
    offset: FloatArray

    def apply(self, base: FloatArray | float) -> FloatArray:
        """Values per bucket; `base` has buckets on its last axis, or is a scalar."""
        return np.asarray(base * self.scale + self.offset, dtype=float)

    @property
    def is_identity(self) -> bool:
        """Whether the parameter keeps its scenario value in every bucket."""
        return bool(np.all(self.scale == 1.0) and np.all(self.offset == 0.0))


@dataclass(frozen=True)
class BufferStockStart:
    """Units of an item held at a site from a bucket on, bought by a mitigation."""

    item: str
    site: str
    units: float
    from_bucket: int


@dataclass(frozen=True)
class VariantParameters:
    """What a variant changes, resolved to buckets."""

    disabled: frozenset[str]
    timelines: dict[tuple[str, str], Timeline] = field(default_factory=dict)
    buffers: tuple[BufferStockStart, ...] = ()

    def timeline(self, risk: str, parameter: str, horizon: int) -> Timeline:
        """The timeline of one parameter; unchanged parameters get the identity."""
        found = self.timelines.get((risk, parameter))
        if found is not None:
            return found
        return Timeline(scale=np.ones(horizon), offset=np.zeros(horizon))

    def is_changed(self, risk: str) -> bool:
        """Whether any parameter of the risk differs from the scenario's."""
        return any(
            key[0] == risk and not timeline.is_identity
            for key, timeline in self.timelines.items()
        )


def resolve_variant(
    variant: Variant, horizon: int, lead_buckets: Sequence[int]
) -> VariantParameters:
    """Timelines and buffer stocks of a variant; `lead_buckets[i]` is mitigation i's."""
    scales: dict[tuple[str, str], FloatArray] = {}
    offsets: dict[tuple[str, str], FloatArray] = {}
    buffers: list[BufferStockStart] = []
    for mitigation, lead in zip(variant.mitigations, lead_buckets, strict=True):
        start = min(max(lead, 0), horizon)
        for effect in mitigation.effects:
            key = (effect.risk, effect.parameter)
            scale = scales.setdefault(key, np.ones(horizon))
            offset = offsets.setdefault(key, np.zeros(horizon))
            if effect.multiply is not None:
                scale[start:] *= effect.multiply
                offset[start:] *= effect.multiply
            elif effect.set is not None:
                scale[start:] = 0.0
                offset[start:] = effect.set
        buffers.extend(
            BufferStockStart(
                item=stock.item, site=stock.site, units=stock.units, from_bucket=start
            )
            for stock in mitigation.buffer_stock
        )
    timelines = {
        key: Timeline(scale=scales[key], offset=offsets[key]) for key in scales
    }
    return VariantParameters(
        disabled=variant.disabled, timelines=timelines, buffers=tuple(buffers)
    )
