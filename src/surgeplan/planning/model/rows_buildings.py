"""Building conversions in the planning model: one decision for every work center.

A building conversion is spelled out as one conversion per work center in it (all
with the building's id; `scenario.effective`); here their start decisions are tied
bucket by bucket, so they start together or not at all, and the capex (carried by the
first) is paid once.
"""

from __future__ import annotations

import numpy as np

from surgeplan.keys import SiteBuilding
from surgeplan.planning.model.builder import ModelBuilder
from surgeplan.planning.model.index import PlanningIndex
from surgeplan.planning.model.variables import ModelVariables


def building_members(index: PlanningIndex) -> dict[SiteBuilding, list[int]]:
    """Conversion numbers of each building, by (site, building id), in listed order."""
    members: dict[SiteBuilding, list[int]] = {}
    for site in index.scenario.sites:
        for building in site.building_conversions:
            listed = [center.work_center for center in building.work_centers]
            found = [
                conversion.index
                for conversion in index.conversions
                if conversion.site == site.id
                and conversion.id == building.id
                and conversion.work_center in listed
            ]
            found.sort(
                key=lambda number: listed.index(index.conversions[number].work_center)
            )
            members[SiteBuilding(site.id, building.id)] = found
    return members


def add_building_decisions(
    builder: ModelBuilder, index: PlanningIndex, variables: ModelVariables
) -> None:
    """Every work center of a building converts in the block the first one does."""
    for (site_id, building_id), members in building_members(index).items():
        if len(members) < 2:
            continue
        first = variables.conversion[members[0]].columns
        blocks = np.arange(len(first))
        for number in members[1:]:
            rows = builder.add_rows(
                "building",
                (site_id, building_id, index.conversions[number].work_center),
                len(first),
                lower=0.0,
                upper=0.0,
            )
            builder.add_entries(rows.first + blocks, first, 1.0)
            builder.add_entries(
                rows.first + blocks, variables.conversion[number].columns, -1.0
            )
