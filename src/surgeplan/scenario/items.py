"""Items: the program's product, its components and core products, BOMs, routings."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from surgeplan.scenario.base import (
    Id,
    Money,
    NonNegative,
    Positive,
    ScenarioModel,
    Share,
)
from surgeplan.scenario.speech import gettext
from surgeplan.scenario.yield_learning import YieldLearning


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
    first_pass_yield: Annotated[float, Field(gt=0.0, le=1.0)] = Field(
        default=1.0,
        description="Share of the units started that pass the first time (a test's "
        "pass rate); the planner starts 1 / yield units per good unit.",
    )
    rework_share: Share = Field(
        default=0.0,
        description="Share of the failing units reworked into good units by "
        "`rework_operation`; the rest are scrapped, with all their materials.",
    )
    rework_operation: Id | None = Field(
        default=None,
        description="Id of the operation of this routing that reworks the failures; "
        "its hours and labour are per reworked unit.",
    )
    yield_learning: YieldLearning | None = Field(
        default=None,
        description="First-pass yield improving with the good units a site has "
        "made: the gap to final_first_pass_yield halves every units_to_half_gap "
        "units, and the hours per good unit fall with it in planner, check and "
        "simulation (parts per good unit stay at first_pass_yield's). Empty: the "
        "yield stays.",
    )

    @model_validator(mode="after")
    def _rework_is_named(self) -> Operation:
        if self.rework_share > 0 and self.rework_operation is None:
            raise ValueError(gettext("a rework_share needs a rework_operation"))
        if self.rework_operation is not None and (
            self.rework_share <= 0 or self.first_pass_yield >= 1
        ):
            raise ValueError(
                gettext(
                    "a rework_operation needs a first_pass_yield below 1 and "
                    "a rework_share above 0"
                )
            )
        learning = self.yield_learning
        if learning and learning.final_first_pass_yield < self.first_pass_yield:
            raise ValueError(
                gettext(
                    "yield_learning.final_first_pass_yield is below "
                    "first_pass_yield; a yield learns upwards"
                )
            )
        return self


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

    @model_validator(mode="after")
    def _rework_operations_exist(self) -> Item:
        """A rework operation is another operation of the routing, without yield."""
        by_id = {operation.id: operation for operation in self.routing}
        for operation in self.routing:
            name = operation.rework_operation
            if name is None:
                continue
            rework = by_id.get(name)
            if rework is None or name == operation.id:
                raise ValueError(
                    gettext(
                        "operation '%(operation_id)s': rework_operation "
                        "'%(name)s' is not another operation of this routing"
                    )
                    % {"operation_id": operation.id, "name": name}
                )
            if rework.first_pass_yield < 1 or rework.rework_operation is not None:
                raise ValueError(
                    gettext(
                        "rework operation '%(name)s' has a yield of its own; "
                        "rework is taken to succeed"
                    )
                    % {"name": name}
                )
        return self
