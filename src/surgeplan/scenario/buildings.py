"""Building conversions: one decision that converts several work centers of a site.

Converting a hall (a clean room, a new power supply, a sealed floor) is one project
with one investment and one lead time, and every work center in it needs it before it
can run the program. `with_buildings_applied` writes it as one conversion per work
center, all with the building's id, lead time and earliest start, the whole capex on
the first; planner and checker then hold those conversions to one decision (started
together or not at all), and the simulation delays all of them together.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field

from surgeplan.scenario.base import Distribution, Id, Money, ScenarioModel, Share


class ConvertedWorkCenter(ScenarioModel):
    """What a building conversion does to one work center in the building."""

    work_center: Id = Field(description="Id of a work center of the site.")
    adds_capabilities: list[Id] = Field(
        min_length=1, description="Capabilities it gains once the building is done."
    )
    removes_capabilities: list[Id] = Field(
        default_factory=list,
        description="Capabilities it loses then; core load on them must move.",
    )
    efficiency_after: Share | None = Field(
        default=None,
        gt=0,
        description="OEE after the conversion; defaults to the work center's.",
    )


class BuildingConversion(ScenarioModel):
    """One conversion of a building that several work centers need, decided once."""

    id: Id = Field(
        description="Id of the building conversion, unique among the site's "
        "conversions and every risk and gate."
    )
    name: str = Field(default="", max_length=200, description="Name for people.")
    work_centers: list[ConvertedWorkCenter] = Field(
        min_length=1,
        description="The work centers in the building and what each gains.",
    )
    capex: Money = Field(description="Investment of the whole building conversion.")
    lead_time_weeks: Annotated[int, Field(ge=0, le=260)] = Field(
        description="Weeks from its start until every work center in it can be used."
    )
    earliest_start_date: dt.date | None = Field(
        default=None, description="It cannot start before this day."
    )
    delay_weeks: Distribution | None = Field(
        default=None,
        description="Weeks it finishes late, drawn per simulated run: every work "
        "center in the building waits; empty means on time.",
    )


def conversions_of(building: BuildingConversion) -> dict[str, dict[str, Any]]:
    """The per-work-center conversions a building conversion stands for, by center.

    Each carries the building's id, lead time and earliest start; the first carries
    the capex, so that it is paid once.
    """
    found: dict[str, dict[str, Any]] = {}
    for position, center in enumerate(building.work_centers):
        found[center.work_center] = {
            "id": building.id,
            "adds_capabilities": list(center.adds_capabilities),
            "removes_capabilities": list(center.removes_capabilities),
            "capex": building.capex if position == 0 else 0.0,
            "lead_time_weeks": building.lead_time_weeks,
            "earliest_start_date": building.earliest_start_date.isoformat()
            if building.earliest_start_date
            else None,
            "efficiency_after": center.efficiency_after,
        }
    return found
