"""The scenario as planner, checker and simulation count it.

Two features are written compactly for people and spelled out here for the stages:
yields (folded into per-good-unit hours and parts, `yields.with_yields_applied`) and
building conversions (written as one conversion per work center in the building,
`buildings.conversions_of`). A scenario using neither comes back as the same object,
so its results cannot change.
"""

from __future__ import annotations

from surgeplan.scenario.buildings import conversions_of
from surgeplan.scenario.model import Scenario
from surgeplan.scenario.yields import with_yields_applied


def with_buildings_applied(scenario: Scenario) -> Scenario:
    """Each building conversion added to the conversions of its work centers.

    The building stays listed (planner and checker tie its conversions to one
    decision by it); a work center that already has a conversion with the building's
    id has had it added (validation keeps the ids apart), so this can run twice.
    """
    if not any(site.building_conversions for site in scenario.sites):
        return scenario
    sites = scenario.model_dump(mode="json")["sites"]
    for site, model in zip(sites, scenario.sites, strict=True):
        for building in model.building_conversions:
            added = conversions_of(building)
            for center in site["work_centers"]:
                conversion = added.get(center["id"])
                known = {existing["id"] for existing in center["conversions"]}
                if conversion is not None and building.id not in known:
                    center["conversions"].append(conversion)
    return scenario.updated({"sites": sites})


def effective_scenario(scenario: Scenario) -> Scenario:
    """Yields and building conversions spelled out (the scenario itself if neither)."""
    return with_buildings_applied(with_yields_applied(scenario))
