"""Every field of plan.json says what it means, beside the field in its record type."""

import typing
from typing import Any

from pydantic import BaseModel

from surgeplan.planning import Plan


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic types an annotation names, however deep (lists, optionals)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [
        model
        for argument in typing.get_args(annotation)
        for model in _models_in(argument)
    ]


def plan_types() -> list[type[BaseModel]]:
    """Plan and every record type reachable from its fields, each once."""
    found: list[type[BaseModel]] = []
    waiting: list[type[BaseModel]] = [Plan]
    while waiting:
        model = waiting.pop()
        if model in found:
            continue
        found.append(model)
        for field in model.model_fields.values():
            waiting.extend(_models_in(field.annotation))
    return found


def test_the_walk_reaches_the_tables_and_the_nested_records() -> None:
    names = {model.__name__ for model in plan_types()}

    assert {"Plan", "SolverInfo", "BucketRecord", "BottleneckRecord"} <= names
    assert {"ChangeRecord", "FrozenChangeRecord", "MilestoneConfidence"} <= names


def test_every_field_of_every_plan_record_has_a_description() -> None:
    undescribed = [
        f"{model.__name__}.{name}"
        for model in plan_types()
        for name, field in model.model_fields.items()
        if not (field.description and field.description.strip())
    ]

    assert undescribed == [], "add Field(description=...) to these fields"


def test_descriptions_are_sentences() -> None:
    unfinished = [
        f"{model.__name__}.{name}: {field.description!r}"
        for model in plan_types()
        for name, field in model.model_fields.items()
        if field.description and not field.description.rstrip().endswith((".", ")"))
    ]

    assert unfinished == []
