"""Items: the program's product, its components and core products, BOMs, routings."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from surgeplan.scenario.base import Id, Money, NonNegative, Positive, ScenarioModel


class ItemKind(StrEnum):
    """What an item is to the program."""

    PROGRAM = "program"
    COMPONENT = "component"
    CORE = "core"


class Sourcing(StrEnum):
    """Whether an item is made in the sites or bought from suppliers."""

    MAKE = "make"
    BUY = "buy"


class BomLine(ScenarioModel):
    """A component and how many of it one unit of the parent needs."""

    item: Id = Field(description="Id of the component.")
    quantity_per: Positive = Field(description="Units of it in one unit of the parent.")


class Operation(ScenarioModel):
    """One step of a routing, done on a work center with the capability."""

    id: Id = Field(description="Id of the operation, unique within its routing.")
    capability: Id = Field(description="Capability a work center needs to do it.")
    hours_per_unit: Positive = Field(
        description="Station hours per unit at the first unit (before learning)."
    )
    labour_hours_by_skill: dict[Id, NonNegative] = Field(
        default_factory=dict,
        description="Labour hours per unit by skill at the first unit.",
    )
    batch_size: Annotated[int, Field(ge=1, le=100_000)] = Field(
        default=1, description="Units made together; the scheduler plans batches."
    )
    setup_hours: NonNegative = Field(
        default=0.0, description="Station hours to set up one batch."
    )
    is_splittable: bool = Field(
        default=True,
        description="Whether the operation may pause over a break or shift end.",
    )
    transfer_batch_size: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        description="Units passed to the next operation together (default: batch).",
    )


class Item(ScenarioModel):
    """A product or component, made in the sites or bought."""

    id: Id = Field(description="Id of the item, unique among items.")
    name: str = Field(default="", max_length=200, description="Name for people.")
    kind: ItemKind = Field(
        description="`program`: the product delivered; `component`: goes into "
        "another item; `core`: a civilian product of the sites."
    )
    sourcing: Sourcing = Field(
        default=Sourcing.MAKE,
        description="`make` in the sites (needs a routing) or `buy` from "
        "suppliers (needs a supplier).",
    )
    bom: list[BomLine] = Field(
        default_factory=list,
        description="Bill of materials: the components one unit needs.",
    )
    routing: list[Operation] = Field(
        default_factory=list, description="Operations in order; required to make."
    )
    learning_rate: Annotated[float, Field(gt=0.5, le=1.0)] = Field(
        default=1.0,
        description="Wright's law: hours per unit fall to this share each time "
        "cumulative output doubles (0.85 is a common figure; 1 means no learning).",
    )
    learning_floor_share: Annotated[float, Field(gt=0.0, le=1.0)] = Field(
        default=0.3,
        description="Hours per unit never fall below this share of the first unit's.",
    )
    prior_cumulative_units: NonNegative = Field(
        default=0.0, description="Units already made before the plan (e.g. prototypes)."
    )
    material_cost_per_unit: Money = Field(
        default=0.0, description="Materials not listed in the BOM, per unit made."
    )
    holding_cost_per_unit_week: Money = Field(
        default=0.0, description="Cost of keeping one unit in stock for a week."
    )
