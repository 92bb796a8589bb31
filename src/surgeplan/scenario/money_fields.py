"""Which scenario fields are amounts of money, read from the format itself."""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from surgeplan.scenario.base import MONEY_UNIT


def _is_money(annotation: Any, info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    if isinstance(extra, dict) and extra.get("unit") == MONEY_UNIT:
        return True
    return any(_marked(part) for part in (annotation, *info.metadata))


def _marked(annotation: Any) -> bool:
    if isinstance(annotation, FieldInfo):
        extra = annotation.json_schema_extra
        return isinstance(extra, dict) and extra.get("unit") == MONEY_UNIT
    return any(_marked(part) for part in typing.get_args(annotation))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for part in typing.get_args(annotation) for model in _models_in(part)]


@functools.cache
def money_field_names() -> frozenset[str]:
    """Names of every scenario field declared as `Money`, in every section."""
    from surgeplan.scenario.model import Scenario

    found: set[str] = set()
    seen: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = [Scenario]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if _is_money(info.annotation, info):
                found.add(name)
            pending.extend(_models_in(info.annotation))
    return frozenset(found)
