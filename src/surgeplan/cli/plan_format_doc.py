"""The plan format's reference page, generated from the Plan and its record types.

`docs/plan-format.md` is this module's output; regenerate it after changing a record:

    python -m surgeplan.cli.plan_format_doc > docs/plan-format.md

A field's text is its `Field(description=...)`, written beside the field in its
record type; a test fails when a field has none.
"""

from __future__ import annotations

import datetime as dt
import typing
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel

from surgeplan.cli.plan_format_notes import INTRO, TABLE_NOTES
from surgeplan.planning.results.plan import TABLES, Plan, SolverInfo
from surgeplan.planning.results.records_change import ChangeRecord, FrozenChangeRecord
from surgeplan.planning.results.records_confidence import (
    AimRecord,
    ConfidenceRecord,
    MilestoneConfidence,
    TargetsRecord,
)

MARGIN_TYPES: tuple[type[BaseModel], ...] = (
    TargetsRecord,
    AimRecord,
    ConfidenceRecord,
    MilestoneConfidence,
    ChangeRecord,
    FrozenChangeRecord,
)

REGENERATE = "python -m surgeplan.cli.plan_format_doc > docs/plan-format.md"


def record_types() -> dict[str, type[BaseModel]]:
    """The record type of every table, in plan.json order."""
    types: dict[str, type[BaseModel]] = {}
    for name in TABLES:
        annotation = Plan.model_fields[name].annotation
        types[name] = typing.get_args(annotation)[0]
    return types


def documented_types() -> list[type[BaseModel]]:
    """Every type the page documents: the plan, its solver facts and its records."""
    return [Plan, SolverInfo, *MARGIN_TYPES, *record_types().values()]


def undocumented_fields() -> list[str]:
    """`Type.field` for every documented field without a description."""
    return [
        f"{model.__name__}.{name}"
        for model in documented_types()
        for name, field in model.model_fields.items()
        if not field.description
    ]


def type_text(annotation: Any) -> str:
    """A reader's name for a field's type in plan.json."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is Literal:
        return " or ".join(f'`"{value}"`' for value in arguments)
    if origin is list:
        inner = arguments[0]
        tables = {model: name for name, model in record_types().items()}
        if inner in tables:
            return f"list of [{inner.__name__}](#{tables[inner]}) records"
        return f"list of {type_text(inner)}"
    if arguments and type(None) in arguments:
        options = [
            type_text(argument) for argument in arguments if argument is not type(None)
        ]
        return " or ".join(options) + " or null"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    names: dict[Any, str] = {
        bool: "true or false",
        int: "integer",
        float: "number",
        str: "text",
        dt.datetime: "date and time (ISO 8601, UTC)",
        dt.date: "date",
    }
    return names.get(annotation, str(annotation))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _first_paragraph(text: str | None) -> str:
    return " ".join((text or "").split("\n\n")[0].split())


def fields_table(model: type[BaseModel]) -> list[str]:
    """The markdown table of a type's fields."""
    lines = ["| field | type | description |", "|---|---|---|"]
    for name, field in model.model_fields.items():
        lines.append(
            f"| `{name}` | {_cell(type_text(field.annotation))} "
            f"| {_cell(field.description or '')} |"
        )
    return lines


def _section(heading: str, model: type[BaseModel], note: str | None) -> str:
    lines = [heading, "", _first_paragraph(model.__doc__)]
    if note:
        lines += ["", note]
    lines += ["", *fields_table(model)]
    return "\n".join(lines) + "\n"


def render_plan_format_doc() -> str:
    """The whole of docs/plan-format.md."""
    sections = [
        INTRO,
        _section("## Plan", Plan, TABLE_NOTES.get("plan")),
        _section("### SolverInfo", SolverInfo, TABLE_NOTES.get("solver")),
        *(_section(f"### {model.__name__}", model, None) for model in MARGIN_TYPES),
        "## Tables\n",
    ]
    for name, model in record_types().items():
        note = f"Records of type `{model.__name__}`. {TABLE_NOTES.get(name, '')}"
        sections.append(_section(f"### {name}", model, note.strip()))
    return "\n".join(sections).rstrip("\n") + "\n"


def main() -> None:
    """Print the reference page (see the module docstring)."""
    print(render_plan_format_doc(), end="")  # noqa: T201


if __name__ == "__main__":
    main()


__all__ = [
    "REGENERATE",
    "documented_types",
    "render_plan_format_doc",
    "undocumented_fields",
]
