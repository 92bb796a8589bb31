"""The scenario format's reference page and JSON Schema, generated from the model.

`docs/scenario-format.md` is this module's output; regenerate it after changing a
scenario type:

    python -m surgeplan.scenario.schema_doc > docs/scenario-format.md
"""

from __future__ import annotations

import sys
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from surgeplan.scenario.base import Id
from surgeplan.scenario.formats import SCENARIO_FORMAT
from surgeplan.scenario.model import Scenario

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ID_DESCRIPTION = typing.get_args(Id)[2].description
_DISTRIBUTION_NAMES = (
    "FixedDistribution",
    "UniformDistribution",
    "TriangularDistribution",
    "LognormalDistribution",
)


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario document.

    It checks types and bounds only; the cross-references are checked by
    `surgeplan validate`.
    """
    schema = Scenario.model_json_schema()
    schema.pop("title", None)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"surgeplan scenario ({SCENARIO_FORMAT})",
        **schema,
    }


def _field_description(field: FieldInfo) -> str | None:
    """The field's own description; the generic id text does not count."""
    description = field.description
    if not description or description == _ID_DESCRIPTION:
        return None
    return description


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for argument in typing.get_args(annotation):
        found.extend(_nested_models(argument))
    return found


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is list:
        return True
    return any(_is_list(argument) for argument in typing.get_args(annotation))


def scenario_types() -> dict[type[BaseModel], list[str]]:
    """Every scenario type, depth first in field order, with the paths it sits at."""
    paths: dict[type[BaseModel], list[str]] = {Scenario: [""]}

    def visit(model: type[BaseModel], path: str) -> None:
        for name, field in model.model_fields.items():
            suffix = "[]" if _is_list(field.annotation) else ""
            child_path = f"{path}.{name}{suffix}" if path else f"{name}{suffix}"
            for child in _nested_models(field.annotation):
                known = child in paths
                paths.setdefault(child, []).append(child_path)
                if not known:
                    visit(child, child_path)

    visit(Scenario, "")
    return paths


def undocumented_fields() -> list[str]:
    """`Type.field` for every field without a description of its own."""
    return [
        f"{model.__name__}.{name}"
        for model in scenario_types()
        for name, field in model.model_fields.items()
        if _field_description(field) is None
    ]


def _number(value: float) -> str:
    return f"{value:g}"


def _bounds(prop: dict[str, Any]) -> str:
    """' (0 < x ≤ 1)', ' ≥ 0' or ''."""
    low = high = ""
    if "exclusiveMinimum" in prop:
        low = f"{_number(prop['exclusiveMinimum'])} <"
    elif "minimum" in prop:
        low = f"{_number(prop['minimum'])} ≤"
    if "exclusiveMaximum" in prop:
        high = f"< {_number(prop['exclusiveMaximum'])}"
    elif "maximum" in prop:
        high = f"≤ {_number(prop['maximum'])}"
    if low and high:
        return f" ({low} x {high})"
    if low:
        flipped = low.replace("≤", "≥").replace("<", ">")
        value, sign = flipped.rsplit(" ", 1)
        return f" {sign} {value}"
    return f" {high}" if high else ""


def _string_text(prop: dict[str, Any]) -> str:
    pattern = str(prop.get("pattern", ""))
    if prop.get("format") == "date":
        return "date"
    if "A-Za-z0-9" in pattern:
        return "id"
    if "A-Z]{2}" in pattern:
        return "country code"
    if "A-Z]{3}" in pattern:
        return "currency code"
    if "mon|tue" in pattern:
        return "weekday"
    if "maxLength" in prop:
        return f"text (≤ {prop['maxLength']} characters)"
    return "text"


