"""Gates: events an item's production or delivery cannot pass before.

A regulatory approval, a qualification test or a first-article inspection has a
planned date and, in the simulation, an uncertain delay. A production gate bars the
item's production at its sites until the gate passes; a delivery gate lets units be
made into stock but not delivered before it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from surgeplan.scenario.base import Distribution, Id, ScenarioModel
from surgeplan.scenario.calendar import Bucket


class GateKind(StrEnum):
    """What a gate holds back."""

    PRODUCTION = "production"
    DELIVERY = "delivery"


class Gate(ScenarioModel):
    """An event that production or delivery of an item cannot pass before."""

    id: Id = Field(description="Id of the gate, unique among gates and risks.")
    name: str = Field(default="", max_length=200, description="Name for people.")
    item: Id = Field(description="Id of the item it holds back.")
    kind: GateKind = Field(
        description="`production`: none of the item is made before it passes; "
        "`delivery`: the item may be made into stock but not delivered before."
    )
    date: dt.date = Field(
        description="Day the gate is planned to pass; the planner works with it."
    )
    sites: list[Id] = Field(
        default_factory=list,
        description="Sites a production gate holds back; empty means every site.",
    )
    delay_weeks: Distribution | None = Field(
        default=None,
        description="Weeks the gate passes after `date`, drawn per simulated run; "
        "empty means it passes on its date.",
    )
    description: str = Field(
        default="", max_length=500, description="What it is, for people."
    )


def first_open_bucket(buckets: list[Bucket], date: dt.date) -> int:
    """The first bucket that starts on or after the date: gated work may happen there.

    A gate inside a bucket bars that whole bucket (the bucket is the plan's
    granularity); `len(buckets)` when no bucket starts that late.
    """
    for bucket in buckets:
        if bucket.start >= date:
            return bucket.index
    return len(buckets)


def gates_of(gates: list[Gate], item_id: str, kind: GateKind) -> list[Gate]:
    """The gates of one kind on an item."""
    return [gate for gate in gates if gate.item == item_id and gate.kind is kind]


def holds_site(gate: Gate, site_id: str) -> bool:
    """Whether a production gate holds back this site."""
    return not gate.sites or site_id in gate.sites
