"""docs/scenario-format.md is generated from the model and documents every field.

Regenerate it after changing a scenario type:

    python -m surgeplan.scenario.schema_doc > docs/scenario-format.md
"""

from pathlib import Path

from surgeplan.scenario import Scenario
from surgeplan.scenario.schema_doc import (
    render_scenario_format_doc,
    scenario_json_schema,
    scenario_types,
    undocumented_fields,
)

DOC = Path(__file__).parents[2] / "docs" / "scenario-format.md"
REGENERATE = "python -m surgeplan.scenario.schema_doc > docs/scenario-format.md"


def test_committed_doc_equals_the_rendered_one() -> None:
    assert DOC.read_text("utf-8") == render_scenario_format_doc(), (
        f"docs/scenario-format.md is out of date; run: {REGENERATE}"
    )


def test_every_field_of_the_model_has_a_description() -> None:
    assert undocumented_fields() == [], (
        "add Field(description=...) to these fields, then run: " + REGENERATE
    )


def test_every_type_and_field_appears_in_the_doc() -> None:
    text = render_scenario_format_doc()

    for model in scenario_types():
        assert f"### {model.__name__}\n" in text
        for name in model.model_fields:
            assert f"| `{name}` |" in text


def test_doc_explains_the_conventions() -> None:
    text = render_scenario_format_doc()

    for topic in (
        "surgeplan/2",
        "include:",
        "YYYY-MM-DD",
        "currency",
        "shutdown",
        "ramp",
    ):
        assert topic in text


def test_required_fields_are_marked_required() -> None:
    text = render_scenario_format_doc()

    assert "| `horizon_buckets` | integer (1 ≤ x ≤ 1040) | required |" in text
    assert "| `time_bucket` | one of `day`, `week`, `month` | `week` |" in text


def test_json_schema_names_its_dialect_and_the_format() -> None:
    schema = scenario_json_schema()

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "surgeplan/2" in schema["title"]
    assert set(schema["required"]) >= {"format", "program", "sites", "items"}
    assert set(schema["properties"]) == set(Scenario.model_fields)
