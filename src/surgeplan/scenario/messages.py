"""Turn pydantic's validation errors into messages a planner understands."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from surgeplan.scenario.yaml_source import join_path


def loc_to_path(loc: tuple[int | str, ...]) -> str:
    """('sites', 1, 'stations') -> 'sites[1].stations'."""
    path = ""
    for part in loc:
        path = join_path(path, part)
    return path


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Annotated/list wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        found: list[Any] = []
        for argument in typing.get_args(annotation):
            found.extend(_unwrap(argument))
        return found
    return [annotation]


def _model_at(
    root: type[BaseModel], loc: tuple[int | str, ...]
) -> type[BaseModel] | None:
    """The scenario type that holds the last element of `loc`."""
    current: Any = root
    for part in loc:
        if isinstance(part, int):
            candidates = [
                typing.get_args(kind)[0]
                for kind in _unwrap(current)
                if typing.get_origin(kind) is list
            ]
            if not candidates:
                return None
            current = candidates[0]
            continue
        models = [
            kind
            for kind in _unwrap(current)
            if isinstance(kind, type) and issubclass(kind, BaseModel)
        ]
        if len(models) != 1 or part not in models[0].model_fields:
            return None
        current = models[0].model_fields[part].annotation
    models = [
        kind
        for kind in _unwrap(current)
        if isinstance(kind, type) and issubclass(kind, BaseModel)
    ]
    return models[0] if len(models) == 1 else None


# Pydantic's wording for common type errors, in a planner's words.
_PLAIN_MESSAGES = {
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date without a time of day",
    "string_type": "must be text",
    "list_type": "must be a list",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "dict_type": "must be a mapping",
}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def explain(error: ErrorDetails, root: type[BaseModel]) -> tuple[str, str]:
    """(path, message) for one pydantic error."""
    loc = tuple(part for part in error["loc"] if not is_union_tag(part))
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return loc_to_path(loc), f"'{loc[-1]}' is required but missing: add it"
    if kind == "extra_forbidden":
        parent = _model_at(root, loc[:-1])
        name = str(loc[-1])
        hint = ""
        if parent is not None:
            allowed = list(parent.model_fields)
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (
                f"; did you mean '{close[0]}'?"
                if close
                else f"; allowed here: {', '.join(allowed)}"
            )
        return loc_to_path(loc), f"unknown field '{name}'{hint}"
    message = error["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        if "A-Z]{2}" in pattern:
            message = "use a two-letter ISO 3166 country code in capitals, such as FR"
        elif "A-Z]{3}" in pattern:
            message = "use a three-letter ISO 4217 currency code, such as EUR"
        elif "mon|tue" in pattern:
            message = "use mon, tue, wed, thu, fri, sat or sun"
        else:
            message = (
                "not a valid id: use letters, digits, '-', '_' and '.', starting with "
                "a letter or digit"
            )
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        message = (
            "a distribution needs 'distribution: fixed', 'uniform', 'triangular' or "
            "'lognormal' with its parameters"
        )
    message = _PLAIN_MESSAGES.get(kind, message).replace("Input should be", "must be")
    if not isinstance(value, dict | list) and kind not in ("missing",):
        message = f"{message} (got {_shown(value)})"
    if kind == "less_than_equal" and error.get("ctx", {}).get("le") == 1:
        message += "; shares and probabilities go from 0 to 1 (0.25 for 25 %)"
    return loc_to_path(loc), message


def is_union_tag(part: int | str) -> bool:
    """Whether a location part is a distribution's tag, not a field people write."""
    # Discriminated unions add the tag ('triangular') to the location; people don't
    # write it, so it is left out of the path.
    return isinstance(part, str) and part in (
        "fixed",
        "uniform",
        "triangular",
        "lognormal",
    )