def _type_text(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A reader's name for the JSON Schema of one field."""
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        text = " or ".join(_type_text(option, defs) for option in options)
        return f"{text} or empty" if len(options) < len(prop["anyOf"]) else text
    if "oneOf" in prop:
        return "[distribution](#distributions)"
    if "allOf" in prop and len(prop["allOf"]) == 1:
        return _type_text(prop["allOf"][0], defs)
    if "$ref" in prop:
        name = str(prop["$ref"]).rsplit("/", 1)[-1]
        target = defs[name]
        if "enum" in target:
            return _type_text(target, defs)
        return f"[{name}](#{name.lower()})"
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        text = f"list of {_type_text(prop['items'], defs)}"
        if prop.get("minItems"):
            text += f", at least {prop['minItems']}"
        if "maxItems" in prop:
            text += f", at most {prop['maxItems']}"
        return text
    if kind == "object":
        values = list(prop.get("patternProperties", {}).values())
        value = _type_text(values[0], defs) if values else "value"
        return f"mapping of id to {value}"
    if kind == "string":
        return _string_text(prop)
    if kind in ("integer", "number"):
        return f"{kind}{_bounds(prop)}"
    if kind == "boolean":
        return "true or false"
    return "any"


def _default_text(field_name: str, field: FieldInfo) -> str:
    # A distribution's tag has a Python default but is required in a document.
    if field.is_required() or field_name == "distribution":
        return "required"
    value = field.get_default(call_default_factory=True, validated_data={})
    if value is None:
        return "empty"
    if isinstance(value, list | dict) and not value:
        return "none"
    if isinstance(value, BaseModel):
        return "see its fields"
    if isinstance(value, str) and not value:
        return '`""`'
    if hasattr(value, "value"):
        value = value.value
    if isinstance(value, list):
        return f"`[{', '.join(str(part) for part in value)}]`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float):
        return f"`{_number(value)}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _first_paragraph(text: str | None) -> str:
    return " ".join((text or "").split("\n\n")[0].split())


def _section(model: type[BaseModel], paths: list[str], defs: dict[str, Any]) -> str:
    name = model.__name__
    schema = Scenario.model_json_schema() if model is Scenario else defs[name]
    where = ", ".join(f"`{path}`" for path in paths if path)
    lines = [f"### {name}", "", _first_paragraph(model.__doc__)]
    if where:
        lines += ["", f"Found at {where}."]
    lines += [
        "",
        "| field | type | required / default | description |",
        "|---|---|---|---|",
    ]
    for field_name, field in model.model_fields.items():
        prop = schema["properties"][field_name]
        description = _field_description(field) or (
            field.title or field_name.replace("_", " ").capitalize()
        )
        lines.append(
            f"| `{field_name}` | {_cell(_type_text(prop, defs))} "
            f"| {_default_text(field_name, field)} | {_cell(description)} |"
        )
    return "\n".join(lines) + "\n"


def render_scenario_format_doc() -> str:
    """The whole of docs/scenario-format.md."""
    defs: dict[str, Any] = Scenario.model_json_schema()["$defs"]
    types = scenario_types()
    sections = [
        _section(model, paths, defs)
        for model, paths in types.items()
        if model.__name__ not in _DISTRIBUTION_NAMES
    ]
    distributions = [
        _section(model, [], defs)
        for model in types
        if model.__name__ in _DISTRIBUTION_NAMES
    ]
    return (
        "\n".join(
            [INTRO, "## Types\n", *sections, DISTRIBUTIONS_HEADING, *distributions]
        ).rstrip("\n")
        + "\n"
    )


def main() -> None:
    """Print the reference page (see the module docstring)."""
    sys.stdout.write(render_scenario_format_doc())


# The hand-written part of the page: what the tables cannot say.
INTRO = """\
# Scenario format (surgeplan/2)

<!-- Generated by `python -m surgeplan.scenario.schema_doc > docs/scenario-format.md`
from the scenario model; edit the model's descriptions, not this file. -->

A scenario is everything surgeplan needs to plan, schedule and simulate a surge: the
sites and their work centers, the items with their bills of materials and routings,
suppliers and transport lanes, the program's milestones, the core (civilian) demand to
protect, the contract's economics, and the risks with their mitigations.
`surgeplan init DIR` writes a commented starting point; `surgeplan validate FILE`
reports every problem at once, each with its file and line (or sheet, row and column);
`surgeplan schema` prints the JSON Schema of this page for editors.

## Files

- **YAML** (`.yaml`, `.yml`) or **JSON** (`.json`), UTF-8, with `format: surgeplan/2`
  at the top. Only plain values, lists and mappings are read: YAML tags such as
  `!!python/object` are refused, a key may appear once per mapping, and aliases may not
  expand to more than two million values.
- **Excel** (`.xlsx`): the same content, one sheet per list, as written by
  `surgeplan init DIR --excel` or `surgeplan convert scenario.yaml scenario.xlsx`.
  `convert` turns any of these forms into another without loss.
- **A folder** holding `scenario.yaml`, which may list other files beside it under
  `include: [sites.yaml, risks.yaml]`. Each included file is a mapping of top-level
  sections: its lists are appended to the main file's lists, any other section may be
  set in one file only. Included files must sit inside the folder and cannot include
  further files.

## Conventions

- **Ids** use letters, digits, `-`, `_` and `.`, start with a letter or digit, and are
  unique within their kind (sites and delivery points share one space, because lanes
  name both). References name ids: a misspelt one is reported with the closest match.
- **Money** is in the program's `currency` (`hourly_cost`, `capex`, `unit_cost`: no
  currency in the name; format `surgeplan/1` wrote `hourly_cost_eur`, and
  `surgeplan convert FILE` upgrades such a file). **Other units are in the field
  names**: `_weeks`, `_hours`, `_years`, `_per_week`, `_per_unit`. A `_share` or a
  probability is a number from 0 to 1 (`0.25` is a quarter), never a percentage.
- **Dates** are written `YYYY-MM-DD`; ranges such as shutdowns include both ends.
- **Unknown fields are errors** (with a suggestion for a likely misspelling), so a typo
  never silently falls back to a default. Fields left out take the default shown below.

## Time buckets

The plan runs from `program.start_date` over `program.horizon_buckets` periods of
`program.time_bucket`: `day`, `week` (seven days from the start date, so start on the
day your weeks start) or `month` (from the start date to the same day of the next
month). Milestones and shutdowns must fall inside the horizon. Lead times are given in
weeks and rounded up to whole buckets, never shortened.

**Longer buckets later in the horizon.** With weekly buckets, `program.detailed_weeks:
26` plans the first 26 weeks week by week and the rest in buckets of
`program.coarse_bucket_weeks` (4) weeks; the week holding a milestone's due date always
ends a bucket, so deliveries by a due date are known to the week. The model shrinks
with its bucket count (117 weeks become about 50 buckets) and plans two to three times
faster. Something started in a bucket (an order, a shipment, a conversion, a hire) is
ready in the first bucket that starts at least its lead time after that bucket starts:
a one-week lead time from a four-week bucket takes four weeks. Shift patterns and
conversions are decided per bucket of four weeks or more.

A station's **shift hours** in a bucket are its working days that are neither public
holidays nor shutdown days, times `shifts_per_day`, times `hours_per_shift` (of the
work center's shift pattern, else of the site calendar). Its effective capacity is
shift hours times `stations` times `efficiency` (OEE).

**Weekly rates scale with shutdowns.** Core demand, core load, overtime and supplier
deliveries to a site are stated per working week. In a bucket, each is multiplied by the
share of the bucket's days outside the site's shutdowns (a week with five shutdown days
keeps 2/7 of its rate) and by the bucket's length in weeks (a 30-day month holds 30/7
weeks). Public holidays cut shift hours but not these rates.

## Supply

A supplier delivers one bought item (`sourcing: buy`) to the sites it lists,
`lead_time_weeks` after the order. Without `capacity_ramp` it can ship
`capacity_per_week` from the first bucket. With a ramp it ships **nothing before the
first step**, then each step's `units_per_week` from its `from_date` on, never more than
`capacity_per_week`. Lanes carry goods from a site to another site or to a delivery
point; every delivery point with a milestone needs a lane that reaches it.

## Demand

**Milestones** are cumulative: `cumulative_quantity` is the total delivered to the
delivery point by `due_date`, so for one item and delivery point the quantities must
increase with the dates. Milestones are soft: late units cost
`late_penalty_per_unit_week` for every week late.

**Core demand** (`demand.core`) is the civilian production the surge must not harm: a
weekly rate of a core item (`kind: core`) at a site, changed from given dates by
`changes`. The core item is made through its routing on the site's work centers, so the
site must be able to do its operations. Protected core demand must be met (a scenario
where it cannot be is contradictory); unprotected demand may fall short at
`shortfall_penalty_per_unit` per unit. **Core load** on a work center
(`core_load`) is the simpler form: station hours a week already taken by core work,
on a capability the work center has.

## Distributions

Uncertain quantities of risks (durations, shares, learning rates) are distributions,
written as a mapping with a `distribution` key and its parameters:

```yaml
duration_weeks: {distribution: fixed, value: 2}
duration_weeks: {distribution: uniform, low: 1, high: 3}
duration_weeks: {distribution: triangular, low: 1, mode: 2, high: 6}
duration_weeks: {distribution: lognormal, median: 2, sigma: 0.5}
```

A triangular distribution is a planner's three-point estimate (`low <= mode <= high`);
a lognormal one is right-skewed: usually near the median, sometimes much longer. The
simulator draws risk durations and shares once per event, learning rates and opt-out
shares once per run.

## Validation

Beyond the types and bounds in the tables below, a scenario must be consistent: every
reference names a declared id; no bill of materials contains itself; every operation's
capability exists on some work center of the scenario, at least after a conversion; a
made item has a routing and a bought item a supplier; no more people are qualified than
volunteer; a conversion removes only capabilities its work center has, and core load
sits on capabilities it has. `surgeplan validate` lists every problem found.
"""

DISTRIBUTIONS_HEADING = """\
## Distribution types

Each distribution is one of the following, chosen by its `distribution` key.
"""


__all__ = [
    "render_scenario_format_doc",
    "scenario_json_schema",
    "scenario_types",
    "undocumented_fields",
]

if __name__ == "__main__":
    main()
