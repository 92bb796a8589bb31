"""The named pairs that key the stages' tables: what a value is for, and where.

A leaf: it imports nothing of ours, so any stage may use it. Each key is a NamedTuple,
so it hashes and compares like the plain tuple it replaces (a dict keyed by
`ItemSite(item, site)` finds `(item, site)`), while mypy tells an item at a site from a
skill at a site.
"""

from typing import NamedTuple


class ItemSite(NamedTuple):
    """An item at a site."""

    item: str
    site: str


class ItemPoint(NamedTuple):
    """An item at a delivery point."""

    item: str
    delivery_point: str


class SitePool(NamedTuple):
    """A workforce pool: a skill at a site."""

    site: str
    skill: str


class SiteWorkCenter(NamedTuple):
    """A work center at its site."""

    site: str
    work_center: str


class SiteBuilding(NamedTuple):
    """A building conversion at its site."""

    site: str
    building: str


class SupplierSite(NamedTuple):
    """A supplier delivering to one site."""

    supplier: str
    site: str


class SiteConversion(NamedTuple):
    """A conversion of a work center at its site."""

    site: str
    work_center: str
    conversion: str


class LaneItem(NamedTuple):
    """An item on a lane."""

    lane: str
    item: str


__all__ = [
    "ItemPoint",
    "ItemSite",
    "LaneItem",
    "SiteBuilding",
    "SiteConversion",
    "SitePool",
    "SiteWorkCenter",
    "SupplierSite",
]
