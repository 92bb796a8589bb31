"""Turn pydantic's validation errors into messages a planner understands."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from surgeplan.scenario.excel_words import N_
from surgeplan.scenario.speech import gettext, ngettext
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


# Pydantic's wording for common type errors, in a planner's words. Marked with `N_`
# and translated when a message is made, in the language validation speaks.
_PLAIN_MESSAGES = {
    "int_parsing": N_("must be a whole number"),
    "int_type": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_parsing": N_("must be a number"),
    "float_type": N_("must be a number"),
    "bool_parsing": N_("must be true or false"),
    "bool_type": N_("must be true or false"),
    "date_parsing": N_("must be a date written YYYY-MM-DD"),
    "date_type": N_("must be a date written YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("must be a date written YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("must be a date without a time of day"),
    "string_type": N_("must be text"),
    "list_type": N_("must be a list"),
    "model_type": N_("must be a mapping of fields"),
    "model_attributes_type": N_("must be a mapping of fields"),
    "dict_type": N_("must be a mapping"),
    "finite_number": N_("must be a finite number"),
    "string_unicode": N_("must be valid text"),
    "int_parsing_size": N_("is too large a whole number"),
}

# Pydantic's bounds, with the bound as a placeholder: the same English as
# pydantic's own message once "Input should be" reads "must be".
_BOUND_MESSAGES = {
    "greater_than": (N_("must be greater than %(bound)s"), "gt"),
    "greater_than_equal": (N_("must be greater than or equal to %(bound)s"), "ge"),
    "less_than": (N_("must be less than %(bound)s"), "lt"),
    "less_than_equal": (N_("must be less than or equal to %(bound)s"), "le"),
    "multiple_of": (N_("must be a multiple of %(bound)s"), "multiple_of"),
}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _bound(value: Any) -> str:
    """A bound as pydantic writes it: 0.0 as 0, 0.5 as 0.5."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unknown_field(root: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    """An extra field, with the closest allowed name or the allowed ones."""
    parent = _model_at(root, loc[:-1])
    name = str(loc[-1])
    if parent is None:
        return gettext("unknown field '%(field)s'") % {"field": name}
    allowed = list(parent.model_fields)
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return gettext("unknown field '%(field)s'; did you mean '%(suggestion)s'?") % {
            "field": name,
            "suggestion": close[0],
        }
    return gettext("unknown field '%(field)s'; allowed here: %(allowed)s") % {
        "field": name,
        "allowed": ", ".join(allowed),
    }


def _pattern_message(pattern: str) -> str:
    if "A-Z]{2}" in pattern:
        return gettext("use a two-letter ISO 3166 country code in capitals, such as FR")
    if "A-Z]{3}" in pattern:
        return gettext("use a three-letter ISO 4217 currency code, such as EUR")
    if "mon|tue" in pattern:
        return gettext("use mon, tue, wed, thu, fri, sat or sun")
    return gettext(
        "not a valid id: use letters, digits, '-', '_' and '.', starting with "
        "a letter or digit"
    )


def _choices_message(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" of an enum or a literal, in the language spoken."""
    head, separator, last = expected.rpartition(" or ")
    if not separator:
        return gettext("must be %(expected)s") % {"expected": expected}
    return gettext("must be %(choices)s or %(last)s") % {"choices": head, "last": last}


def _length_message(kind: str, ctx: dict[str, Any]) -> str | None:
    """Too short or too long a text or a list, or None for another kind."""
    if kind == "string_too_short":
        count = int(ctx.get("min_length", 0))
        return ngettext(
            "String should have at least %(num)d character",
            "String should have at least %(num)d characters",
            count,
        ) % {"num": count}
    if kind == "string_too_long":
        count = int(ctx.get("max_length", 0))
        return ngettext(
            "String should have at most %(num)d character",
            "String should have at most %(num)d characters",
            count,
        ) % {"num": count}
    place = {"actual": int(ctx.get("actual_length", 0))}
    if kind == "too_short":
        count = int(ctx.get("min_length", 0))
        return ngettext(
            "must hold at least %(num)d item, not %(actual)d",
            "must hold at least %(num)d items, not %(actual)d",
            count,
        ) % {"num": count, **place}
    if kind == "too_long":
        count = int(ctx.get("max_length", 0))
        return ngettext(
            "must hold at most %(num)d item, not %(actual)d",
            "must hold at most %(num)d items, not %(actual)d",
            count,
        ) % {"num": count, **place}
    return None


def _wording(error: ErrorDetails) -> str:
    """Pydantic's message for one error, in a planner's words and language."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx", {}))
    if kind in _PLAIN_MESSAGES:
        return gettext(_PLAIN_MESSAGES[kind])
    if kind in _BOUND_MESSAGES:
        template, key = _BOUND_MESSAGES[kind]
        return gettext(template) % {"bound": _bound(ctx.get(key))}
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(ctx.get("pattern", "")))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return gettext(
            "a distribution needs '%(fixed)s', 'uniform', 'triangular' or "
            "'lognormal' with its parameters"
        ) % {"fixed": "distribution: fixed"}
    if kind in ("enum", "literal_error"):
        return _choices_message(str(ctx.get("expected", "")))
    length = _length_message(kind, ctx)
    if length is not None:
        return length
    # A model validator's own sentence was made, and translated, when it was raised.
    message = (
        error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    )
    return message.replace("Input should be", "must be")


def request_message(error: ErrorDetails) -> str:
    """One error of a request body or query, in the language spoken (the service).

    The location travels beside the message, so the message names no field.
    """
    kind = error["type"]
    if kind == "missing":
        return gettext("is required but missing")
    if kind == "extra_forbidden":
        return gettext("is not a field of this request")
    return _wording(error)


def explain(error: ErrorDetails, root: type[BaseModel]) -> tuple[str, str]:
    """(path, message) for one pydantic error."""
    loc = tuple(part for part in error["loc"] if not is_union_tag(part))
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        message = gettext("'%(field)s' is required but missing: add it") % {
            "field": loc[-1]
        }
        return loc_to_path(loc), message
    if kind == "extra_forbidden":
        return loc_to_path(loc), _unknown_field(root, loc)
    message = _wording(error)
    if not isinstance(value, dict | list):
        message = gettext("%(message)s (got %(value)s)") % {
            "message": message,
            "value": _shown(value),
        }
    if kind == "less_than_equal" and error.get("ctx", {}).get("le") == 1:
        message = gettext(
            "%(message)s; shares and probabilities go from 0 to 1 (0.25 for 25 %%)"
        ) % {"message": message}
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
