"""The names people know things by: scenario names where given, ids otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from surgeplan.scenario import Scenario


@dataclass(frozen=True)
class Names:
    """Display names of a scenario's sites, work centers, items and suppliers."""

    sites: dict[str, str]
    work_centers: dict[tuple[str, str], str]
    items: dict[str, str]
    suppliers: dict[str, str]
    places: dict[str, str]

    @classmethod
    def of(cls, scenario: Scenario) -> Names:
        """Names from a scenario."""
        return cls(
            sites={site.id: site.name or site.id for site in scenario.sites},
            work_centers={
                (site.id, center.id): center.name or center.id
                for site, center in scenario.work_centers()
            },
            items={item.id: item.name or item.id for item in scenario.items},
            suppliers={
                supplier.id: supplier.name or supplier.id
                for supplier in scenario.suppliers
            },
            places={
                **{site.id: site.name or site.id for site in scenario.sites},
                **{
                    point.id: point.name or point.id
                    for point in scenario.delivery_points
                },
            },
        )

    def site(self, site_id: str | None) -> str:
        """A site's name."""
        if site_id is None:
            return ""
        return self.sites.get(site_id, site_id)

    def work_center(self, site_id: str, center_id: str) -> str:
        """'Site · work center'."""
        center = self.work_centers.get((site_id, center_id), center_id)
        return f"{self.site(site_id)} · {center}"

    def item(self, item_id: str) -> str:
        """An item's name."""
        return self.items.get(item_id, item_id)

    def supplier(self, supplier_id: str) -> str:
        """A supplier's name."""
        return self.suppliers.get(supplier_id, supplier_id)

    def place(self, place_id: str) -> str:
        """A site's or delivery point's name."""
        return self.places.get(place_id, place_id)
