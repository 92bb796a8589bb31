"""Columns of a sheet, derived from the scenario's pydantic models.

A column is a field, named as in the model; nested models and distributions are spread
over dotted names (`calendar.shifts_per_day`, `duration_weeks.low`). Its kind says how
its cells are written and read, and its help (the field's description, with the
default) goes into the header's comment and the Instructions sheet.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from surgeplan.scenario.excel_words import N_, Translate, untranslated


class ColumnKind(Enum):
    """How a column's cells are written and read."""

    TEXT = N_("text")
    NUMBER = N_("number")
    INTEGER = N_("whole number")
    BOOL = N_("TRUE or FALSE")
    DATE = N_("date")
    ID_LIST = N_("comma-separated list")
    CHOICE = N_("one of a list")


@dataclass(frozen=True)
class Column:
    """One column of a sheet (or one field row of a field | value sheet)."""

    name: str
    kind: ColumnKind
    description: str  # an English message id: the field's description
    is_required: bool = False
    choices: tuple[str, ...] = ()
    is_parent: bool = False
    at_root: bool = False  # a FIELDS row stored at the top of the scenario
    # None: the field must be given; "": optional without a default worth saying.
    default: str | None = None
    # Values of the description's %(name)s placeholders (a union's options).
    values: tuple[tuple[str, str], ...] = ()

    def help(self, translate: Translate = untranslated) -> str:
        """The description, then what a blank cell means, in `translate`'s language.

        Whole sentences are translated, never fragments: the description, then
        "Optional." or "Optional (if blank: …)." with the default as a placeholder.
        """
        text = translate(self.description) if self.description else ""
        if self.values:
            text %= dict(self.values)
        if self.default == "":
            text += " " + translate(N_("Optional."))
        elif self.default is not None:
            text += " " + translate(N_("Optional (if blank: %(default)s).")) % {
                "default": self.default
            }
        return text.strip()


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional and Annotated wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        found: list[Any] = []
        for argument in typing.get_args(annotation):
            found.extend(_unwrap(argument))
        return [kind for kind in found if kind is not type(None)]
    return [annotation]


def _kind(annotation: Any) -> tuple[ColumnKind, tuple[str, ...]]:
    kind = _unwrap(annotation)[0]
    if typing.get_origin(kind) is Literal:
        return ColumnKind.CHOICE, tuple(str(value) for value in typing.get_args(kind))
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return ColumnKind.CHOICE, tuple(member.value for member in kind)
    if typing.get_origin(kind) is list:
        (member,) = _unwrap(typing.get_args(kind)[0])
        if member is not str:
            # Lists of records need a sheet of their own (a child sheet in SHEETS).
            raise TypeError(f"no column can hold a list of {member}")
        return ColumnKind.ID_LIST, ()
    simple = {
        bool: ColumnKind.BOOL,
        int: ColumnKind.INTEGER,
        float: ColumnKind.NUMBER,
        dt.date: ColumnKind.DATE,
        str: ColumnKind.TEXT,
    }
    return simple[kind], ()


def _default_text(field: FieldInfo) -> str:
    value = field.default
    if value is PydanticUndefined and field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]
    if value is None or value == "":
        return ""
    if isinstance(value, list):
        return ", ".join(str(part) for part in value) if value else "none"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _default(field: FieldInfo) -> str | None:
    """What a blank cell means: None when the field must be given."""
    return None if field.is_required() else _default_text(field)


# The help of a union's tag column; its options are ids and field names.
UNION_HELP = N_("One of: %(options)s. Fill in the columns it needs.")


def model_columns(
    model: type[BaseModel],
    *,
    prefix: str = "",
    is_required: bool = True,
    skip: tuple[str, ...] = (),
) -> list[Column]:
    """Columns of a model's fields; nested models and unions spread over dotted names.

    `skip` names (dotted) the fields that child sheets hold instead.
    """
    columns: list[Column] = []
    for name, field in model.model_fields.items():
        if f"{prefix}{name}" in skip:
            continue
        member_models = [
            kind
            for kind in _unwrap(field.annotation)
            if isinstance(kind, type) and issubclass(kind, BaseModel)
        ]
        required = is_required and field.is_required()
        if member_models:
            columns.extend(
                _member_columns(member_models, f"{prefix}{name}.", required, skip)
            )
            continue
        kind, choices = _kind(field.annotation)
        columns.append(
            Column(
                f"{prefix}{name}",
                kind,
                field.description or "",
                is_required=required,
                choices=choices,
                default=_default(field),
            )
        )
    return columns


def _member_columns(
    members: list[type[BaseModel]],
    prefix: str,
    is_required: bool,
    skip: tuple[str, ...],
) -> list[Column]:
    """A nested model's columns, or a distribution's: its members' fields side by side.

    Which fields a distribution needs depends on its `distribution` column, so none is
    marked required; the tags of all members are the choices of that column.
    """
    merged: dict[str, Column] = {}
    # The richest member first, so the columns read low, mode, high.
    members = sorted(members, key=lambda member: -len(member.model_fields))
    for member in members:
        for column in model_columns(
            member,
            prefix=prefix,
            is_required=is_required and len(members) == 1,
            skip=skip,
        ):
            known = merged.get(column.name)
            if known is None:
                merged[column.name] = column
            elif column.choices:
                choices = (*known.choices, *column.choices)
                merged[column.name] = replace(known, choices=choices)
    if len(members) > 1:
        tag = next(iter(merged.values()))
        merged[tag.name] = replace(
            tag,
            description=UNION_HELP,
            values=(("options", _union_options(members, tag.name)),),
            default=None,
        )
    return list(merged.values())


def _union_options(members: list[type[BaseModel]], tag_column: str) -> str:
    """'triangular (low, mode, high); …': a union's tags and the fields each needs."""
    tag = tag_column.rsplit(".", 1)[1]
    options: list[str] = []
    for member in members:
        (value,) = typing.get_args(member.model_fields[tag].annotation)
        fields = ", ".join(name for name in member.model_fields if name != tag)
        options.append(f"{value} ({fields})")
    return "; ".join(options)
